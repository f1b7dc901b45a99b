import Wire

extension PayloadCorpus {
    /// Words the generated records are made of: short, lower-case ASCII.
    private static let words = [
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett", "kilo", "lima",
        "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey",
        "xray", "yankee", "zulu",
    ]

    /// JSON-like ASCII text of exactly `count` octets, the same for the same `seed` on every
    /// machine: an array of small records (numbers, strings, booleans, nulls, nested arrays),
    /// cut off at `count`. It stands in for the JSON data file of Autobahn's 12.1.x and 13.x
    /// cases, which the project does not ship: text that compresses as real JSON does, and
    /// being ASCII, every slice of it is valid UTF-8 (RFC 6455 §8.1) wherever it is cut.
    public static func jsonText(count: Int, seed: UInt64 = 0x1212) -> PayloadCorpus {
        var generator = SplitMix64(seed: seed)
        var text: [UInt8] = Array("[".utf8)
        text.reserveCapacity(count + 256)
        var record = 0
        while text.count < count {
            record += 1
            text += Array(jsonRecord(record, using: &generator).utf8)
        }
        return PayloadCorpus(id: "json-text(seed \(seed), \(count) octets)", octets: Array(text.prefix(max(0, count))))
    }

    /// One record, `{"id":…,…},` and a line break.
    private static func jsonRecord(_ id: Int, using generator: inout SplitMix64) -> String {
        func word() -> String { words[Int(generator.next() % UInt64(words.count))] }
        let cents = generator.next() % 100_000
        let score = "\(cents / 100)." + (cents % 100 < 10 ? "0" : "") + "\(cents % 100)"
        let tags = (0..<Int(generator.next() % 4)).map { _ in "\"\(word())\"" }.joined(separator: ",")
        let active = generator.next() % 2 == 0 ? "true" : "false"
        let parent = generator.next() % 5 == 0 ? "null" : String(generator.next() % UInt64(id))
        return "{\"id\":\(id),\"name\":\"\(word()) \(word())\",\"score\":\(score),\"active\":\(active),"
            + "\"parent\":\(parent),\"tags\":[\(tags)]},\n"
    }
}
