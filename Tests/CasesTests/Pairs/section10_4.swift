extension FaultPairs {
    static let section10_4: [String: String] = [:]
}
