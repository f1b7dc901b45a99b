import Foundation

/// What changed between two runs (`wsconform diff OLD NEW`): target by target, case by case,
/// which cases regressed, which were fixed, whose verdicts changed, and which exist on one side
/// only. Codable, so the diff itself can be kept as JSON with a `schemaVersion`.
public struct ReportDiff: Codable, Sendable, Equatable {
    /// The version of the diff's JSON shape; bumped on any incompatible change.
    public static let currentSchemaVersion = 1

    public var schemaVersion = ReportDiff.currentSchemaVersion
    /// The earlier run (the first file given).
    public var old: Side
    /// The later run (the second file given).
    public var new: Side
    /// Each pair of targets found in both runs, in OLD's order.
    public var targets: [TargetDiff]
    /// Targets of OLD with no counterpart in NEW, by name.
    public var targetsOnlyInOld: [String]
    /// Targets of NEW with no counterpart in OLD, by name.
    public var targetsOnlyInNew: [String]

    /// Which run a side is: the file it was read from and when it started.
    public struct Side: Codable, Sendable, Equatable {
        /// The path given on the command line, when the report came from a file.
        public var file: String?
        public var startedAt: String
        public var toolVersion: String
        /// A strict run counts SHOULD-level deviations as failures: diffing a strict run with a
        /// lenient one shows those as regressions or fixes.
        public var strict: Bool
    }

    /// Whether any case that passed in OLD does not pass in NEW.
    public var hasRegressions: Bool { targets.contains { !$0.regressions.isEmpty } }

    /// The diff of `old` and `new`. Targets pair by agent name, else by URL; when each run has
    /// exactly one target the two pair whatever their names (the same server on a new port).
    public init(old: RunReport, new: RunReport, oldFile: String? = nil, newFile: String? = nil) {
        self.old = Side(file: oldFile, startedAt: old.startedAt, toolVersion: old.toolVersion, strict: old.strict)
        self.new = Side(file: newFile, startedAt: new.startedAt, toolVersion: new.toolVersion, strict: new.strict)
        var pairs: [(TargetReport, TargetReport)] = []
        var unpaired = new.targets
        var onlyInOld: [String] = []
        if old.targets.count == 1 && new.targets.count == 1 {
            pairs = [(old.targets[0], new.targets[0])]
            unpaired = []
        } else {
            for target in old.targets {
                let index =
                    unpaired.firstIndex { target.agent != nil && $0.agent == target.agent } ?? unpaired.firstIndex { $0.url == target.url }
                if let index {
                    pairs.append((target, unpaired.remove(at: index)))
                } else {
                    onlyInOld.append(target.name)
                }
            }
        }
        targets = pairs.map { TargetDiff(old: $0.0, new: $0.1) }
        targetsOnlyInOld = onlyInOld
        targetsOnlyInNew = unpaired.map(\.name)
    }
}

/// One target's changes, each list in NEW's case order (OLD's for cases gone from NEW).
public struct TargetDiff: Codable, Sendable, Equatable {
    /// The target's name in OLD and in NEW (agent, else URL); usually the same.
    public var old: String
    public var new: String
    /// Passed in OLD, not in NEW: these make `diff` exit 1.
    public var regressions: [CaseChange]
    /// Did not pass in OLD, passed in NEW.
    public var fixes: [CaseChange]
    /// Same pass/fail outcome, but a different verdict on either axis, or an error became a
    /// failure (or the other way round).
    public var changed: [CaseChange]
    /// Ids of cases OLD ran and NEW did not.
    public var onlyInOld: [String]
    /// Ids of cases NEW ran and OLD did not.
    public var onlyInNew: [String]
    /// Cases in both runs with the same verdicts.
    public var unchanged: Int

