/// What the oracle assumes of the server where RFC 6455 leaves a choice.
public struct OracleOptions: Hashable, Sendable {
    /// Whether permessage-deflate (RFC 7692) was negotiated. Compressed messages are out of
    /// scope: the oracle stops at the first one and says so.
    public var permessageDeflate = false
    /// Whether a non-minimal length fails the connection (RFC 6455 §5.2 binds only the
    /// sender; the reference server fails it).
    public var failsNonMinimalLength = true
    /// The server's message size limit (RFC 6455 §10.4); the reference server's is 64 MiB.
    public var maxMessageSize: UInt64 = 64 << 20
    /// The server's request head limit; the reference server's is 16 KiB.
    public var maxHandshakeSize = 16 * 1024
    /// Whether a bare LF in the request head is refused (RFC 9112 §2.2 allows either).
    public var refusesBareLineFeeds = false
    /// The host put in place of `{host}`.
    public var host = "localhost"

    public init() {}

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

    /// A server that refuses bare line feeds in the request head.
    public static let strictHead: OracleOptions = {
        var options = OracleOptions()
        options.refusesBareLineFeeds = true
        return options
    }()
}
