import Wire

/// Why a message could not be decompressed; the judge maps it to a close code
/// (RFC 6455 §7.4.1: 1009 too big, 1007 or 1002 for bad data).
public enum DeflateFailure: Error, Hashable, Sendable {
    /// The inflated message would exceed the caller's cap (a decompression bomb).
    case tooLarge
    /// Not valid DEFLATE data, or not ending on a block boundary: zlib's words.
    case invalidData(String)
}

/// One endpoint's permessage-deflate state for one connection, RFC 7692: the negotiated
/// parameters, a compressor for what it sends and a decompressor for what it receives.
///
/// Negotiation goes header values → `ExtensionOffer.parseList` → `negotiate` (server) or
/// `validateResponse` (client) → `PerMessageDeflateConfiguration` → codecs.
public final class DeflateChannel: @unchecked Sendable {
    // @unchecked: zlib streams are mutable; a channel belongs to one connection, which one
    // thread drives at a time.
    public let parameters: PerMessageDeflateParameters
    public let role: EndpointRole
    /// zlib's compression level of this channel's compressor.
    public let level: Int
    /// Both directions' windows and context rules, from this side's point of view.
    private let configuration: PerMessageDeflateConfiguration
    /// The compression level of both the tester and the reference server: zlib's fastest
    /// (level 1, as gorilla/websocket uses by default). RFC 7692 leaves the level to the
    /// sender; the receiver inflates any valid stream alike. Level 1 still finds matches and
    /// writes Huffman-coded blocks with back-references, and deflates three times as fast as
    /// the default level 6, which is most of a compression case's time on the wire's both ends.
    public static let level = 1
    private let compressor: MessageCompressor
    private let decompressor: MessageDecompressor

    /// The channel of `role` under the agreed parameters, compressing at zlib's `level` (0–9;
    /// −1 is zlib's default, 6). With `strictWindow` every distance the peer sends is checked
    /// against its agreed window (see `MessageDecompressor`): much slower, for a judge of small
    /// messages.
    public init(agreed: PerMessageDeflateParameters, role: EndpointRole, level: Int = DeflateChannel.level, strictWindow: Bool = false)
        throws(ZlibError)
    {
        parameters = agreed
        self.role = role
        let configuration = PerMessageDeflateConfiguration(agreed: agreed, role: role)
        compressor = try MessageCompressor(configuration, level: level)
        self.level = level
        self.configuration = configuration
        decompressor = try MessageDecompressor(configuration, strictWindow: strictWindow)
    }

    /// DEFLATE blocks with BFINAL set received so far (RFC 7692 §7.2.3.4).
    public var finalBlocksReceived: Int { decompressor.finalBlocks }

    /// A client's side after the handshake: nil when the server agreed to no compression;
    /// throws the RFC 7692 §5 and §7 problems that oblige the client to fail the connection.
    /// `offered` is every `Sec-WebSocket-Extensions` line sent (several offers may be listed);
    /// the response must accept exactly one permessage-deflate offer, one it may accept.
    /// `strictWindow` holds the server's messages to its agreed window (see `init`).
    public static func client(offered: [String], response: [String], strictWindow: Bool = false) throws(DeflateNegotiationError)
        -> DeflateChannel?
    {
        guard let agreed = try clientAgreement(offered: offered, response: response) else { return nil }
        do {
            return try DeflateChannel(agreed: agreed, role: .client, strictWindow: strictWindow)
        } catch {
            throw DeflateNegotiationError(problems: [], text: error.description)
        }
    }

    /// The parameters a client applies after the server's `response` to what it `offered`,
    /// checked as `client(offered:response:)` checks them, without building the zlib streams:
    /// nil when the server agreed to no compression. A load run checks each handshake's answer
    /// so, and builds one channel per answer for all the connections that share it.
    public static func clientAgreement(offered: [String], response: [String]) throws(DeflateNegotiationError)
        -> PerMessageDeflateParameters?
    {
        let name = PerMessageDeflateParameters.extensionName
        let answers = ExtensionOffer.parseList(response).offers.filter { $0.hasName(name) }
        guard let answer = answers.first else { return nil }
        guard answers.count == 1 else {
            throw DeflateNegotiationError(
                problems: [],
                text:
                    "permessage-deflate accepted \(answers.count) times, each using RSV1 (RFC 7692 §5: a server MUST NOT accept it together with an extension that also uses RSV1)"
            )
        }
        let offers = ExtensionOffer.parseList(offered).offers.filter { $0.hasName(name) }
        guard !offers.isEmpty else { throw DeflateNegotiationError(problems: [], text: "permessage-deflate was not offered") }
        return try PerMessageDeflateParameters.acceptedOffer(by: answer, among: offers).get().applied
    }

