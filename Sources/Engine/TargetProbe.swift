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

    /// How a probe ended without a usable target.
    public enum Failure: Error, Sendable, Equatable {
        /// No connection (refused, unresolvable, timed out, TLS refused): nothing can run.
        case unreachable(String)
        /// Connected, but the standard handshake was refused or mangled, or a plain message was
        /// not echoed: every case would fail the same way, and drops would pass as refusals.
        case unusable(String)
    }

    /// The extension offer of the probe: permessage-deflate with its common client parameter
    /// (RFC 7692 §7.1.2.2), so the report shows what the target negotiates.
    static let offer = "permessage-deflate; client_max_window_bits"

    /// The text the sanity exchange sends.
    static let sanityText = "wsconform: can you echo this?"

    /// One plain text message on a connection of its own, no extension offered: nil when the
    /// target answers it with a data message (its echo, or a wrong one the cases will judge),
    /// else why not. A target that cannot echo one message cannot be judged
    /// by any case, and a server that drops every connection would otherwise pass every case
    /// that accepts a drop (Autobahn's issue #32).
    public static func sanity(_ target: TargetURL, options: RunOptions) -> String? {
        let deadline = Deadline.after(options.scaled(.seconds(5)))
        let session: ClientSession
        do {
            session = try plainSession(target, options: options, deadline: deadline)
        } catch {
            return "the opening handshake of the echo check failed: \(error.description)"
        }
        defer { session.client.close(abortive: false) }
        do {
            // A server that holds an echo until the next message comes (a bounded buffer) gets a
            // second message after a second; any data message back shows the target echoes.
            _ = try session.send(Frame.text(sanityText), deadline: deadline)
            var answer = try session.nextMessage(deadline: .after(min(.seconds(1), deadline.remaining)))
            if case .failure(.timedOut) = answer {
                _ = try session.send(Frame.text(sanityText), deadline: deadline)
                answer = try session.nextMessage(deadline: deadline)
            }
            switch answer {
            case .success:
                _ = try? session.send(Frame(opcode: .close, payload: ClosePayload(code: .normalClosure).encoded()), deadline: deadline)
                return nil
            case .failure(.closeFrame(let payload)):
                return "a plain text message was answered with a Close (\(payload.code.map { String($0.rawValue) } ?? "no code")), not its echo"
            case .failure(.endOfStream), .failure(.reset):
                return "the connection was closed instead of echoing a plain text message"
            case .failure(.tooLarge):
                return "a plain text message was answered with a message over 16 MiB, not its echo"
            case .failure(.timedOut):
                return "a plain text message was not echoed within \(Int(options.scaled(.seconds(5)).components.seconds)) s"
            }
        } catch {
            return "the echo check failed: \(error.description)"
        }
    }

    public static func probe(_ target: TargetURL, options: RunOptions) -> Result<Facts, Failure> {
        let deadline = Deadline.after(options.scaled(.seconds(5)))
        let client = ClientConnection()
        do {
            try client.dial(target, dialer: options.dialer, deadline: deadline)
        } catch {
            return .failure(.unreachable(error.description))
        }
        defer { client.close(abortive: false) }
        let request = options.standardRequest(for: target, extensions: [offer])
        let session: ClientSession
        let started = ContinuousClock.now
        do {
            session = try ClientSession(client: client, request: request, deadline: deadline)
        } catch {
            return .failure(.unusable("the standard opening handshake failed: \(error.description)"))
        }
        _ = try? session.send(Frame(opcode: .close, payload: ClosePayload(code: .normalClosure).encoded()), deadline: deadline)
        if let why = sanity(target, options: options) { return .failure(.unusable(why)) }
        let fields = session.response.fields
        return .success(
            Facts(
                server: fields["Server"], extensions: fields["Sec-WebSocket-Extensions"], subprotocol: fields["Sec-WebSocket-Protocol"],
                tls: (client.connection as? TLSConnection)?.negotiated, handshakeRoundTrip: ContinuousClock.now - started))
    }

    /// A connection of its own with the standard opening handshake and no extension offered:
    /// what the sanity exchange and the latency measurement send their messages on.
    static func plainSession(_ target: TargetURL, options: RunOptions, deadline: Deadline) throws(ClientError) -> ClientSession {
        let request = options.standardRequest(for: target)
        return try ClientSession(dialing: target, dialer: options.dialer, request: request, deadline: deadline)
    }
}
