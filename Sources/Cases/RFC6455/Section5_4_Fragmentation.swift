/// Placeholder: this RFC section's cases are being written.
public enum Section5_4_Fragmentation {
    public static let cases: [TestCase] = []
}
