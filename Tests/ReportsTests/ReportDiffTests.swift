import Cases
import Foundation
import Testing

@testable import Reports

@Suite("Diff of two runs")
struct ReportDiffTests {
    typealias Outcome = SampleReports.Outcome

    static let old = SampleReports.target(
        "ws://127.0.0.1:9001/",
        [
            ("ping.payload-0", .pass),  // regresses
            ("ping.payload-text", .fail(.failed, .ok, "wrong pong")),  // fixed
            ("ping.payload-binary", .fail(.failed, .ok, "wrong pong")),  // changes verdict
            ("ping.payload-125", .error("connect: refused")),  // error becomes a failure
            ("ping.burst-10", .pass),  // unchanged
            ("ping.burst-10-chopped", .fail(.failed, .failed, "no close")),  // unchanged
            ("ping.payload-126", .pass),  // only in OLD
        ])

    static let new = SampleReports.target(
        "ws://127.0.0.1:9555/",
        [
            ("ping.payload-0", .fail(.failed, .ok, "event 1: expected pong '', received pong '!'")),
            ("ping.payload-text", .pass),
            ("ping.payload-binary", .fail(.failed, .wrongCode, "closed with 1011")),
            ("ping.payload-125", .fail(.failed, .ok, "wrong pong")),
            ("ping.burst-10", .pass),
            ("ping.burst-10-chopped", .fail(.failed, .failed, "no close, in other words")),
            ("ping.unsolicited-pong.empty", .pass),  // only in NEW
        ])

    static var diff: ReportDiff {
        ReportDiff(
            old: SampleReports.run([old]), new: SampleReports.run([new], startedAt: "2026-11-26T09:00:00Z"), oldFile: "old.json",
            newFile: "new.json")
    }

    @Test("each class of change is found: regression, fix, changed verdict, error to failure, one side only")
    func classes() throws {
        let diff = Self.diff
        #expect(diff.targets.count == 1 && diff.targetsOnlyInOld.isEmpty && diff.targetsOnlyInNew.isEmpty)
        let target = try #require(diff.targets.first)
        #expect(target.regressions.map(\.id) == ["ping.payload-0"])
        #expect(target.regressions.first?.old.verdict == "OK / OK")
        #expect(target.regressions.first?.new.verdict == "FAILED / OK")
        #expect(target.fixes.map(\.id) == ["ping.payload-text"])
        #expect(target.changed.map(\.id) == ["ping.payload-binary", "ping.payload-125"])
        #expect(target.changed.last?.old.verdict == "ERROR")
        #expect(target.onlyInOld == ["ping.payload-126"])
        #expect(target.onlyInNew == ["ping.unsolicited-pong.empty"])
        #expect(target.unchanged == 2)
        #expect(diff.hasRegressions)
        let reversed = ReportDiff(old: SampleReports.run([Self.new]), new: SampleReports.run([Self.old])).targets[0]
        #expect(reversed.fixes.map(\.id) == ["ping.payload-0"] && reversed.regressions.map(\.id) == ["ping.payload-text"])
    }

    @Test("identical runs have no changes")
    func identical() {
        let diff = ReportDiff(old: SampleReports.run([Self.old]), new: SampleReports.run([Self.old]))
        #expect(diff.targets[0].isEmpty && !diff.hasRegressions && diff.targets[0].unchanged == 7)
        #expect(diff.renderText().contains("no changes, 7 unchanged"))
    }

    @Test("targets pair by agent, else URL; one target each pairs regardless; the rest are one-sided")
    func targetPairing() {
        var staging = Self.old
        staging.agent = "staging"
        var production = Self.old
        production.url = "wss://prod.example/"
        var newStaging = Self.new
        newStaging.agent = "staging"
        var qa = Self.new
        qa.url = "ws://qa.example/"
        let diff = ReportDiff(old: SampleReports.run([staging, production]), new: SampleReports.run([qa, newStaging]))
        #expect(diff.targets.map(\.old) == ["staging"] && diff.targets.map(\.new) == ["staging"])
        #expect(diff.targetsOnlyInOld == ["wss://prod.example/"] && diff.targetsOnlyInNew == ["ws://qa.example/"])
        let byURL = ReportDiff(old: SampleReports.run([Self.old, production]), new: SampleReports.run([qa, production]))
        #expect(byURL.targets.map(\.new) == ["wss://prod.example/"])
        let single = ReportDiff(old: SampleReports.run([Self.old]), new: SampleReports.run([qa]))
        #expect(single.targets.map(\.heading) == ["ws://127.0.0.1:9001/ → ws://qa.example/"])
    }

    @Test("the text rendering gives one line per change and a summary")
    func text() {
        let text = Self.diff.renderText()
        #expect(text.contains("OLD  old.json, started 2026-11-25T18:00:00Z, wsconform 0.1.0"))
        #expect(text.contains("ws://127.0.0.1:9001/ → ws://127.0.0.1:9555/"))
        #expect(text.contains("  regressed    ping.payload-0 (2.1): OK / OK → FAILED / OK — event 1: expected pong '', received pong '!'"))
        #expect(text.contains("  fixed        ping.payload-text (2.2): FAILED / OK → OK / OK"))
        #expect(text.contains("  changed      ping.payload-125 (2.4): ERROR → FAILED / OK — wrong pong"))
        #expect(text.contains("  only in OLD  ping.payload-126"))
        #expect(text.contains("  only in NEW  ping.unsolicited-pong.empty"))
        #expect(text.hasSuffix("1 regression, 1 fix, 2 changed verdicts, 1 only in OLD, 1 only in NEW"))
    }

    @Test("the Markdown rendering has a table per kind of change, cells escaped")
    func markdown() {
        let markdown = Self.diff.renderMarkdown()
        #expect(markdown.hasPrefix("# wsconform diff\n"))
        #expect(markdown.contains("### Regressions\n\n| case | Autobahn | OLD | NEW | reason |"))
        #expect(markdown.contains("| `ping.payload-0` | 2.1 | OK / OK | FAILED / OK | event 1: expected pong '', received pong '!' |"))
        #expect(markdown.contains("| `ping.payload-text` | 2.2 | FAILED / OK | OK / OK | wrong pong |"))
        #expect(markdown.contains("### Changed verdicts"))
        #expect(markdown.contains("### Only in OLD\n\n- `ping.payload-126`"))
    }

    @Test("the JSON rendering round-trips and carries a schemaVersion")
    func json() throws {
        let text = try Self.diff.renderJSON()
        #expect(text.contains("\"schemaVersion\" : 1"))
        #expect(try JSONDecoder().decode(ReportDiff.self, from: Data(text.utf8)) == Self.diff)
    }

    @Test("a report that is not one gives one line naming the problem")
    func readErrors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wsconform-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = [
            "bad.json": "{\"targets\": [",
            "partial.json": "{\"schemaVersion\": 1, \"tool\": \"wsconform\"}",
            "future.json": "{\"schemaVersion\": 9}",
        ]
        for (name, text) in files { try Data(text.utf8).write(to: directory.appendingPathComponent(name)) }
        func message(_ name: String) -> String {
            do {
                _ = try RunReport.read(path: directory.appendingPathComponent(name).path)
                return "no error"
            } catch { return error.description }
        }
        #expect(message("bad.json").contains("bad.json is not a wsconform report.json: not valid JSON"))
        #expect(message("partial.json").contains("\"toolVersion\" is missing at the top"))
        #expect(message("future.json").contains("report schemaVersion 9 is not supported"))
        #expect(message("missing.json").hasPrefix("cannot read "))
        for name in files.keys { #expect(!message(name).contains("\n")) }
    }
}
