import Cases
import Foundation
import Platform

/// What a run has done so far, one JSON line per step, appended as it happens: the run's
/// header, each target once probed, each case as it finishes, each target's measurements.
///
/// A CI runner that kills a job (SIGKILL on a timeout or a memory limit) leaves no chance to
/// write a report; the journal, written line by line as the run goes, is what survives, and
/// `wsconform recover` renders it into the full set of reports, marked incomplete. A run that
/// ends normally (or on Ctrl-C) writes its reports and removes its journal.
public enum RunJournal {
    /// The journal's file name inside the report directory.
    public static let fileName = "journal.jsonl"

    /// One line of the journal: exactly one of its fields is set.
    public struct Line: Codable, Sendable {
        public var run: RunHeader?
        public var target: TargetHeader?
        /// A finished case of the target at `targetIndex`.
        public var result: CaseReport?
        /// All of a target's measurements so far (the last such line wins).
        public var measurements: [Cases.Measurement]?
        public var targetIndex: Int?
        /// Seconds since the run started.
        public var at: Double?

        public init(
            run: RunHeader? = nil, target: TargetHeader? = nil, result: CaseReport? = nil, measurements: [Cases.Measurement]? = nil,
            targetIndex: Int? = nil, at: Double? = nil
        ) {
            self.run = run
            self.target = target
            self.result = result
            self.measurements = measurements
            self.targetIndex = targetIndex
            self.at = at
        }
    }

    /// The run as it started: what a report's header needs, and the formats to write.
    public struct RunHeader: Codable, Sendable {
        public var toolVersion: String
        public var startedAt: String
        public var commandLine: [String]
        public var seed: UInt64?
        public var strict: Bool
        public var formats: [ReportFormat]

        public init(toolVersion: String, startedAt: String, commandLine: [String], seed: UInt64?, strict: Bool, formats: [ReportFormat]) {
            self.toolVersion = toolVersion
            self.startedAt = startedAt
            self.commandLine = commandLine
            self.seed = seed
            self.strict = strict
            self.formats = formats
        }
    }

    /// A target once probed: its facts and every case it is to run, in order.
    public struct TargetHeader: Codable, Sendable {
        public var index: Int
        public var url: String
        public var agent: String?
        public var facts: TargetFacts?
        public var caseIDs: [String]

        public init(index: Int, url: String, agent: String?, facts: TargetFacts?, caseIDs: [String]) {
            self.index = index
            self.url = url
            self.agent = agent
            self.facts = facts
            self.caseIDs = caseIDs
        }
    }
}
