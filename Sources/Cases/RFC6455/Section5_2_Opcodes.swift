/// Placeholder: this RFC section's cases are being written.
public enum Section5_2_Opcodes {
    public static let cases: [TestCase] = []
}
