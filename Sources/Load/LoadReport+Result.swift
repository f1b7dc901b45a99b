import Cases
import Platform
import Reports

extension LoadReport {
    /// The report of one run (one shard).
    public init(
        result: LoadRun.Result, plan: LoadPlan, target: String, toolVersion: String, startedAt: String, commandLine: [String],
        policy: Policy, incomplete: Bool, compressed: Bool = false
    ) {
        let stats = result.stats
        let last = max(result.heldPerSecond.count, (stats.perSecond.keys.max() ?? -1) + 1, (stats.sentPerSecond.keys.max() ?? -1) + 1)
        let seconds = (0..<last).map { second in
            Second(
                second: second, sent: stats.sentPerSecond[second] ?? 0, echoes: Int(stats.perSecond[second]?.total ?? 0),
                errors: stats.errorsPerSecond[second] ?? 0, held: second < result.heldPerSecond.count ? result.heldPerSecond[second] : 0,
                latency: stats.perSecond[second].map(HistogramSummary.init))
        }
        let ramp = plan.ramp.seconds
        self.init(
            toolVersion: toolVersion, startedAt: startedAt, durationSeconds: (result.duration.seconds * 1000).rounded() / 1000,
            commandLine: commandLine, target: target,
            plan: Plan(
                connections: plan.connections, rampSeconds: ramp, holdSeconds: plan.hold.seconds, ratePerConnection: plan.rate,
                inFlight: plan.inFlight, sizes: plan.sizes.map { [$0.octets, $0.weight] }, compressed: compressed),
            shards: ["\(plan.shardIndex)/\(plan.shardCount)"],
            totals: Totals(
                connectionsOpened: stats.opened, mostHeld: result.heldPerSecond.max() ?? 0, messagesSent: stats.sent,
                echoesChecked: stats.echoes, octetsSent: stats.octetsSent, closedCleanly: stats.closedCleanly,
                compressedConnections: stats.compressedConnections, errors: stats.errorCount,
                echoesPerSecond: 0, handshakesPerSecond: Double(stats.opened) / max(1, ramp)),
            latency: HistogramSummary(stats.latency), handshake: HistogramSummary(stats.handshakes), seconds: seconds,
            errors: stats.errors, policy: policy, descriptorLimit: result.descriptorLimit, incomplete: incomplete,
            errorExamples: stats.examples)
        totals.echoesPerSecond = Self.holdRate(seconds, plan: self.plan)
    }
}
