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
    private let compressor: MessageCompressor
    private let decompressor: MessageDecompressor

    /// The channel of `role` under the agreed parameters. With `strictWindow` every distance
    /// the peer sends is checked against its agreed window (see `MessageDecompressor`): much
    /// slower, for a judge of small messages.
    public init(agreed: PerMessageDeflateParameters, role: EndpointRole, strictWindow: Bool = false) throws(ZlibError) {
        parameters = agreed
        self.role = role
        let configuration = PerMessageDeflateConfiguration(agreed: agreed, role: role)
        compressor = try MessageCompressor(configuration)
        decompressor = try MessageDecompressor(configuration, strictWindow: strictWindow)
    }

    /// DEFLATE blocks with BFINAL set received so far (RFC 7692 §7.2.3.4).
    public var finalBlocksReceived: Int { decompressor.finalBlocks }

    /// A server's side: negotiates the client's `Sec-WebSocket-Extensions` values (RFC 7692 §5)
    /// and returns the channel with the response header value, or nil when nothing was agreed.
    public static func server(
        offers headerValues: [String], policy: PerMessageDeflateServerPolicy = PerMessageDeflateServerPolicy()
    ) -> (channel: DeflateChannel, response: String)? {
        let offers = ExtensionOffer.parseList(headerValues).offers
        guard let agreed = PerMessageDeflateParameters.negotiate(offers: offers, policy: policy).response,
            let channel = try? DeflateChannel(agreed: agreed, role: .server)
        else { return nil }
        return (channel, agreed.headerValue)
    }

    /// A client's side after the handshake: nil when the server agreed to no compression;
    /// throws the RFC 7692 §7 problems that oblige the client to fail the connection.
    /// `strictWindow` holds the server's messages to its agreed window (see `init`).
    public static func client(offered: [String], response: [String], strictWindow: Bool = false) throws(DeflateNegotiationError)
        -> DeflateChannel?
    {
        let answers = ExtensionOffer.parseList(response).offers.filter { $0.hasName(PerMessageDeflateParameters.extensionName) }
        guard let answer = answers.first else { return nil }
        guard answers.count == 1 else { throw DeflateNegotiationError(problems: [], text: "permessage-deflate answered twice") }
        guard let offer = ExtensionOffer.parseList(offered).offers.first(where: { $0.hasName(PerMessageDeflateParameters.extensionName) })
        else {
            throw DeflateNegotiationError(problems: [], text: "permessage-deflate was not offered")
        }
        let offerParameters = PerMessageDeflateParameters.parse(offer, as: .offer).parameters
        let problems = offerParameters.validateResponse(answer)
        guard problems.isEmpty else {
            throw DeflateNegotiationError(problems: problems, text: problems.map(\.description).joined(separator: "; "))
        }
        let applied = offerParameters.appliedByClient(after: PerMessageDeflateParameters.parse(answer, as: .response).parameters)
        do {
            return try DeflateChannel(agreed: applied, role: .client, strictWindow: strictWindow)
        } catch {
            throw DeflateNegotiationError(problems: [], text: error.description)
        }
    }

    /// The payload of a compressed message, RFC 7692 §7.2.1 (tail `00 00 ff ff` removed).
    public func compress(_ message: [UInt8]) -> [UInt8] { compressor.compress(message) }

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
