import CZlib
import Wire

/// Compresses whole messages for permessage-deflate, RFC 7692 §7.2.1: raw DEFLATE (no zlib
/// header or trailer), each message flushed with Z_SYNC_FLUSH so it ends on a byte boundary
/// with an empty stored block, whose 4 octets `00 00 ff ff` are then removed.
///
/// With context takeover the LZ77 window carries over, so a repeated message costs a few octets
/// (RFC 7692 §7.2.3.2); with no_context_takeover the stream is reset after every message
/// (RFC 7692 §7.1.1.1, §7.1.1.2).
///
/// ## An 8-bit window
/// RFC 7692 §7.1.2.1 and §7.1.2.2 let a peer limit our window to 8 bits (256 octets). zlib
/// cannot build a raw deflate compressor with an 8-bit window: since 1.2.9 `deflateInit2`
/// rejects windowBits −8, and before that it silently used 9. This compressor runs zlib with a
/// 9-bit window when 8 is asked for, which is what node's zlib does (it maps 8 to 9 for raw
/// deflate) and is safe: zlib never emits a distance beyond `MAX_DIST = w_size − MIN_LOOKAHEAD`
/// = 512 − 262 = 250 octets for a 9-bit window, inside the 256 octets the peer keeps. (In
/// general zlib's distances stay below 2^bits − 262, so every window size is honoured.) The
/// tests check this with an inflater held to a strict 256-octet window. The alternatives are
/// worse: passing −8 to zlib fails (Python websockets does, so its handshake errors on an offer
/// of 8), declining the offer refuses a valid one (Autobahn 0.8.2 moved its 13.x offers from 8
/// to 9 to avoid the question), and a compressor that used all 512 octets of a 9-bit window
/// could send distances a peer that allocated 256 octets must reject.
///
/// Not `Sendable`: it owns a mutable zlib stream. Keep it inside the task or actor that sends.
public final class MessageCompressor {
    /// The window limit agreed for this direction, 8–15.
    public let windowBits: Int
    /// The window zlib runs with: `windowBits`, or 9 when that is 8 (see above).
    public let zlibWindowBits: Int
    /// Reset the stream after every message, RFC 7692 §7.1.1.
    public let noContextTakeover: Bool

    /// zlib keeps pointers into its own `z_stream`, so the stream must never move: it lives in
    /// memory allocated here, not in a Swift property, and only this class touches it.
    private let stream: UnsafeMutablePointer<z_stream>

    /// Messages absorbed since the last compression: zlib is given them only when this
    /// compressor next compresses.
    private var absorbed: PendingWindow

    /// Octets of output produced per `deflate` call.
    private static let chunkSize = 1 << 16

