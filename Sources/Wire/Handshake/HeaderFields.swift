/// An HTTP header field list that keeps order, repeats and exact spelling.
///
/// The opening handshake (RFC 6455 §4) is HTTP/1.1; a conformance tool must be able to send a
/// header twice, in odd case, or not at all, so fields are a list, never a dictionary.
public struct HeaderFields: Hashable, Sendable, Sequence, ExpressibleByArrayLiteral {
    /// One field as written: name and value, without the colon or line ending.
    public struct Field: Hashable, Sendable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public var fields: [Field]

    public init(_ fields: [Field] = []) { self.fields = fields }
    public init(arrayLiteral elements: (String, String)...) { fields = elements.map { Field($0.0, $0.1) } }

    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    /// Appends a field, keeping any existing field of the same name.
    public mutating func add(_ name: String, _ value: String) { fields.append(Field(name, value)) }

    /// Replaces every field named `name` (case-insensitively) by one field, at the first one's place.
    public mutating func set(_ name: String, _ value: String) {
        if let first = fields.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
            fields[first] = Field(name, value)
            fields = fields.enumerated().filter { $0.offset == first || $0.element.name.lowercased() != name.lowercased() }
                .map(\.element)
        } else {
            add(name, value)
        }
    }

    /// Removes every field named `name`, case-insensitively.
    public mutating func remove(_ name: String) {
        fields.removeAll { $0.name.lowercased() == name.lowercased() }
    }

    /// All values of fields named `name` (case-insensitive, RFC 9110 §5.1), in order.
    public func values(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return fields.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// The single value of `name`, or nil when absent; repeated fields are joined with ", ".
    public subscript(_ name: String) -> String? {
        let all = values(name)
        return all.isEmpty ? nil : all.joined(separator: ", ")
    }

    /// The comma-separated list elements of every `name` field, trimmed (RFC 9110 §5.6.1).
    public func listElements(_ name: String) -> [String] {
        values(name).flatMap { $0.split(separator: ",", omittingEmptySubsequences: true) }
            .map { $0.trimmingASCIIWhitespace() }
            .filter { !$0.isEmpty }
    }

    /// True when the `name` list holds `token`, compared case-insensitively (e.g. Connection: Upgrade).
    public func listContains(_ name: String, token: String) -> Bool {
        listElements(name).contains { $0.lowercased() == token.lowercased() }
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces and tabs (HTTP OWS).
    func trimmingASCIIWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
