/// Placeholder: this RFC section's cases are being written.
public enum Section10_4_Limits {
    public static let cases: [TestCase] = []
}
