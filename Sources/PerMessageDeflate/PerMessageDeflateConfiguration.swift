import Wire

/// How one endpoint compresses what it sends and decompresses what it receives, derived from
/// the agreed parameters and which side of the connection it is on.
///
/// The parameters are named from the server's and client's point of view (RFC 7692 §7.1); this
/// turns them into "mine" and "the peer's" so the codec set-up cannot swap them.
public struct PerMessageDeflateConfiguration: Hashable, Sendable {
    /// The window the local compressor must stay within, 8–15 (see `MessageCompressor` for 8).
    public var compressorWindowBits: Int
    /// Reset the local compressor after every message (the local side's no_context_takeover).
    public var compressorNoContextTakeover: Bool
    /// The window the peer compresses within, so the local decompressor's window.
    public var decompressorWindowBits: Int
    /// The peer resets its compressor after every message, so the local decompressor may too.
    public var decompressorNoContextTakeover: Bool

    public init(
        compressorWindowBits: Int = 15, compressorNoContextTakeover: Bool = false,
        decompressorWindowBits: Int = 15, decompressorNoContextTakeover: Bool = false
    ) {
        self.compressorWindowBits = compressorWindowBits
        self.compressorNoContextTakeover = compressorNoContextTakeover
        self.decompressorWindowBits = decompressorWindowBits
        self.decompressorNoContextTakeover = decompressorNoContextTakeover
    }

    /// The configuration of `role` under `agreed` parameters: for a server the response it
    /// sent, for a client `appliedByClient(after:)` of the response it got. An absent window
    /// limit means 15 bits, the DEFLATE maximum (RFC 7692 §7.1.2.1, §7.1.2.2).
    public init(agreed: PerMessageDeflateParameters, role: EndpointRole) {
        let serverBits = agreed.serverMaxWindowBits ?? 15
        let clientBits = agreed.clientMaxWindowBits?.bits ?? 15
        switch role {
        case .server:
            self.init(
                compressorWindowBits: serverBits, compressorNoContextTakeover: agreed.serverNoContextTakeover,
                decompressorWindowBits: clientBits, decompressorNoContextTakeover: agreed.clientNoContextTakeover)
        case .client:
            self.init(
                compressorWindowBits: clientBits, compressorNoContextTakeover: agreed.clientNoContextTakeover,
                decompressorWindowBits: serverBits, decompressorNoContextTakeover: agreed.serverNoContextTakeover)
        }
    }
}
