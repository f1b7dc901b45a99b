import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The process oracle's supervisor (`wsconform fuzz --exec 'CMD'`): launches the target,
/// knows when it is ready, sees it exit or die, keeps the tail of its output, and restarts it.
///
/// The command runs through `/bin/sh -c` as the leader of its own process group, so stopping
/// it stops whatever it started too. Readiness is the target's address accepting a TCP
/// connection, polled with a short back-off within a deadline and a bounded number of attempts.
///
/// Safe to call from several worker threads. Starts, stops and restarts are serialised; each
/// start increments `generation`, so a worker that saw generation 3 crash calls
/// `restart(after: 3)` and, if another worker already restarted it, simply gets 4 back
/// instead of a second restart.
public final class TargetProcess: Sendable {
    /// What to launch and how long to wait for it.
    public struct Settings: Hashable, Sendable {
        /// The shell command, e.g. `./my-server --port 9001`.
        public var command: String
        /// The address that accepts connections once the target is ready.
        public var host: String
        public var port: UInt16
        /// How long a start may take to accept its first connection.
        public var readyTimeout: Duration = .seconds(10)
        /// The most connection attempts while waiting for readiness.
        public var maxReadyAttempts = 400
        /// How long the group has between SIGTERM and SIGKILL.
        public var stopTimeout: Duration = .seconds(5)
        /// Octets of output kept (the tail).
        public var outputCapacity = 64 << 10
        /// How long an ended process's last output may take to drain before its exit is
        /// reported (a grandchild that escaped the group may hold the pipe open for ever).
        public var outputDrainTimeout: Duration = .seconds(1)

        public init(command: String, host: String, port: UInt16) {
            self.command = command
            self.host = host
            self.port = port
        }

    }

    private struct Current {
        let pid: pid_t
        let output: OutputRing
        let generation: Int
    }

    private struct Ended {
        let generation: Int
        let status: TargetStatus
        let requested: Bool
        let output: OutputRing
    }

    private struct State {
        var current: Current?
        var ended: Ended?
        var generation = 0
        /// Set while the supervisor itself is stopping the current process.
        var stopping = false

        /// Reaps the current process if it has ended. Any member of its group still alive is
        /// killed first, while the zombie leader keeps the group id from being reused.
        mutating func reapIfEnded() {
            guard let current, let status = Syscall.endWithoutReaping(current.pid) else { return }
            Syscall.signalGroup(current.pid, SIGKILL)
            Syscall.reap(current.pid)
            ended = Ended(generation: current.generation, status: status, requested: stopping, output: current.output)
            self.current = nil
        }
    }

    /// Tries one connection to the target's address within the deadline; throws when it is not
    /// accepted. `Transport` supplies the TCP one, so this module opens no socket itself.
    public typealias Readiness = @Sendable (_ host: String, _ port: UInt16, _ deadline: Deadline) throws -> Void

    public let settings: Settings
    private let readiness: Readiness
    private let state = Mutex(State())
    /// Held for a whole start, stop or restart, so they never interleave.
    private let lifecycle = NSLock()

    public init(_ settings: Settings, readiness: @escaping Readiness) {
        self.settings = settings
        self.readiness = readiness
    }

    deinit { _ = terminate() }

    /// Starts counting from 1 at the first start; unchanged while a generation runs.
    public var generation: Int { state.withLock { $0.generation } }

    /// The PID (and process group id) of the running generation.
    public var processID: Int32? { state.withLock { $0.current?.pid } }

    /// The current generation's state; reaps it if it has ended.
    public var status: TargetStatus {
        state.withLock { state in
            state.reapIfEnded()
            if state.current != nil { return .running }
            return state.ended?.status ?? .notStarted
        }
    }

    /// The kept output of the running generation, or of the last one when none runs.
    public var output: String { state.withLock { $0.current?.output ?? $0.ended?.output }?.text ?? "" }

    /// How the current generation ended; nil while it runs (or before the first start).
    /// Waits briefly for its last output to drain, so the tail includes the dying words.
    public func ended() -> TargetExit? {
        let record = state.withLock { state -> Ended? in
            state.reapIfEnded()
            return state.current == nil ? state.ended : nil
        }
        return record.map(report)
    }

    /// How the most recent generation that ended did so, even when a newer one runs now.
    public var lastExit: TargetExit? { state.withLock { $0.ended }.map(report) }

    /// Launches the target and waits until it accepts a connection; returns the generation.
    /// Does nothing (returns the generation) when it is already running.
    @discardableResult
    public func start() throws(TargetProcessError) -> Int {
        lifecycle.lock()
        defer { lifecycle.unlock() }
        return try launch()
    }

    /// SIGTERM to the group, SIGKILL after `stopTimeout`, the child reaped. Returns how the
    /// generation ended; nil when nothing ran.
    @discardableResult
    public func stop() -> TargetExit? {
        lifecycle.lock()
        defer { lifecycle.unlock() }
        return terminate()
    }

    /// As `stop`, with `grace` between SIGTERM and SIGKILL instead of `stopTimeout`: the
    /// shutdown check's deadline. The exit says whether SIGKILL was needed and how long the
    /// process took to end after SIGTERM.
    @discardableResult
    public func stop(grace: Duration) -> TargetExit? {
        lifecycle.lock()
        defer { lifecycle.unlock() }
        return terminate(grace: grace)
    }

    /// Stop, start, wait until ready: the new generation.
    @discardableResult
    public func restart() throws(TargetProcessError) -> Int {
        lifecycle.lock()
        defer { lifecycle.unlock() }
        _ = terminate()
        return try launch()
    }

