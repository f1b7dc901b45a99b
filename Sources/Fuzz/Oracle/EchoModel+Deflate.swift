import Wire

/// Compressed messages under a permessage-deflate agreement (RFC 7692 §6, §7.2.2): each frame
/// of a message with RSV1 on its first frame is inflated when it ends, as the reference server
/// inflates it (or the whole message at its last frame, `OracleOptions.inflatesWholeMessages`),
/// and what it inflates to is the message — checked for UTF-8 and the size limit, echoed like
/// any other.
extension EchoModel {
    /// Inflates the frame of a compressed message that ends at `end`; an outcome when that
    /// ends the session (or the oracle's reach), nil to read on.
    mutating func onCompressedEnd(_ frame: FrameHead, end: Int) -> Outcome? {
        guard let inflater, frame.fin || !options.inflatesWholeMessages else { return nil }
        let fragment = compressedFrame
        compressedFrame = []
        let cap = min(options.maxMessageSize, UInt64(DeflateReading.inflateCap))
        let step = inflater.inflate(fragment, isFinal: frame.fin, cap: Int(cap))
        // More after a block with BFINAL set than the empty block of a flush: a server that
        // stops there reads the rest its own way (RFC 7692 §7.2.3.4 says no more).
        if !options.readsPastFinalBlock, inflater.moreAfterFinalBlock(step) { return .openEnded }
        switch step {
        case .inflated(let octets):
            return appendInflated(octets, frame, end: end)
        case .unterminated(let octets):
            guard options.failsUnterminatedDeflate else { return .openEnded }
            let detail = "a compressed message of \(message.count + octets.count) octets that does not end on a block boundary"
            return fail(.deflateUnterminated, detail, frame: frame, decidedAt: end)
        case .tooLarge:
            guard options.maxMessageSize <= UInt64(DeflateReading.inflateCap) else {
                return .outOfScope("a compressed message inflating past \(DeflateReading.inflateCap) octets, the oracle's cap")
            }
            return fail(
                .messageTooBig, "a compressed message inflating past \(options.maxMessageSize) octets", frame: frame, decidedAt: end)
        case .invalid(let text):
            return fail(.invalidCompressedData, "compressed data that does not inflate: \(text)", frame: frame, decidedAt: end)
        case .tooFar(let text):
            let window =
                agreement?.clientNoContextTakeover == true && options.emptiesWindowPerMessage ? " (an empty window each message)" : ""
            return fail(.deflateDistanceTooFar, "\(text)\(window)", frame: frame, decidedAt: end)
        case .beyondAgreedWindow(let bits):
            return .outOfScope(
                "a compressed message under client_max_window_bits=\(bits) that reaches further back, or is too long to check (RFC 7692 §7.1.2.2)"
            )
        }
    }

    /// Adds inflated octets to the message, judging UTF-8 as a server that fails fast does: at
    /// the end of the frame they came from, the first moment it can see them.
    private mutating func appendInflated(_ octets: [UInt8], _ frame: FrameHead, end: Int) -> Outcome? {
        message.append(contentsOf: octets)
        guard messageOpcode == .text, case .invalid(let offset) = utf8.feed(octets), options.utf8Decision == .eager else { return nil }
        return fail(.invalidUTF8Text, "invalid UTF-8 at message octet \(offset) of a compressed message", frame: frame, decidedAt: end)
    }
}
