/// The team's rules the posture is judged against (`check`'s policy flags). Where a rule is
/// not given, a probe judges by common practice and says so in its advice: a value the team
/// has no rule for is at worst a warning, never a failure.
public struct PosturePolicy: Sendable, Hashable {
    /// Origins the service is meant for (`--allowed-origin`): any other Origin accepted is a fail.
    public var allowedOrigins: [String] = []
    /// The largest message the server may accept (`--max-message`): accepting more is a fail.
    public var maxMessage: Int?
    /// Only `wss://` is acceptable (`--require-tls`): a plain endpoint is a fail.
    public var requireTLS = false
    /// Fewer days of certificate validity left than this is a fail (`--min-cert-days`).
    public var minCertificateDays = 14
    /// How long the long observations (idle connection, heartbeat, slow handshake) may watch
    /// (`--observe`): a timer longer than this is reported as "not within the bound".
    public var observationBound: Duration = .seconds(60)
    /// The port where a `wss://` target's plain twin is looked for (`--plain-port`); by default
    /// 80 for a target on 443, else the target's own port.
    public var plainPort: UInt16?
    /// The largest message the size searches try, unless `maxMessage` asks for more.
    public var sizeCeiling = 64 << 20
    /// The largest message the size searches try: `sizeCeiling`, or one octet past
    /// `maxMessage` when that is larger, and never past 1 GiB.
    public var searchCeiling: Int { min(max(sizeCeiling, (maxMessage ?? 0) + 1), 1 << 30) }

    public init() {}
}
