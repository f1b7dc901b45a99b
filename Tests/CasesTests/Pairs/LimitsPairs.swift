extension FaultPairs {
    static let limits: [String: String] = [:]
}
