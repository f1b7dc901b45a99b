/// Placeholder: this RFC section's cases are being written.
public enum Section5_5_2_Ping {
    public static let cases: [TestCase] = []
}
