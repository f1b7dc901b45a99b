import Cases
import Client
import Wire

/// `limits.request-head-octets`: the largest opening request head the server upgrades, by the
/// size search of `SizeSearch` over a padding field (`X-Wsconform-Padding`), from 4 KiB to
/// 1 MiB. Beyond its limit a server should answer 431 (RFC 6585 §5) or close; a server with no
/// limit lets each connection hold as much memory as a client sends before the upgrade.
enum RequestHeadProbe {
    static let ceiling = 1 << 20
    static let warnAbove = 64 << 10

    static func run(_ context: PostureContext) -> Measurement {
        let id = "limits.request-head-octets"
        let title = "Largest request head accepted"
        let base = context.standardRequest().serialized().count
        var search = SizeSearch(fragment: nil, ceiling: ceiling)
        search.start = 4 << 10
        var answers: [Int: String] = [:]
        let trials = search.run(context) { size in
            var request = context.standardRequest()
            let filler = "X-Wsconform-Padding: ".utf8.count + 2
            request.fields.add("X-Wsconform-Padding", String(repeating: "a", count: max(1, size - base - filler)))
            let answer = context.open(request)
            answers[size] = answer.words
            switch answer {
            case .upgraded(let link):
                link.close()
                return .accepted
            case .unreachable(let why): return .notSent(why)
            case .silent: return .silent
            default: return .closed(nil)
            }
        }
        if case .notSent(let why)? = trials.first?.reaction {
            return .notMeasured(id: id, title: title, unit: .octets, advice: why)
        }
        let accepted = trials.last { $0.reaction == .accepted }?.size ?? 0
        let refusal = trials.last { $0.reaction != .accepted }
        var measurement = Measurement(
            id: id, title: title, value: Double(accepted), unit: .octets, policy: Measurement.Policy(warn: Double(warnAbove)),
            observed: refusal.map { "\(accepted) octets; \($0.size) \(answers[$0.size] ?? "refused")" } ?? "\(accepted) octets and more",
            advice: refusal == nil
                ? "heads of \(ceiling) octets were upgraded: limit the request head (most servers stop at 8–64 KiB, with 431)"
                : "largest head upgraded, within 1%")
        if refusal == nil { measurement.status = .warn }
        return measurement
    }
}
