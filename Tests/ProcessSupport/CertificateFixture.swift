import Foundation

/// A throwaway self-signed certificate (by default for "localhost" and 127.0.0.1, valid one
/// day), made with the `openssl` command in a fresh temporary directory; `remove()` deletes it.
public struct CertificateFixture {
    public let directory: URL
    public var certificateFile: String { directory.appendingPathComponent("cert.pem").path }
    public var keyFile: String { directory.appendingPathComponent("key.pem").path }

    public struct GenerationFailed: Error, CustomStringConvertible {
        public var description: String
    }

    public init(days: Int = 1, subjectAltName: String = "DNS:localhost,IP:127.0.0.1") throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("wsconform-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile, "-out",
            certificateFile, "-days", String(days), "-subj", "/CN=localhost",
            "-addext", "subjectAltName=" + subjectAltName,
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            remove()
            throw GenerationFailed(description: "openssl req failed: " + String(decoding: message, as: UTF8.self))
        }
    }

    /// A file path inside the fixture's directory (deleted with it).
    public func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    public func remove() { try? FileManager.default.removeItem(at: directory) }
}
