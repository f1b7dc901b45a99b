extension FaultPairs {
    static let closing: [String: String] = [:]
}
