import CZlib
import Wire

/// What decompressing a message (or one fragment of it) gave.
///
/// Peer misbehaviour is data: a decompression bomb is reported, not obeyed, and corrupt input
/// is described in zlib's words. The judge decides whether to fail the connection (RFC 7692
/// §8 suggests a size limit; RFC 6455 §7.4.1 has 1009 and 1007 for the close).
public enum DecompressionOutcome: Hashable, Sendable {
    /// The decompressed octets (of this fragment, when fed by fragment).
    case ok([UInt8])
    /// Decompressed, but after the appended `00 00 ff ff` the data does not end on a DEFLATE
    /// block boundary: the sender did not flush as RFC 7692 §7.2.1 requires (for example an
    /// RSV1 message with an empty payload, where `00` is the empty message, RFC 7692
    /// §7.2.3.6). The octets are what was decoded; the decompressor restarts at a block
    /// boundary, keeping its window, so a lenient caller may go on.
    case unterminated([UInt8])
    /// The message would exceed `maxOutput`; decompression stopped at `producedSoFar`
    /// octets, at most one more than the cap.
    case tooLarge(producedSoFar: Int)
    /// Not valid DEFLATE data (or a distance beyond the window): zlib's message.
    case invalidData(String)
}

/// Decompresses permessage-deflate messages, RFC 7692 §7.2.2: appends `00 00 ff ff` to the
/// message's payload and inflates raw DEFLATE, with context taken over between messages unless
/// the peer's no_context_takeover was agreed (then the stream is reset after each message).
///
/// Feed a message whole, or frame by frame with `decompress(fragment:isFinal:maxOutput:)`; the
/// cap covers the whole message and is enforced while inflating, so at most `maxOutput + 1`
/// octets are ever produced and memory stays within the cap plus one 64 KiB chunk.
///
/// A DEFLATE block with BFINAL set (allowed by RFC 7692 §7.2.3.4) ends zlib's stream; the
/// decompressor then starts a new one primed with the same window, so later blocks and later
/// messages can still refer back.
///
/// The window is `windowBits` as agreed (zlib inflates with 8–15). zlib checks a distance
/// against the window only when it reaches behind the output of the current `inflate` call, so
/// by default a peer that exceeds its agreed window (RFC 7692 §7.1.2) is caught only sometimes:
/// lenient. `strictWindow` inflates one octet per call, so every distance is checked; it is a
/// judge's mode, much slower, for conformance checks on modest messages.
///
/// After `.tooLarge` or `.invalidData` the stream is out of step with the peer; every later
/// call reports that until `reset()`. Not `Sendable`: it owns a mutable zlib stream.
public final class MessageDecompressor {
    /// The peer's agreed window, 8–15.
    public let windowBits: Int
    /// Reset after every message: the peer does not take over context, RFC 7692 §7.1.1.
    public let noContextTakeover: Bool
    /// Check every distance against `windowBits` (one output octet per zlib call).
    public let strictWindow: Bool

    /// Never moves (zlib keeps pointers into it); see `MessageCompressor.stream`.
    private let stream: UnsafeMutablePointer<z_stream>
    /// Octets produced so far for the message in progress, against the cap.
    private var producedInMessage = 0
    /// True once a fragment of the current message has been fed.
    public private(set) var isInsideMessage = false
    /// True after BFINAL restarted the stream and no input has been consumed since.
    private var freshAfterFinalBlock = false
    /// DEFLATE blocks with BFINAL set inflated so far on this stream (RFC 7692 §7.2.3.4), for a
    /// caller that reports them.
    public private(set) var finalBlocks = 0
    /// Whether the stream that starts after a block with BFINAL set keeps the window (the
    /// default: later blocks and messages may refer back) or starts empty, as some
    /// implementations do; RFC 7692 §7.2.3.4 allows the sender such blocks and says no more.
    public var keepsWindowAfterFinalBlock = true
    /// Whether the message in progress (or the last one) held a block with BFINAL set.
    public private(set) var sawFinalBlock = false
    /// Octets the message in progress (or the last one) inflated to after its first block
    /// with BFINAL set: RFC 7692 §7.2.3.4 has such a block followed only by the empty stored
    /// block a flush ends in, which inflates to nothing.
    public private(set) var inflatedAfterFinalBlock = 0
    /// Whether the appended `00 00 ff ff` (or what was left of it) was dropped after a block with
    /// BFINAL set, instead of completing the empty stored block RFC 7692 §7.2.3.4 has follow it.
    public private(set) var tailDroppedAfterFinalBlock = false
    /// Why the stream is unusable, until `reset()`.
    private var failure: String?
    /// Messages absorbed since zlib last ran: its window is rebuilt with them before it next does.
    private var absorbed: PendingWindow

