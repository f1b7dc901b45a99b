import Cases
import Client
import Platform
import Transport
import Wire

/// One opening handshake before a run, to learn what the target is (its `Server` field, what it
/// negotiates for a permessage-deflate offer, the TLS session) and whether it can be reached at
/// all. An unreachable target is told once, instead of by every case.
public struct TargetProbe: Sendable {
    /// What the handshake said.
    public struct Facts: Sendable, Equatable {
        public var server: String?
        public var extensions: String?
        public var subprotocol: String?
        public var tls: TLSNegotiation?
        /// From the request's first octet written to the response head's last octet read.
        public var handshakeRoundTrip: Duration

        /// What the probe measured.
        public var measurements: [Measurement] { [TargetProbe.handshakeRoundTrip(handshakeRoundTrip)] }
    }

    /// The opening handshake's round trip (`handshake.round-trip`): what every connection of
    /// the target's users pays before its first message. Loopback answers in well under a
    /// millisecond and a server across a continent in about 150 ms; past a quarter of a second
    /// the server is slow to upgrade, past a second a browser user waits visibly.
    public static func handshakeRoundTrip(_ duration: Duration?) -> Measurement {
        let id = "handshake.round-trip"
        let title = "Opening handshake round trip"
        let policy = Measurement.Policy(warn: 250, fail: 1000)
        guard let duration else {
            return .notMeasured(
                id: id, title: title, unit: .milliseconds, policy: policy, advice: "the probe handshake did not complete")
        }
        let components = duration.components
        let milliseconds = (Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15)
        let value = (milliseconds * 10).rounded() / 10
        let status = policy.status(of: value)
        let advice =
            status == .ok
            ? "request written to 101 read, on one probe connection"
            : "the server takes \(Int(value)) ms to answer the opening handshake: look at its upgrade path (authentication, TLS, proxies)"
        return Measurement(id: id, title: title, value: value, unit: .milliseconds, policy: policy, advice: advice)
    }

    /// How a probe ended without a handshake.
    public enum Failure: Error, Sendable, Equatable {
        /// No connection (refused, unresolvable, timed out, TLS refused): nothing can run.
        case unreachable(String)
        /// Connected, but the handshake was refused or mangled; cases may still say why.
        case refused(String)
    }

    /// The extension offer of the probe: permessage-deflate with its common client parameter
    /// (RFC 7692 §7.1.2.2), so the report shows what the target negotiates.
    static let offer = "permessage-deflate; client_max_window_bits"

    public static func probe(_ target: TargetURL, options: RunOptions) -> Result<Facts, Failure> {
        let deadline = Deadline.after(options.scaled(.seconds(5)))
        let client = ClientConnection()
        do {
            try client.dial(target, dialer: options.dialer, deadline: deadline)
        } catch {
            return .failure(.unreachable(error.description))
        }
        defer { client.close(abortive: false) }
        var generator = SystemRandomNumberGenerator()
        var request = HandshakeRequest.standard(
            host: target.hostHeader, target: target.resource, key: AcceptKey.randomKey(using: &generator), origin: options.origin,
            subprotocols: options.subprotocols, extensions: [offer], extraFields: options.extraFields)
        request.fields.set("User-Agent", "wsconform")
        let session: ClientSession
        let started = ContinuousClock.now
        do {
            session = try ClientSession(client: client, request: request, deadline: deadline)
        } catch {
            return .failure(.refused(error.description))
        }
        _ = try? session.send(Frame(opcode: .close, payload: ClosePayload(code: .normalClosure).encoded()), deadline: deadline)
        let fields = session.response.fields
        return .success(
            Facts(
                server: fields["Server"], extensions: fields["Sec-WebSocket-Extensions"], subprotocol: fields["Sec-WebSocket-Protocol"],
                tls: (client.connection as? TLSConnection)?.negotiated, handshakeRoundTrip: ContinuousClock.now - started))
    }
}
