extension FaultPairs {
    static let opcodes: [String: String] = [:]
}
