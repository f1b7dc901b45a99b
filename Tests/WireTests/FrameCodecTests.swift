import Testing

@testable import Wire

@Suite("Frame codec: RFC 6455 §5.7 vectors and totality")
struct FrameCodecTests {
    @Test("encoder writes the §5.7 unmasked 'Hello' text frame")
    func unmaskedHello() {
        #expect(FrameEncoder.encode(.text("Hello")) == hex("81 05 48 65 6c 6c 6f"))
    }

    @Test("encoder writes the §5.7 masked 'Hello' with key 37 fa 21 3d")
    func maskedHello() {
        let frame = Frame.text("Hello", maskingKey: MaskingKey(0x37, 0xfa, 0x21, 0x3d))
        #expect(FrameEncoder.encode(frame) == hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"))
    }

    @Test("encoder writes the §5.7 fragmented 'Hel' + 'lo'")
    func fragmentedHello() {
        #expect(FrameEncoder.encode(Frame(fin: false, opcode: .text, payload: Array("Hel".utf8))) == hex("01 03 48 65 6c"))
        #expect(FrameEncoder.encode(Frame(opcode: .continuation, payload: Array("lo".utf8))) == hex("80 02 6c 6f"))
    }

    @Test("encoder writes the §5.7 unmasked ping and masked pong")
    func pingPong() {
        #expect(FrameEncoder.encode(Frame(opcode: .ping, payload: Array("Hello".utf8))) == hex("89 05 48 65 6c 6c 6f"))
        let pong = Frame(opcode: .pong, maskingKey: MaskingKey(0x37, 0xfa, 0x21, 0x3d), payload: Array("Hello".utf8))
        #expect(FrameEncoder.encode(pong) == hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"))
    }

    @Test("encoder writes the §5.7 256-byte and 64 KiB binary headers")
    func extendedLengths() {
        let small = FrameEncoder.encode(Frame(opcode: .binary, payload: [UInt8](repeating: 7, count: 256)))
        #expect(Array(small.prefix(4)) == hex("82 7E 01 00"))
        #expect(small.count == 4 + 256)
        let large = FrameEncoder.encode(Frame(opcode: .binary, payload: [UInt8](repeating: 7, count: 65536)))
        #expect(Array(large.prefix(10)) == hex("82 7F 00 00 00 00 00 01 00 00"))
    }

    @Test("encoder is total: lying lengths, non-minimal forms, MSB set, reserved opcodes, RSV bits")
    func totalEncoder() {
        let frame = Frame(fin: false, rsv: [.rsv1, .rsv3], opcode: Opcode(rawValue: 0xB), payload: [1, 2, 3])
        #expect(FrameEncoder.encode(frame) == hex("5B 03 01 02 03"))
        #expect(FrameEncoder.encode(frame, declaredLength: 10) == hex("5B 0A 01 02 03"))
        #expect(FrameEncoder.encode(frame, lengthEncoding: .sixteenBit) == hex("5B 7E 00 03 01 02 03"))
        #expect(FrameEncoder.encode(frame, lengthEncoding: .sixtyFourBit) == hex("5B 7F 00 00 00 00 00 00 00 03 01 02 03"))
        #expect(FrameEncoder.encode(frame, declaredLength: 1 << 63) == hex("5B 7F 80 00 00 00 00 00 00 00 01 02 03"))
        #expect(FrameEncoder.encode(frame, declaredLength: 300, lengthEncoding: .sevenBit) == hex("5B 2C 01 02 03"))
        #expect(FrameEncoder.encode(frame, declaredLength: 70000, lengthEncoding: .sixteenBit) == hex("5B 7E 11 70 01 02 03"))
    }

    @Test("masking an unaligned range equals masking byte by byte")
    func maskingAlignment() {
        var generator = TestGenerator(seed: 1)
        for _ in 0..<200 {
            let key = MaskingKey.random(using: &generator)
            let payload = (0..<Int.random(in: 0...70, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let offset = UInt64.random(in: 0...9, using: &generator)
            var fast = payload
            key.apply(to: &fast, range: 0..<fast.count, payloadOffset: offset)
            let slow = payload.enumerated().map { $0.element ^ key[Int(offset) + $0.offset] }
            #expect(fast == slow)
        }
    }

    @Test("decoder reads the §5.7 vectors back")
    func decodeVectors() {
        var server = FrameAssembler(decoder: FrameDecoder(sender: .server))
        let frames = server.feed(hex("81 05 48 65 6c 6c 6f 01 03 48 65 6c 80 02 6c 6f"))
        #expect(frames.map(\.frame.payload) == [Array("Hello".utf8), Array("Hel".utf8), Array("lo".utf8)])
        #expect(frames.allSatisfy { $0.violations.isEmpty })
        var client = FrameAssembler(decoder: FrameDecoder(sender: .client))
        let masked = client.feed(hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"))
        #expect(masked.first?.frame == Frame.text("Hello", maskingKey: MaskingKey(0x37, 0xfa, 0x21, 0x3d)))
        #expect(masked.first?.violations == [])
    }
}
