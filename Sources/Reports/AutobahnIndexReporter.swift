import Foundation

/// Autobahn|Testsuite's report index, `index.json`, so dashboards and CI scripts written for
/// Autobahn's fuzzingclient keep working on wsconform runs:
///
/// ```
/// {"<agent>": {"<case>": {"behavior": "OK", "behaviorClose": "OK", "duration": 2,
///                         "remoteCloseCode": 1000, "reportfile": "<agent>_case_1_1_1.json"}}}
/// ```
///
/// - The agent is the target's agent, or else its URL; two targets with the same name get
///   " (2)", " (3)" appended so neither hides the other.
/// - A case is keyed by its Autobahn alias, or by its wsconform id when it has none.
/// - `behavior` and `behaviorClose` are the verdicts as they are: wsconform's verdict names are
///   Autobahn's. A case that could not run (refused, TLS failure, no handshake) is written as
///   FAILED / FAILED: Autobahn leaves such a case out, and a script that only reads the cases
///   present would then pass a target it never reached.
/// - `duration` is in milliseconds, as in Autobahn. `remoteCloseCode` is the code of the
///   server's close frame, or null when none arrived.
/// - `reportfile` is the name Autobahn gives its per-case detail file: the agent lower-cased,
///   each character other than a–z and 0–9 made `_` (dropped at either end), then `_case_`,
///   the case key with `.` as `_`, and `.json`. Only index.json is written; the detail of every case is
///   in report.json. The name is kept so scripts that read the field find the shape they expect.
///
/// Written like Autobahn writes it: keys sorted, three-space indentation, non-ASCII escaped.
public struct AutobahnIndexReporter: Reporter {
    public var format: ReportFormat { .autobahn }
    public var fileName: String { "index.json" }

    public init() {}

    public func render(_ report: RunReport) throws -> Data {
        var agents: [(name: String, cases: [(key: String, entry: Entry)])] = []
        for (target, name) in zip(report.targets, report.distinctTargetNames) {
            let cases = target.cases.map { item in
                let key = item.autobahn ?? item.id
                return (key, Entry(item, reportFile: Self.reportFile(agent: name, caseKey: key)))
            }
            agents.append((name, cases))
        }
        var out = "{"
        for (index, agent) in agents.sorted(by: { Self.codePointOrder($0.name, $1.name) }).enumerated() {
            out += (index == 0 ? "\n" : ",\n") + "   " + Self.quoted(agent.name) + ": {"
            for (caseIndex, item) in agent.cases.sorted(by: { Self.codePointOrder($0.key, $1.key) }).enumerated() {
                out += (caseIndex == 0 ? "\n" : ",\n") + "      " + Self.quoted(item.key) + ": " + item.entry.json
            }
            out += agent.cases.isEmpty ? "}" : "\n   }"
        }
        out += agents.isEmpty ? "}\n" : "\n}\n"
        return Data(out.utf8)
    }

    /// One case in the index.
    struct Entry {
        var behavior: String
        var behaviorClose: String
        var duration: Int
        var remoteCloseCode: UInt16?
        var reportFile: String

        init(_ item: CaseReport, reportFile: String) {
            behavior = item.error == nil ? item.behaviour ?? "FAILED" : "FAILED"
            behaviorClose = item.error == nil ? item.close ?? "FAILED" : "FAILED"
            duration = item.durationMilliseconds
            remoteCloseCode = item.closeFacts.remoteCode
            self.reportFile = reportFile
        }

        var json: String {
            let indent = "\n         "
            return "{" + indent + "\"behavior\": \(quoted(behavior)),"
                + indent + "\"behaviorClose\": \(quoted(behaviorClose)),"
                + indent + "\"duration\": \(duration),"
                + indent + "\"remoteCloseCode\": \(remoteCloseCode.map(String.init) ?? "null"),"
                + indent + "\"reportfile\": \(quoted(reportFile))" + "\n      }"
        }

        private func quoted(_ text: String) -> String { AutobahnIndexReporter.quoted(text) }
    }

    /// The file name Autobahn gives a case's detail report for `agent`.
    public static func reportFile(agent: String, caseKey: String) -> String {
        cleanForFileName(agent) + "_case_" + caseKey.replacingOccurrences(of: ".", with: "_") + ".json"
    }

    /// Autobahn's agent-to-file-name rule: lower-case; every character other than a–z and 0–9
    /// becomes a space; outer spaces dropped; each remaining space becomes `_` (runs are not
    /// merged: "Tornado / 6" gives "tornado___6").
    static func cleanForFileName(_ agent: String) -> String {
        let spaced = agent.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().unicodeScalars.map { scalar -> Character in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) ? Character(scalar) : " "
        }
        return String(spaced).trimmingCharacters(in: .init(charactersIn: " ")).replacingOccurrences(of: " ", with: "_")
    }

    /// Key order as Python's `sort_keys` gives it: by Unicode code points.
    static func codePointOrder(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value }
    }

    /// A JSON string as Python's `json.dumps` writes it (`ensure_ascii`): non-ASCII and control
    /// characters as `\u` escapes, astral characters as surrogate pairs.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(unit)!)
            default: out += String(format: "\\u%04x", unit)
            }
        }
        return out + "\""
    }
}