    private static let chunkSize = 1 << 16

    /// A decompressor for a peer that compresses within `windowBits` (8–15).
    public init(windowBits: Int = 15, noContextTakeover: Bool = false, strictWindow: Bool = false)
        throws(ZlibError)
    {
        guard PerMessageDeflateParameters.windowBitsRange.contains(windowBits) else {
            throw ZlibError(code: Z_STREAM_ERROR, message: "window bits \(windowBits) outside 8...15")
        }
        self.windowBits = windowBits
        self.noContextTakeover = noContextTakeover
        self.strictWindow = strictWindow
        absorbed = PendingWindow(bits: windowBits)
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let code = wsc_inflateInit2(stream, -Int32(windowBits))
        guard code == Z_OK else {
            let error = ZlibError(code, doing: "inflateInit2", stream: stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw error
        }
    }

    /// The decompressor for the peer's side of `configuration`.
    public convenience init(_ configuration: PerMessageDeflateConfiguration, strictWindow: Bool = false)
        throws(ZlibError)
    {
        try self.init(
            windowBits: configuration.decompressorWindowBits,
            noContextTakeover: configuration.decompressorNoContextTakeover, strictWindow: strictWindow)
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Decompresses one whole message's payload (its frames' payloads concatenated).
    public func decompress(_ compressed: [UInt8], maxOutput: Int) -> DecompressionOutcome {
        decompress(fragment: compressed, isFinal: true, maxOutput: maxOutput)
    }

    /// Decompresses the next frame's payload of a message; `isFinal` for the frame with FIN.
    /// `.ok` carries this fragment's output; `maxOutput` caps the whole message.
    public func decompress(fragment: [UInt8], isFinal: Bool, maxOutput: Int) -> DecompressionOutcome {
        if let failure { return .invalidData("decompressor unusable after an earlier failure: \(failure)") }
        setAbsorbedWindow()
        if !isInsideMessage {
            sawFinalBlock = false
            inflatedAfterFinalBlock = 0
            tailDroppedAfterFinalBlock = false
        }
        isInsideMessage = true
        let cap = min(max(0, maxOutput), Int.max - 1)  // "no limit" (Int.max) must not overflow the room left
        var output: [UInt8] = []
        var step = producedInMessage <= cap ? Step.consumed : .tooLarge  // a later fragment may lower the cap
        var offset = 0
        while step == .consumed, offset < fragment.count {
            let end = min(fragment.count, offset + (1 << 30))  // zlib counts input in 32 bits
            step = fragment[offset..<end].withUnsafeBufferPointer {
                inflate($0, isTail: false, cap: cap, into: &output)
            }
            offset = end
        }
        if case .consumed = step, isFinal {
            step = Self.tail.withUnsafeBufferPointer { inflate($0, isTail: true, cap: cap, into: &output) }
        }
        switch step {
        case .consumed where !isFinal:
            return .ok(output)
        case .consumed, .tailSkipped:
            let atBoundary = freshAfterFinalBlock || step == .tailSkipped || stream.pointee.data_type & 128 != 0
            if !atBoundary { restartKeepingWindow() }
            finishMessage()
            return atBoundary ? .ok(output) : .unterminated(output)
        case .tooLarge:
            failure = "message over \(maxOutput) octets"
            return .tooLarge(producedSoFar: producedInMessage)
        case .invalid(let message):
            failure = message
            return .invalidData(message)
        }
    }

    /// Forgets the window and any message in progress, and clears an earlier failure.
    public func reset() {
        absorbed = PendingWindow(bits: windowBits)
        inflateReset(stream)
        failure = nil
        freshAfterFinalBlock = false
        finishMessage()
    }

    /// Appended to every message before inflating, RFC 7692 §7.2.2.
    private static let tail = MessageCompressor.syncFlushTail

    private enum Step: Equatable {
        case consumed, tailSkipped, tooLarge
        case invalid(String)
    }

    private func finishMessage() {
        producedInMessage = 0
        isInsideMessage = false
        if noContextTakeover {
            inflateReset(stream)
            freshAfterFinalBlock = false
        }
    }

    /// Inflates all of `input`, stopping early when the message passes `cap`. Unsafe because
    /// zlib reads and writes through raw pointers; both are cleared before the buffers go.
    private func inflate(
        _ input: UnsafeBufferPointer<UInt8>, isTail: Bool, cap: Int, into output: inout [UInt8]
    ) -> Step {
        stream.pointee.next_in = input.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
        stream.pointee.avail_in = uInt(input.count)
        defer {
            stream.pointee.next_in = nil
            stream.pointee.next_out = nil
        }
        let limit = cap - producedInMessage + 1  // octets this call may produce at most
        let start = producedInMessage
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.chunkSize) { buffer in
            while true {
                // A BFINAL block ended the stream with only the appended tail left: that tail
                // belongs to no block, so it is dropped (RFC 7692 §7.2.3.4).
                if isTail, freshAfterFinalBlock {
                    tailDroppedAfterFinalBlock = true
                    return .tailSkipped
                }
                let room = strictWindow ? 1 : min(buffer.count, cap - producedInMessage + 1)
                stream.pointee.next_out = buffer.baseAddress
                stream.pointee.avail_out = uInt(room)
                let availableBefore = stream.pointee.avail_in
                let afterFinalBlock = sawFinalBlock
                let code = CZlib.inflate(stream, Z_SYNC_FLUSH)
                let consumed = availableBefore - stream.pointee.avail_in
                let produced = room - Int(stream.pointee.avail_out)
                if consumed > 0 { freshAfterFinalBlock = false }
                Self.append(buffer[0..<produced], to: &output, reserveLimit: limit - (producedInMessage - start))
                producedInMessage += produced
                if afterFinalBlock { inflatedAfterFinalBlock += produced }
                if producedInMessage > cap { return .tooLarge }
                switch code {
                case Z_STREAM_END:
                    finalBlocks += 1
                    if keepsWindowAfterFinalBlock { restartKeepingWindow() } else { inflateReset(stream) }
                    sawFinalBlock = true
                    freshAfterFinalBlock = true
                    if stream.pointee.avail_in == 0 { return .consumed }
                case Z_OK, Z_BUF_ERROR:
                    if stream.pointee.avail_in == 0, stream.pointee.avail_out != 0 { return .consumed }
                    if consumed == 0, produced == 0 { return .invalid("inflate made no progress") }
                default:
                    return .invalid(ZlibError.zlibMessage(code, stream: stream))
                }
            }
        }
    }

