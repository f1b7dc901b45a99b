/// How a campaign runs: its seed and budget, parallelism, shard, and oracle cadence.
public struct CampaignOptions: Sendable {
    public var seed: UInt64
    /// Inputs this shard runs; nil: until `duration` passes (one of the two must be set).
    public var inputs: UInt64?
    public var duration: Duration?
    public var jobs: Int
    public var shard: Shard
    /// The working corpus grows only between epochs of this many inputs, new entries in input
    /// order, so input `i` depends on the seed and on what the server did with inputs of earlier
    /// epochs — never on thread scheduling.
    public var epochSize: UInt64
    /// A control exchange on a fresh connection after this many inputs (and after any input
    /// whose reaction was silence or a lost connection).
    public var livenessEvery: UInt64
    /// How long a server may take to react to an input.
    public var reactionTimeout: Duration
    /// Executions a minimisation may spend, and its time budget (a server that does not react
    /// makes each execution wait out `reactionTimeout`).
    public var minimizeCalls: Int
    public var minimizeTime: Duration
    /// Most mutators stacked on one input.
    public var maxStack: Int
    /// Most scripts the working corpus grows to.
    public var maxCorpus: Int
    /// Whether inputs speak permessage-deflate (RFC 7692): the deflate mutators run, and a
    /// corpus that offers it nowhere gets the built-in deflate seed. When off, the offer is
    /// taken out of every corpus script, so no compression is negotiated.
    public var deflate: Bool

    public init(
        seed: UInt64, inputs: UInt64? = 10_000, duration: Duration? = nil, jobs: Int = 8, shard: Shard = .whole, epochSize: UInt64 = 512,
        livenessEvery: UInt64 = 256, reactionTimeout: Duration = .seconds(1), minimizeCalls: Int = 400,
        minimizeTime: Duration = .seconds(30),
        maxStack: Int = 4,
        maxCorpus: Int = 2048, deflate: Bool = true
    ) {
        self.seed = seed
        self.inputs = inputs
        self.duration = duration
        self.jobs = max(1, jobs)
        self.shard = shard
        self.epochSize = max(1, epochSize)
        self.livenessEvery = max(1, livenessEvery)
        self.reactionTimeout = reactionTimeout
        self.minimizeCalls = minimizeCalls
        self.minimizeTime = minimizeTime
        self.maxStack = maxStack
        self.maxCorpus = maxCorpus
        self.deflate = deflate
    }
}

/// How a campaign gets the target back after it stops serving: the process it launched
/// (`--exec`: the process oracle, and restarts), or a supervisor it waits for (`AwaitedRestart`).
public protocol TargetLifecycle: Sendable {
    /// How the process ended, with the tail of its output; nil while it runs (or unseen).
    func exitStatus() -> (status: String, output: String)?
    /// Gets the target serving again; throws when it cannot.
    func restart() throws
    /// Whether `exitStatus` sees the process: only then is a crash told from a hang by it.
    var observesProcess: Bool { get }
}

extension TargetLifecycle {
    public var observesProcess: Bool { true }
}
