/// Placeholder: this RFC section's cases are being written.
public enum Section5_1_Masking {
    public static let cases: [TestCase] = []
}
