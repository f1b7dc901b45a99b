import Cases
import Foundation

extension RunJournal {
    /// Why a journal cannot be rendered.
    public enum RecoveryError: Error, Equatable, CustomStringConvertible {
        case noHeader
        case unreadableLine(Int)

        public var description: String {
            switch self {
            case .noHeader: return "the journal has no run header (it is not a wsconform run journal)"
            case .unreadableLine(let number): return "line \(number) of the journal is not a journal entry"
            }
        }
    }

    /// The reason given to a case the journal holds no result for.
    public static let notFinished = "not run: the run ended before this case finished (report recovered from the journal)"

    /// The report the run would have written, from its journal: every case each target was to
    /// run, with its result when the journal has one and "not run" otherwise, marked
    /// incomplete. A last line cut short (the run killed mid-write) is dropped; any other
    /// unreadable line is an error.
    public static func recover(_ text: Data) throws(RecoveryError) -> (RunReport, formats: [ReportFormat]) {
        let decoder = JSONDecoder()
        var lines = text.split(separator: 0x0A, omittingEmptySubsequences: true)
        var parsed: [Line] = []
        for (number, line) in lines.enumerated() {
            if let entry = try? decoder.decode(Line.self, from: Data(line)) {
                parsed.append(entry)
            } else if number == lines.count - 1 && text.last != 0x0A {
                break
            } else {
                throw .unreadableLine(number + 1)
            }
        }
        lines = []
        guard let header = parsed.first?.run else { throw .noHeader }
        var targets: [TargetHeader] = []
        var results: [Int: [String: CaseReport]] = [:]
        var measurements: [Int: [Cases.Measurement]] = [:]
        var elapsed = 0.0
        for entry in parsed {
            elapsed = max(elapsed, entry.at ?? 0)
            if let target = entry.target { targets.append(target) }
            if let index = entry.targetIndex, let result = entry.result { results[index, default: [:]][result.id] = result }
            if let index = entry.targetIndex, let values = entry.measurements { measurements[index] = values }
        }
        let catalogue = Dictionary(Catalogue.all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let reports = targets.map { target in
            let done = results[target.index] ?? [:]
            let cases = target.caseIDs.compactMap { id -> CaseReport? in
                if let report = done[id] { return report }
                guard let testCase = catalogue[id] else { return nil }
                let result = CaseResult(caseID: id, outcome: .error(notFinished), reasons: [notFinished])
                return CaseReport(testCase, result, strict: header.strict, sectionTitle: Catalogue.sectionTitle(of: id))
            }
            return TargetReport(
                url: target.url, agent: target.agent, facts: target.facts, measurements: measurements[target.index] ?? [], cases: cases)
        }
        let report = RunReport(
            toolVersion: header.toolVersion, startedAt: header.startedAt, durationSeconds: elapsed, commandLine: header.commandLine,
            seed: header.seed, incomplete: true, strict: header.strict, targets: reports)
        return (report, header.formats)
    }
}
