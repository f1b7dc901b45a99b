import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An echo server of an independently written library (Tests/InteropTests/python/peers.py),
/// started for a test and stopped by its own PID.
public final class PeerServer: @unchecked Sendable {
    // @unchecked: used from one test at a time; Process is not Sendable on Linux.
    public let name: String
    public let port: UInt16
    private let process = Process()
    /// Where the server's output goes; removed when it stops.
    private let log: URL

    public static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    public static var python: String {
        ProcessInfo.processInfo.environment["WSCONFORM_PYTHON"] ?? packageRoot + "/.venv/bin/python"
    }

    public init(_ name: String) throws {
        self.name = name
        guard FileManager.default.isExecutableFile(atPath: Self.python) else {
            throw PeerError("no Python with the peer libraries at \(Self.python): run scripts/test, which installs them")
        }
        // Output goes to a file, not a pipe: a server that logs a traceback per refused
        // frame would fill a pipe nobody drains and block forever.
        log = FileManager.default.temporaryDirectory.appendingPathComponent("wsconform-peer-\(name)-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [Self.packageRoot + "/Tests/InteropTests/python/peers.py", name]
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
            process.terminate()
            throw PeerError("\(name) did not start: \(text)")
        }
        port = found
    }

    public func stop() {
        defer { try? FileManager.default.removeItem(at: log) }
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    deinit { stop() }
}

public struct PeerError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
