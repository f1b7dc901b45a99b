import Client
import Dispatch
import Foundation
import Synchronization
import Testing
import Transport
import Wire

@testable import Fuzz
@testable import Platform

#if canImport(Glibc)
    import Glibc
#endif

/// The process oracle's supervisor against real processes: `wsconform serve` with its crash
/// fault, commands that never listen or exit at once, a group that ignores SIGTERM.
///
/// Waits for events have deadlines of a minute, which a test that passes never waits out: a
/// slow machine cannot fail them. How fast the supervisor notices an exit or gives up on a
/// target is measured in `bench/deadlines.sh`, not here.
@Suite("Fuzz: target process supervisor")
struct ProcessSupervisorTests {
    /// How long a test waits for something that must happen (a liveness guard, not a timing).
    static let patience: Double = 60

    /// The built `wsconform`, beside the test bundle (or `WSCONFORM_BIN`).
    static var wsconform: String {
        if let path = ProcessInfo.processInfo.environment["WSCONFORM_BIN"] { return path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("wsconform").path
    }

    /// A loopback port nothing listens on now (bound, then released).
    static func freePort() throws -> UInt16 {
        let listener = try TCPListener(host: "127.0.0.1", port: 0)
        defer { listener.close() }
        return listener.port
    }

    /// Settings whose timers a loaded machine cannot beat: an exit's output always drains
    /// before it is reported (no test target leaves a grandchild holding the pipe).
    static func settings(_ command: String, port: UInt16, ready: Duration = .seconds(60)) -> TargetProcess.Settings {
        var settings = TargetProcess.Settings(command: command, host: "127.0.0.1", port: port)
        settings.readyTimeout = ready
        settings.outputDrainTimeout = .seconds(60)
        return settings
    }

    /// Polls `condition` every 10 ms until it holds or `seconds` pass.
    static func eventually(within seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Deadline.after(.milliseconds(Int(seconds * 1000)))
        while !condition() {
            if deadline.hasPassed { return false }
            usleep(10_000)
        }
        return true
    }

    /// True when no process of group `group` is left (and the leader was reaped: no zombie).
    static func groupIsGone(_ group: Int32) -> Bool { kill(-group, 0) == -1 && errno == ESRCH }

    /// A Close frame with code 1005 (which RFC 6455 §7.4.1 forbids on the wire): what the
    /// reference server's `crash-on-input` fault aborts on.
    static let crashInput = SessionScript(steps: [
        ScriptStep(.startClose(ScriptFrame(opcode: 8, maskingKey: MaskingKey(0x0102_0304), payload: [0x03, 0xED])))
    ])

    @Test("a crash-on-input server is seen killed by SIGABRT with its stderr tail, restarted once, and ready again")
    func crashAndRestart() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.wsconform), "build wsconform first: \(Self.wsconform)")
        let port = try Self.freePort()
        let target = TargetProcess(
            Self.settings("exec '\(Self.wsconform)' serve --host 127.0.0.1 --port \(port) --fault crash-on-input", port: port))
        defer { target.stop() }
        #expect(try target.start() == 1)
        #expect(target.status == .running)
        #expect(target.ended() == nil)
        let firstPID = try #require(target.processID)

        // The echo at the end is a correct reply: a generous timeout, so load is never silence.
        let executor = ScriptExecutor(target: TargetURL(secure: false, host: "127.0.0.1", port: port), reactionTimeout: .seconds(30))
        _ = executor.run(Self.crashInput.wire(host: "127.0.0.1"), finish: .wait)
        #expect(Self.eventually(within: Self.patience) { target.status.hasEnded }, "the server did not die: \(target.output)")
        let exit = try #require(target.ended())
        #expect(exit.status == .signalled(SIGABRT))
        #expect(exit.status.signalName == "SIGABRT")
        #expect(exit.status.description == "killed by SIGABRT")
        #expect(!exit.requested)
        #expect(exit.generation == 1)
        #expect(exit.output.contains("crash-on-input fault triggered"), "\(exit.output)")
        #expect(Self.eventually(within: Self.patience) { Self.groupIsGone(firstPID) }, "the crashed group was left behind or not reaped")

        // Two workers saw generation 1 die: one restart happens, both see generation 2.
        let generations = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            let generation = (try? target.restart(after: 1)) ?? -1
            generations.withLock { $0.append(generation) }
        }
        #expect(generations.withLock { $0 } == [2, 2])
        #expect(target.generation == 2)
        #expect(target.status == .running)
        #expect(target.lastExit?.generation == 1)
        let secondPID = try #require(target.processID)
        #expect(secondPID != firstPID)
        let echo = executor.run(InputSource.builtInSeed.wire(host: "127.0.0.1"), finish: .close)
        #expect(echo.reaction == .echoed, "\(echo.note)")

        let stopped = try #require(target.stop())
        #expect(stopped.requested)
        #expect(stopped.generation == 2)
        #expect(target.processID == nil)
        #expect(Self.eventually(within: Self.patience) { Self.groupIsGone(secondPID) })
    }

    @Test("a shell that does not exec reports the command's signal as exit 128 + N, and says which signal that is")
    func shellExitCode() throws {
        let target = TargetProcess(Self.settings("sh -c 'kill -ABRT $$'", port: try Self.freePort()))
        #expect(throws: TargetProcessError.self) { try target.start() }
        #expect(target.status == .exited(134))
        #expect(target.status.description == "exited with code 134 (128 + SIGABRT: the shell's report of a signal)")
    }

    @Test("a command that exits at once is reported with its status and output, not waited on")
    func exitsAtOnce() throws {
        let port = try Self.freePort()
        let started = ContinuousClock.now
        // Readiness would wait ten minutes: returning within one shows the exit was noticed.
        let target = TargetProcess(Self.settings("echo 'cannot bind' >&2; exit 3", port: port, ready: .seconds(600)))
        do {
            try target.start()
            Issue.record("start succeeded for a command that exits")
        } catch {
            guard case .exitedBeforeReady(_, let exit) = error else {
                Issue.record("wrong error: \(error)")
                return
            }
            #expect(exit.status == .exited(3))
            #expect(exit.output == "cannot bind\n")
            #expect(error.description.contains("exited with code 3 before accepting connections"), "\(error)")
        }
        #expect(ContinuousClock.now - started < .seconds(Int64(Self.patience)))

        let falseTarget = TargetProcess(Self.settings("/bin/false", port: port))
        #expect(throws: TargetProcessError.self) { try falseTarget.start() }
        #expect(falseTarget.status == .exited(1))
        #expect(falseTarget.ended()?.requested == false)
    }

    @Test("a command that never listens fails readiness at its deadline with a clear error, and is stopped")
    func neverListens() throws {
        let port = try Self.freePort()
        var settings = Self.settings("echo waiting; exec sleep 30", port: port, ready: .seconds(1))
        settings.stopTimeout = .seconds(Int64(Self.patience))
        let target = TargetProcess(settings)
        let started = ContinuousClock.now
        do {
            try target.start()
            Issue.record("start succeeded for a command that never listens")
        } catch {
            guard case .notReady(_, let address, let waited, let attempts, let lastProblem, let output) = error else {
                Issue.record("wrong error: \(error)")
                return
            }
            #expect(address == "127.0.0.1:\(port)")
            #expect(waited >= .seconds(1), "gave up before its deadline: \(waited)")
            #expect(attempts >= 1 && attempts <= settings.maxReadyAttempts)
            #expect(lastProblem.contains("refused"), "\(lastProblem)")
            #expect(output == "waiting\n")
            #expect(error.description.contains("did not accept a TCP connection on 127.0.0.1:\(port)"), "\(error)")
        }
        #expect(ContinuousClock.now - started < .seconds(Int64(Self.patience)))
        #expect(target.processID == nil)
        #expect(target.lastExit?.requested == true)
        #expect(target.status == .signalled(SIGTERM))
    }

    @Test("readiness polls with back-off and gives up after its most attempts, whatever the deadline")
    func readinessAttempts() throws {
        let port = try Self.freePort()
        var settings = Self.settings("exec sleep 30", port: port, ready: .seconds(600))
        settings.maxReadyAttempts = 5
        settings.stopTimeout = .seconds(Int64(Self.patience))
        let target = TargetProcess(settings)
        do {
            try target.start()
            Issue.record("start succeeded for a command that never listens")
        } catch {
            guard case .notReady(_, _, let waited, let attempts, let lastProblem, _) = error else {
                Issue.record("wrong error: \(error)")
                return
            }
            #expect(attempts == 5)
            // Back-off 2, 4, 8 and 16 ms between the five attempts.
            #expect(waited >= .milliseconds(30), "\(waited)")
            #expect(lastProblem.contains("refused"), "\(lastProblem)")
        }
        #expect(target.processID == nil)
    }

    @Test("stop kills a group that ignores SIGTERM with SIGKILL after the grace period, children included")
    func stopIgnoringTerm() throws {
        // The test holds the port open, so the target counts as ready without listening itself.
        let listener = try TCPListener(host: "127.0.0.1", port: 0)
        defer { listener.close() }
        var settings = Self.settings("trap '' TERM; sleep 30; sleep 30", port: listener.port)
        settings.stopTimeout = .milliseconds(300)
        let target = TargetProcess(settings)
        try target.start()
        let group = try #require(target.processID)
        #expect(Self.eventually(within: Self.patience) { Self.members(of: group) >= 2 }, "sh and sleep should both run")
        let started = ContinuousClock.now
        let exit = try #require(target.stop())
        let took = ContinuousClock.now - started
        #expect(exit.status == .signalled(SIGKILL))
        #expect(exit.requested)
        #expect(took >= .milliseconds(300), "SIGKILL came before the grace period ended: \(took)")
        #expect(took < .seconds(Int64(Self.patience)), "stop took \(took)")
        // Members other than the leader are reaped by init once killed: give it a moment.
        #expect(Self.eventually(within: Self.patience) { Self.groupIsGone(group) }, "a member of the group survived")
    }

    @Test("the output tail keeps the last 64 KiB of a chatty target and never grows")
    func boundedOutput() throws {
        let listener = try TCPListener(host: "127.0.0.1", port: 0)
        defer { listener.close() }
        let target = TargetProcess(Self.settings("head -c 300000 /dev/zero | tr '\\0' x; echo END; exec sleep 30", port: listener.port))
        defer { target.stop() }
        try target.start()
        #expect(Self.eventually(within: Self.patience) { target.output.hasSuffix("END\n") })
        let tail = target.output
        #expect(tail.utf8.count == 64 << 10)
        #expect(tail == String(repeating: "x", count: (64 << 10) - 4) + "END\n")

        let ring = OutputRing(capacity: 8)
        let bytes = Array(0..<UInt8(20))
        bytes.withUnsafeBytes { ring.append(UnsafeRawBufferPointer(rebasing: $0[0..<5])) }
        bytes.withUnsafeBytes { ring.append(UnsafeRawBufferPointer(rebasing: $0[5..<20])) }
        #expect(ring.bytes == Array(12..<20))
        #expect(ring.totalBytes == 20)
    }

    /// How many processes are in `group` now (from /proc).
    @Test("stop(grace:) signals the command, not the shell running it: its own shutdown finishes, and the shell exits with its status")
    func gracefulStopThroughShell() throws {
        let port = try Self.freePort()
        // No `exec`: dash keeps waiting on the server, which must still get to close by itself.
        let target = TargetProcess(Self.settings("'\(Self.wsconform)' serve --host 127.0.0.1 --port \(port)", port: port))
        defer { target.stop() }
        try target.start()
        let group = try #require(target.processID)
        let sample = try #require(ProcessGroupSample.take(group: group))
        #expect(sample.processes == 2, "the shell and the server")
        #expect(sample.descriptors >= 4 && sample.residentOctets > 1 << 20)
        let exit = try #require(target.stop(grace: .seconds(30)))
        #expect(exit.status == .exited(0), "\(exit)")
        #expect(!exit.killedAfterGrace)
        #expect((exit.stopDuration ?? .seconds(99)) < .seconds(30))
        #expect(Self.eventually(within: Self.patience) { Self.groupIsGone(group) })
    }

    @Test("stop(grace:) kills a command that ignores SIGTERM once the grace is over, and says so")
    func gracefulStopKills() throws {
        let port = try Self.freePort()
        let target = TargetProcess(
            Self.settings("'\(Self.wsconform)' serve --host 127.0.0.1 --port \(port) --fault ignore-sigterm", port: port))
        defer { target.stop() }
        try target.start()
        let exit = try #require(target.stop(grace: .milliseconds(300)))
        #expect(exit.killedAfterGrace)
        #expect(exit.status == .signalled(SIGKILL), "\(exit)")
        #expect((exit.stopDuration ?? .zero) >= .milliseconds(300))
    }

    static func members(of group: Int32) -> Int {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { getpgid($0) == group }.count
    }
}
