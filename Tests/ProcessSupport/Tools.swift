import Foundation

/// Where the tools the tests drive live.
public enum Tools {
    /// The Python with the interop requirements installed (scripts/test makes it).
    public static var python: String {
        if let path = ProcessInfo.processInfo.environment["WSCONFORM_PYTHON"] { return path }
        return packageRoot + "/.venv/bin/python"
    }

    /// The package root, found from this source file's path.
    public static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// The built `wsconform` executable, beside the test bundle.
    public static var wsconform: String {
        if let path = ProcessInfo.processInfo.environment["WSCONFORM_BIN"] { return path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("wsconform").path
    }

    public static func script(_ name: String) -> String { packageRoot + "/Tests/InteropTests/python/" + name }

    /// Fails with a one-line reason when the Python peers are not installed.
    public static func requirePython() throws {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw SetupError("no Python with `websockets` at \(python): run scripts/test, which installs it")
        }
    }

    public static func requireWsconform() throws {
        guard FileManager.default.isExecutableFile(atPath: wsconform) else {
            throw SetupError("no wsconform executable at \(wsconform): run `swift build` first (scripts/test does)")
        }
    }

    /// Parses "... ws://127.0.0.1:PORT/..." or "PORT n" lines.
    public static func port(in line: String) -> UInt16? {
        if line.hasPrefix("PORT ") { return UInt16(line.dropFirst(5)) }
        guard let slashes = line.range(of: "://") else { return nil }
        let rest = line[slashes.upperBound...]
        guard let colon = rest.lastIndex(of: ":"), let slash = rest[colon...].firstIndex(of: "/") else { return nil }
        return UInt16(rest[rest.index(after: colon)..<slash])
    }
}

public struct SetupError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// `wsconform serve` on an ephemeral loopback port, stopped by its PID when the value goes.
public final class ServeProcess: @unchecked Sendable {
    // @unchecked: owned by one test at a time.
    public let process: Subprocess
    public let port: UInt16

    /// Starts `wsconform serve --port 0` with `arguments` (a fault, TLS files) and waits for it.
    public init(_ arguments: [String] = []) throws {
        try Tools.requireWsconform()
        process = try Subprocess(Tools.wsconform, ["serve", "--host", "127.0.0.1", "--port", "0"] + arguments)
        guard let line = process.waitForLine(timeout: 20, where: { $0.contains("listening on") }), let port = Tools.port(in: line) else {
            process.stop()
            throw SetupError("wsconform serve did not start: \(process.printed)")
        }
        self.port = port
    }

    public var url: String { "ws://127.0.0.1:\(port)/" }

    public func stop() { process.stop() }

    deinit { process.stop() }
}

/// A loopback TCP port nobody listens on right now (bound to port 0, then released), for a
/// target that `--exec` launches on a port chosen in advance.
public enum FreePort {
    public static func pick() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SetupError("socket: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw SetupError("bind: errno \(errno)") }
        return UInt16(bigEndian: address.sin_port)
    }

    /// Stops every process whose command line mentions `--port PORT` (a target left behind by
    /// a fuzzer killed with SIGKILL), by PID.
    public static func stopProcesses(listeningOn port: UInt16) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return }
        for entry in entries {
            guard let pid = Int32(entry), pid != getpid(),
                let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
            else { continue }
            let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if zip(words, words.dropFirst()).contains(where: { $0 == "--port" && $1 == String(port) }) { kill(pid, SIGKILL) }
        }
    }
}
