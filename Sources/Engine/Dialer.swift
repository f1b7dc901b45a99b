import Transport

/// Opens the byte stream to a target: TCP, then TLS for `wss://`.
public struct Dialer: Sendable {
    /// TLS options for `wss://` targets.
    public var tls: TLSClientOptions

    public init(tls: TLSClientOptions = TLSClientOptions()) { self.tls = tls }

    /// Connects to `url` by its deadline.
    public func connect(_ url: TargetURL, deadline: Deadline) throws(ClientError) -> any Connection {
        let tcp: TCPConnection
        do {
            tcp = try TCPConnection.connect(host: url.host, port: url.port, deadline: deadline)
        } catch {
            throw .socket(error)
        }
        guard url.secure else { return tcp }
        return try tls.wrap(tcp, host: url.host, deadline: deadline)
    }
}

/// The command line's TLS choices (`--ca-file`, `--insecure`, `--cert`/`--key`).
public struct TLSClientOptions: Hashable, Sendable {
    public var caFile: String?
    public var insecure = false
    public var certificateFile: String?
    public var keyFile: String?

    public init(caFile: String? = nil, insecure: Bool = false, certificateFile: String? = nil, keyFile: String? = nil) {
        self.caFile = caFile
        self.insecure = insecure
        self.certificateFile = certificateFile
        self.keyFile = keyFile
    }

    func wrap(_ tcp: TCPConnection, host: String, deadline: Deadline) throws(ClientError) -> any Connection {
        tcp.close(abortive: false)
        throw .tls("not available yet")
    }
}
