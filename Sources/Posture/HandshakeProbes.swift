import Cases
import Client
import Wire

/// What the opening handshake gives away or lets through: a request without the run's
/// credentials, the `Server` field, and protocol versions older than RFC 6455's 13.
enum HandshakeProbes {
    /// `auth.without-credentials`: the standard request with every credential field of
    /// `--header` (Authorization, Cookie, API keys: `HeaderFields.isSecret`) left out. An
    /// upgrade then means the endpoint does not need them.
    static func withoutCredentials(_ context: PostureContext) -> Measurement {
        let id = "auth.without-credentials"
        let title = "Handshake without credentials"
        let secrets = context.options.extraFields.fields.filter { HeaderFields.isSecret(name: $0.name) }.map(\.name)
        guard !secrets.isEmpty else {
            return .notMeasured(
                id: id, title: title, unit: .boolean,
                advice: "no credentials given: pass them with --header (Authorization, Cookie, …) and the check tries without them")
        }
        var request = context.standardRequest()
        for name in secrets { request.fields.remove(name) }
        let answer = context.open(request)
        if case .unreachable(let why) = answer { return .notMeasured(id: id, title: title, unit: .boolean, advice: "no connection: \(why)") }
        let accepted = answer.acceptedAndClosed()
        let names = Set(secrets).sorted().joined(separator: ", ")
        return .answer(
            id: id, title: title, accepted, status: accepted ? .fail : .ok, observed: "without \(names): \(answer.words)",
            advice: accepted
                ? "the endpoint upgrades without \(names): anyone can connect; authenticate the opening handshake"
                : "refused without \(names), as it should be")
    }

    /// `handshake.server-header`: a product and version in `Server` tell an attacker which
    /// known flaws to try (RFC 9110 §10.2.4 advises against fine detail).
    static func serverHeader(_ context: PostureContext) -> Measurement {
        let id = "handshake.server-header"
        let title = "Server field disclosed"
        guard case .upgraded(let link) = context.open() else {
            return .notMeasured(id: id, title: title, unit: .text, advice: "the standard handshake did not upgrade")
        }
        link.close()
        guard let server = link.head.fields["Server"], !server.isEmpty else {
            return .text(id: id, title: title, "none", advice: "no Server field: nothing disclosed")
        }
        let shown = String(server.prefix(120)).printable
        let versioned = server.contains { $0.isNumber }
        return .text(
            id: id, title: title, shown, status: versioned ? .warn : .ok,
            advice: versioned
                ? "discloses a version: an attacker learns which known flaws to try; send a product name without version, or none"
                : "a name without version")
    }

    /// `handshake.legacy-versions`: Sec-WebSocket-Version 8 (hybi-10, whose framing is 13's)
    /// and a draft-76 request (hixie-76, also hybi-00: no masking, a broken challenge). A
    /// server may still speak 8 (RFC 6455 §4.4 allows several versions): a warning. Draft 76
    /// predates the protections RFC 6455 §10.3 adds: a failure.
    static func legacyVersions(_ context: PostureContext) -> Measurement {
        let id = "handshake.legacy-versions"
        let title = "Legacy protocol versions accepted"
        var version8 = context.standardRequest()
        version8.fields.set("Sec-WebSocket-Version", "8")
        let answer8 = context.open(version8)
        if case .unreachable(let why) = answer8 { return .notMeasured(id: id, title: title, unit: .boolean, advice: "no connection: \(why)") }
        let answer76 = context.open(raw: draft76(context))
        let accepted8 = answer8.acceptedAndClosed()
        let accepted76 = answer76.acceptedAndClosed()
        let observed = "version 8: \(answer8.words); draft 76: \(answer76.words)"
        if accepted76 {
            return .answer(
                id: id, title: title, true, status: .fail, observed: observed,
                advice: "answers a draft-76 request: that protocol has no masking (RFC 6455 §10.3); refuse everything but version 13")
        }
        return .answer(
            id: id, title: title, accepted8, status: accepted8 ? .warn : .ok, observed: observed,
            advice: accepted8
                ? "still speaks version 8 (hybi-10): no browser has sent it since 2012; refuse it with 426 and Sec-WebSocket-Version: 13"
                : "only version 13 is upgraded")
    }

    /// A draft-76 request: two keys with spaces, eight octets of challenge after the head.
    static func draft76(_ context: PostureContext) -> [UInt8] {
        var fields = HeaderFields()
        fields.add("Host", context.target.hostHeader)
        fields.add("Connection", "Upgrade")
        fields.add("Upgrade", "WebSocket")
        fields.add("Origin", context.policy.allowedOrigins.first ?? context.options.origin ?? "http://" + context.target.hostHeader)
        fields.add("Sec-WebSocket-Key1", "4 @1  46546xW%0l 1 5")
        fields.add("Sec-WebSocket-Key2", "12998 5 Y3 1  .P00")
        for field in context.options.extraFields.fields { fields.add(field.name, field.value) }
        return HandshakeRequest(target: context.target.resource, fields: fields).serialized() + Array("^n:ds[4U".utf8)
    }
}
