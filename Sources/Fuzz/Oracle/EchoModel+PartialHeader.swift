import Wire

/// Judging a frame header before all of it has arrived (`OracleOptions.judgesPartialHeaders`).
extension EchoModel {
    /// The rules the first octets of an unfinished frame header already break, in the order a
    /// server reading octet by octet meets them, each with how many octets tell (RFC 6455
    /// §5.2: octet 1 holds FIN, RSV and the opcode; octet 2 the MASK bit and the 7-bit length).
    /// The first is the reaction's rule; a server may check them in any order, so the codes of
    /// the others are admitted too.
    func partialHeaderBreaks(_ pending: ArraySlice<UInt8>) -> [(Rule, String, Int)] {
        guard let first = pending.first else { return [] }
        var breaks: [(Rule, String, Int)] = []
        let opcode = Opcode(rawValue: first)
        let rsv = first & 0x70
        if rsv != 0, !(agreement != nil && rsv == 0x40) { breaks.append((.reservedBitsWithoutExtension, "RSV bits \(rsv >> 4)", 1)) }
        // RFC 7692 §6.1: the compressed bit only on the first frame of a data message.
        if agreement != nil, rsv & 0x40 != 0, opcode.isControl || opcode == .continuation {
            breaks.append((.compressedBitMisplaced, "RSV1 on a \(opcode) frame under permessage-deflate", 1))
        }
        if opcode.isReserved { breaks.append((.reservedOpcode, "opcode \(opcode)", 1)) }
        if opcode.isControl, first & 0x80 == 0 { breaks.append((.fragmentedControlFrame, "\(opcode) with FIN clear", 1)) }
        if opcode == .continuation, messageOpcode == nil {
            breaks.append((.continuationWithoutStart, "continuation with no message in progress", 1))
        }
        if opcode.startsDataMessage, messageOpcode != nil {
            breaks.append((.dataFrameInsideFragmentedMessage, "\(opcode) frame inside a fragmented message", 1))
        }
        guard pending.count > 1 else { return breaks }
        let second = pending[pending.startIndex + 1]
        if second & 0x80 == 0 { breaks.append((.unmaskedFrame, "frame without the MASK bit", 2)) }
        if opcode.isControl, second & 0x7F > 125 { breaks.append((.controlFrameTooLong, "\(opcode) declaring \(second & 0x7F) octets", 2)) }
        return breaks + extendedLengthBreaks(pending.dropFirst(2), marker: second & 0x7F)
    }

    /// The rules an extended payload length breaks once its octets are in (RFC 6455 §5.2).
    private func extendedLengthBreaks(_ octets: ArraySlice<UInt8>, marker: UInt8) -> [(Rule, String, Int)] {
        let count = marker == 127 ? 8 : marker == 126 ? 2 : 0
        guard count > 0, octets.count >= count else { return [] }
        let length = octets.prefix(count).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        var breaks: [(Rule, String, Int)] = []
        if length >> 63 == 1 { breaks.append((.lengthMostSignificantBitSet, "length \(length)", 2 + count)) }
        if options.failsNonMinimalLength, length <= (count == 2 ? 125 : 0xFFFF) {
            breaks.append((.nonMinimalLength, "length \(length) in \(count) extended octets", 2 + count))
        }
        if UInt64(message.count) + length > options.maxMessageSize {
            breaks.append((.messageTooBig, "declared length \(length)", 2 + count))
        }
        return breaks
    }
}
