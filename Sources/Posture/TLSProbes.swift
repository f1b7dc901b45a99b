import Cases
import Client
import Platform
import Transport

/// The transport a browser's `wss://` rests on (RFC 6455 §4.1 step 5, §10.6): the TLS version
/// and cipher agreed, how long the certificate has left, whether it names the host, whether
/// TLS 1.0 and 1.1 (deprecated by RFC 8996) are still spoken, and whether the same service
/// also answers in the clear over `ws://`.
enum TLSProbes {
    static let ids = [
        ("tls.version", "TLS version", Measurement.Unit.text), ("tls.cipher", "TLS cipher suite", .text),
        ("tls.certificate-days-left", "Certificate days left", .count), ("tls.hostname-match", "Certificate names the host", .boolean),
        ("tls.legacy-versions-accepted", "TLS 1.0/1.1 accepted", .boolean),
    ]

    static func run(_ context: PostureContext) -> [Measurement] {
        guard context.target.secure else { return plainTarget(context) }
        var measurements: [Measurement] = []
        let verified = session(context, verify: context.options.dialer.tls.verifyPeer)
        let facts: TLSNegotiation
        switch verified {
        case .success(let negotiated): facts = negotiated
        case .failure(let why):
            // The chain did not verify: still read what the server offers, unverified.
            guard case .success(let negotiated) = session(context, verify: false) else {
                return ids.map { .notMeasured(id: $0.0, title: $0.1, unit: $0.2, advice: "no TLS session: \(why.description)") } + [plainReachable(context)]
            }
            facts = negotiated
            measurements.append(
                .answer(
                    id: "tls.certificate-trusted", title: "Certificate chain trusted", false, status: .fail, observed: why.description,
                    advice: "the chain does not verify: browsers refuse the connection; serve the full chain of a trusted CA"))
        }
        let modern = facts.protocolVersion == "TLSv1.3" || facts.protocolVersion == "TLSv1.2"
        measurements.append(
            .text(
                id: "tls.version", title: "TLS version", facts.protocolVersion, status: modern ? .ok : .fail,
                advice: modern ? "a current TLS version" : "TLS before 1.2 is deprecated (RFC 8996): configure TLS 1.2 or 1.3"))
        let weak = ["RC4", "3DES", "DES-CBC", "NULL", "EXPORT", "MD5"].contains { facts.cipher.uppercased().contains($0) }
        measurements.append(
            .text(
                id: "tls.cipher", title: "TLS cipher suite", facts.cipher, status: weak ? .fail : .ok,
                advice: weak ? "a broken cipher suite: remove it from the server's list" : "the suite agreed with a current client"))
        if let days = facts.peerDaysLeft {
            let minimum = context.policy.minCertificateDays
            measurements.append(
                Measurement(
                    id: "tls.certificate-days-left", title: "Certificate days left", value: Double(days), unit: .count,
                    policy: Measurement.Policy(warn: Double(max(30, minimum)), fail: Double(minimum), higherIsWorse: false),
                    observed: "\(days) days (until \(facts.peerNotAfter ?? "?"))",
                    advice: days < minimum
                        ? "renew the certificate: it expires within \(minimum) days (--min-cert-days)"
                        : "expires \(facts.peerNotAfter ?? "later"); renewal should be automatic"))
        } else {
            measurements.append(.notMeasured(id: "tls.certificate-days-left", title: "Certificate days left", unit: .count, advice: "no certificate"))
        }
        let matches = facts.peerMatchesHost ?? false
        measurements.append(
            .answer(
                id: "tls.hostname-match", title: "Certificate names the host", matches, status: matches ? .ok : .fail,
                observed: "\(facts.peerSubject ?? "no subject") for \(context.target.host)",
                advice: matches ? "the certificate names the host" : "the certificate does not name \(context.target.host): browsers refuse it"))
        measurements.append(legacyVersions(context))
        measurements.append(plainReachable(context))
        return measurements
    }

    /// A `ws://` target: no TLS at all, a fail only when the policy requires it.
    static func plainTarget(_ context: PostureContext) -> [Measurement] {
        let status: Measurement.Status = context.policy.requireTLS ? .fail : .warn
        var measurements = ids.dropFirst().map {
            Measurement.notMeasured(id: $0.0, title: $0.1, unit: $0.2, advice: "the target is ws://: no TLS to measure")
        }
        measurements.insert(
            .text(
                id: "tls.version", title: "TLS version", "none (ws://)", status: status,
                advice: "the target speaks no TLS: anyone on the path reads and alters the traffic; serve wss:// in production"),
            at: 0)
        measurements.append(
            .answer(
                id: "transport.plain-ws-reachable", title: "Plain ws:// reachable", true, status: status, observed: context.target.description,
                advice: "the endpoint is plain ws://" + (context.policy.requireTLS ? ", and --require-tls forbids it" : "")))
        return measurements
    }

    /// One TLS session with the run's settings, verifying or not.
    static func session(_ context: PostureContext, verify: Bool, legacyOnly: Bool = false) -> Result<TLSNegotiation, ClientError> {
        var dialer = context.options.dialer
        dialer.tls.verifyPeer = verify
        dialer.tls.legacyVersionsOnly = legacyOnly
        do {
            let connection = try dialer.connect(context.target, deadline: .after(context.scaled(.seconds(5))))
            defer { connection.close(abortive: false) }
            guard let tls = connection as? TLSConnection else { return .failure(.tls(TLSError("handshake", detail: "not TLS"))) }
            return .success(tls.negotiated)
        } catch {
            return .failure(error)
        }
    }

    /// `tls.legacy-versions-accepted`: a handshake offering only TLS 1.0 and 1.1.
    static func legacyVersions(_ context: PostureContext) -> Measurement {
        let id = "tls.legacy-versions-accepted"
        let title = "TLS 1.0/1.1 accepted"
        switch session(context, verify: false, legacyOnly: true) {
        case .success(let facts):
            return .answer(
                id: id, title: title, true, status: .fail, observed: "agreed \(facts.protocolVersion) (\(facts.cipher))",
                advice: "TLS 1.0 and 1.1 are deprecated (RFC 8996): set the server's minimum version to TLS 1.2")
        case .failure(let why):
            return .answer(
                id: id, title: title, false, status: .ok, observed: "refused (\(String(why.description.prefix(80))))",
                advice: "only TLS 1.2 or later is spoken")
        }
    }

    /// `transport.plain-ws-reachable`: the `wss://` target's twin over `ws://` on `--plain-port`
    /// (80 beside 443, else the same port) upgrades a request: traffic can go in the clear.
    static func plainReachable(_ context: PostureContext) -> Measurement {
        let id = "transport.plain-ws-reachable"
        let title = "Plain ws:// reachable"
        let port = context.policy.plainPort ?? (context.target.port == 443 ? 80 : context.target.port)
        let plain = TargetURL(secure: false, host: context.target.host, port: port, resource: context.target.resource)
        var request = context.standardRequest()
        request.fields.set("Host", plain.hostHeader)
        let answer = context.open(request, to: plain)
        let upgraded = answer.acceptedAndClosed()
        if upgraded {
            let status: Measurement.Status = context.policy.requireTLS ? .fail : .warn
            return .answer(
                id: id, title: title, true, status: status, observed: "\(plain): \(answer.words)",
                advice: "the service also answers in the clear at \(plain): close it or redirect it to wss://")
        }
        return .answer(
            id: id, title: title, false, status: .ok, observed: "\(plain): \(answer.words)", advice: "no plain WebSocket endpoint beside wss://")
    }
}
