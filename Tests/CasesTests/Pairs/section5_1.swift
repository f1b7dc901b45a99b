extension FaultPairs {
    static let section5_1: [String: String] = [:]
}
