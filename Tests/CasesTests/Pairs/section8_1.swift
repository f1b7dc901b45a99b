extension FaultPairs {
    static let section8_1: [String: String] = [:]
}
