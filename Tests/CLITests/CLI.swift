import Foundation
import ProcessSupport

/// Runs `wsconform` as a user does and collects what it said and how it exited.
enum CLI {
    struct Outcome {
        var status: Int32
        var output: String
    }

    /// Runs `wsconform arguments` to completion (bounded by `timeout` seconds; killed after).
    static func run(_ arguments: [String], timeout: Double = 120, environment: [String: String]? = nil) throws -> Outcome {
        try Tools.requireWsconform()
        let process = try Subprocess(Tools.wsconform, arguments, environment: environment)
        defer { process.stop() }
        guard let status = process.waitForExit(timeout: timeout) else {
            throw SetupError("wsconform \(arguments.joined(separator: " ")) did not exit within \(timeout) s: \(process.printed)")
        }
        return Outcome(status: status, output: process.printed)
    }

    /// A fresh empty directory under the temporary directory.
    static func temporaryDirectory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wsconform-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static var fixtures: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures") }
}
