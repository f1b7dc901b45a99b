import Cases

/// The pre-launch checklist at the head of every report of `check`: one line per item a team
/// walks through before a WebSocket service goes live, each summing up its measurements (or
/// its cases) as one status, one value and one line of advice. Built from the report's own
/// data, so every format shows the same lines.
public struct ChecklistItem: Codable, Sendable, Equatable {
    /// A stable id ("tls", "origin", …) for dashboards.
    public var id: String
    public var title: String
    /// The worst status of the item's measurements: ok, warn, fail or not-measured.
    public var status: Measurement.Status
    /// The measured value(s), short.
    public var value: String
    /// One line: what to do, from the worst of the item's measurements.
    public var advice: String
    /// The measurement ids (or case category) the item sums up.
    public var sources: [String]
}

public enum Checklist {
    /// Each item with the measurements it sums up; the first ones give its value.
    static let items: [(id: String, title: String, measurements: [String], shown: Int)] = [
        (
            "tls", "TLS",
            [
                "tls.version", "tls.cipher", "tls.certificate-trusted", "tls.certificate-days-left", "tls.hostname-match",
                "tls.legacy-versions-accepted", "transport.plain-ws-reachable",
            ], 1
        ),
        ("origin", "Origin checked (cross-site hijacking)", ["origin.allowed", "origin.foreign", "origin.null", "origin.lookalike", "origin.absent"], 0),
        ("auth", "Credentials required", ["auth.without-credentials"], 1),
        ("limits", "Message and frame size limits", ["limits.max-message-octets", "limits.max-frame-octets"], 2),
        ("hostile-frames", "Hostile frames (huge length, fragments, ping flood)", ["limits.huge-length", "limits.fragments", "limits.ping-flood"], 3),
        ("concurrency", "Frames intact under concurrent traffic", ["concurrency.interleaved-frames"], 1),
        ("request-head", "Request head limit", ["limits.request-head-octets"], 1),
        ("handshake-timeout", "Slow handshake timed out (slowloris)", ["timeouts.handshake-seconds"], 1),
        ("idle-timeout", "Idle connections closed", ["timeouts.idle-seconds"], 1),
        ("heartbeat", "Heartbeat (pings, dead peers)", ["heartbeat.ping-interval-seconds", "heartbeat.dead-peer-seconds"], 2),
        ("legacy-versions", "Legacy protocol versions refused", ["handshake.legacy-versions"], 0),
        ("disclosure", "Server field discloses no version", ["handshake.server-header"], 1),
        ("inflate-limit", "Decompression bombs bounded", ["compression.inflate-limit"], 1),
        ("shutdown", "Graceful shutdown (Close 1001, then exit)", ["process.shutdown-close", "process.shutdown-exit"], 2),
        (
            "connection-cost", "No memory or descriptor leak per connection",
            ["process.leaked-octets-per-connection", "process.leaked-descriptors", "process.idle-connection-octets"], 3
        ),
    ]

    /// What a value is, where an item shows several.
    static let labels = [
        "limits.max-message-octets": "message", "limits.max-frame-octets": "frame", "heartbeat.ping-interval-seconds": "ping every",
        "heartbeat.dead-peer-seconds": "silent client dropped after", "limits.huge-length": "2^63 length refused in",
        "limits.fragments": "fragments:", "limits.ping-flood": "pongs:", "process.shutdown-exit": "exit after",
        "process.leaked-octets-per-connection": "kept per connection", "process.leaked-descriptors": "descriptors kept",
        "process.idle-connection-octets": "idle connection",
    ]

