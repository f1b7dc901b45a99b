extension FaultPairs {
    static let masking: [String: String] = [:]
}
