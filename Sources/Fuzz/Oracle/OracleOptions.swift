/// What the oracle assumes of the server where RFC 6455 leaves a choice.
///
/// Each property is one such choice. `Oracle.acceptable` enumerates the combinations that
/// matter for an input, so a server is judged against every conforming way of reading it:
/// what one real server does (websockets reads on over non-minimal lengths, decodes text
/// when its application asks, refuses request lines over 8 KiB) is a combination of choices
/// that others make differently.
public struct OracleOptions: Hashable, Sendable {
    /// When a server judges the UTF-8 of a text message.
    ///
    /// RFC 6455 §8.1 says an endpoint that "finds that the byte stream is not, in fact, a valid
    /// UTF-8 stream" MUST fail the connection, but not when it must look: at the first octet
    /// that no valid text can continue, at the end of the message, or when the message is
    /// handed to the application. All three are conforming; failing fast is what §8.1's
    /// robustness advice and the reference server do.
    public enum UTF8Decision: Hashable, Sendable, CaseIterable {
        /// At the first octet no valid UTF-8 can continue.
        case eager
        /// When the message's last frame has arrived.
        case atMessageEnd
        /// When the application takes the message: frames after it are still read (Pings
        /// answered, a Close answered) until the server gets to it.
        case atDelivery
    }

    /// The permessage-deflate agreement (RFC 7692 §5) the session is read under: by default
    /// the reference server's answer to the head's offer; a trial sets the server's own answer.
    /// Under an agreement, compressed messages are inflated and judged as what they inflate to.
    public var deflate = DeflateReading.asOffered
    /// Under client_no_context_takeover, whether the server inflates each message with an
    /// empty window: RFC 7692 §7.2.2 lets it ("MAY"), and the reference server does; one that
    /// keeps the window still inflates what a client that broke its promise refers back to.
    public var emptiesWindowPerMessage = true
    /// Whether a compressed message that does not end on a block boundary (RFC 7692 §7.2.1 asks
    /// the sender for a flushed end) fails the connection, as the reference server's inflater
    /// does. RFC 7692 states no receiver action: a server may deliver what it inflated, and
    /// then reads later messages from inside a block, which the oracle does not follow.
    public var failsUnterminatedDeflate = true
    /// Whether a server reads a compressed message on past a DEFLATE block with BFINAL set as
    /// a new stream, as the reference server does. RFC 7692 §7.2.3.4 lets a sender end a
    /// message with such a block followed by the empty stored block of a flush; it defines no
    /// more after one, so a server may also stop there (zlib's stream ends), and the oracle
    /// does not follow what it makes of the rest.
    public var readsPastFinalBlock = true
    /// Whether the window is kept across a block with BFINAL set (the reference server primes
    /// the new stream with it) or emptied, as implementations that reset their inflater there
    /// do; RFC 7692 §7.2.3.4 does not say.
    public var keepsWindowAfterFinalBlock = true
    /// Whether a server inflates a compressed message only once its last frame is in (and so
    /// answers a Ping between its frames before it fails on bad data), or frame by frame as
    /// they come, as the reference server does; RFC 7692 §7.2.2 defines what is inflated, not
    /// when.
    public var inflatesWholeMessages = false
    /// Whether a non-minimal length fails the connection (RFC 6455 §5.2 binds only the
    /// sender; the reference server fails it).
    public var failsNonMinimalLength = true
    /// Which non-minimal length fails it (1: the first). A server may read on over some and
    /// fail on another (tornado reads on in data frames but drops on a Close written with
    /// a 64-bit length): failing on the last one admits failing on any, as the replies of an
    /// earlier failure are a prefix of a later one's.
    public var nonMinimalLengthFailing = 1
    /// The server's message size limit (RFC 6455 §10.4); the reference server's is 64 MiB.
    public var maxMessageSize: UInt64 = 64 << 20
    /// The server's request head limit; the reference server's is 16 KiB.
    public var maxHandshakeSize = 16 * 1024
    /// Whether the server refuses what HTTP lets it read leniently: a bare LF ending a line
    /// (RFC 9112 §2.2 "MAY recognize"), a request version HTTP/1.x above 1.1 (RFC 9110 §2.5
    /// "SHOULD process the message as if it were in the highest minor version").
    public var strictAboutHead = false
    /// Whether the server judges a frame header before all of it has arrived: the first octet
    /// already shows the RSV bits and the opcode, the second the MASK bit (RFC 6455 §5.2). A
    /// server may fail there or wait for the rest; the reference server waits.
    public var judgesPartialHeaders = false
    /// Whether the server also speaks the drafts registered as versions 7 and 8 (hybi-07 to
    /// hybi-17, framed as RFC 6455): §4.4 lets a server understand several versions, so a
    /// server may accept them where the reference server answers 426.
    public var understandsDraftVersions = false
    /// When text is judged (RFC 6455 §8.1).
    public var utf8Decision = UTF8Decision.eager
    /// The host put in place of `{host}`.
    public var host = "localhost"

    public init() {}

    /// The smallest request head limit the oracle accepts as a server's choice: RFC 9112 §3
    /// recommends supporting request lines of at least 8000 octets, and RFC 9110 §5.4 lets a
    /// server refuse a larger field section "than it wishes to process" with a 4xx status.
    public static let smallestHandshakeLimit = 8000
    /// The smallest message limit the oracle accepts as a server's choice: RFC 6455 §10.4 leaves
    /// the limit to the server and names no minimum; a server that refuses a message of 1 KiB
    /// or less as too big (1009) is reported, as no real deployment means that.
    public static let smallestMessageLimit: UInt64 = 1024
    /// A head limit larger than any head a script can carry: a server with no limit of note.
    public static let unlimitedHandshake = 1 << 30

    /// The choices the reference server makes.
    public static let strict = OracleOptions()

    /// A server that reads on where RFC 6455 allows it: accepts non-minimal lengths and
    /// imposes no message limit.
    public static let lenient: OracleOptions = {
        var options = OracleOptions()
        options.failsNonMinimalLength = false
        options.maxMessageSize = .max
        return options
    }()

    /// The reading that goes furthest into any input: it reads on over non-minimal lengths,
    /// imposes no limits, accepts what HTTP lets it accept, understands the drafts, waits for
    /// whole headers and judges text on delivery — so it sends the most replies.
    public static func widest(host: String) -> OracleOptions {
        var options = OracleOptions()
        options.failsNonMinimalLength = false
        options.maxMessageSize = .max
        options.maxHandshakeSize = unlimitedHandshake
        options.understandsDraftVersions = true
        options.utf8Decision = .atDelivery
        options.emptiesWindowPerMessage = false
        options.failsUnterminatedDeflate = false
        options.readsPastFinalBlock = false
        options.inflatesWholeMessages = true
        options.host = host
        return options
    }

    /// A server that refuses bare line feeds and other HTTP/1.x versions in the request head.
    public static let strictHead: OracleOptions = {
        var options = OracleOptions()
        options.strictAboutHead = true
        return options
    }()
}
