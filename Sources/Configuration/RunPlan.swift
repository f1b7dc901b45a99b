import Cases
import Reports

/// What a run is asked to do, as read from a config file (`--config FILE`): our own format or an
/// imported Autobahn|Testsuite `fuzzingclient.json`. Every setting is optional so the command
/// line can tell "not set" from a value: defaults fill what neither gives, and an option given
/// on the command line overrides the file (docs/config.md).
public struct RunPlan: Equatable, Sendable {
    /// The servers to test; a valid plan has at least one.
    public var targets: [Target]
    /// Case globs to run (ids or Autobahn aliases, see `CaseSelection`); nil or empty: all.
    public var cases: [String]?
    /// Case globs to leave out, for every target.
    public var exclude: [String]?
    /// Cases run at once, 1...512.
    public var jobs: Int?
    /// Multiplies every case timer, in (0, 100].
    public var timeoutScale: Double?
    /// Count SHOULD-level deviations (NON-STRICT, FAILED BY CLIENT) as failures.
    public var strict: Bool?
    /// Report files to write.
    public var formats: [ReportFormat]?
    /// Where the reports go; relative paths are taken from the working directory.
    public var reportDirectory: String?
    /// A baseline file of waived failures.
    public var baseline: String?
    public var tls: TLS?
    /// Settings read but not applicable, one line each naming the key and why it is ignored.
    public var warnings: [String]
    /// Which format the file was in.
    public var format: ConfigFormat

    public init(
        targets: [Target] = [], cases: [String]? = nil, exclude: [String]? = nil, jobs: Int? = nil, timeoutScale: Double? = nil,
        strict: Bool? = nil, formats: [ReportFormat]? = nil, reportDirectory: String? = nil, baseline: String? = nil,
        tls: TLS? = nil, warnings: [String] = [], format: ConfigFormat = .wsconform
    ) {
        self.targets = targets
        self.cases = cases
        self.exclude = exclude
        self.jobs = jobs
        self.timeoutScale = timeoutScale
        self.strict = strict
        self.formats = formats
        self.reportDirectory = reportDirectory
        self.baseline = baseline
        self.tls = tls
        self.warnings = warnings
        self.format = format
    }

    /// The cases `target` runs: the plan's include globs, minus the plan's and the target's excludes.
    public func selection(for target: Target) -> CaseSelection {
        CaseSelection(include: cases ?? [], exclude: (exclude ?? []) + target.excludeCases)
    }

    /// One server under test.
    public struct Target: Equatable, Sendable {
        /// A `ws://` or `wss://` URL (RFC 6455 §3).
        public var url: String
        /// The name reports show instead of the URL (Autobahn's "agent").
        public var agent: String?
        /// Extra opening-handshake header fields, in the order they are sent (RFC 6455 §4.1 lets
        /// a client add fields such as cookies or authorization).
        public var headers: [HeaderField]
        /// The `Origin` field (RFC 6455 §4.1, §10.2).
        public var origin: String?
        /// Offered in `Sec-WebSocket-Protocol` (RFC 6455 §1.9, §4.1).
        public var subprotocols: [String]?
        /// Case globs left out for this target only (Autobahn's `exclude-agent-cases`).
        public var excludeCases: [String]

        public init(
            url: String, agent: String? = nil, headers: [HeaderField] = [], origin: String? = nil, subprotocols: [String]? = nil,
            excludeCases: [String] = []
        ) {
            self.url = url
            self.agent = agent
            self.headers = headers
            self.origin = origin
            self.subprotocols = subprotocols
            self.excludeCases = excludeCases
        }
    }

    /// One handshake header field; a list of these keeps the order fields are sent in.
    public struct HeaderField: Equatable, Sendable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// TLS for `wss://` targets; the same settings as `--ca-file`, `--insecure`, `--cert`, `--key`.
    public struct TLS: Equatable, Sendable {
        /// PEM file of trusted certificate authorities.
        public var caFile: String?
        /// Skip certificate verification (for self-signed test servers only).
        public var insecure: Bool?
        /// Client certificate (PEM), with `key`.
        public var certificateFile: String?
        /// The client certificate's private key (PEM).
        public var privateKeyFile: String?

        public init(caFile: String? = nil, insecure: Bool? = nil, certificateFile: String? = nil, privateKeyFile: String? = nil) {
            self.caFile = caFile
            self.insecure = insecure
            self.certificateFile = certificateFile
            self.privateKeyFile = privateKeyFile
        }
    }
}

/// The two config formats `--config` reads.
public enum ConfigFormat: String, Equatable, Sendable {
    /// wsconform's own format (docs/config.md).
    case wsconform
    /// Autobahn|Testsuite's `fuzzingclient.json`, imported.
    case autobahn
}
