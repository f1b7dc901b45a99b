import Wire

/// Judging a frame header before all of it has arrived (`OracleOptions.judgesPartialHeaders`).
extension EchoModel {
    /// The rule the first octets of an unfinished frame header already break, with how many
    /// octets tell (RFC 6455 §5.2: octet 1 holds FIN, RSV and the opcode; octet 2 the MASK bit
    /// and the 7-bit length).
    func partialHeaderBreak(_ pending: ArraySlice<UInt8>) -> (Rule, String, Int)? {
        guard let first = pending.first else { return nil }
        let opcode = Opcode(rawValue: first)
        let rsv = first & 0x70
        if rsv != 0, !(agreement != nil && rsv == 0x40) { return (.reservedBitsWithoutExtension, "RSV bits \(rsv >> 4)", 1) }
        // RFC 7692 §6.1: the compressed bit only on the first frame of a data message.
        if rsv == 0x40, opcode.isControl || opcode == .continuation {
            return (.compressedBitMisplaced, "RSV1 on a \(opcode) frame under permessage-deflate", 1)
        }
        if opcode.isReserved { return (.reservedOpcode, "opcode \(opcode)", 1) }
        if opcode.isControl, first & 0x80 == 0 { return (.fragmentedControlFrame, "\(opcode) with FIN clear", 1) }
        if opcode == .continuation, messageOpcode == nil {
            return (.continuationWithoutStart, "continuation with no message in progress", 1)
        }
        if opcode.startsDataMessage, messageOpcode != nil {
            return (.dataFrameInsideFragmentedMessage, "\(opcode) frame inside a fragmented message", 1)
        }
        guard pending.count > 1 else { return nil }
        let second = pending[pending.startIndex + 1]
        if second & 0x80 == 0 { return (.unmaskedFrame, "frame without the MASK bit", 2) }
        if opcode.isControl, second & 0x7F > 125 { return (.controlFrameTooLong, "\(opcode) declaring \(second & 0x7F) octets", 2) }
        return extendedLengthBreak(pending.dropFirst(2), marker: second & 0x7F)
    }

    /// The rule an extended payload length breaks once its octets are in (RFC 6455 §5.2).
    private func extendedLengthBreak(_ octets: ArraySlice<UInt8>, marker: UInt8) -> (Rule, String, Int)? {
        let count = marker == 127 ? 8 : marker == 126 ? 2 : 0
        guard count > 0, octets.count >= count else { return nil }
        let length = octets.prefix(count).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        if length >> 63 == 1 { return (.lengthMostSignificantBitSet, "length \(length)", 2 + count) }
        if options.failsNonMinimalLength, length <= (count == 2 ? 125 : 0xFFFF) {
            return (.nonMinimalLength, "length \(length) in \(count) extended octets", 2 + count)
        }
        if UInt64(message.count) + length > options.maxMessageSize { return (.messageTooBig, "declared length \(length)", 2 + count) }
        return nil
    }
}