    /// Appends with geometric growth, never reserving past what the cap lets this call produce.
    private static func append(
        _ chunk: Slice<UnsafeMutableBufferPointer<UInt8>>, to output: inout [UInt8], reserveLimit: Int
    ) {
        let needed = output.count + chunk.count
        if needed > output.capacity {
            output.reserveCapacity(max(needed, min(output.capacity * 2, output.count + reserveLimit)))
        }
        output.append(contentsOf: chunk)
    }

    /// Adds a whole message to the window as if it had been inflated here: between messages,
    /// for a message read without inflating. Without context takeover the window is emptied
    /// after each message anyway. zlib's window is rebuilt only before it next inflates
    /// (`PendingWindow`).
    public func absorb(_ message: [UInt8]) {
        if !noContextTakeover, !message.isEmpty {
            absorbed.append(message)
            freshAfterFinalBlock = false
        }
        finishMessage()
    }

    /// zlib's window followed by the messages absorbed since it last ran, as its new window.
    private func setAbsorbedWindow() {
        guard !absorbed.isEmpty else { return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1 << 15) { window in
            var length: uInt = 0
            inflateGetDictionary(stream, window.baseAddress, &length)
            let joined = absorbed.take(after: ArraySlice(window[0..<Int(length)]))
            inflateReset(stream)
            _ = joined.withUnsafeBufferPointer { inflateSetDictionary(stream, $0.baseAddress, uInt($0.count)) }
        }
    }

    /// Starts a new raw DEFLATE stream whose history is the old one's window: after a BFINAL
    /// block, or to resynchronise after a message that ended inside a block.
    private func restartKeepingWindow() {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1 << 15) { window in
            var length: uInt = 0
            inflateGetDictionary(stream, window.baseAddress, &length)
            inflateReset(stream)
            if length > 0 { inflateSetDictionary(stream, window.baseAddress, length) }
        }
    }
}

@available(*, unavailable)
extension MessageDecompressor: Sendable {}
