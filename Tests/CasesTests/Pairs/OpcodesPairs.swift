extension FaultPairs {
    /// Opcodes: a server that skips reserved opcodes never fails (and answers the ping after).
    static let opcodes: [String: [String]] = [
        "opcode.non-control-3.empty": ["accept-reserved-opcodes"], "opcode.non-control-4.payload": ["accept-reserved-opcodes"],
        "opcode.non-control-5.after-text": ["accept-reserved-opcodes"], "opcode.non-control-6.after-text-payload": ["accept-reserved-opcodes"],
        "opcode.non-control-7.after-text-chopped": ["accept-reserved-opcodes"], "opcode.control-b.empty": ["accept-reserved-opcodes"],
        "opcode.control-c.payload": ["accept-reserved-opcodes"], "opcode.control-d.after-text": ["accept-reserved-opcodes"],
        "opcode.control-e.after-text-payload": ["accept-reserved-opcodes"], "opcode.control-f.after-text-chopped": ["accept-reserved-opcodes"],
    ]
}
