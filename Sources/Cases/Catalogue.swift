/// Every case, from one place of registration: each RFC section file exposes one static array
/// and this concatenates them, in report order.
public enum Catalogue {
    public static let all: [TestCase] = sections.flatMap(\.cases)

    /// The sections in order, each with a title for reports.
    public static let sections: [(title: String, cases: [TestCase])] = [
        ("Framing (RFC 6455 §5.6)", Section5_6_DataFrames.cases),
    ]

    /// Looks a case up by id or Autobahn alias.
    public static func named(_ name: String) -> TestCase? {
        all.first { $0.id == name || $0.autobahn == name }
    }
}
