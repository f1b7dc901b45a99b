import Cases
import Foundation

/// Known failures a team has accepted for now ("waivers"), so that a run fails only on new
/// ones. Read from a baseline file (docs/baseline.md) or derived from a previous `report.json`.
public struct Baseline: Sendable, Equatable {
    /// The version of the baseline file format this tool reads.
    public static let currentSchemaVersion = 1

    /// The file the waivers came from, as given; stored in the report (`RunReport.baseline`).
    public var path: String
    public var waivers: [Waiver]

    public init(path: String, waivers: [Waiver]) {
        self.path = path
        self.waivers = waivers
    }

    /// One known failure: which cases, on which target, and why it is accepted.
    public struct Waiver: Codable, Sendable, Equatable {
        /// A case id or Autobahn alias, or a glob over either (`6.4.*`), as `--cases` takes.
        public var `case`: String
        /// The target's agent name or URL (a glob too); nil waives on every target.
        public var target: String?
        /// Why the failure is accepted: required, so that every waiver can be questioned later.
        public var reason: String

        public init(case pattern: String, target: String? = nil, reason: String) {
            self.case = pattern
            self.target = target
            self.reason = reason
        }

        /// Whether the waiver names `item`, by its id or its Autobahn alias.
        public func covers(_ item: CaseReport) -> Bool {
            CaseSelection.glob(self.case, item.id) || item.autobahn.map { CaseSelection.glob(self.case, $0) } == true
        }

        /// Whether the waiver applies to `target`: no target given, or its agent or URL matches
        /// (a URL with or without its trailing slash).
        public func applies(to target: TargetReport) -> Bool {
            guard let pattern = self.target else { return true }
            if let agent = target.agent, CaseSelection.glob(pattern, agent) { return true }
            return CaseSelection.glob(pattern, target.url) || CaseSelection.glob(pattern + "/", target.url)
        }

        /// The waiver as users wrote it: its pattern, and its target when it has one.
        public var label: String { target.map { "\(self.case) (target \($0))" } ?? self.case }
    }
}

/// A baseline file that cannot be used: one line naming the file and, for a bad waiver, its
/// index in `waivers` (counted from 0, as JSON paths are).
public struct BaselineError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension Baseline {
    private static let fileKeys: Set<String> = ["schemaVersion", "waivers"]
    private static let waiverKeys: Set<String> = ["case", "target", "reason"]

    /// Reads the baseline at `path`: a baseline file, or a previous `report.json` whose every
    /// case that did not pass becomes a waiver.
    public static func load(path: String) throws(BaselineError) -> Baseline {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw BaselineError("cannot read the baseline \(path): \(oneLine(error.localizedDescription))")
        }
        return try parse(data, path: path)
    }

    /// Parses the contents of a baseline file (or a previous report) read from `path`.
    public static func parse(_ data: Data, path: String) throws(BaselineError) -> Baseline {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? error.localizedDescription
            throw BaselineError("baseline \(path) is not valid JSON: \(oneLine(detail))")
        }
        guard let object = root as? [String: Any] else { throw BaselineError("baseline \(path): expected a JSON object at the top") }
        if object["targets"] != nil && object["tool"] != nil { return try fromReport(data, path: path) }
        if let unknown = object.keys.sorted().first(where: { !fileKeys.contains($0) }) {
            throw BaselineError("baseline \(path): unknown key \"\(unknown)\" (expected schemaVersion, waivers)")
        }
        if let version = object["schemaVersion"] {
            guard let number = version as? Int, number == currentSchemaVersion else {
                throw BaselineError(
                    "baseline \(path): schemaVersion \(version) is not supported (this wsconform reads \(currentSchemaVersion))")
            }
        }
        guard let entries = object["waivers"] as? [Any] else { throw BaselineError("baseline \(path): \"waivers\" must be an array") }
        var waivers: [Waiver] = []
        for (index, entry) in entries.enumerated() {
            waivers.append(try waiver(entry, at: "baseline \(path): waivers[\(index)]"))
        }
        return Baseline(path: path, waivers: waivers)
    }

    /// One entry of `waivers`, checked key by key.
    private static func waiver(_ entry: Any, at place: String) throws(BaselineError) -> Waiver {
        guard let fields = entry as? [String: Any] else { throw BaselineError("\(place): expected an object") }
        if let unknown = fields.keys.sorted().first(where: { !waiverKeys.contains($0) }) {
            throw BaselineError("\(place): unknown key \"\(unknown)\" (expected case, target, reason)")
        }
        func text(_ key: String) throws(BaselineError) -> String? {
            guard let value = fields[key] else { return nil }
            guard let string = value as? String else { throw BaselineError("\(place): \"\(key)\" must be a string") }
            return string.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let pattern = try text("case") else { throw BaselineError("\(place): \"case\" is missing") }
        if let problem = patternProblem(pattern) { throw BaselineError("\(place): bad case pattern \"\(pattern)\": \(problem)") }
        let target = try text("target")
        if target?.isEmpty == true { throw BaselineError("\(place): \"target\" is empty (leave it out to waive on every target)") }
        guard let reason = try text("reason") else {
            throw BaselineError("\(place): \"reason\" is missing (say why the failure is accepted)")
        }
        if reason.isEmpty { throw BaselineError("\(place): \"reason\" is empty (say why the failure is accepted)") }
        return Waiver(case: pattern, target: target, reason: reason)
    }

    /// Why `pattern` cannot be a case glob, or nil: globs are single words of ids and aliases.
    static func patternProblem(_ pattern: String) -> String? {
        if pattern.isEmpty { return "it is empty" }
        if pattern.contains(",") { return "one pattern per waiver (a comma is not a separator here)" }
        if pattern.contains(where: \.isWhitespace) { return "it contains white space" }
        return nil
    }

    /// A previous report as a baseline: each case that did not pass is waived. A one-target
    /// report waives on every target (ports and hosts change between runs); otherwise each
    /// waiver names the target it failed on.
    private static func fromReport(_ data: Data, path: String) throws(BaselineError) -> Baseline {
        let report: RunReport
        do {
            report = try RunReport.decode(data)
        } catch {
            throw BaselineError("baseline \(path) looks like a report.json but cannot be read: \(error.description)")
        }
        var waivers: [Waiver] = []
        for target in report.targets {
            for item in target.cases where !item.passed {
                waivers.append(
                    Waiver(
                        case: item.id, target: report.targets.count == 1 ? nil : target.name,
                        reason: "failed in baseline report \(report.startedAt)"))
            }
        }
        return Baseline(path: path, waivers: waivers)
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
