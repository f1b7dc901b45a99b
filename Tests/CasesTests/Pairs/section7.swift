extension FaultPairs {
    static let section7: [String: String] = [:]
}
