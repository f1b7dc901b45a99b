import Cases
import Foundation
import Testing

@testable import Reports

/// The journal's lines, read back: what `recover` builds a report from.
@Suite("RunJournal: recovering a report from a journal")
struct RunJournalTests {
    static func line(_ line: RunJournal.Line) throws -> String {
        String(decoding: try JSONEncoder().encode(line), as: UTF8.self)
    }

    static func journal(cut: Bool) throws -> Data {
        let ids = ["framing.text.length-0", "framing.text.length-125", "framing.text.length-126"]
        let first = try #require(Catalogue.all.first { $0.id == ids[0] })
        let done = CaseReport(first, CaseResult(caseID: ids[0], outcome: .judged(behaviour: .ok, close: .ok)))
        var lines = [
            try line(
                RunJournal.Line(
                    run: RunJournal.RunHeader(
                        toolVersion: "0.1.0", startedAt: "2026-12-06T21:00:00Z", commandLine: ["run"], seed: 7, strict: false,
                        formats: [.json, .junit]))),
            try line(RunJournal.Line(target: RunJournal.TargetHeader(index: 0, url: "ws://127.0.0.1:9001/", agent: nil, facts: nil, caseIDs: ids))),
            try line(RunJournal.Line(result: done, targetIndex: 0, at: 1.5)),
        ]
        let second = try #require(Catalogue.all.first { $0.id == ids[1] })
        let unfinished = try line(RunJournal.Line(result: CaseReport(second, CaseResult(caseID: ids[1], outcome: .judged(behaviour: .ok, close: .ok))), targetIndex: 0))
        lines.append(cut ? String(unfinished.prefix(40)) : unfinished)
        return Data((lines.joined(separator: "\n") + (cut ? "" : "\n")).utf8)
    }

    @Test("every case the target was to run is reported; those without a result are not run; marked incomplete")
    func recovers() throws {
        let (report, formats) = try RunJournal.recover(Self.journal(cut: false))
        #expect(formats == [.json, .junit])
        #expect(report.incomplete && report.seed == 7 && report.durationSeconds >= 1.5)
        let cases = report.targets[0].cases
        #expect(cases.map(\.id) == ["framing.text.length-0", "framing.text.length-125", "framing.text.length-126"])
        #expect(cases[0].behaviour == "OK" && cases[1].behaviour == "OK")
        #expect(cases[2].error == RunJournal.notFinished)
        #expect(report.targets[0].totals.errors == 1)
    }

    @Test("a last line cut short by the kill is dropped; its case counts as not finished")
    func truncatedLastLine() throws {
        let (report, _) = try RunJournal.recover(Self.journal(cut: true))
        #expect(report.targets[0].cases[1].error == RunJournal.notFinished)
    }

    @Test("an unreadable line inside the journal, or no header, is an error")
    func errors() throws {
        var data = try Self.journal(cut: false)
        data.insert(contentsOf: Data("garbage\n".utf8), at: data.firstIndex(of: 0x0A)! + 1)
        #expect(throws: RunJournal.RecoveryError.unreadableLine(2)) { try RunJournal.recover(data) }
        #expect(throws: RunJournal.RecoveryError.noHeader) { try RunJournal.recover(Data("{}\n".utf8)) }
    }
}