    /// What the compressed form of a message depends on besides its octets, when nothing else:
    /// the window and level of a compressor that starts every message afresh (its side's
    /// no_context_takeover, RFC 7692 §7.1.1). Two such channels with equal signatures compress
    /// equal messages to equal payloads, so one compression can serve both. Nil when the
    /// context carries over, and a message's form depends on the messages before it.
    public var freshContextSignature: FreshContextSignature? {
        guard compressor.noContextTakeover else { return nil }
        return FreshContextSignature(windowBits: compressor.zlibWindowBits, level: level)
    }

    /// Whether a message this side compressed is also a valid message of the peer's, read the
    /// same under any window this side's decompressor holds: compressed from an empty window
    /// (this side's no_context_takeover, RFC 7692 §7.1.1) and within the peer's window (§7.1.2).
    public var ownMessagesReadAsPeers: Bool {
        compressor.noContextTakeover && compressor.zlibWindowBits <= decompressor.windowBits
    }

    /// A whole message of the peer's that this side read without inflating (it recognised the
    /// compressed octets as its own, `EchoRecognition`): its octets join the decompressor's
    /// window as if inflated, so later messages may refer back into it (RFC 7692 §7.2.2).
    public func absorbIntoWindow(_ message: [UInt8]) { decompressor.absorb(message) }

    /// Whether the peer's messages start from an empty window (its no_context_takeover, RFC
    /// 7692 §7.1.1), so that one of them may read alike after any history.
    public var peerStartsAfresh: Bool { configuration.decompressorNoContextTakeover }

    /// Whether a message the peer compressed may be sent back as this side's own, octet for
    /// octet: every match stays inside the message and within the window this side agreed to
    /// send under (RFC 7692 §7.1.2), and no block is final, so the peer reads it after whatever
    /// it read before. Then, under context takeover, `message` joins this side's compressor
    /// window, as the peer's decompressor holds it too. Saves deflating a message whose
    /// compressed form is at hand (the reference server's echoes).
    ///
    /// `compressed` must be a whole message this channel inflated to `message`, with
    /// `finalBlocks` blocks with BFINAL set among them. As the peer starts each message from an
    /// empty window, zlib then refused any match reaching before the message; under a 15-bit
    /// window nothing else can break, since no DEFLATE distance exceeds 32768 (RFC 1951 §3.2.5).
    /// Under a smaller one `DeflateReach` reads the blocks to see each distance.
    public func sendsAsOwn(_ compressed: [UInt8], inflatedTo message: [UInt8], finalBlocks: Int) -> Bool {
        guard peerStartsAfresh, finalBlocks == 0 else { return false }
        if compressor.windowBits < 15 {
            guard let reach = DeflateReach.of(compressed, stoppingPast: 1 << compressor.windowBits),
                reach.selfContained(within: compressor.windowBits)
            else { return false }
        }
        compressor.absorb(message)
        return true
    }

    /// The payload of a compressed message, RFC 7692 §7.2.1 (tail `00 00 ff ff` removed).
    public func compress(_ message: [UInt8]) -> [UInt8] { compressor.compress(message) }

    /// The payload of a compressed message given in consecutive pieces (see
    /// `MessageCompressor.compress(pieces:)`): a large message is never held whole.
    public func compress<Pieces: Sequence<[UInt8]>>(pieces: Pieces) -> [UInt8] { compressor.compress(pieces: pieces) }

    /// The original message from a compressed payload, inflating at most `maxOutput` octets.
    public func decompress(_ payload: [UInt8], maxOutput: Int) -> Result<[UInt8], DeflateFailure> {
        Self.result(decompressor.decompress(payload, maxOutput: maxOutput))
    }

    /// Inflates one frame of a compressed message as it arrives, so a judge can fail fast on
    /// what it holds; `maxOutput` caps the whole message.
    public func decompress(fragment: [UInt8], isFinal: Bool, maxOutput: Int) -> Result<[UInt8], DeflateFailure> {
        Self.result(decompressor.decompress(fragment: fragment, isFinal: isFinal, maxOutput: maxOutput))
    }

    private static func result(_ outcome: DecompressionOutcome) -> Result<[UInt8], DeflateFailure> {
        switch outcome {
        case .ok(let bytes): return .success(bytes)
        case .unterminated: return .failure(.invalidData("compressed data does not end on a block boundary (RFC 7692 §7.2.1)"))
        case .tooLarge: return .failure(.tooLarge)
        case .invalidData(let text): return .failure(.invalidData(text))
        }
    }
}

/// A server's permessage-deflate response that a client must refuse, RFC 7692 §7.
public struct DeflateNegotiationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [PerMessageDeflateProblem]
    public var text: String
    public var description: String { text }
}

/// The window and level of a compressor that starts each message afresh: with equal
/// signatures, equal messages compress to equal payloads (`DeflateChannel.freshContextSignature`).
public struct FreshContextSignature: Hashable, Sendable {
    public var windowBits: Int
    public var level: Int
}
