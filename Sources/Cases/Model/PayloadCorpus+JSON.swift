import Wire

extension PayloadCorpus {
    /// Words the generated records are made of: short, lower-case ASCII.
    private static let words = [
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett", "kilo", "lima",
        "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey",
        "xray", "yankee", "zulu",
    ]

    /// Pretty-printed JSON text of exactly `count` octets, the same for the same `seed` on every
    /// machine: an object holding an array of records (an inventory listing), cut off at `count`.
    /// It stands in for the JSON data file of Autobahn's 12.1.x and 13.x cases, which the project
    /// does not ship. That file is a machine-written report (indented records with the same keys
    /// and few changing values) and deflates to about 4 % of its size, fast; records of the same
    /// shape keep the server's compression work, and so the run's time, of the same order. Being
    /// ASCII, every slice is valid UTF-8 (RFC 6455 §8.1) wherever it is cut.
    public static func jsonText(count: Int, seed: UInt64 = 0x1212) -> PayloadCorpus {
        let text = InventoryItem.listing(count: count, seed: seed, header: "{\n  \"service\": \"inventory\",\n  \"items\": [\n") {
            record, item in
            "    {\n      \"id\": \(record),\n      \"sku\": \"\(item.sku)\",\n      \"status\": \"\(item.status)\",\n"
                + "      \"region\": \"\(item.region)\",\n      \"quantity\": \(item.quantity),\n"
                + "      \"backordered\": \(item.quantity == 0),\n      \"link\": \"/items/\(item.sku).json\"\n    },\n"
        }
        return PayloadCorpus(id: "json-text(seed \(seed), \(count) octets)", octets: text)
    }
}

/// One record of the generated inventory that the JSON and HTML corpora list: mostly the same
/// values, as in the machine-written files Autobahn's 12.1.x and 12.4.x cases send.
struct InventoryItem {
    private static let regions = ["alpha", "bravo", "charlie", "delta"]

    var sku: String
    var status: String
    var region: String
    var quantity: UInt64

    init(_ record: Int, using generator: inout SplitMix64) {
        let digits = String(record)
        sku = "item-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        status = generator.next() % 8 == 0 ? "retired" : "active"
        region = Self.regions[Int(generator.next() % UInt64(Self.regions.count))]
        quantity = generator.next() % 20
    }

    /// `header`, then each record as `render` writes it (given its number, from 1), until
    /// `count` octets, cut there; the same for the same `seed` on every machine.
    static func listing(count: Int, seed: UInt64, header: String, render: (Int, InventoryItem) -> String) -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        var text: [UInt8] = Array(header.utf8)
        text.reserveCapacity(count + 256)
        var record = 0
        while text.count < count {
            record += 1
            text += Array(render(record, InventoryItem(record, using: &generator)).utf8)
        }
        return Array(text.prefix(max(0, count)))
    }
}
