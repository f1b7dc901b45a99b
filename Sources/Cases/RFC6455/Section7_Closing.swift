/// Placeholder: this RFC section's cases are being written.
public enum Section7_Closing {
    public static let cases: [TestCase] = []
}
