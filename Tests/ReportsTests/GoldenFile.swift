import Foundation
import Testing

/// The committed golden files under `Golden/` and the one switch that rewrites them:
/// `WSCONFORM_UPDATE_GOLDEN=1 swift test --filter ReportsTests` on a developer's machine. With
/// `CI` in the environment (whatever its value) the switch is refused: a check that rewrites what it checks would pass whatever
/// the writers do.
enum GoldenFile {
    /// What a golden test does with its file.
    enum Mode: Equatable {
        /// Compare the rendered output with the committed file.
        case compare
        /// Write the rendered output over the file, then compare.
        case update
        /// The switch is set where it must not be: fail with this message, write nothing.
        case refused(String)
    }

    /// The mode `environment` asks for.
    static func mode(_ environment: [String: String]) -> Mode {
        guard environment["WSCONFORM_UPDATE_GOLDEN"] == "1" else { return .compare }
        if let ci = environment["CI"] {
            return .refused(
                "WSCONFORM_UPDATE_GOLDEN=1 is refused when CI is set (CI=\(ci)): golden files are rewritten on a developer's "
                    + "machine and the diff reviewed, never by the check that compares against them")
        }
        return .update
    }

    /// Checks `rendered` against `Golden/<name>` beside the calling test file, rewriting the
    /// file first when the switch is on.
    static func check(_ rendered: Data, _ name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let url = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
        switch mode(ProcessInfo.processInfo.environment) {
        case .compare: break
        case .update: try rendered.write(to: url)
        case .refused(let message):
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
            return
        }
        let expected = try Data(contentsOf: url)
        #expect(
            String(decoding: rendered, as: UTF8.self) == String(decoding: expected, as: UTF8.self), "\(name) differs from its golden file",
            sourceLocation: sourceLocation)
    }
}

@Suite("Golden files: one switch rewrites them, never on CI")
struct GoldenFileTests {
    @Test("without the switch the files are compared; with it they are rewritten; with CI set the switch is refused")
    func modes() {
        #expect(GoldenFile.mode([:]) == .compare)
        #expect(GoldenFile.mode(["WSCONFORM_UPDATE_GOLDEN": "0"]) == .compare)
        #expect(GoldenFile.mode(["CI": "true"]) == .compare)
        #expect(GoldenFile.mode(["WSCONFORM_UPDATE_GOLDEN": "1"]) == .update)
        for ci in ["true", "1", ""] {
            guard case .refused(let message) = GoldenFile.mode(["WSCONFORM_UPDATE_GOLDEN": "1", "CI": ci]) else {
                Issue.record("the switch was not refused with CI=\(ci)")
                continue
            }
            #expect(message.contains("WSCONFORM_UPDATE_GOLDEN=1 is refused when CI is set"))
        }
    }
}
