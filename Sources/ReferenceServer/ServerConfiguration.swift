/// How the reference server behaves; the defaults are the strict, correct server.
public struct ServerConfiguration: Hashable, Sendable {
    /// Largest message accepted, after inflation; larger ones fail with 1009 (RFC 6455 §7.4.1).
    /// 64 MiB by default, so the 16 MiB cases of the catalogue pass.
    public var maxMessageSize: Int = 64 << 20
    /// Largest frame accepted, when smaller than a message may be; larger frames fail with 1009.
    public var maxFrameSize: Int?
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
    /// Origins allowed to open a connection (RFC 6455 §10.2: a server that is not meant for
    /// every web page checks `Origin`); another Origin is refused with 403. A request with no
    /// Origin comes from no browser and is served. Nil: every Origin is served.
    public var allowedOrigins: [String]?
    /// A field every opening request must carry exactly (`Authorization: Bearer …`), or 401.
    public var requiredField: (name: String, value: String)? {
        get { requiredFieldStorage.map { ($0[0], $0[1]) } }
        set { requiredFieldStorage = newValue.map { [$0.name, $0.value] } }
    }
    private var requiredFieldStorage: [String]?
    /// Sends a ping after this long without a frame from the client; nil sends none.
    public var pingInterval: Duration?
    /// After a ping, how long the client has to answer before the connection is closed with
    /// 1011 (a dead peer); the interval's length when nil.
    public var pongTimeout: Duration?

    public init(fault: Fault? = nil) { self.fault = fault }
}
