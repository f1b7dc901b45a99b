extension FaultPairs {
    static let section5_5_2: [String: String] = [:]
}
