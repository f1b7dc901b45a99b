import Cases
import Platform

/// What connections cost a launched target, read from `/proc` (resident memory and open
/// descriptors of its process group, `ProcessGroupSample`):
///
/// - `process.idle-connection-octets` and `process.idle-connection-descriptors`: open
///   `idleConnections` upgraded connections, let the server settle, compare with before.
/// - `process.leaked-octets-per-connection` and `process.leaked-descriptors`: open and close
///   `connectionsPerCycle` connections `cycles` times. The first cycle warms the server up
///   (allocator pools, caches, a runtime's lazy set-up); what the later cycles leave behind,
///   once each has settled, is kept per connection served: a leak. A correct server returns
///   to where it was; a leak grows with every cycle.
enum ConnectionCostProbe {
    struct Plan: Sendable {
        var idleConnections = 100
        var cycles = 9
        var connectionsPerCycle = 50
    }

    static let ids = [
        "process.idle-connection-octets", "process.idle-connection-descriptors", "process.leaked-octets-per-connection",
        "process.leaked-descriptors",
    ]

    static func run(_ context: PostureContext, group: Int32, plan: Plan = Plan()) -> [Measurement] {
        idle(context, group: group, count: plan.idleConnections) + cycles(context, group: group, plan: plan)
    }

    /// Opens up to `count` upgraded connections; those that opened.
    static func open(_ context: PostureContext, count: Int) -> [ProbeLink] {
        var links: [ProbeLink] = []
        for _ in 0..<count {
            guard case .upgraded(let link) = context.open() else { break }
            links.append(link)
        }
        return links
    }

    static func idle(_ context: PostureContext, group: Int32, count: Int) -> [Measurement] {
        let (octetsID, octetsTitle) = (ids[0], "Memory per idle connection")
        let (descriptorsID, descriptorsTitle) = (ids[1], "Descriptors per idle connection")
        func notMeasured(_ why: String) -> [Measurement] {
            [
                .notMeasured(id: octetsID, title: octetsTitle, unit: .octets, advice: why),
                .notMeasured(id: descriptorsID, title: descriptorsTitle, unit: .count, advice: why),
            ]
        }
        guard let before = ProcessSettling.sample(group: group) else { return notMeasured(Self.noProc) }
        let links = open(context, count: count)
        defer { for link in links { link.close() } }
        guard links.count >= count / 2 else {
            return notMeasured("only \(links.count) of \(count) connections upgraded: the server refused the rest")
        }
        guard let after = ProcessSettling.sample(group: group) else { return notMeasured("the target ended while connections were open") }
        let octets = Double(max(0, after.residentOctets - before.residentOctets)) / Double(links.count)
        let descriptors = Double(after.descriptors - before.descriptors) / Double(links.count)
        return [
            Measurement(
                id: octetsID, title: octetsTitle, value: octets.rounded(), unit: .octets,
                policy: Measurement.Policy(warn: Double(1 << 20)),
                observed: "\(Self.size(after.residentOctets - before.residentOctets)) more resident with \(links.count) idle connections open",
                advice: "what each open connection costs the server at rest: capacity is memory divided by this"),
            Measurement(
                id: descriptorsID, title: descriptorsTitle, value: (descriptors * 100).rounded() / 100, unit: .count,
                policy: Measurement.Policy(warn: 2.5),
                observed: "\(after.descriptors - before.descriptors) more descriptors with \(links.count) idle connections open",
                advice: "one per connection is the socket; the descriptor limit (ulimit -n) bounds the connections"),
        ]
    }

    static func cycles(_ context: PostureContext, group: Int32, plan: Plan) -> [Measurement] {
        let (octetsID, octetsTitle) = (ids[2], "Memory kept per closed connection (leak)")
        let (descriptorsID, descriptorsTitle) = (ids[3], "Descriptors kept after connections closed (leak)")
        func notMeasured(_ why: String) -> [Measurement] {
            [
                .notMeasured(id: octetsID, title: octetsTitle, unit: .octets, advice: why),
                .notMeasured(id: descriptorsID, title: descriptorsTitle, unit: .count, advice: why),
            ]
        }
        var samples: [ProcessGroupSample] = []
        var served = 0
        for cycle in 0..<max(2, plan.cycles) {
            let links = open(context, count: plan.connectionsPerCycle)
            for link in links { link.close() }
            guard links.count == plan.connectionsPerCycle else {
                return notMeasured("cycle \(cycle + 1): only \(links.count) of \(plan.connectionsPerCycle) connections upgraded")
            }
            guard let sample = ProcessSettling.sample(group: group) else { return notMeasured("the target ended between cycles") }
            samples.append(sample)
            if cycle > 0 { served += links.count }
        }
        let (first, last) = (samples[0], samples[samples.count - 1])
        let grown = last.residentOctets - first.residentOctets
        let kept = last.descriptors - first.descriptors
        // The slope across the cycles, not the last minus the first: one collection by a
        // garbage-collected runtime in the last cycle must not hide a leak, nor one growth
        // spurt before it make one.
        let perConnection = max(0, Self.slope(samples.map { Double($0.residentOctets) })) / Double(plan.connectionsPerCycle)
        let words = "after \(served) more connections opened and closed; \(samples.count) cycles of \(plan.connectionsPerCycle), the first a warm-up"
        return [
            Measurement(
                id: octetsID, title: octetsTitle, value: perConnection.rounded(), unit: .octets,
                policy: Measurement.Policy(warn: 8192, fail: 32768),
                observed: "resident memory \(grown >= 0 ? "+" : "-")\(Self.size(abs(grown))) \(words)",
                advice: perConnection > 8192
                    ? "memory grows with every connection served: something per connection outlives it (a registry, a buffer, a closure); a long-running server runs out (a garbage-collected runtime may only not have collected yet: run longer to tell)"
                    : "memory returns to where it was once connections close"),
            Measurement(
                id: descriptorsID, title: descriptorsTitle, value: Double(kept), unit: .count,
                policy: Measurement.Policy(warn: 4, fail: Double(served / 2)),
                observed: "\(kept >= 0 ? "+" : "")\(kept) open descriptors \(words)",
                advice: kept > 4
                    ? "descriptors are not closed with their connections: the server stops accepting at its descriptor limit (EMFILE)"
                    : "every connection's descriptors are closed with it"),
        ]
    }

    /// The least-squares slope of `values` against their index: growth per cycle.
    static func slope(_ values: [Double]) -> Double {
        let count = Double(values.count)
        guard values.count > 1 else { return 0 }
        let meanX = (count - 1) / 2
        let meanY = values.reduce(0, +) / count
        var numerator = 0.0
        var denominator = 0.0
        for (index, value) in values.enumerated() {
            numerator += (Double(index) - meanX) * (value - meanY)
            denominator += (Double(index) - meanX) * (Double(index) - meanX)
        }
        return numerator / denominator
    }

    static let noProc = "the target's process group could not be read from /proc"

    /// "1.5 MiB", "640 KiB", "512 octets".
    static func size(_ octets: Int) -> String {
        let value = Double(octets)
        if value >= Double(1 << 20) { return "\((value / Double(1 << 20) * 10).rounded() / 10) MiB" }
        if value >= 1024 { return "\(Int((value / 1024).rounded())) KiB" }
        return "\(octets) octets"
    }
}
