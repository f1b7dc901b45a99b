extension FaultPairs {
    static let section5_4: [String: String] = [:]
}
