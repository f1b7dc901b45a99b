extension FaultPairs {
    static let pings: [String: String] = [:]
}
