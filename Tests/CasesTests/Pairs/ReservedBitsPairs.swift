extension FaultPairs {
    static let reservedBits: [String: String] = [:]
}
