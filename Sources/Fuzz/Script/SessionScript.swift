import Cases
import Foundation

/// One fuzz input: an opening handshake, then steps that send frames or raw octets with their
/// wire controls. Stored as one readable JSON file per input (`corpus/*.json`).
///
/// A script is pure data: `wire(host:)` turns it into the exact octets a client sends, and the
/// `Oracle` says what a conforming server must do with them (RFC 6455 §5–§8).
public struct SessionScript: Hashable, Sendable {
    /// The version of the file format this code writes and reads.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var handshake: OpeningRequest
    public var steps: [ScriptStep]
    /// Free text: where the script came from, what it is meant to show.
    public var note: String?

    public init(handshake: OpeningRequest = .standard, steps: [ScriptStep], note: String? = nil) {
        schemaVersion = Self.currentSchemaVersion
        self.handshake = handshake
        self.steps = steps
        self.note = note
    }

    /// The indices of steps that carry a frame (frame or start-close steps).
    public var frameIndices: [Int] { steps.indices.filter { steps[$0].frame != nil } }

    /// Octets carried by all steps (payloads and raw chunks).
    public var carriedBytes: Int { steps.reduce(0) { $0 + $1.carriedBytes } }

    /// True when the script is within every cap of `ScriptLimits` that steps are subject to.
    public var isWithinLimits: Bool {
        steps.count <= ScriptLimits.maxSteps && carriedBytes <= ScriptLimits.maxTotalBytes
            && steps.allSatisfy { $0.carriedBytes <= ScriptLimits.maxPayload }
    }
}

extension SessionScript: Codable {
    private enum CodingKeys: String, CodingKey {
        case schemaVersion, handshake, steps, note
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try container.decode(Int.self, forKey: .schemaVersion)
        guard schemaVersion == Self.currentSchemaVersion else {
            throw container.corrupt(.schemaVersion, "schema version \(schemaVersion) is not \(Self.currentSchemaVersion)")
        }
        handshake = try container.decode(OpeningRequest.self, forKey: .handshake)
        var list = try container.nestedUnkeyedContainer(forKey: .steps)
        if let count = list.count, count > ScriptLimits.maxSteps {
            throw container.corrupt(.steps, "\(count) steps, over the cap of \(ScriptLimits.maxSteps)")
        }
        var steps: [ScriptStep] = []
        var total = 0
        while !list.isAtEnd {
            guard steps.count < ScriptLimits.maxSteps else {
                throw container.corrupt(.steps, "more than \(ScriptLimits.maxSteps) steps")
            }
            let step = try list.decode(ScriptStep.self)
            total += step.carriedBytes
            guard total <= ScriptLimits.maxTotalBytes else {
                throw container.corrupt(.steps, "steps carry over \(ScriptLimits.maxTotalBytes) octets in all")
            }
            steps.append(step)
        }
        self.steps = steps
        note = try container.decodeIfPresent(String.self, forKey: .note)
        if let note, note.utf8.count > ScriptLimits.maxNote {
            throw container.corrupt(.note, "a note of \(note.utf8.count) octets, over the cap of \(ScriptLimits.maxNote)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(handshake, forKey: .handshake)
        try container.encode(steps, forKey: .steps)
        try container.encodeIfPresent(note, forKey: .note)
    }
}

extension SessionScript {
    /// The largest script file read: the payload caps in hex, with room for the rest.
    public static let maxFileBytes = 2 * ScriptLimits.maxTotalBytes + (4 << 20)

    /// The script as a corpus file: pretty-printed JSON, keys sorted so the same script always
    /// gives the same octets, ending in a newline.
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every value is a string, number, bool or nested container: encoding cannot fail.
        var data = (try? encoder.encode(self)) ?? Data()
        data.append(0x0A)
        return data
    }

    /// Reads a corpus file, checking every cap of `ScriptLimits` as it goes.
    public static func decode(json data: Data) throws(ScriptFormatError) -> SessionScript {
        guard data.count <= maxFileBytes else {
            throw ScriptFormatError(path: "", problem: "a file of \(data.count) octets, over the cap of \(maxFileBytes)")
        }
        do {
            return try JSONDecoder().decode(SessionScript.self, from: data)
        } catch let error as DecodingError {
            throw ScriptFormatError(error)
        } catch {
            throw ScriptFormatError(path: "", problem: "\(error)")
        }
    }
}

extension ScriptFormatError {
    /// The path and message of a decoding error, in JSON-path form ("steps[2].frame.opcode").
    init(_ error: DecodingError) {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce("") { text, key in
                if let index = key.intValue { return text + "[\(index)]" }
                return text.isEmpty ? key.stringValue : text + "." + key.stringValue
            }
        }
        switch error {
        case .dataCorrupted(let context):
            self.init(path: path(context.codingPath), problem: context.debugDescription)
        case .keyNotFound(let key, let context):
            self.init(path: path(context.codingPath + [key]), problem: "missing")
        case .typeMismatch(let type, let context):
            self.init(path: path(context.codingPath), problem: "expected \(type)")
        case .valueNotFound(let type, let context):
            self.init(path: path(context.codingPath), problem: "expected \(type), found null")
        @unknown default:
            self.init(path: "", problem: "\(error)")
        }
    }
}
