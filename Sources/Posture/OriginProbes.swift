import Cases
import Client
import Wire

/// Cross-site WebSocket hijacking (RFC 6455 §10.2): browsers send the page's `Origin`, and a
/// server that authenticates by cookie but accepts any Origin lets every web page act as its
/// user. Each probe sends the standard request with one Origin and records whether the server
/// upgrades: none (a non-browser client), a foreign site, `null` (sandboxed frames, `file:`),
/// and look-alikes of an allowed origin (`https://example.com.lookalike.invalid`,
/// `https://evilexample.com`) that catch prefix or suffix matching.
enum OriginProbes {
    static let foreign = "https://wsconform.invalid"

    static func run(_ context: PostureContext) -> [Measurement] {
        let allowed = context.policy.allowedOrigins
        var measurements: [Measurement] = []
        if let first = allowed.first {
            let answer = attempt(context, origin: first)
            let accepted = answer.acceptedAndClosed()
            measurements.append(
                .answer(
                    id: "origin.allowed", title: "Allowed Origin accepted", accepted, status: accepted ? .ok : .fail,
                    observed: "\(first): \(answer.words)",
                    advice: accepted
                        ? "the origin named by --allowed-origin is served"
                        : "the server refuses \(first), named by --allowed-origin: the origin probes below prove nothing until it is served"))
        }
        let absent = attempt(context, origin: nil)
        let absentAccepted = absent.acceptedAndClosed()
        measurements.append(
            .answer(
                id: "origin.absent", title: "Request without Origin", absentAccepted, status: .ok, observed: absent.words,
                advice: absentAccepted
                    ? "served: non-browser clients send no Origin, and no browser omits it, so this is no hijacking risk"
                    : "refused: non-browser clients (mobile apps, services) that send no Origin cannot connect"))
        measurements.append(judge(context, id: "origin.foreign", title: "Foreign Origin", origins: [foreign]))
        measurements.append(judge(context, id: "origin.null", title: "Origin null", origins: ["null"]))
        measurements.append(judge(context, id: "origin.lookalike", title: "Look-alike Origin", origins: lookalikes(context)))
        return measurements
    }

    /// Origins that share a prefix or a suffix with the allowed one (or with the target's host).
    static func lookalikes(_ context: PostureContext) -> [String] {
        let base = context.policy.allowedOrigins.first ?? "https://" + context.target.host
        let scheme = base.hasPrefix("http://") ? "http://" : "https://"
        let host = String(base.dropFirst(base.hasPrefix(scheme) ? scheme.count : 0))
        return [base + ".lookalike.invalid", scheme + "evil" + host]
    }

    /// Sends each origin; accepted if any is. A fail with an allowed list, a warning without.
    static func judge(_ context: PostureContext, id: String, title: String, origins: [String]) -> Measurement {
        var seen: [String] = []
        for origin in origins {
            let answer = attempt(context, origin: origin)
            if case .unreachable(let why) = answer {
                return .notMeasured(id: id, title: title, unit: .boolean, advice: "no connection: \(why)")
            }
            let accepted = answer.acceptedAndClosed()
            seen.append("\(origin): \(answer.words)")
            guard accepted else { continue }
            let policy = !context.policy.allowedOrigins.isEmpty
            return .answer(
                id: id, title: title, true, status: policy ? .fail : .warn, observed: seen.joined(separator: "; "),
                advice: policy
                    ? "\(origin) is served although it is not an allowed origin: any page there can use your users' cookies (cross-site WebSocket hijacking); check Origin exactly against the allow list"
                    : "served: if the service authenticates by cookie, any web page can open it as the user (cross-site WebSocket hijacking); check Origin against an allow list (name yours with --allowed-origin)")
        }
        return .answer(
            id: id, title: title, false, status: .ok, observed: seen.joined(separator: "; "), advice: "refused, as an origin check should")
    }

    static func attempt(_ context: PostureContext, origin: String?) -> HandshakeAnswer {
        var request = context.standardRequest()
        request.fields.remove("Origin")
        if let origin { request.fields.add("Origin", origin) }
        return context.open(request)
    }
}
