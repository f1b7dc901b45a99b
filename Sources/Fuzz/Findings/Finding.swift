import Cases

/// One unique finding as saved in `corpus/findings/`: what was sent (minimised), what a
/// conforming server does with it, what this server did, and how to see it again.
public struct Finding: Hashable, Sendable, Codable {
    /// The version of this record's shape.
    public static let currentSchemaVersion = 1

    public var schemaVersion = Finding.currentSchemaVersion
    public var signature: FindingSignature
    /// The minimised input.
    public var script: SessionScript
    /// What a conforming server does with `script` (the oracle's words).
    public var expected: String
    /// What the server did, in one line.
    public var observed: String
    /// The campaign that found it: seed, input index, mutators stacked on the parent.
    public var seed: UInt64
    public var inputIndex: UInt64
    public var mutators: [String]
    /// Steps before and after minimisation.
    public var originalSteps: Int
    public var toolVersion: String
    public var target: String
    /// UTC, ISO 8601.
    public var foundAt: String
    /// The server's stderr tail when the process oracle saw it exit (`--exec`).
    public var processOutput: String?
    /// The minimised input's session on the wire, as the finding was confirmed (for a liveness
    /// or process finding: the input itself; the server went down after it).
    public var transcript: [TranscriptEntry]?
    /// The trace id (32 hex digits) of the W3C `traceparent` field the confirming run's head
    /// carried, the run `transcript` shows: the key to that connection in the target's logs.
    /// Nil when the campaign ran with `--no-traceparent`, or for files saved before it had one.
    public var traceId: String?
    /// Every input that may have taken the target down, oldest first, when none could be
    /// named (the target never came back to search with): those completed since the last
    /// control exchange that succeeded, and those still in flight. `replay` walks them one at
    /// a time with a control exchange after each. Nil for an attributed finding.
    public var suspects: [Suspect]?

    /// One input of an unattributed finding.
    public struct Suspect: Hashable, Sendable, Codable {
        public var inputIndex: UInt64
        public var mutators: [String]
        public var script: SessionScript

        public init(inputIndex: UInt64, mutators: [String], script: SessionScript) {
            self.inputIndex = inputIndex
            self.mutators = mutators
            self.script = script
        }
    }

    public init(
        signature: FindingSignature, script: SessionScript, expected: String, observed: String, seed: UInt64, inputIndex: UInt64,
        mutators: [String], originalSteps: Int, toolVersion: String, target: String, foundAt: String, processOutput: String? = nil
    ) {
        self.signature = signature
        self.script = script
        self.expected = expected
        self.observed = observed
        self.seed = seed
        self.inputIndex = inputIndex
        self.mutators = mutators
        self.originalSteps = originalSteps
        self.toolVersion = toolVersion
        self.target = target
        self.foundAt = foundAt
        self.processOutput = processOutput
    }

    /// The file name in `corpus/findings/`: the signature made safe for any file system.
    public var fileName: String {
        String(signature.description.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }) + ".json"
    }

    /// The one command that shows the finding again.
    public func reproduction(path: String) -> String { "wsconform replay \(path) \(target)" }
}

extension SessionScript {
    /// A finding's script, its note saying what it is: the parent's note describes the input
    /// the mutations started from, not what the minimised script shows.
    func noted(_ signature: FindingSignature, input: GeneratedInput, seed: UInt64) -> SessionScript {
        var script = self
        var note = "finding \(signature): input \(input.index) of seed \(seed), \(input.script.steps.count) steps before minimisation"
        if let parent = input.script.note { note += "; bred from: \(parent)" }
        // Cut on octets; a code point cut in two decodes as one U+FFFD, at most 3 octets.
        script.note = String(decoding: note.utf8.prefix(ScriptLimits.maxNote - 3), as: UTF8.self)
        return script
    }
}
