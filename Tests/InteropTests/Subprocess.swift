import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process for interop tests: started with its output piped, waited on with
/// deadlines, and always stopped by its own PID.
final class Subprocess: @unchecked Sendable {
    // @unchecked: used from one test at a time; Process is not Sendable on Linux.
    let process = Process()
    private let output = Pipe()
    private var buffered = ""

    init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws {
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
    var printed: String {
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
    func waitForLine(timeout seconds: Double, where predicate: (String) -> Bool) -> String? {
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
    func waitForExit(timeout seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        drain()
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Stops the process by its PID: SIGTERM, then SIGKILL if it lingers.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        if waitForExit(timeout: 5) == nil {
            kill(process.processIdentifier, SIGKILL)
            _ = waitForExit(timeout: 5)
        }
    }

    deinit { stop() }
}

/// Where the tools the tests drive live.
enum Tools {
    /// The Python with the interop requirements installed (scripts/test makes it).
    static var python: String {
        if let path = ProcessInfo.processInfo.environment["WSCONFORM_PYTHON"] { return path }
        return packageRoot + "/.venv/bin/python"
    }

    /// The package root, found from this source file's path.
    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// The built `wsconform` executable, beside the test bundle.
    static var wsconform: String {
        if let path = ProcessInfo.processInfo.environment["WSCONFORM_BIN"] { return path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("wsconform").path
    }

    static func script(_ name: String) -> String { packageRoot + "/Tests/InteropTests/python/" + name }

    /// Fails with a one-line reason when the Python peers are not installed.
    static func requirePython() throws {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw SetupError("no Python with `websockets` at \(python): run scripts/test, which installs it")
        }
    }

    static func requireWsconform() throws {
        guard FileManager.default.isExecutableFile(atPath: wsconform) else {
            throw SetupError("no wsconform executable at \(wsconform): run `swift build` first (scripts/test does)")
        }
    }

    /// Parses "... ws://127.0.0.1:PORT/..." or "PORT n" lines.
    static func port(in line: String) -> UInt16? {
        if line.hasPrefix("PORT ") { return UInt16(line.dropFirst(5)) }
        guard let slashes = line.range(of: "://") else { return nil }
        let rest = line[slashes.upperBound...]
        guard let colon = rest.lastIndex(of: ":"), let slash = rest[colon...].firstIndex(of: "/") else { return nil }
        return UInt16(rest[rest.index(after: colon)..<slash])
    }
}

struct SetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
