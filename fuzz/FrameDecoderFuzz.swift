// libFuzzer harness for the Wire parsers: FrameDecoder, FrameAssembler, UTF8Validator,
// ClosePayload.parse and HTTPHeadParser. Built by fuzz/run.sh with
// `swiftc -sanitize=fuzzer,address` together with the Wire sources in one module (WireFuzz),
// so it reaches internal API without SwiftPM. See fuzz/README.md for the input layout and the
// invariants; every check traps through `invariant`, which libFuzzer reports as a crash.

/// Traps with `message` when `holds` is false.
///
/// `precondition` drops its message under `-O`; `fatalError` keeps it, so a crash report
/// names the broken invariant.
@inline(__always)
func invariant(
    _ holds: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
) {
    if !holds() { fatalError("invariant broken: \(message())", file: file, line: line) }
}

/// The knobs chosen by the first `prefixLength` input bytes; the rest of the input is the stream.
///
///     byte 0   bit 0: sender (0 client, 1 server); bits 1–3: allowed RSV bits (RSV1=4, RSV2=2, RSV3=1)
///     byte 1–2 big-endian, modulo 4097: the decoder's payload cap, also the HTTP head limit
///     byte 3–4 four nibbles, each an index into `chopTable`: the chunk sizes, used in turn
struct FuzzParameters {
    static let prefixLength = 5
    /// Chunk sizes a nibble picks: 0 (an empty feed), sizes around header boundaries, big reads.
    static let chopTable = [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 13, 14, 15, 64, 127, 1024]

    var sender: EndpointRole
    var allowedReservedBits: ReservedBits
    var cap: Int
    var chopSizes: [Int]

    init(_ prefix: [UInt8]) {
        let byte = { (index: Int) -> UInt8 in index < prefix.count ? prefix[index] : 0 }
        sender = byte(0) & 1 == 0 ? .client : .server
        allowedReservedBits = ReservedBits(number: Int(byte(0) >> 1) & 7)
        cap = Int(UInt16(byte(1)) << 8 | UInt16(byte(2))) % 4097
        let nibbles = [byte(3) >> 4, byte(3) & 0xF, byte(4) >> 4, byte(4) & 0xF]
        chopSizes = nibbles.map { Self.chopTable[Int($0)] }
        if chopSizes.allSatisfy({ $0 == 0 }) { chopSizes = [1] }
    }

    func decoder() -> FrameDecoder {
        FrameDecoder(sender: sender, allowedReservedBits: allowedReservedBits, maxPayloadLength: UInt64(cap))
    }
}

/// Cuts `bytes` into pieces of `sizes`, used in turn; a size of 0 gives an empty piece.
/// `sizes` has a non-zero entry, so every round makes progress.
func chop(_ bytes: [UInt8], _ sizes: [Int]) -> [ArraySlice<UInt8>] {
    var pieces: [ArraySlice<UInt8>] = []
    var start = 0
    var turn = 0
    while start < bytes.count {
        let end = min(bytes.count, start + sizes[turn % sizes.count])
        pieces.append(bytes[start..<end])
        start = end
        turn += 1
    }
    return pieces
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let split = min(size, FuzzParameters.prefixLength)
    let parameters = FuzzParameters(Array(input[..<split]))
    let stream = Array(input[split...])

    let frames = checkFrameDecoder(stream, parameters)
    checkUTF8(stream, sizes: parameters.chopSizes)
    checkClosePayload(stream)
    for decoded in frames {
        if decoded.frame.opcode == .text { checkUTF8(decoded.frame.payload, sizes: parameters.chopSizes) }
        if decoded.frame.opcode == .close { checkClosePayload(decoded.frame.payload) }
    }
    checkHTTPHead(stream, maxSize: parameters.cap, sizes: parameters.chopSizes)
    return 0
}

// MARK: - FrameDecoder and FrameAssembler

