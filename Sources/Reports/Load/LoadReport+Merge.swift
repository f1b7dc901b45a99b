extension LoadReport {
    /// Echoes per second over the hold: the whole seconds after the ramp and before the close.
    public static func holdRate(_ seconds: [Second], plan: Plan) -> Double {
        let first = Int(plan.rampSeconds.rounded(.up))
        let end = Int((plan.rampSeconds + plan.holdSeconds).rounded(.down))
        let held = seconds.filter { $0.second >= first && $0.second < end }
        let rows = held.isEmpty ? seconds : held
        guard !rows.isEmpty else { return 0 }
        return (Double(rows.reduce(0) { $0 + $1.echoes }) / Double(rows.count) * 10).rounded() / 10
    }

    /// Why shards' reports cannot be merged.
    public struct MergeProblem: Error, CustomStringConvertible {
        public var description: String
    }

    /// The shards' reports as one: counts added, histograms merged bucket by bucket (the
    /// percentiles are those of one run holding every echo), seconds matched by their number
    /// since each shard's start. The shards must be of one plan against one target.
    public static func merged(_ reports: [LoadReport]) throws(MergeProblem) -> LoadReport {
        guard var merged = reports.first else { throw MergeProblem(description: "no report to merge") }
        for report in reports.dropFirst() {
            guard report.target == merged.target else {
                throw MergeProblem(description: "shards of different targets: \(merged.target) and \(report.target)")
            }
            guard report.plan == merged.plan else { throw MergeProblem(description: "shards of different plans (connections, ramp, hold, rate or sizes differ)") }
        }
        let shards = reports.flatMap(\.shards)
        guard Set(shards).count == shards.count else { throw MergeProblem(description: "a shard appears twice: \(shards.sorted().joined(separator: ", "))") }
        func merge(_ summaries: [HistogramSummary]) throws(MergeProblem) -> HistogramSummary {
            var histogram = LatencyHistogram()
            for summary in summaries {
                guard let part = summary.histogram else { throw MergeProblem(description: "a histogram with buckets out of range") }
                histogram.merge(part)
            }
            return HistogramSummary(histogram)
        }
        merged.latency = try merge(reports.map(\.latency))
        merged.handshake = try merge(reports.map(\.handshake))
        var seconds: [Int: [Second]] = [:]
        for report in reports { for second in report.seconds { seconds[second.second, default: []].append(second) } }
        merged.seconds = try seconds.keys.sorted().map { (number) throws(MergeProblem) in
            let rows = seconds[number]!
            let latencies = rows.compactMap(\.latency)
            return Second(
                second: number, sent: rows.reduce(0) { $0 + $1.sent }, echoes: rows.reduce(0) { $0 + $1.echoes },
                errors: rows.reduce(0) { $0 + $1.errors }, held: rows.reduce(0) { $0 + $1.held },
                latency: latencies.isEmpty ? nil : try merge(latencies))
        }
        merged.errors = reports.reduce(into: [:]) { $0.merge($1.errors, uniquingKeysWith: +) }
        // Shard 0's examples first, then shard 1's, …, as many per kind as one run keeps.
        func shardNumber(_ report: LoadReport) -> Int { report.shards.first.flatMap { Int($0.prefix { $0 != "/" }) } ?? 0 }
        var examples: [String: [String]] = [:]
        for report in reports.sorted(by: { shardNumber($0) < shardNumber($1) }) {
            for (kind, more) in report.errorExamples ?? [:] { examples[kind, default: []] += more }
        }
        examples = examples.mapValues { Array($0.prefix(Self.examplesPerKind)) }
        merged.errorExamples = examples.isEmpty ? nil : examples
        let totals = reports.map(\.totals)
        merged.totals = Totals(
            connectionsOpened: totals.reduce(0) { $0 + $1.connectionsOpened }, mostHeld: merged.seconds.map(\.held).max() ?? 0,
            messagesSent: totals.reduce(0) { $0 + $1.messagesSent }, echoesChecked: totals.reduce(0) { $0 + $1.echoesChecked },
            octetsSent: totals.reduce(0) { $0 + $1.octetsSent }, closedCleanly: totals.reduce(0) { $0 + $1.closedCleanly },
            compressedConnections: totals.reduce(0) { $0 + $1.compressedConnections },
            errors: totals.reduce(0) { $0 + $1.errors }, echoesPerSecond: holdRate(merged.seconds, plan: merged.plan),
            handshakesPerSecond: totals.reduce(0) { $0 + $1.handshakesPerSecond })
        merged.shards = shards.sorted()
        merged.startedAt = reports.map(\.startedAt).min() ?? merged.startedAt
        merged.durationSeconds = reports.map(\.durationSeconds).max() ?? merged.durationSeconds
        merged.descriptorLimit = reports.map(\.descriptorLimit).min() ?? merged.descriptorLimit
        merged.incomplete = reports.contains(where: \.incomplete)
        merged.launched = nil
        merged.measurements = reports.flatMap(\.measurements)
        merged.verdicts = merged.judge()
        return merged
    }
}
