/// How the reference server behaves; the defaults are the strict, correct server.
public struct ServerConfiguration: Hashable, Sendable {
    /// Largest message accepted, after inflation; larger ones fail with 1009 (RFC 6455 §7.4.1).
    /// 64 MiB by default, so the 16 MiB cases of the catalogue pass.
    public var maxMessageSize: Int = 64 << 20
    /// Largest opening handshake head accepted.
    public var maxHandshakeSize: Int = 16 * 1024
    /// Time allowed for the whole opening handshake.
    public var handshakeTimeout: Duration = .seconds(10)
    /// A connection with no traffic for this long is closed.
    public var idleTimeout: Duration = .seconds(120)
    /// After the closing handshake, how long to wait for the client's FIN before closing.
    public var closeLinger: Duration = .seconds(2)
    /// Whether permessage-deflate (RFC 7692) is negotiated when offered.
    public var permessageDeflate: Bool = true
    /// Whether echoes of compressed messages are compressed too.
    public var compressEchoes: Bool = true
    /// The one way to misbehave, if any.
    public var fault: Fault?
    /// The `Server` header value.
    public var serverName: String = "wsconform-reference"

    public init(fault: Fault? = nil) { self.fault = fault }
}
