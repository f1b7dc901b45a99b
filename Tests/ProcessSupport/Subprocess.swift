import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process for tests that drive real programs (peers, `wsconform` itself): started with its output piped, waited on with
/// deadlines, and always stopped by its own PID.
public final class Subprocess: @unchecked Sendable {
    // @unchecked: used from one test at a time; Process is not Sendable on Linux.
    public let process = Process()
    private let output = Pipe()
    private var buffered = ""

    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let fd = output.fileHandleForReading.fileDescriptor
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    /// Everything the process printed so far.
    public var printed: String {
        drain()
        return buffered
    }

    private func drain() {
        let fd = output.fileHandleForReading.fileDescriptor
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(fd, &chunk, chunk.count)
            if count <= 0 { return }
            buffered += String(decoding: chunk[..<count], as: UTF8.self)
        }
    }

    /// Waits until a printed line matches `predicate`, or `seconds` pass; returns the line. A
    /// line counts once its newline is printed (or the process has exited): a match is never
    /// the first half of a line whose rest is still in the pipe.
    public func waitForLine(timeout seconds: Double, where predicate: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        let fd = output.fileHandleForReading.fileDescriptor
        while Date() < deadline {
            drain()
            if let line = lines(includingUnfinished: false).first(where: predicate) { return line }
            if !process.isRunning {
                drain()
                return lines(includingUnfinished: true).first(where: predicate)
            }
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            _ = poll(&entry, 1, 100)
        }
        return nil
    }

    /// The lines printed so far; the last one only if its newline came or `includingUnfinished`.
    private func lines(includingUnfinished: Bool) -> [String] {
        var lines = buffered.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let unfinished = lines.removeLast()
        if includingUnfinished, !unfinished.isEmpty { lines.append(unfinished) }
        return lines.filter { !$0.isEmpty }
    }

    /// Waits for the process to exit by itself within `seconds`; returns its status, or nil.
    public func waitForExit(timeout seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        // Drained meanwhile: a child printing more than a pipe holds would block on its writes.
        while process.isRunning && Date() < deadline {
            drain()
            usleep(20_000)
        }
        drain()
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Runs the process in short slices (SIGCONT, a pause of `slice`, SIGSTOP, then a wait until
    /// every thread has stopped) until `condition`, looked at while it is stopped, holds; leaves
    /// it stopped and returns true then, or false once it has exited. What `condition` saw stays
    /// true for as long as the process is stopped, whatever the machine's scheduling: a signal
    /// sent next (SIGKILL) lands exactly in that state.
    public func pause(when condition: () -> Bool, slice: Duration = .milliseconds(1)) -> Bool {
        let pid = process.processIdentifier
        kill(pid, SIGSTOP)
        while waitUntilStopped() {
            if condition() { return true }
            kill(pid, SIGCONT)
            let (seconds, attoseconds) = slice.components
            usleep(useconds_t(seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
            kill(pid, SIGSTOP)
        }
        return false
    }

    /// Waits until every thread of the process is stopped (true) or it has exited (false).
    private func waitUntilStopped() -> Bool {
        let tasks = "/proc/\(process.processIdentifier)/task"
        while process.isRunning {
            let threads = (try? FileManager.default.contentsOfDirectory(atPath: tasks)) ?? []
            let states = threads.compactMap { thread -> Character? in
                // "tid (comm) S ...": the state follows the last parenthesis (comm may hold any).
                guard let stat = try? String(contentsOfFile: "\(tasks)/\(thread)/stat", encoding: .utf8),
                    let close = stat.lastIndex(of: ")")
                else { return nil }
                return stat[close...].dropFirst(2).first
            }
            if states.contains("Z") || threads.isEmpty { return false }
            if !states.isEmpty, states.count == threads.count, states.allSatisfy({ $0 == "T" || $0 == "t" }) { return true }
            usleep(200)
        }
        return false
    }

    /// Stops the process by its PID: SIGTERM, then SIGKILL if it lingers.
    public func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        kill(process.processIdentifier, SIGCONT)
        if waitForExit(timeout: 5) == nil {
            kill(process.processIdentifier, SIGKILL)
            _ = waitForExit(timeout: 5)
        }
    }

    deinit { stop() }
}
