import Cases

extension InflationProbe {
    static let limitID = "compression.inflate-limit"
    static let limitTitle = "Largest inflated message accepted"
    static let timeID = "compression.inflate-time"
    static let timeTitle = "Time to inflate and echo the largest message accepted"

    /// The measurements of `trials`: the largest inflated size accepted (failing past
    /// `maxInflate` when named), with how the next size was refused, and how long the largest
    /// accepted took. Without trials (nothing selected uses compression) there is none.
    public static func measurements(_ trials: [Trial], maxInflate: Int?) -> [Measurement] {
        guard let first = trials.first else { return [] }
        let policy = maxInflate.map { Measurement.Policy(fail: Double($0)) }
        if case .notSent(let why) = first.reaction {
            return [
                .notMeasured(id: limitID, title: limitTitle, unit: .octets, policy: policy, advice: why),
                .notMeasured(id: timeID, title: timeTitle, unit: .milliseconds, advice: why),
            ]
        }
        let accepted = trials.last { $0.reaction == .accepted }
        let stopped = trials.last.flatMap { $0.reaction == .accepted ? nil : $0 }
        var advice: String
        if let stopped {
            advice =
                "\(describe(stopped.reaction)) a message of \(stopped.size) octets (\(stopped.compressedSize) compressed) after \(milliseconds(stopped.duration)) ms"
        } else {
            advice = "accepted every size tried, up to \(trials.last?.size ?? 0) octets: no limit on inflated messages at or below it"
        }
        if let maxInflate, let accepted, accepted.size > maxInflate {
            advice = "accepted \(accepted.size) octets inflated, past the limit of \(maxInflate) (--max-inflate); " + advice
        }
        let limit = Measurement(
            id: limitID, title: limitTitle, value: Double(accepted?.size ?? 0), unit: .octets, policy: policy, advice: advice)
        let time =
            accepted.map {
                Measurement(
                    id: timeID, title: timeTitle, value: milliseconds($0.duration), unit: .milliseconds,
                    advice: "\($0.size) octets from \($0.compressedSize) on the wire, from the first octet sent to the echo or pong")
            } ?? .notMeasured(id: timeID, title: timeTitle, unit: .milliseconds, advice: "no message was accepted")
        return [limit, time]
    }

    static func describe(_ reaction: Reaction) -> String {
        switch reaction {
        case .accepted: return "accepted"
        case .refused(let code?) where code == 1009: return "refused with 1009 (message too big)"
        case .refused(let code?): return "closed with \(code) on"
        case .refused(nil): return "closed without a code on"
        case .dropped: return "dropped TCP without a close frame on"
        case .silent: return "did not answer"
        case .notSent(let why): return "could not send (\(why))"
        }
    }

    /// A duration in milliseconds, one decimal.
    static func milliseconds(_ duration: Duration) -> Double {
        let components = duration.components
        return ((Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15) * 10).rounded() / 10
    }
}
