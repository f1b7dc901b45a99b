import Testing

@testable import Wire

@Suite("Frame decoder properties")
struct FrameDecoderPropertyTests {
    /// A stream of random frames of every shape, masked as a client would.
    static func randomStream(_ generator: inout TestGenerator, frames: Int) -> [UInt8] {
        var stream: [UInt8] = []
        for _ in 0..<frames {
            let sizes = [0, 1, 125, 126, 127, 200, 65535, 65536, 70000]
            let size = Bool.random(using: &generator) ? sizes.randomElement(using: &generator)! : Int.random(in: 0...300, using: &generator)
            let frame = Frame(
                fin: Bool.random(using: &generator), rsv: ReservedBits(number: Int.random(in: 0...7, using: &generator)),
                opcode: Opcode(rawValue: UInt8.random(in: 0...15, using: &generator)),
                maskingKey: Bool.random(using: &generator) ? MaskingKey.random(using: &generator) : nil,
                payload: (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let encoding: LengthEncoding = [.minimal, .minimal, .sixteenBit, .sixtyFourBit].randomElement(using: &generator)!
            stream += FrameEncoder.encode(frame, lengthEncoding: size > 65535 && encoding == .sixteenBit ? .minimal : encoding)
        }
        return stream
    }

    static func decode(_ stream: [UInt8], cuts: [Int]) -> [FrameDecoderEvent] {
        var decoder = FrameDecoder(sender: .client)
        var events: [FrameDecoderEvent] = []
        var start = 0
        for cut in cuts + [stream.count] where cut >= start {
            events += decoder.feed(Array(stream[start..<cut]))
            start = cut
        }
        return events
    }

    /// Merges consecutive payload chunks, since chunking follows the cuts by design.
    static func normalised(_ events: [FrameDecoderEvent]) -> [FrameDecoderEvent] {
        var result: [FrameDecoderEvent] = []
        for event in events {
            if case .payload(let chunk) = event, case .payload(let previous)? = result.last {
                result[result.count - 1] = .payload(previous + chunk)
            } else {
                result.append(event)
            }
        }
        return result
    }

    /// A short description of where two event lists first differ (nil when equal), so a failure
    /// does not print megabytes of payload.
    static func firstDifference(_ a: [FrameDecoderEvent], _ b: [FrameDecoderEvent]) -> String? {
        for (index, (x, y)) in zip(a, b).enumerated() where x != y {
            return "event \(index): \(String(describing: x).prefix(300)) vs \(String(describing: y).prefix(300))"
        }
        return a.count == b.count ? nil : "\(a.count) events vs \(b.count)"
    }

    @Test("decoding gives the same frames however the stream is chopped", arguments: [1, 2, 3, 4, 5])
    func chopInvariance(seed: UInt64) {
        var generator = TestGenerator(seed: seed)
        let stream = Self.randomStream(&generator, frames: 40)
        let whole = Self.normalised(Self.decode(stream, cuts: []))
        let bytewise = Self.normalised(Self.decode(stream, cuts: Array(0..<stream.count)))
        #expect(Self.firstDifference(whole, bytewise) == nil)
        for _ in 0..<20 {
            let cuts = (0..<Int.random(in: 1...50, using: &generator)).map { _ in Int.random(in: 0...stream.count, using: &generator) }
                .sorted()
            #expect(Self.firstDifference(Self.normalised(Self.decode(stream, cuts: cuts)), whole) == nil)
        }
    }

    @Test("decoder and UTF-8 validator survive large random inputs without trapping")
    func randomGarbage() {
        var generator = TestGenerator(seed: 99)
        for round in 0..<8 {
            let size = 1 << 20
            let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var decoder = FrameDecoder(sender: round.isMultiple(of: 2) ? .client : .server, maxPayloadLength: 1 << 16)
            var consumed = 0
            var index = 0
            while index < bytes.count {
                let step = Int.random(in: 1...4096, using: &generator)
                let end = min(bytes.count, index + step)
                _ = decoder.feed(Array(bytes[index..<end]))
                index = end
            }
            consumed = Int(decoder.offset)
            #expect(consumed == size)
            var validator = UTF8Validator()
            _ = validator.feed(bytes)
        }
    }
}
