extension FaultPairs {
    static let utf8: [String: String] = [:]
}
