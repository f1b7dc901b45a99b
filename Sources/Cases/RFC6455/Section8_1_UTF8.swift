/// Placeholder: this RFC section's cases are being written.
public enum Section8_1_UTF8 {
    public static let cases: [TestCase] = []
}
