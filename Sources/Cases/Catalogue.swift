/// Every case, from one place of registration: each RFC section file exposes one static array
/// and this concatenates them, in report order.
public enum Catalogue {
    public static let all: [TestCase] = sections.flatMap(\.cases)

    /// The cases a run of `tier` includes: a quick run leaves out the full tier's members of
    /// the long families (`Tier`).
    public static func cases(in tier: Tier) -> [TestCase] { tier == .full ? all : quick }

    private static let quick = all.filter { $0.tier == .quick }

    /// The sections in order, each with a title for reports.
    public static let sections: [(title: String, cases: [TestCase])] = [
        ("Framing (RFC 6455 §5.6)", Section5_6_DataFrames.cases),
        ("Pings and pongs (RFC 6455 §5.5.2, §5.5.3)", Section5_5_2_Ping.cases),
        ("Reserved bits (RFC 6455 §5.2)", Section5_2_ReservedBits.cases),
        ("Opcodes (RFC 6455 §5.2)", Section5_2_Opcodes.cases),
        ("Fragmentation (RFC 6455 §5.4)", Section5_4_Fragmentation.cases),
        ("UTF-8 handling (RFC 6455 §8.1)", Section8_1_UTF8.cases),
        ("Close handling (RFC 6455 §5.5.1, §7)", Section7_Closing.cases),
        ("Limits and performance (RFC 6455 §10.4)", Section10_4_Limits.cases),
        ("Masking (RFC 6455 §5.1, §5.3)", Section5_1_Masking.cases),
        ("Opening handshake: the client's request (RFC 6455 §4.2.1)", Section4_2_1_ClientHandshake.cases),
        ("Opening handshake: HTTP field syntax (RFC 9112 §5.2, RFC 9110 §5.4)", Section4_2_1_FieldSyntax.cases),
        ("Opening handshake (RFC 6455 §4.2)", Section4_2_OpeningHandshake.cases),
        (
            "Compression (RFC 7692)",
            Section5_ExtensionNegotiation.cases + Section7_1_ExtensionParameters.cases + Section6_1_CompressedBit.cases
                + Section6_2_Decompression.cases + Section7_2_Compression.cases + Section7_2_3_Examples.cases
                + Section7_2_1_ServerCompression.cases + Section7_2_2_DecompressionInvalid.cases
        ),
        ("Compressed payloads (RFC 7692 §7.2)", Section7_2_PayloadKinds.cases),
        ("Compression parameters (RFC 7692 §7.1)", Section7_1_OfferSets.cases),
    ]

    /// The title of the section holding the case `id`, for a report to carry with the case so
    /// that it renders with the catalogue that ran it; nil for an id the catalogue does not hold.
    public static func sectionTitle(of id: String) -> String? { sectionTitles[id] }

    /// Each case id's section title.
    private static let sectionTitles: [String: String] = Dictionary(
        sections.flatMap { section in section.cases.map { ($0.id, section.title) } }, uniquingKeysWith: { first, _ in first })

    /// Looks a case up by id or Autobahn alias.
    public static func named(_ name: String) -> TestCase? {
        all.first { $0.id == name || $0.autobahn == name }
    }
}
