extension FaultPairs {
    static let section5_2_opcodes: [String: String] = [:]
}
