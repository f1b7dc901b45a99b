import Platform
import Synchronization
import Transport

/// Opens the byte stream to a target: TCP, then TLS for `wss://`.
public struct Dialer: Sendable {
    /// TLS settings for `wss://` targets (`--ca-file`, `--insecure`, `--cert`/`--key`).
    public var tls: TLSConfiguration

    public init(tls: TLSConfiguration = TLSConfiguration()) { self.tls = tls }

    /// Connects to `url` by its deadline.
    public func connect(_ url: TargetURL, deadline: Deadline) throws(ClientError) -> any Connection {
        let tcp: TCPConnection
        do {
            tcp = try TCPConnection.connect(host: url.host, port: url.port, deadline: deadline)
        } catch {
            throw .socket(error)
        }
        guard url.secure else { return tcp }
        do {
            return try TLSConnection.connect(over: tcp, host: url.host, context: try Self.context(for: tls), deadline: deadline)
        } catch {
            tcp.close(abortive: false)
            throw .tls(error)
        }
    }

    /// One OpenSSL context per configuration for the whole process: a run opens hundreds of
    /// connections, and loading certificate stores once is enough.
    private static let contexts = Mutex<[TLSConfiguration: TLSClientContext]>([:])

    private static func context(for configuration: TLSConfiguration) throws(TLSError) -> TLSClientContext {
        if let cached = contexts.withLock({ $0[configuration] }) { return cached }
        let context = try TLSClientContext(configuration: configuration)
        contexts.withLock { $0[configuration] = context }
        return context
    }
}
