/// A measured number beside the verdicts: how long the opening handshake took, the largest
/// message a server accepts, how long it keeps an idle connection. A verdict says whether the
/// server followed a rule; a measurement says how it behaves where the RFCs leave the number to
/// it (RFC 6455 §10.4: "implementations SHOULD impose a limit", with no number), judged against
/// an optional policy the user can read.
public struct Measurement: Hashable, Sendable, Codable {
    /// What a measured value is counted in.
    public enum Unit: String, Hashable, Sendable, Codable {
        case milliseconds
        case seconds
        case octets
        case count
        case perSecond = "per-second"
        /// A yes-or-no answer (1 yes, 0 no): "does the server accept a foreign Origin?".
        case boolean
        /// Words, not a number (a TLS version, a `Server` field): `observed` holds them.
        case text
    }

    /// The value against the policy.
    public enum Status: String, Hashable, Sendable, Codable {
        /// Within the policy, or measured with no policy.
        case ok
        /// Past the policy's warning bound.
        case warn
        /// Past the policy's failing bound.
        case fail
        /// The target gave nothing to measure (the reason is in the advice).
        case notMeasured = "not-measured"
    }

    /// Bounds on a value: larger is worse when `higherIsWorse`, smaller otherwise.
    public struct Policy: Hashable, Sendable, Codable {
        /// Past this the status is `warn`.
        public var warn: Double?
        /// Past this the status is `fail`.
        public var fail: Double?
        /// Whether larger values are worse (a latency) or smaller ones (a limit).
        public var higherIsWorse: Bool

        public init(warn: Double? = nil, fail: Double? = nil, higherIsWorse: Bool = true) {
            self.warn = warn
            self.fail = fail
            self.higherIsWorse = higherIsWorse
        }

        /// Where `value` stands.
        public func status(of value: Double) -> Status {
            func past(_ bound: Double?) -> Bool {
                guard let bound else { return false }
                return higherIsWorse ? value > bound : value < bound
            }
            if past(fail) { return .fail }
            if past(warn) { return .warn }
            return .ok
        }
    }

    /// A stable id, dotted like case ids (`handshake.round-trip`).
    public var id: String
    /// What was measured, in a few words.
    public var title: String
    /// Nil when nothing could be measured.
    public var value: Double?
    /// What the value is counted in.
    public var unit: Unit
    /// The bounds the status is judged against, if any.
    public var policy: Policy?
    /// The value against the policy.
    public var status: Status
    /// One line for the reader: what the value means or what to do about it.
    public var advice: String
    /// What was seen, in words, when the number alone does not say it ("refused with 403",
    /// "TLSv1.3"); nil for plain numbers.
    public var observed: String?

    /// A measured value, its status computed from `policy`.
    public init(id: String, title: String, value: Double, unit: Unit, policy: Policy? = nil, observed: String? = nil, advice: String) {
        self.id = id
        self.observed = observed
        self.title = title
        self.value = value
        self.unit = unit
        self.policy = policy
        status = policy?.status(of: value) ?? .ok
        self.advice = advice
    }

    /// Nothing could be measured; `advice` says why.
    public static func notMeasured(id: String, title: String, unit: Unit, policy: Policy? = nil, advice: String) -> Measurement {
        var measurement = Measurement(id: id, title: title, value: 0, unit: unit, policy: policy, advice: advice)
        measurement.value = nil
        measurement.status = .notMeasured
        return measurement
    }

    /// A yes-or-no answer, its status given by the probe (the policy lives in the probe: an
    /// accepted foreign Origin is a warning with no allowed list, a failure with one).
    public static func answer(
        id: String, title: String, _ yes: Bool, status: Status, observed: String, advice: String
    ) -> Measurement {
        var measurement = Measurement(id: id, title: title, value: yes ? 1 : 0, unit: .boolean, observed: observed, advice: advice)
        measurement.status = status
        return measurement
    }

    /// Words as the value (`value` nil), with the status the probe judged.
    public static func text(id: String, title: String, _ observed: String, status: Status = .ok, advice: String) -> Measurement {
        var measurement = Measurement(id: id, title: title, value: 0, unit: .text, observed: observed, advice: advice)
        measurement.value = nil
        measurement.status = status
        return measurement
    }

    /// The value with what was seen beside it, where the number alone does not say it all
    /// ("5 s (still running 5 s after SIGTERM: killed with SIGKILL)").
    public var formattedWithObserved: String {
        guard status != .notMeasured, unit != .text, unit != .boolean, value != nil, let observed, !observed.isEmpty else {
            return formatted
        }
        return formatted + " (" + observed + ")"
    }

    /// The value with its unit, for people ("12.4 ms", "not measured").
    public var formatted: String {
        if status == .notMeasured { return "not measured" }
        if unit == .text || unit == .boolean || value == nil, let observed { return observed }
        guard let value else { return "not measured" }
        guard value.isFinite, abs(value) < 1e15 else { return "\(value)" + " " + unit.rawValue }
        let number = value == value.rounded() ? String(Int64(value)) : String(oneDecimal: value)
        switch unit {
        case .milliseconds: return number + " ms"
        case .seconds: return number + " s"
        case .octets: return number + " octets"
        case .count: return number
        case .perSecond: return number + "/s"
        case .boolean: return value == 0 ? "no" : "yes"
        case .text: return number
        }
    }
}

extension String {
    /// A finite value below 1e15 with one decimal, without Foundation.
    fileprivate init(oneDecimal value: Double) {
        let tenths = (value * 10).rounded()
        let whole = Int64(tenths / 10)
        let decimal = Int64(abs(tenths.truncatingRemainder(dividingBy: 10)))
        self = (value < 0 && whole == 0 ? "-" : "") + "\(whole).\(decimal)"
    }
}
