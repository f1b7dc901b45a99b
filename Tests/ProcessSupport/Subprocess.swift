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

    /// Waits until a printed line matches `predicate`, or `seconds` pass; returns the line.
    public func waitForLine(timeout seconds: Double, where predicate: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        let fd = output.fileHandleForReading.fileDescriptor
        while Date() < deadline {
            drain()
            if let line = buffered.split(separator: "\n").map(String.init).first(where: predicate) { return line }
            if !process.isRunning {
                drain()
                return buffered.split(separator: "\n").map(String.init).first(where: predicate)
            }
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            _ = poll(&entry, 1, 100)
        }
        return nil
    }

    /// Waits for the process to exit by itself within `seconds`; returns its status, or nil.
    public func waitForExit(timeout seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        drain()
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Stops the process by its PID: SIGTERM, then SIGKILL if it lingers.
    public func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        if waitForExit(timeout: 5) == nil {
            kill(process.processIdentifier, SIGKILL)
            _ = waitForExit(timeout: 5)
        }
    }

    deinit { stop() }
}
