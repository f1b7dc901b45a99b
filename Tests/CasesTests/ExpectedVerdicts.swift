import Cases
import Foundation
import ProcessSupport

/// The committed verdicts of a real server, one line per case that is not OK / OK:
/// `id <TAB> behaviour[|behaviour…] <TAB> close[|close…] <TAB> reason`. Several verdicts
/// separated by `|` record a timing-dependent case: every verdict seen, never hidden.
/// Cases not listed are expected OK / OK.
struct ExpectedVerdicts {
    struct Entry {
        var behaviours: Set<String>
        var closes: Set<String>
        var reason: String
    }

    var entries: [String: Entry] = [:]

    static func path(for peer: String) -> String { PeerServer.packageRoot + "/Tests/CasesTests/Expected/\(peer).tsv" }

    static func load(_ peer: String) throws -> ExpectedVerdicts {
        let text = try String(contentsOfFile: path(for: peer), encoding: .utf8)
        var verdicts = ExpectedVerdicts()
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 4, !fields[3].isEmpty else {
                throw PeerError("\(peer).tsv: a line needs id, verdicts and a reason: \(line)")
            }
            verdicts.entries[fields[0]] = Entry(
                behaviours: Set(fields[1].split(separator: "|").map(String.init)),
                closes: Set(fields[2].split(separator: "|").map(String.init)),
                reason: fields[3])
        }
        return verdicts
    }

    /// Why `result` differs from what is committed, or nil when it matches.
    func mismatch(_ testCase: TestCase, _ result: CaseResult) -> String? {
        let (behaviour, close): (String, String)
        switch result.outcome {
        case .judged(let b, let c): (behaviour, close) = (b.rawValue, c.rawValue)
        case .error(let text): (behaviour, close) = ("ERROR", text)
        }
        let entry = entries[testCase.id] ?? Entry(behaviours: ["OK"], closes: ["OK"], reason: "")
        if entry.behaviours.contains(behaviour), entry.closes.contains(close) { return nil }
        return "\(testCase.id)\t\(behaviour)\t\(close)\t\(result.reasons.first ?? "")"
    }
}
