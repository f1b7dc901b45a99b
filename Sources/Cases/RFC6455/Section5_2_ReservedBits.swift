/// Placeholder: this RFC section's cases are being written.
public enum Section5_2_ReservedBits {
    public static let cases: [TestCase] = []
}
