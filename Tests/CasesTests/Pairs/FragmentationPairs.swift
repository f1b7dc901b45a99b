extension FaultPairs {
    static let fragmentation: [String: String] = [:]
}