/// Decodes `stream` whole and in chunks, checks both event streams and the assembler, and
/// returns the assembled frames for the payload parsers.
func checkFrameDecoder(_ stream: [UInt8], _ parameters: FuzzParameters) -> [DecodedFrame] {
    let pieces = chop(stream, parameters.chopSizes)

    // Whole.
    var whole = parameters.decoder()
    var wholeChecker = EventChecker(stream: stream, parameters: parameters)
    let wholeEvents = whole.feed(stream)
    invariant(whole.offset == UInt64(stream.count), "offset \(whole.offset) after feeding \(stream.count) bytes")
    wholeChecker.check(wholeEvents, offset: whole.offset)
    wholeChecker.checkFinal(whole)

    // Chunked, alternating the array and the buffer-pointer entry points.
    var chunked = parameters.decoder()
    var chunkedChecker = EventChecker(stream: stream, parameters: parameters)
    var chunkedEvents: [FrameDecoderEvent] = []
    var fed = 0
    for (index, piece) in pieces.enumerated() {
        var events: [FrameDecoderEvent] = []
        if index % 2 == 0 {
            events = chunked.feed(Array(piece))
        } else {
            piece.withUnsafeBufferPointer { chunked.feed($0, into: &events) }
        }
        fed += piece.count
        invariant(chunked.offset == UInt64(fed), "offset \(chunked.offset) after feeding \(fed) bytes in chunks")
        chunkedChecker.check(events, offset: chunked.offset)
        chunkedEvents += events
    }
    chunkedChecker.checkFinal(chunked)
    invariant(
        normalised(wholeEvents) == normalised(chunkedEvents),
        "chunking \(parameters.chopSizes) changed the events")
    invariant(
        whole.isInsideFragmentedMessage == chunked.isInsideFragmentedMessage,
        "chunking changed isInsideFragmentedMessage")

    // Assembler, fed the same chunks.
    var assembler = FrameAssembler(decoder: parameters.decoder())
    var frames: [DecodedFrame] = []
    fed = 0
    for piece in pieces {
        frames += assembler.feed(Array(piece))
        fed += piece.count
        invariant(
            assembler.decoder.offset == UInt64(fed),
            "assembler's decoder offset \(assembler.decoder.offset) ≠ \(fed)")
        invariant(
            assembler.partialPayloadCount <= parameters.cap,
            "assembler holds \(assembler.partialPayloadCount) payload bytes, cap \(parameters.cap)")
    }
    for decoded in frames {
        let declared = decoded.head.payloadLength
        invariant(
            decoded.payloadDropped == (declared > UInt64(parameters.cap)),
            "payloadDropped \(decoded.payloadDropped) for declared \(declared), cap \(parameters.cap)")
        if decoded.payloadDropped {
            invariant(decoded.frame.payload.isEmpty, "dropped frame kept \(decoded.frame.payload.count) bytes")
        } else {
            invariant(
                UInt64(decoded.frame.payload.count) == declared,
                "frame payload \(decoded.frame.payload.count) bytes, declared \(declared)")
        }
        invariant(
            decoded.frame.payload.count <= parameters.cap,
            "frame kept \(decoded.frame.payload.count) bytes over the cap")
    }
    invariant(
        frames == expectedFrames(normalised(wholeEvents), cap: parameters.cap),
        "assembler frames differ from the decoder's events")
    invariant(
        assembler.isAtFrameBoundary == whole.isAtFrameBoundary, "assembler and decoder disagree on the frame boundary")
    return frames
}

/// Merges consecutive payload chunks and drops empty ones: chunking follows the reads by design.
func normalised(_ events: [FrameDecoderEvent]) -> [FrameDecoderEvent] {
    var result: [FrameDecoderEvent] = []
    for event in events {
        if case .payload(let chunk) = event {
            if chunk.isEmpty { continue }
            if case .payload(let previous)? = result.last {
                result[result.count - 1] = .payload(previous + chunk)
                continue
            }
        }
        result.append(event)
    }
    return result
}

/// The frames an assembler should build from normalised events (a payload over the cap dropped).
func expectedFrames(_ events: [FrameDecoderEvent], cap: Int) -> [DecodedFrame] {
    var frames: [DecodedFrame] = []
    var current: (head: FrameHead, violations: [Violation])?
    var payload: [UInt8] = []
    for event in events {
        switch event {
        case .head(let head, let violations):
            current = (head, violations)
            payload = []
        case .payload(let chunk):
            payload += chunk
        case .end:
            guard let (head, violations) = current else { continue }
            let dropped = head.payloadLength > UInt64(cap)
            let frame = Frame(
                fin: head.fin, rsv: head.rsv, opcode: head.opcode, maskingKey: head.maskingKey,
                payload: dropped ? [] : payload)
            frames.append(DecodedFrame(frame: frame, head: head, violations: violations, payloadDropped: dropped))
            current = nil
        }
    }
    return frames
}

/// Checks one decoder's events against the raw stream as they arrive: frames are contiguous,
/// each header re-encodes to its wire octets, payload chunks re-mask to theirs, and `.end`
/// comes exactly when the declared length is reached.
struct EventChecker {
    let stream: [UInt8]
    let parameters: FuzzParameters
    /// Where the next frame header must start: the end of the last finished frame.
    var nextFrameStart: UInt64 = 0
    /// The frame whose payload is arriving, and how many payload octets came so far.
    var frame: (head: FrameHead, received: UInt64)?
    /// The declared length has been reached; the next event must be `.end`.
    var endDue = false

    init(stream: [UInt8], parameters: FuzzParameters) {
        self.stream = stream
        self.parameters = parameters
    }

