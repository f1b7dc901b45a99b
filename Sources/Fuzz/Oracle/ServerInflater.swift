import PerMessageDeflate
import Wire

/// A conforming server's permessage-deflate receiver, as the oracle models it: the client's
/// compressed messages inflated in stream order, frame by frame, with the window carried over
/// between messages unless the reading empties it (RFC 7692 §7.2.2), every inflate capped.
///
/// A class because zlib's stream is one mutable thing; a model owns one and never shares it.
final class ServerInflater {
    /// What inflating one frame of a compressed message gave.
    enum Step: Hashable {
        /// The octets this frame inflated to.
        case inflated([UInt8])
        /// The message passed `cap` octets (a limit, RFC 6455 §10.4; or the oracle's own cap).
        case tooLarge
        /// Not DEFLATE data (RFC 1951), zlib's words.
        case invalid(String)
        /// A distance reaching behind everything inflated before it (RFC 7692 §7.2.2): the
        /// client referred to data it never sent, or that the agreement keeps out of the window.
        case tooFar(String)
        /// Inflated, but the message does not end on a block boundary after the appended
        /// `00 00 ff ff` (RFC 7692 §7.2.1 asks the sender for a flushed end).
        case unterminated([UInt8])
        /// A distance within what was inflated but beyond the agreed client_max_window_bits
        /// (RFC 7692 §7.1.2.2): whether a server's inflater notices depends on how it calls
        /// zlib, so the oracle cannot say what a conforming server does.
        case beyondAgreedWindow(Int)
    }

    private let decompressor: MessageDecompressor
    /// Checks every distance against an agreed window below 15 bits (slow: one octet per zlib
    /// call), for messages up to `strictLimit` octets.
    private let strict: MessageDecompressor?
    private let windowBits: Int
    /// The largest message the window check follows; a larger one under a small window is
    /// out of scope.
    static let strictLimit = 64 << 10
    /// Octets inflated for the message in progress.
    private var produced = 0

    /// The inflater of a server that sent `agreement`; `emptiesWindow` resets it after every
    /// message when the agreement has client_no_context_takeover (RFC 7692 §7.2.2: the server
    /// MAY then inflate each message with an empty window); `keepsWindowAfterFinalBlock`: what
    /// follows a block with BFINAL set still refers back (RFC 7692 §7.2.3.4 says no more).
    init?(agreement: PerMessageDeflateParameters, emptiesWindow: Bool, keepsWindowAfterFinalBlock: Bool = true) {
        let configuration = PerMessageDeflateConfiguration(agreed: agreement, role: .server)
        let reset = emptiesWindow && configuration.decompressorNoContextTakeover
        // The window as large as zlib allows: a distance the agreement forbids but the data
        // holds is the strict check's to find, not zlib's (which finds it only sometimes).
        guard let lenient = try? MessageDecompressor(windowBits: 15, noContextTakeover: reset) else { return nil }
        lenient.keepsWindowAfterFinalBlock = keepsWindowAfterFinalBlock
        decompressor = lenient
        windowBits = configuration.decompressorWindowBits
        strict =
            windowBits < 15
            ? try? MessageDecompressor(windowBits: windowBits, noContextTakeover: reset, strictWindow: true) : nil
    }

    /// Whether the message in progress (or the last) held a block with BFINAL set.
    var sawFinalBlock: Bool { decompressor.sawFinalBlock }

    /// Whether the message in progress (or the last) holds more after its first block with
    /// BFINAL set than the empty stored block RFC 7692 §7.2.3.4 has follow it (the octet `00`
    /// and the appended `00 00 ff ff`): data that inflates, an appended tail left over, or data
    /// that does not inflate (`step`, what the frame gave).
    func moreAfterFinalBlock(_ step: Step) -> Bool {
        guard decompressor.sawFinalBlock else { return false }
        if case .inflated = step { return decompressor.inflatedAfterFinalBlock > 0 || decompressor.tailDroppedAfterFinalBlock }
        return true
    }

    /// Inflates the next frame of a compressed message; `cap` bounds the whole message.
    func inflate(_ fragment: [UInt8], isFinal: Bool, cap: Int) -> Step {
        let outcome = decompressor.decompress(fragment: fragment, isFinal: isFinal, maxOutput: cap)
        var step: Step
        switch outcome {
        case .ok(let bytes): step = .inflated(bytes)
        case .unterminated(let bytes): step = .unterminated(bytes)
        case .tooLarge: return .tooLarge
        case .invalidData(let text): return text.contains("too far back") ? .tooFar(text) : .invalid(text)
        }
        if case .inflated(let bytes) = step { produced += bytes.count }
        if case .unterminated(let bytes) = step { produced += bytes.count }
        if let strict {
            if produced > Self.strictLimit { return .beyondAgreedWindow(windowBits) }
            switch strict.decompress(fragment: fragment, isFinal: isFinal, maxOutput: Self.strictLimit) {
            case .invalidData(let text) where text.contains("too far back"): step = .beyondAgreedWindow(windowBits)
            default: break
            }
        }
        if isFinal { produced = 0 }
        return step
    }
}
