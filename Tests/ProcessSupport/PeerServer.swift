import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An echo server of an independently written library, started for a test and stopped by its
/// own PID: "node-ws" is node's `ws` (Tests/InteropTests/node/peer.js), "hostile-NAME" one of
/// the unusable targets of Tests/InteropTests/python/hostile.py, every other name a Python
/// library's (Tests/InteropTests/python/peers.py). `restart` starts it again on the
/// same port, for a fuzz campaign that hangs it.
public final class PeerServer: @unchecked Sendable {
    // @unchecked: the process and log change only under `lock`; Process is not Sendable on Linux.
    public let name: String
    public let port: UInt16
    private let lock = NSLock()
    private var process: Process
    /// Where the server's output goes; removed when it stops.
    private var log: URL

    public static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    public static var python: String {
        ProcessInfo.processInfo.environment["WSCONFORM_PYTHON"] ?? packageRoot + "/.venv/bin/python"
    }

    /// The node executable: WSCONFORM_NODE, or the first `node` on PATH.
    public static var node: String? {
        if let path = ProcessInfo.processInfo.environment["WSCONFORM_NODE"] { return path }
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        return directories.map { "\($0)/node" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The program and arguments that start the peer called `name` on `port` (0: a free one).
    static func command(_ name: String, port: UInt16) throws -> (executable: String, arguments: [String]) {
        if name == "node-ws" {
            guard let node = Self.node, FileManager.default.isExecutableFile(atPath: node) else {
                throw PeerError("no node on PATH (or at WSCONFORM_NODE): run scripts/install-deps, which installs nodejs and node-ws")
            }
            return (node, [packageRoot + "/Tests/InteropTests/node/peer.js", String(port)])
        }
        guard FileManager.default.isExecutableFile(atPath: Self.python) else {
            throw PeerError("no Python with the peer libraries at \(Self.python): run scripts/test, which installs them")
        }
        if name.hasPrefix("hostile-") {
            return (python, [packageRoot + "/Tests/InteropTests/python/hostile.py", String(name.dropFirst(8)), String(port)])
        }
        return (python, [packageRoot + "/Tests/InteropTests/python/peers.py", name, String(port)])
    }

    public init(_ name: String) throws {
        self.name = name
        (process, log, port) = try Self.launch(name, port: 0)
    }

    /// Stops the server (by its PID) and starts it again on the same port, ready for connections.
    public func restart() throws {
        try lock.withLock {
            Self.stop(process, log: log)
            (process, log, _) = try Self.launch(name, port: port)
        }
    }

    public func stop() { lock.withLock { Self.stop(process, log: log) } }

    /// How the server ended ("exit 1", "signal 11"), with its output's last 2,000 characters;
    /// nil while it runs.
    public var ended: (status: String, output: String)? {
        lock.withLock {
            guard !process.isRunning else { return nil }
            let how = process.terminationReason == .uncaughtSignal ? "signal" : "exit"
            let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            return ("\(how) \(process.terminationStatus)", String(output.suffix(2000)))
        }
    }

    deinit { stop() }

    /// Starts the peer and waits (up to 30 s) for the port it prints.
    private static func launch(_ name: String, port: UInt16) throws -> (Process, URL, UInt16) {
        let command = try Self.command(name, port: port)
        // Output goes to a file, not a pipe: a server that logs a traceback per refused
        // frame would fill a pipe nobody drains and block forever.
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("wsconform-peer-\(name)-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command.executable)
        process.arguments = command.arguments
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        try? handle.close()
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        var found: UInt16?
        while found == nil, Date() < deadline, process.isRunning {
            usleep(50_000)
            text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("PORT ") }) { found = UInt16(line.dropFirst(5)) }
        }
        guard let found else {
            stop(process, log: log)
            throw PeerError("\(name) did not start: \(text)")
        }
        return (process, log, found)
    }

    /// SIGTERM, then SIGKILL after 5 s; the log is removed.
    private static func stop(_ process: Process, log: URL) {
        defer { try? FileManager.default.removeItem(at: log) }
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        // Reaped before the next start binds the port again.
        process.waitUntilExit()
    }
}

public struct PeerError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
