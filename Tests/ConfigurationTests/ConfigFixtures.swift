import Foundation

@testable import Configuration

/// Fixture files (Fixtures/, excluded from the target's sources) and a one-call parser for inline configs.
enum ConfigFixtures {
    static func path(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }

    static func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path(name)))) }

    /// Parses `text` as a file named config.json.
    static func parse(_ text: String) throws(ConfigError) -> RunPlan { try RunPlan(parsing: Array(text.utf8), file: "config.json") }

    /// The one-line message for `text`, or nil when it parses.
    static func error(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error.description
        }
    }
}
