/// How the page files one case for its badge and its filters: exactly one status (the same four
/// buckets as `Totals`), plus marks for the verdicts that pass only leniently or only inform.
struct HTMLCaseStatus: Equatable {
    enum Status: String, CaseIterable {
        case passed
        case failed
        case waived
        case error

        /// The badge text: the verdict in words, so colour is never the only signal.
        var label: String {
            switch self {
            case .passed: "PASS"
            case .failed: "FAIL"
            case .waived: "WAIVED"
            case .error: "ERROR"
            }
        }

        /// The heading used by filters and totals.
        var title: String {
            switch self {
            case .passed: "passed"
            case .failed: "failed"
            case .waived: "waived"
            case .error: "could not run"
            }
        }
    }

    /// Marks that cut across the status: a case can pass and still be NON-STRICT.
    enum Mark: String, CaseIterable {
        /// Missed only a SHOULD: NON-STRICT behaviour or FAILED BY CLIENT close
        /// (RFC 6455 §7.1.1: the server SHOULD close TCP first).
        case nonStrict = "non-strict"
        /// Any behaviour was allowed; the outcome is reported for information.
        case informational

        var label: String {
            switch self {
            case .nonStrict: "NON-STRICT"
            case .informational: "INFORMATIONAL"
            }
        }
    }

    var status: Status
    var marks: [Mark]

    init(_ item: CaseReport) {
        if item.error != nil {
            status = .error
        } else if item.passed {
            status = .passed
        } else if item.waiver != nil {
            status = .waived
        } else {
            status = .failed
        }
        let verdicts = [item.behaviour, item.close].compactMap { $0 }
        marks = []
        if verdicts.contains("NON-STRICT") || verdicts.contains("FAILED BY CLIENT") { marks.append(.nonStrict) }
        if verdicts.contains("INFORMATIONAL") { marks.append(.informational) }
    }

    /// Every filter word that selects this case: its status and its marks.
    var filterWords: String { ([status.rawValue] + marks.map(\.rawValue)).joined(separator: " ") }
}