    /// The checklist of `target`, or nil when it holds no posture measurement (a plain `run`).
    public static func build(_ target: TargetReport) -> [ChecklistItem]? {
        let byID = Dictionary(target.measurements.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // `run` measures these too (the inflation probe, a launched target): they alone make no checklist.
        let posture = items.flatMap(\.measurements).filter { $0 != "compression.inflate-limit" && !$0.hasPrefix("process.") }
        guard posture.contains(where: { byID[$0] != nil }) else { return nil }
        var lines = conformance(target)
        for item in items {
            let found = item.measurements.compactMap { byID[$0] }
            guard !found.isEmpty else { continue }
            let worst = found.max { rank($0.status) < rank($1.status) }!
            let shown =
                item.shown == 0
                ? answers(found)
                : found.prefix(item.shown).map { (labels[$0.id].map { $0 + " " } ?? "") + $0.formatted }.joined(separator: "; ")
            lines.append(
                ChecklistItem(
                    id: item.id, title: item.title, status: worst.status, value: shown,
                    advice: worst.status == .ok ? found[0].advice : worst.advice, sources: found.map(\.id)))
        }
        return lines
    }

    /// For yes-or-no measurements: which were accepted ("null, look-alike accepted").
    static func answers(_ measurements: [Measurement]) -> String {
        let measured = measurements.filter { $0.status != .notMeasured }
        guard !measured.isEmpty else { return "not measured" }
        if measured.allSatisfy({ $0.unit != .boolean }) { return measured.map(\.formatted).joined(separator: "; ") }
        let accepted = measured.filter { $0.unit == .boolean && $0.value == 1 && $0.status != .ok }
        if accepted.isEmpty { return "refused where it should be" }
        return accepted.map { $0.title }.joined(separator: ", ") + ": accepted"
    }

    /// The conformance lines: the opening-handshake cases, then every other case.
    static func conformance(_ target: TargetReport) -> [ChecklistItem] {
        let handshake = target.cases.filter { $0.id.hasPrefix("handshake.") }
        let others = target.cases.filter { !$0.id.hasPrefix("handshake.") }
        var lines: [ChecklistItem] = []
        if !handshake.isEmpty {
            lines.append(line(id: "handshake-cases", title: "Opening handshake (RFC 6455 §4)", Totals(handshake), handshake))
        }
        if !others.isEmpty {
            lines.append(line(id: "conformance", title: "Protocol conformance (RFC 6455, RFC 7692)", Totals(others), others))
        }
        return lines
    }

    static func line(id: String, title: String, _ totals: Totals, _ cases: [CaseReport]) -> ChecklistItem {
        let status: Measurement.Status = totals.failed > 0 || totals.errors > 0 ? .fail : totals.nonStrict > 0 ? .warn : .ok
        var value = "\(totals.passedWords), \(totals.failed) failed"
        if totals.waived > 0 { value += ", \(totals.waived) waived" }
        if totals.errors > 0 { value += ", \(totals.errors) could not run" }
        let advice: String
        if let failing = cases.first(where: { !$0.passed && $0.waiver == nil }) {
            advice = "\(failing.id): \(failing.error ?? failing.reasons.first ?? "failed")"
        } else if let deviating = cases.first(where: { $0.behaviour == "NON-STRICT" || $0.close == "FAILED BY CLIENT" }) {
            advice = "SHOULD-level deviations, e.g. \(deviating.id): \(deviating.reasons.first ?? deviating.summary)"
        } else {
            advice = "every case as the RFCs require"
        }
        return ChecklistItem(id: id, title: title, status: status, value: value, advice: advice, sources: [id])
    }

    static func rank(_ status: Measurement.Status) -> Int {
        switch status {
        case .notMeasured: return 0
        case .ok: return 1
        case .warn: return 2
        case .fail: return 3
        }
    }

    /// The status as every format names it: PASS, WARN, FAIL, NOT MEASURED.
    public static func label(_ status: Measurement.Status) -> String {
        switch status {
        case .ok: return "PASS"
        case .warn: return "WARN"
        case .fail: return "FAIL"
        case .notMeasured: return "NOT MEASURED"
        }
    }

    /// True when an item failed: `check` then exits 1.
    public static func failed(_ items: [ChecklistItem]?) -> Bool { items?.contains { $0.status == .fail } ?? false }
}
