import Testing

@testable import Wire

@Suite("Frame decoder: violations are reported, decoding goes on")
struct FrameDecoderViolationTests {
    private func rules(_ bytes: [UInt8], sender: EndpointRole = .client, rsv: ReservedBits = [], cap: UInt64 = 1 << 20) -> [[Violation
        .Rule]]
    {
        var assembler = FrameAssembler(decoder: FrameDecoder(sender: sender, allowedReservedBits: rsv, maxPayloadLength: cap))
        return assembler.feed(bytes).map { $0.violations.map(\.rule) }
    }

    private let key = MaskingKey(1, 2, 3, 4)
    private func masked(_ frame: Frame, declared: UInt64? = nil, encoding: LengthEncoding = .minimal) -> [UInt8] {
        var frame = frame
        frame.maskingKey = key
        return FrameEncoder.encode(frame, declaredLength: declared, lengthEncoding: encoding)
    }

    @Test("decoder reports an unmasked client frame and a masked server frame (§5.1)")
    func masking() {
        #expect(rules(FrameEncoder.encode(.text("a"))) == [[.unmaskedClientFrame]])
        #expect(rules(masked(.text("a")), sender: .server) == [[.maskedServerFrame]])
    }

    @Test("decoder reports RSV bits without a negotiated extension (§5.2)")
    func reservedBits() {
        #expect(rules(masked(Frame(rsv: .rsv2, opcode: .text))) == [[.reservedBitsWithoutExtension(.rsv2)]])
        #expect(rules(masked(Frame(rsv: .rsv1, opcode: .text)), rsv: .rsv1) == [[]])
        #expect(rules(masked(Frame(rsv: .rsv1, opcode: .ping)), rsv: .rsv1) == [[.compressedControlFrame]])
    }

    @Test("decoder reports reserved opcodes (§5.2)")
    func reservedOpcodes() {
        for raw: UInt8 in [3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF] {
            let opcode = Opcode(rawValue: raw)
            let expected: [Violation.Rule] = raw >= 0xB ? [.reservedOpcode(opcode)] : [.reservedOpcode(opcode)]
            #expect(rules(masked(Frame(opcode: opcode))) == [expected])
        }
    }

    @Test("decoder reports control frames over 125 bytes and fragmented ones (§5.5)")
    func controlFrames() {
        #expect(rules(masked(Frame(opcode: .ping, payload: .init(repeating: 0, count: 126)))) == [[.controlFrameTooLong(126)]])
        #expect(rules(masked(Frame(fin: false, opcode: .ping))) == [[.fragmentedControlFrame]])
        #expect(rules(masked(Frame(opcode: .ping, payload: .init(repeating: 0, count: 125)))) == [[]])
    }

