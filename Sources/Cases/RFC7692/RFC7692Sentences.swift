/// The sentences of RFC 7692 that the compression cases' levels rest on, word for word.
public enum RFC7692Sentence {
    /// §6.2: what every compressed exchange rests on (the inflation itself is §7.2.2, which
    /// has no keyword of its own).
    public static let receiveCompressed = NormativeSentence(
        "RFC 7692 §6.2", "An endpoint MUST use the following algorithm to receive a message in the form of a compressed message.")
    public static let receiveUncompressed = NormativeSentence(
        "RFC 7692 §6.2", "An endpoint MUST use the following algorithm to receive a message in the form of an uncompressed message.")
    public static let serverDecompressionContext = NormativeSentence(
        "RFC 7692 §7.2.2",
        "If the \"agreed parameters\" contain the \"client_no_context_takeover\" extension parameter, the server MAY decompress each new message with an empty LZ77 sliding window. Otherwise, the server MUST decompress each new message using the LZ77 sliding window used to process the last compressed message."
    )
    public static let serverDecompressionWindow = NormativeSentence(
        "RFC 7692 §7.2.2",
        "If the \"agreed parameters\" contain the \"client_max_window_bits\" extension parameter with a value of w, the server MAY reduce the size of its LZ77 sliding window to decompress received messages down to the w-th power of 2 bytes. Otherwise, the server MUST use a 32,768-byte LZ77 sliding window to decompress received messages."
    )
    public static let compressedBit = NormativeSentence(
        "RFC 7692 §6.1",
        "An endpoint MUST NOT set the \"Per-Message Compressed\" bit of control frames and non-first fragments of a data message. An endpoint receiving such a frame MUST _Fail the WebSocket Connection_."
    )
    public static let declineOffer = NormativeSentence(
        "RFC 7692 §7",
        "A server MUST decline an extension negotiation offer for this extension if any of the following conditions are met: o The negotiation offer contains an extension parameter not defined for use in an offer. o The negotiation offer contains an extension parameter with an invalid value. o The negotiation offer contains multiple extension parameters with the same name. o The server doesn't support the offered configuration."
    )
    public static let rsv1Conflict = NormativeSentence(
        "RFC 7692 §5",
        "A server MUST NOT accept a PMCE extension negotiation offer together with another extension if the PMCE will conflict with the extension on their use of the RSV1 bit."
    )
    public static let clientWindowNotOffered = NormativeSentence(
        "RFC 7692 §7.1.2.2",
        "If a received extension negotiation offer doesn't have the \"client_max_window_bits\" extension parameter, the corresponding extension negotiation response to the offer MUST NOT include the \"client_max_window_bits\" extension parameter."
    )
    public static let clientWindowValue = NormativeSentence(
        "RFC 7692 §7.1.2.2",
        "The \"client_max_window_bits\" extension parameter in an extension negotiation response has a decimal integer value without leading zeroes between 8 to 15 inclusive indicating the base-2 logarithm of the LZ77 sliding window size and MUST conform to the ABNF below."
    )
    public static let serverWindowValue = NormativeSentence(
        "RFC 7692 §7.1.2.1",
        "This parameter has a decimal integer value without leading zeroes between 8 to 15, inclusive, indicating the base-2 logarithm of the LZ77 sliding window size, and MUST conform to the ABNF below."
    )
    public static let serverNoContextTakeover = NormativeSentence(
        "RFC 7692 §7.2.1",
        "If the \"agreed parameters\" contain the \"server_no_context_takeover\" extension parameter, the server MUST start compressing each new message with an empty LZ77 sliding window."
    )
    public static let serverMaxWindowBits = NormativeSentence(
        "RFC 7692 §7.2.1",
        "If the \"agreed parameters\" contain the \"server_max_window_bits\" extension parameter with a value of w, the server MUST NOT use an LZ77 sliding window longer than the w-th power of 2 bytes to compress messages to send."
    )
    /// §6.2 with RFC 6455 §10.7: data that does not inflate is no message. Failing the
    /// connection on it is only a SHOULD (RFC 6455 §10.7, §7.1.7).
    public static let receiveCompressedValidated = NormativeSentence(
        "RFC 7692 §6.2, RFC 6455 §10.7",
        "An endpoint MUST use the following algorithm to receive a message in the form of a compressed message. … Incoming data MUST always be validated by both clients and servers."
    )
}
