import Foundation

extension Finding {
    /// The largest finding file read: a script at its largest (`SessionScript.maxFileBytes`)
    /// with room for the texts around it, so every finding the fuzzer can save reads back.
    public static let maxFileBytes = SessionScript.maxFileBytes + (16 << 20)

    /// The finding as a `corpus/findings/` file: pretty-printed JSON with sorted keys (the same
    /// finding always gives the same octets), ending in a newline.
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Strings, numbers and the script's own encoding: encoding cannot fail.
        var data = (try? encoder.encode(self)) ?? Data()
        data.append(0x0A)
        return data
    }

    /// Reads a finding file: the script's caps are enforced as it decodes, and a record of
    /// another schema version is refused rather than half understood.
    public static func decode(json data: Data) throws(ScriptFormatError) -> Finding {
        guard data.count <= maxFileBytes else {
            throw ScriptFormatError(path: "", problem: "a file of \(data.count) octets, over the cap of \(maxFileBytes)")
        }
        let finding: Finding
        do {
            finding = try JSONDecoder().decode(Finding.self, from: data)
        } catch let error as DecodingError {
            throw ScriptFormatError(error)
        } catch {
            throw ScriptFormatError(path: "", problem: "\(error)")
        }
        guard finding.schemaVersion == currentSchemaVersion else {
            throw ScriptFormatError(
                path: "schemaVersion", problem: "schema version \(finding.schemaVersion) is not \(currentSchemaVersion)")
        }
        // A trace id reaches reports and logs searches: 32 lowercase hex digits, or none.
        if let trace = finding.traceId, trace.utf8.count != 32 || !trace.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) {
            throw ScriptFormatError(path: "traceId", problem: "a trace id is 32 lowercase hex digits")
        }
        return finding
    }

    /// The size of the reproducer, compared when two findings share a signature: fewer steps
    /// first, then fewer octets on the wire (handshake included). Smaller is better.
    public var reproducerSize: (steps: Int, octets: Int) { (script.steps.count, script.wire().bytes.count) }

    /// True when this finding's reproducer is strictly smaller than `other`'s.
    public func hasSmallerReproducer(than other: Finding) -> Bool {
        let (mine, theirs) = (reproducerSize, other.reproducerSize)
        return mine.steps < theirs.steps || (mine.steps == theirs.steps && mine.octets < theirs.octets)
    }
}