    @Test("decoder reports non-minimal lengths and a 64-bit length with the MSB set (§5.2)")
    func lengths() {
        #expect(rules(masked(.text("a"), encoding: .sixteenBit)) == [[.nonMinimalLength(declared: 1, headerBytes: 2)]])
        #expect(rules(masked(.text("a"), encoding: .sixtyFourBit)) == [[.nonMinimalLength(declared: 1, headerBytes: 8)]])
        let msb = masked(Frame(opcode: .binary), declared: 1 << 63)
        var decoder = FrameDecoder(sender: .client, maxPayloadLength: 1 << 20)
        guard case .head(_, let violations)? = decoder.feed(msb).first else { return #expect(Bool(false)) }
        #expect(violations.map(\.rule) == [.lengthMostSignificantBitSet, .payloadOverCap(declared: 1 << 63, cap: 1 << 20)])
    }

    /// The rules a frame header alone breaks (its payload need not follow).
    private func headRules(_ bytes: [UInt8]) -> [Violation.Rule]? {
        var decoder = FrameDecoder(sender: .client, maxPayloadLength: UInt64.max)
        guard case .head(_, let violations)? = decoder.feed(bytes).first else { return nil }
        return violations.map(\.rule)
    }

    private func header(_ length: UInt64, _ encoding: LengthEncoding) -> [UInt8] {
        FrameEncoder.header(for: Frame(opcode: .binary, maskingKey: key), declaredLength: length, lengthEncoding: encoding)
    }

    @Test("decoder draws the minimal-length lines at 126 and 65536 octets, and the MSB line at 2^63 (§5.2)")
    func lengthBoundaries() {
        #expect(headRules(header(125, .sixteenBit)) == [.nonMinimalLength(declared: 125, headerBytes: 2)])
        #expect(headRules(header(126, .sixteenBit)) == [])
        #expect(headRules(header(0xFFFF, .sixteenBit)) == [])
        #expect(headRules(header(0xFFFF, .sixtyFourBit)) == [.nonMinimalLength(declared: 0xFFFF, headerBytes: 8)])
        #expect(headRules(header(0x1_0000, .sixtyFourBit)) == [])
        #expect(headRules(header(1 << 62, .sixtyFourBit)) == [])
        #expect(headRules(header(UInt64.max >> 1, .sixtyFourBit)) == [])
        #expect(headRules(header(1 << 63, .sixtyFourBit)) == [.lengthMostSignificantBitSet])
        #expect(headRules(header(UInt64.max, .sixtyFourBit)) == [.lengthMostSignificantBitSet])
    }

    @Test("decoder ends a fragmented message at its FIN continuation: the next message starts cleanly (§5.4)")
    func messageEndsAtFin() {
        let stream =
            masked(Frame(fin: false, opcode: .text)) + masked(Frame(fin: false, opcode: .continuation))
            + masked(Frame(opcode: .continuation)) + masked(Frame(opcode: .binary))
            + masked(Frame(fin: false, opcode: .binary)) + masked(Frame(opcode: .continuation)) + masked(Frame(opcode: .continuation))
        #expect(rules(stream) == [[], [], [], [], [], [], [.continuationWithoutStart]])
    }

    @Test("decoder reports fragmentation errors (§5.4)")
    func fragmentation() {
        let stream =
            masked(Frame(opcode: .continuation)) + masked(Frame(fin: false, opcode: .text))
            + masked(Frame(opcode: .binary)) + masked(Frame(opcode: .continuation))
        #expect(
            rules(stream) == [[.continuationWithoutStart], [], [.dataFrameInsideFragmentedMessage(.binary)], [.continuationWithoutStart]])
        let interleaved = masked(Frame(fin: false, opcode: .text)) + masked(Frame(opcode: .ping)) + masked(Frame(opcode: .continuation))
        #expect(rules(interleaved) == [[], [], []])
    }

    @Test("decoder never allocates a declared length: a huge frame is a violation and its payload is dropped")
    func cap() {
        var assembler = FrameAssembler(decoder: FrameDecoder(sender: .client, maxPayloadLength: 1000))
        let head = masked(Frame(opcode: .binary), declared: 1 << 40)
        let frames = assembler.feed(head + [UInt8](repeating: 0, count: 5000))
        #expect(frames.isEmpty)
        #expect(assembler.partialPayloadCount == 0)
        #expect(!assembler.isAtFrameBoundary)
        let over = masked(Frame(opcode: .binary, payload: .init(repeating: 9, count: 1001)))
        var second = FrameAssembler(decoder: FrameDecoder(sender: .client, maxPayloadLength: 1000))
        let dropped = second.feed(over)
        #expect(dropped.count == 1 && dropped[0].payloadDropped && dropped[0].frame.payload.isEmpty)
        #expect(dropped[0].violations.map(\.rule) == [.payloadOverCap(declared: 1001, cap: 1000)])
    }

    @Test("violations carry the stream offset of their frame")
    func offsets() {
        let stream = masked(.text("abc")) + FrameEncoder.encode(.text("x"))
        var assembler = FrameAssembler(decoder: FrameDecoder(sender: .client))
        let frames = assembler.feed(stream)
        #expect(frames[1].violations.first?.streamOffset == 9)
    }
}
