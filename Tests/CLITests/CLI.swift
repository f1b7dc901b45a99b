import Foundation
import ProcessSupport

/// Runs `wsconform` as a user does and collects what it said and how it exited.
enum CLI {
    struct Outcome {
        var status: Int32
        var output: String
    }

    /// Added to a catalogue run against a local server whenever a late reply could change what
    /// the test asserts (a case that must pass): the cases' timers (Autobahn's, 1 s for most,
    /// 500 ms for some) stretched fivefold, so a reply a loaded machine slows down is still in
    /// time. A case ends the moment its outcome is known, so only the cases whose expected
    /// outcome is a timer running out (a pong that never comes, a fail-fast checkpoint) take
    /// longer. A run that must fail needs none: a late reply only adds failures.
    static let patience = ["--timeout-scale", "5"]

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