    public init(old: TargetReport, new: TargetReport) {
        self.old = old.name
        self.new = new.name
        let before = Dictionary(old.cases.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let afterIDs = Set(new.cases.map(\.id))
        var regressions: [CaseChange] = []
        var fixes: [CaseChange] = []
        var changed: [CaseChange] = []
        var onlyInNew: [String] = []
        var unchanged = 0
        for item in new.cases {
            guard let previous = before[item.id] else {
                onlyInNew.append(item.id)
                continue
            }
            let change = CaseChange(old: previous, new: item)
            if previous.passed && !item.passed {
                regressions.append(change)
            } else if !previous.passed && item.passed {
                fixes.append(change)
            } else if change.old.verdict != change.new.verdict {
                changed.append(change)
            } else {
                unchanged += 1
            }
        }
        self.regressions = regressions
        self.fixes = fixes
        self.changed = changed
        self.onlyInOld = old.cases.map(\.id).filter { !afterIDs.contains($0) }
        self.onlyInNew = onlyInNew
        self.unchanged = unchanged
    }

    /// Whether nothing differs for this target.
    public var isEmpty: Bool { regressions.isEmpty && fixes.isEmpty && changed.isEmpty && onlyInOld.isEmpty && onlyInNew.isEmpty }
}

/// One case seen in both runs.
public struct CaseChange: Codable, Sendable, Equatable {
    public var id: String
    /// The case's Autobahn|Testsuite number, for users who know it by that.
    public var autobahn: String?
    public var old: CaseState
    public var new: CaseState

    public init(old: CaseReport, new: CaseReport) {
        id = new.id
        autobahn = new.autobahn
        self.old = CaseState(old)
        self.new = CaseState(new)
    }
}

/// A case's outcome in one run, as the diff shows it.
public struct CaseState: Codable, Sendable, Equatable {
    public var passed: Bool
    /// "BEHAVIOUR / CLOSE", or "ERROR" when the case could not run.
    public var verdict: String
    /// The first reason given (the error's text for a case that could not run).
    public var reason: String?
    /// The baseline's reason when the failure was waived.
    public var waiver: String?

    public init(_ item: CaseReport) {
        passed = item.passed
        verdict = item.error != nil ? "ERROR" : "\(item.behaviour ?? "?") / \(item.close ?? "?")"
        reason = item.error ?? item.reasons.first
        waiver = item.waiver
    }
}

/// A `report.json` that cannot be used: one line naming the file.
public struct ReportReadError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension RunReport {
    /// Reads a `report.json` written by `wsconform run`.
    public static func read(path: String) throws(ReportReadError) -> RunReport {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ReportReadError("cannot read \(path): \(Baseline.oneLine(error.localizedDescription))")
        }
        do {
            return try decode(data)
        } catch {
            throw ReportReadError("\(path) is not a wsconform report.json: \(error.description)")
        }
    }

    /// Decodes a report, refusing other schema versions; errors are one line.
    static func decode(_ data: Data) throws(ReportReadError) -> RunReport {
        struct Version: Decodable { var schemaVersion: Int? }
        let report: RunReport
        do {
            let version = try JSONDecoder().decode(Version.self, from: data)
            if let number = version.schemaVersion, number != currentSchemaVersion {
                throw ReportReadError("report schemaVersion \(number) is not supported (this wsconform reads \(currentSchemaVersion))")
            }
            report = try JSONDecoder().decode(RunReport.self, from: data)
        } catch let error as ReportReadError {
            throw error
        } catch let DecodingError.keyNotFound(key, context) {
            throw ReportReadError("\"\(key.stringValue)\" is missing at \(location(context.codingPath))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw ReportReadError("\(sentence(context.debugDescription)) at \(location(context.codingPath))")
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            throw ReportReadError("\(sentence(context.debugDescription)) at \(location(context.codingPath))")
        } catch DecodingError.dataCorrupted {
            throw ReportReadError("not valid JSON: \(syntaxProblem(data))")
        } catch {
            throw ReportReadError(Baseline.oneLine("\(error)"))
        }
        return report
    }

    /// Where the JSON syntax breaks: JSONDecoder does not say, JSONSerialization does.
    private static func syntaxProblem(_ data: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data)
            return "the data could not be parsed"
        } catch {
            return Baseline.oneLine((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? error.localizedDescription)
        }
    }

    /// A decoder's message made to run on into " at PATH".
    private static func sentence(_ text: String) -> String {
        let line = Baseline.oneLine(text)
        return line.hasSuffix(".") ? String(line.dropLast()) : line
    }

    /// A coding path as a JSON path: `targets[0].cases[3].passed`.
    private static func location(_ path: [any CodingKey]) -> String {
        let text = path.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
        return text.isEmpty ? "the top" : String(text.drop { $0 == "." })
    }
}
