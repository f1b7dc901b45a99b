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