    mutating func check(_ events: [FrameDecoderEvent], offset: UInt64) {
        for event in events {
            switch event {
            case .head(let head, let violations):
                invariant(frame == nil && !endDue, ".head at \(head.streamOffset) inside a frame")
                checkHead(head, violations, offset: offset)
                frame = (head, 0)
                endDue = head.payloadLength == 0
            case .payload(let chunk):
                guard let (head, received) = frame, !endDue else {
                    invariant(false, ".payload of \(chunk.count) bytes outside a frame or after its last byte")
                    return
                }
                let total = received + UInt64(chunk.count)
                invariant(total <= head.payloadLength, "payload \(total) bytes over declared \(head.payloadLength)")
                let start = head.streamOffset + UInt64(head.headerLength) + received
                invariant(start + UInt64(chunk.count) <= offset, "payload bytes reported before they were fed")
                for (index, byte) in chunk.enumerated() {
                    // Byte-wise reference masking, independent of MaskingKey.apply's word loop.
                    let key = head.maskingKey.map { $0[Int((received + UInt64(index)) & 3)] } ?? 0
                    invariant(
                        byte ^ key == stream[Int(start) + index],
                        "payload byte \(Int(received) + index) of frame at \(head.streamOffset) unmasked wrongly")
                }
                frame = (head, total)
                endDue = total == head.payloadLength
            case .end:
                guard let (head, received) = frame else {
                    invariant(false, ".end outside a frame")
                    return
                }
                invariant(
                    endDue && received == head.payloadLength, ".end after \(received) of \(head.payloadLength) bytes")
                nextFrameStart = head.streamOffset + UInt64(head.headerLength) + head.payloadLength
                frame = nil
                endDue = false
            }
        }
        invariant(!endDue, "declared length reached but .end not sent in the same feed")
    }

    private func checkHead(_ head: FrameHead, _ violations: [Violation], offset: UInt64) {
        invariant(head.streamOffset == nextFrameStart, "frame at \(head.streamOffset), expected \(nextFrameStart)")
        invariant(
            [2, 4, 10, 6, 8, 14].contains(head.headerLength), "header length \(head.headerLength)")
        let end = head.streamOffset + UInt64(head.headerLength)
        invariant(end <= offset, "header reported before its bytes were fed")
        let base = head.headerLength - (head.maskingKey == nil ? 0 : 4)
        let encoding: LengthEncoding = base == 2 ? .sevenBit : (base == 4 ? .sixteenBit : .sixtyFourBit)
        let frame = Frame(fin: head.fin, rsv: head.rsv, opcode: head.opcode, maskingKey: head.maskingKey)
        invariant(
            FrameEncoder.header(for: frame, declaredLength: head.payloadLength, lengthEncoding: encoding)
                == Array(stream[Int(head.streamOffset)..<Int(end)]),
            "header at \(head.streamOffset) does not re-encode to its wire bytes")
        let rules = violations.map(\.rule)
        invariant(
            violations.allSatisfy { $0.streamOffset == head.streamOffset },
            "violation offsets differ from the frame's")
        let overCap = head.payloadLength > UInt64(parameters.cap)
        invariant(
            rules.contains(.payloadOverCap(declared: head.payloadLength, cap: UInt64(parameters.cap))) == overCap,
            "payloadOverCap reported wrongly for \(head.payloadLength), cap \(parameters.cap)")
        invariant(
            rules.contains(.unmaskedClientFrame) == (parameters.sender == .client && head.maskingKey == nil),
            "unmaskedClientFrame reported wrongly")
        invariant(
            rules.contains(.maskedServerFrame) == (parameters.sender == .server && head.maskingKey != nil),
            "maskedServerFrame reported wrongly")
        let unexpected = head.rsv.subtracting(parameters.allowedReservedBits)
        invariant(
            rules.contains(.reservedBitsWithoutExtension(unexpected)) == !unexpected.isEmpty,
            "reservedBitsWithoutExtension reported wrongly")
        invariant(
            rules.contains(.controlFrameTooLong(head.payloadLength))
                == (head.opcode.isControl && head.payloadLength > 125),
            "controlFrameTooLong reported wrongly")
        invariant(
            rules.contains(.lengthMostSignificantBitSet) == (head.payloadLength >> 63 != 0),
            "lengthMostSignificantBitSet reported wrongly")
    }

    /// At the end of input: the decoder is at a boundary exactly when every fed byte belongs to
    /// a finished frame, and otherwise holds at most one partial header.
    func checkFinal(_ decoder: FrameDecoder) {
        let atBoundary = frame == nil && nextFrameStart == decoder.offset
        invariant(decoder.isAtFrameBoundary == atBoundary, "isAtFrameBoundary \(decoder.isAtFrameBoundary)")
        if let (head, received) = frame {
            invariant(
                head.streamOffset + UInt64(head.headerLength) + received == decoder.offset,
                "fed bytes not all reported inside the open frame")
        } else {
            invariant(decoder.offset >= nextFrameStart, "a frame ended past the bytes fed")
            invariant(decoder.offset - nextFrameStart < 14, "more than a header's worth of bytes unreported")
        }
    }
}