    /// A compressor for messages sent under `windowBits` (8–15). `level` is zlib's 0–9 or −1
    /// (its default, 6); `memoryLevel` is zlib's 1–9, by default sized to the window (see
    /// `memoryLevel(for:)`). Throws for values zlib refuses.
    public init(windowBits: Int = 15, noContextTakeover: Bool = false, level: Int = -1, memoryLevel: Int? = nil)
        throws(ZlibError)
    {
        guard PerMessageDeflateParameters.windowBitsRange.contains(windowBits) else {
            throw ZlibError(code: Z_STREAM_ERROR, message: "window bits \(windowBits) outside 8...15")
        }
        self.windowBits = windowBits
        self.zlibWindowBits = max(windowBits, 9)
        self.noContextTakeover = noContextTakeover
        absorbed = PendingWindow(bits: zlibWindowBits)
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let memoryLevel = memoryLevel ?? Self.memoryLevel(for: zlibWindowBits)
        let code = wsc_deflateInit2(stream, Int32(level), -Int32(zlibWindowBits), Int32(memoryLevel))
        guard code == Z_OK else {
            let error = ZlibError(code, doing: "deflateInit2", stream: stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw error
        }
    }

    /// zlib's memory level for a window of `bits`: its default 8 for 15 bits, and a hash table
    /// about the window's size below that, but never below 4. zlib slides its window every
    /// window's worth of input and then walks the whole hash table (2^(memLevel+7) entries), so
    /// a 9-bit window with the default table costs 64 steps per octet and deflates at a
    /// twentieth of the speed. The level also sizes zlib's blocks (2^(memLevel+6) symbols): a
    /// smaller one rebuilds Huffman trees so often that 9 to 11 bits deflate fastest at 4.
    static func memoryLevel(for bits: Int) -> Int { min(8, max(4, bits - 7)) }

    /// The compressor for the local side of `configuration`.
    public convenience init(_ configuration: PerMessageDeflateConfiguration, level: Int = -1) throws(ZlibError) {
        try self.init(
            windowBits: configuration.compressorWindowBits,
            noContextTakeover: configuration.compressorNoContextTakeover, level: level)
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// The payload of one compressed message, RFC 7692 §7.2.1: deflated, sync-flushed, and
    /// without the trailing `00 00 ff ff`. An empty message gives `00` (RFC 7692 §7.2.3.6).
    ///
    /// The payload may be cut into frames anywhere; the first frame gets RSV1 (RFC 7692 §6).
    public func compress(_ message: [UInt8]) -> [UInt8] { compress(pieces: CollectionOfOne(message)) }

    /// The payload of one compressed message given as consecutive pieces, as `compress(_:)`
    /// would give for the pieces joined: a message of 64 MiB is never held whole, only each
    /// piece in turn (they are deflated as they come, and flushed after the last).
    public func compress<Pieces: Sequence<[UInt8]>>(pieces: Pieces) -> [UInt8] {
        setAbsorbedWindow()
        var output: [UInt8] = []
        var iterator = pieces.makeIterator()
        var next = iterator.next()
        repeat {
            let current = next ?? []
            next = iterator.next()
            current.withUnsafeBufferPointer { input in
                // Unsafe because zlib reads through a raw pointer; `next_in` is cleared before
                // the buffer goes out of scope. zlib declares it mutable but never writes
                // through it.
                var offset = 0
                repeat {
                    let piece = min(input.count - offset, Int(UInt32.max >> 1))
                    stream.pointee.next_in = input.baseAddress.map { UnsafeMutablePointer(mutating: $0 + offset) }
                    stream.pointee.avail_in = uInt(piece)
                    offset += piece
                    drain(flush: offset == input.count && next == nil ? Z_SYNC_FLUSH : Z_NO_FLUSH, into: &output)
                } while offset < input.count
                stream.pointee.next_in = nil
            }
        } while next != nil
        if output.count >= 4, Array(output.suffix(4)) == Self.syncFlushTail {
            output.removeLast(4)
        }
        // zlib writes nothing at all for an empty message right after a flush (a second flush
        // with no new input is "no progress" to it), which would leave an empty payload that
        // does not inflate to a block boundary. The empty message is `00`: an empty stored
        // block's header, whose length octets the receiver appends (RFC 7692 §7.2.3.6).
        if output.isEmpty { output = [0x00] }
        if noContextTakeover { deflateReset(stream) }
        return output
    }

    /// Adds a whole message to the window as if it had been compressed here, without output:
    /// for a message sent as the peer compressed it (`DeflateChannel.sendsAsOwn`), which the
    /// peer's decompressor now holds in its window, so later messages may refer back into it
    /// (RFC 7692 §7.2.3.2). zlib allows a raw stream's dictionary to be set after a flush, and
    /// keeps the last window's worth. Without context takeover the window is empty anyway.
    /// zlib is told only before the next compression (`PendingWindow`).
    public func absorb(_ message: [UInt8]) {
        guard !noContextTakeover else { return }
        absorbed.append(message)
    }

    /// Gives zlib the messages absorbed since the last compression.
    private func setAbsorbedWindow() {
        guard !absorbed.isEmpty else { return }
        let window = absorbed.take()
        let code = window.withUnsafeBufferPointer { deflateSetDictionary(stream, $0.baseAddress, uInt($0.count)) }
        precondition(code == Z_OK, "deflateSetDictionary failed with \(code)")
    }

    /// The empty stored block a sync flush ends with, removed by the sender and appended again
    /// by the receiver, RFC 7692 §7.2.1 and §7.2.2.
    static let syncFlushTail: [UInt8] = [0x00, 0x00, 0xFF, 0xFF]

    /// Runs `deflate` until the input is consumed and, for a flush, all output is out: zlib
    /// says a call that filled the output buffer must be repeated with more space.
    private func drain(flush: Int32, into output: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.chunkSize) { buffer in
            repeat {
                stream.pointee.next_out = buffer.baseAddress
                stream.pointee.avail_out = uInt(buffer.count)
                let code = deflate(stream, flush)
                // Z_BUF_ERROR only means "no progress was possible", harmless here; anything
                // else would be a corrupted stream, i.e. a bug in this class.
                precondition(code == Z_OK || code == Z_BUF_ERROR, "deflate failed with \(code)")
                let produced = buffer.count - Int(stream.pointee.avail_out)
                output.append(contentsOf: buffer[0..<produced])
            } while stream.pointee.avail_out == 0 || stream.pointee.avail_in > 0
            stream.pointee.next_out = nil
        }
    }
}

extension MessageCompressor {
    /// The payload of one compressed message of `count` zero octets, RFC 7692 §7.2.1, for a
    /// receiver whose window allows 15 bits and holds nothing yet: a decompression bomb, as
    /// small as zlib makes it (about 1 to 1010; no DEFLATE stream inflates much more, each
    /// 258-octet match costing at least a bit or two).
    ///
    /// Built from pieces that each end on a sync flush: the first MiB from an empty window,
    /// then one MiB compressed after a window of zeros, repeated (once the receiver has inflated
    /// the first MiB its window is zeros too, so the same octets inflate to the same zeros
    /// again), then the remainder. So a 1 GiB bomb costs the compression of three MiB at most,
    /// and memory its output.
    public static func zeros(count: Int) throws(ZlibError) -> [UInt8] {
        let count = max(0, count)
        let unit = 1 << 20
        let first = min(count, unit)
        var payload = try MessageCompressor(level: 9).compress([UInt8](repeating: 0, count: first))
        let remaining = count - first
        guard remaining > 0 else { return payload }
        payload += syncFlushTail
        if remaining >= unit {
            let piece = try zerosAfterZeros(unit)
            for _ in 0..<remaining / unit { payload += piece }
        }
        if remaining % unit > 0 { payload += try zerosAfterZeros(remaining % unit) }
        payload.removeLast(syncFlushTail.count)
        return payload
    }

    /// `count` zeros compressed by a compressor whose window already holds 32 KiB of zeros,
    /// sync-flushed with the tail kept.
    private static func zerosAfterZeros(_ count: Int) throws(ZlibError) -> [UInt8] {
        let compressor = try MessageCompressor(level: 9)
        let window = [UInt8](repeating: 0, count: 1 << 15)
        let code = window.withUnsafeBufferPointer { deflateSetDictionary(compressor.stream, $0.baseAddress, uInt($0.count)) }
        guard code == Z_OK else { throw ZlibError(code, doing: "deflateSetDictionary", stream: compressor.stream) }
        return compressor.compress([UInt8](repeating: 0, count: count)) + syncFlushTail
    }
}

@available(*, unavailable)
extension MessageCompressor: Sendable {}