    /// Restarts the target unless a newer generation than `seen` already runs (another worker
    /// restarted it meanwhile); either way returns the generation now running.
    @discardableResult
    public func restart(after seen: Int) throws(TargetProcessError) -> Int {
        lifecycle.lock()
        defer { lifecycle.unlock() }
        let current = state.withLock { state -> Int? in
            state.reapIfEnded()
            return state.current != nil && state.generation != seen ? state.generation : nil
        }
        if let current { return current }
        _ = terminate()
        return try launch()
    }

    private func report(_ record: Ended) -> TargetExit {
        record.output.finish(within: settings.outputDrainTimeout)
        return TargetExit(generation: record.generation, status: record.status, requested: record.requested, output: record.output.text)
    }

    /// Spawns a generation and waits for readiness (the lifecycle lock is held).
    private func launch() throws(TargetProcessError) -> Int {
        let running = state.withLock { state -> Int? in
            state.reapIfEnded()
            return state.current?.generation
        }
        if let running { return running }
        let pipe: (read: Int32, write: Int32)
        switch Syscall.makePipe() {
        case .success(let ends): pipe = ends
        case .failure(let code): throw .spawnFailed(command: settings.command, errno: code)
        }
        let spawned = Syscall.spawnShell(settings.command, output: pipe.write)
        Syscall.closeDescriptor(pipe.write)
        let pid: pid_t
        switch spawned {
        case .success(let child): pid = child
        case .failure(let code):
            Syscall.closeDescriptor(pipe.read)
            throw .spawnFailed(command: settings.command, errno: code)
        }
        let output = OutputRing(capacity: settings.outputCapacity)
        OutputCapture.start(reading: pipe.read, into: output)
        let generation = state.withLock { state in
            state.generation += 1
            state.current = Current(pid: pid, output: output, generation: state.generation)
            state.stopping = false
            return state.generation
        }
        try waitUntilReady()
        return generation
    }

    /// Polls a TCP connect to the target's address until it succeeds, the process ends, the
    /// deadline passes or the attempts run out (then the process is stopped).
    private func waitUntilReady() throws(TargetProcessError) {
        let address = "\(settings.host):\(settings.port)"
        let started = ContinuousClock.now
        let deadline = Deadline.after(settings.readyTimeout)
        var backOff = Duration.milliseconds(2)
        var attempts = 0
        var lastProblem = "no attempt was made"
        while attempts < max(1, settings.maxReadyAttempts) {
            if let exit = ended() { throw .exitedBeforeReady(command: settings.command, exit: exit) }
            attempts += 1
            do {
                try readiness(settings.host, settings.port, .earliest(deadline, .after(.seconds(1))))
                // Something else may hold the port while the target failed to bind it.
                if let exit = ended() { throw TargetProcessError.exitedBeforeReady(command: settings.command, exit: exit) }
                return
            } catch {
                lastProblem = "\(error)"
            }
            if deadline.hasPassed { break }
            Syscall.pause(min(backOff, deadline.remaining))
            backOff = min(backOff * 2, .milliseconds(100))
        }
        if let exit = ended() { throw .exitedBeforeReady(command: settings.command, exit: exit) }
        let tail = terminate()?.output ?? self.output
        throw .notReady(
            command: settings.command, address: address, waited: ContinuousClock.now - started, attempts: attempts,
            lastProblem: lastProblem, output: tail)
    }

    /// Stops the current generation, if any, and reports how it ended.
    private func terminate(grace: Duration? = nil) -> TargetExit? {
        let pid = state.withLock { state -> pid_t? in
            state.reapIfEnded()
            guard let current = state.current else { return nil }
            state.stopping = true
            return current.pid
        }
        var killed = false
        let signalled = ContinuousClock.now
        if let pid {
            Self.askToStop(group: pid)
            if !waitForEnd(until: .after(grace ?? settings.stopTimeout)) {
                killed = true
                Syscall.signalGroup(pid, SIGKILL)
                _ = waitForEnd(until: .after(.seconds(5)))
            }
        }
        let took = ContinuousClock.now - signalled
        return state.withLock { $0.current == nil ? $0.ended : nil }.map(report).map { exit in
            var exit = exit
            if pid != nil {
                exit.killedAfterGrace = killed
                exit.stopDuration = took
            }
            return exit
        }
    }

    /// SIGTERM to the group, but not to the `/bin/sh -c` that leads it while the shell still
    /// waits on its command (dash does not `exec` it): a shell dies of SIGTERM at once, and
    /// the end of the leader ends the group, which would cut the command's own shutdown
    /// short. The shell then exits with its command's status.
    private static func askToStop(group: pid_t) {
        let members = ProcessGroupSample.members(of: group).filter { $0 != group }
        guard ProcessGroupSample.command(of: group) == "sh", !members.isEmpty else {
            Syscall.signalGroup(group, SIGTERM)
            return
        }
        for member in members { Syscall.signalProcess(member, SIGTERM) }
    }

    /// Polls for the current process's end with a short back-off; false at the deadline.
    private func waitForEnd(until deadline: Deadline) -> Bool {
        var backOff = Duration.milliseconds(1)
        while true {
            let gone = state.withLock { state in
                state.reapIfEnded()
                return state.current == nil
            }
            if gone { return true }
            if deadline.hasPassed { return false }
            Syscall.pause(min(backOff, deadline.remaining))
            backOff = min(backOff * 2, .milliseconds(20))
        }
    }
}
