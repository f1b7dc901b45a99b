import Wire

/// Decoding helpers that check a cap before accepting a value, so a hostile corpus file fails
/// with a clear message instead of allocating what it asks for.
extension KeyedDecodingContainer {
    /// Hex octets under `key`, at most `limit` of them.
    func decodeHex(_ key: Key, limit: Int) throws -> [UInt8] {
        let text = try decode(String.self, forKey: key)
        guard text.utf8.count <= 2 * limit else {
            throw corrupt(key, "\(text.utf8.count / 2) octets, over the cap of \(limit)")
        }
        guard let bytes = Hex.decode(text) else { throw corrupt(key, "not an even number of hex digits") }
        return bytes
    }

    /// An integer under `key` that must fall in `range`.
    func decodeBounded<Value: FixedWidthInteger & Decodable>(_ key: Key, in range: ClosedRange<Value>) throws -> Value {
        let value = try decode(Value.self, forKey: key)
        guard range.contains(value) else { throw corrupt(key, "\(value) is outside \(range.lowerBound)...\(range.upperBound)") }
        return value
    }

    /// Text under `key`, at most `limit` UTF-8 octets.
    func decodeText(_ key: Key, limit: Int) throws -> String {
        let text = try decode(String.self, forKey: key)
        guard text.utf8.count <= limit else { throw corrupt(key, "\(text.utf8.count) octets of text, over the cap of \(limit)") }
        return text
    }

    /// A "data corrupted" error naming `key` and the problem.
    func corrupt(_ key: Key, _ problem: String) -> DecodingError {
        DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: problem)
    }
}
