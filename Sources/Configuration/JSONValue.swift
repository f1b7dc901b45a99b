/// A JSON value (RFC 8259) that keeps object members in the order the file gives them, and
/// tells integers, fractions and booleans apart. Foundation's `JSONSerialization` does neither
/// (its dictionaries are unordered and its booleans are numbers), and a config needs both: header
/// fields go on the wire in the order written, and `"jobs": true` must be a type error.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// The number as written, so an integer keeps its exact digits.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in document order; a duplicate name is a syntax error when parsing.
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)): return a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
        default: return false
        }
    }

    /// What the value is, in words, for "expected a string, found a number" messages.
    public var kind: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The member named `key` of an object, or nil.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }
}
