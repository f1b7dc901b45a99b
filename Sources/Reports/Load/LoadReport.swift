import Cases

/// Everything a load run (`wsconform load`) produced, in the shape every writer reads; shards'
/// reports merge into one (`LoadReport.merged`), exactly: histograms add bucket by bucket.
public struct LoadReport: Codable, Sendable {
    /// The version of this schema (docs/load-report.schema.json).
    public static let currentSchemaVersion = 1

    public var schemaVersion = LoadReport.currentSchemaVersion
    public var tool = "wsconform"
    public var kind = "load"
    public var toolVersion: String
    /// UTC, ISO 8601 (the earliest shard's, once merged).
    public var startedAt: String
    public var durationSeconds: Double
    /// The command line with secrets redacted.
    public var commandLine: [String]
    public var target: String
    public var plan: Plan
    /// The shards this report holds ("0/2", "1/2"); one entry for an unsharded run.
    public var shards: [String]
    public var totals: Totals
    /// Echo round trips: from the message's write to its whole echo read and checked.
    public var latency: HistogramSummary
    /// Opening handshakes: from dialling to the 101 read.
    public var handshake: HistogramSummary
    public var seconds: [Second]
    /// Errors by kind (refused, reset, timeout, echo-timeout, wrong-echo, protocol-violation,
    /// handshake-status-N, server-close-N, close-timeout, …).
    public var errors: [String: Int]
    /// Errors of a kind in words, where there is more to say than the kind (which connection,
    /// which message, the octets at the first difference): at most `examplesPerKind` per kind,
    /// the earliest each event loop saw (shard by shard once merged), for wrong-echo and
    /// protocol-violation. Nil when there are none. Octets the server sent appear in hex only.
    public var errorExamples: [String: [String]]?
    /// The most examples kept per error kind, in a run and once merged.
    public static let examplesPerKind = 3
    public var policy: Policy
    /// Each policy bound against the figures: any not passed makes the run exit 1.
    public var verdicts: [Verdict]
    /// The descriptor limit the run had (raised when permitted).
    public var descriptorLimit: Int
    /// The target wsconform launched (`--exec`), and what it measured of it.
    public var launched: LaunchedProcess?
    public var measurements: [Measurement]
    /// Set when the run was interrupted.
    public var incomplete: Bool

    public struct Plan: Codable, Sendable, Equatable {
        public var connections: Int
        public var rampSeconds: Double
        public var holdSeconds: Double
        /// Messages per second per connection; 0: the next as soon as the echo is back.
        public var ratePerConnection: Double
        public var inFlight: Int
        /// Message sizes in octets and their weights; every fourth message is text.
        public var sizes: [[Int]]
        public var compressed: Bool

        public init(
            connections: Int, rampSeconds: Double, holdSeconds: Double, ratePerConnection: Double, inFlight: Int, sizes: [[Int]],
            compressed: Bool = false
        ) {
            self.connections = connections
            self.rampSeconds = rampSeconds
            self.holdSeconds = holdSeconds
            self.ratePerConnection = ratePerConnection
            self.inFlight = inFlight
            self.sizes = sizes
            self.compressed = compressed
        }
    }

    public struct Totals: Codable, Sendable, Equatable {
        public var connectionsOpened: Int
        public var mostHeld: Int
        public var messagesSent: Int
        public var echoesChecked: Int
        public var octetsSent: Int
        public var closedCleanly: Int
        /// Connections on which the server agreed to permessage-deflate (`--deflate`).
        public var compressedConnections: Int
        public var errors: Int
        /// Echoes per second over the hold (the seconds after the ramp, before the close).
        public var echoesPerSecond: Double
        /// Handshakes per second over the ramp.
        public var handshakesPerSecond: Double

        public init(
            connectionsOpened: Int, mostHeld: Int, messagesSent: Int, echoesChecked: Int, octetsSent: Int, closedCleanly: Int,
            compressedConnections: Int = 0, errors: Int, echoesPerSecond: Double, handshakesPerSecond: Double
        ) {
            self.compressedConnections = compressedConnections
            self.connectionsOpened = connectionsOpened
            self.mostHeld = mostHeld
            self.messagesSent = messagesSent
            self.echoesChecked = echoesChecked
            self.octetsSent = octetsSent
            self.closedCleanly = closedCleanly
            self.errors = errors
            self.echoesPerSecond = echoesPerSecond
            self.handshakesPerSecond = handshakesPerSecond
        }
    }

    public struct Second: Codable, Sendable, Equatable {
        public var second: Int
        public var sent: Int
        public var echoes: Int
        public var errors: Int
        /// Connections open at the end of the second.
        public var held: Int
        public var latency: HistogramSummary?

        public init(second: Int, sent: Int, echoes: Int, errors: Int, held: Int, latency: HistogramSummary?) {
            self.second = second
            self.sent = sent
            self.echoes = echoes
            self.errors = errors
            self.held = held
            self.latency = latency
        }
    }

    /// The bounds a team sets (`--p99`, `--p50`, `--max-errors`).
    public struct Policy: Codable, Sendable, Equatable {
        public var p50Milliseconds: Double?
        public var p99Milliseconds: Double?
        public var maxErrors: Int?
        public init(p50Milliseconds: Double? = nil, p99Milliseconds: Double? = nil, maxErrors: Int? = nil) {
            self.p50Milliseconds = p50Milliseconds
            self.p99Milliseconds = p99Milliseconds
            self.maxErrors = maxErrors
        }
    }

    public struct Verdict: Codable, Sendable, Equatable {
        public var name: String
        public var limit: String
        public var observed: String
        public var passed: Bool
    }

    public init(
        toolVersion: String, startedAt: String, durationSeconds: Double, commandLine: [String], target: String, plan: Plan, shards: [String],
        totals: Totals, latency: HistogramSummary, handshake: HistogramSummary, seconds: [Second], errors: [String: Int], policy: Policy,
        descriptorLimit: Int, incomplete: Bool, launched: LaunchedProcess? = nil, measurements: [Measurement] = [],
        errorExamples: [String: [String]]? = nil
    ) {
        self.toolVersion = toolVersion
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.commandLine = commandLine
        self.target = target
        self.plan = plan
        self.shards = shards
        self.totals = totals
        self.latency = latency
        self.handshake = handshake
        self.seconds = seconds
        self.errors = errors
        self.errorExamples = errorExamples?.isEmpty == true ? nil : errorExamples
        self.policy = policy
        self.descriptorLimit = descriptorLimit
        self.incomplete = incomplete
        self.launched = launched
        self.measurements = measurements
        verdicts = []
        verdicts = judge()
    }

    /// The policy against the figures.
    public func judge() -> [Verdict] {
        var verdicts: [Verdict] = []
        func milliseconds(_ micros: UInt64?) -> Double { Double(micros ?? 0) / 1000 }
        if let bound = policy.p50Milliseconds {
            let observed = milliseconds(latency.p50)
            verdicts.append(Verdict(name: "p50", limit: "\(bound) ms", observed: "\(observed) ms", passed: latency.count > 0 && observed <= bound))
        }
        if let bound = policy.p99Milliseconds {
            let observed = milliseconds(latency.p99)
            verdicts.append(Verdict(name: "p99", limit: "\(bound) ms", observed: "\(observed) ms", passed: latency.count > 0 && observed <= bound))
        }
        if let bound = policy.maxErrors {
            verdicts.append(Verdict(name: "errors", limit: "\(bound)", observed: "\(totals.errors)", passed: totals.errors <= bound))
        }
        return verdicts
    }

    /// True when every policy bound holds.
    public var passed: Bool { verdicts.allSatisfy(\.passed) }
}
