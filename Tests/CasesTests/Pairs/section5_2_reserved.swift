extension FaultPairs {
    static let section5_2_reserved: [String: String] = [:]
}
