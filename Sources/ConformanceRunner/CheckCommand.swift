import Configuration
import Foundation
import Posture

/// `wsconform check URL`: the pre-launch check. The conformance catalogue (quick tier unless
/// `--tier full`) with the opening-handshake cases, and the posture probes beside it, judged
/// by the team's rules; every report opens with the pre-launch checklist.
struct CheckCommand: Command {
    static let name = "check"
    static let abstract = "the pre-launch check: conformance, handshake cases and the security posture in one report"
    static let postureOptions = [
        "--allowed-origin", "--max-message", "--require-tls", "--min-cert-days", "--observe", "--plain-port",
    ]
    static var options: [String] { RunCommand.options + postureOptions }
    static var usage: String {
        """
        USAGE: wsconform check URL... [policy options] [run options]

        Runs what a team walks through before a WebSocket service goes live: the conformance
        catalogue (the quick tier unless --tier full), the opening-handshake cases, and probes
        of the security posture: TLS, Origin checking, credentials, size limits, hostile frames,
        slow and idle connections, heartbeat, legacy versions, what the Server field discloses.
        Every report opens with a pre-launch checklist: one line per item, its status, the
        measured value and one line of advice.

        POLICY OPTIONS (the team's rules; without them a probe warns, never fails):
          --allowed-origin ORIGIN  an origin the service is meant for (repeatable): any other
                                   Origin the server accepts is a fail
          --max-message OCTETS     the largest message the server may accept
          --require-tls            a plain ws:// endpoint (the target, or beside wss://) fails
          --min-cert-days N        fewer days of certificate validity fail (default 14)
          --observe DURATION       how long idle, heartbeat and slow-handshake observations
                                   watch (default 60s): timers longer than this are reported
                                   as not seen; the check lasts about this long
          --plain-port N           where to look for a wss:// target's plain twin (default:
                                   80 beside 443, else the target's port)

        RUN OPTIONS: as for `wsconform run` (see `wsconform help run`): --cases, --exclude,
        --tier, --jobs, --timeout-scale, --header, --origin, --ca-file, --insecure,
        --no-traceparent, --report-dir, --format, --baseline, --strict, …; with --exec 'CMD'
        the check launches the target and adds its shutdown on SIGTERM (Close 1001, exit)
        and its memory and descriptors per connection (leaks) to the checklist

        EXIT CODES:
          0    every case passed and no checklist item failed
          1    a checklist item failed, or conformance failures
          2    a target could not be reached, or the tool hit an error
          64   usage error (nothing was run)
          130  interrupted by Ctrl-C
        """
    }

    var runCommand: RunCommand

    init(arguments: inout Arguments) throws(UsageError) {
        var policy = PosturePolicy()
        policy.allowedOrigins = try arguments.values("--allowed-origin")
        for origin in policy.allowedOrigins where !(origin.hasPrefix("http://") || origin.hasPrefix("https://")) {
            throw UsageError("--allowed-origin must be an origin such as https://example.com, not \"\(origin)\"")
        }
        policy.maxMessage = try arguments.integer("--max-message", in: 0...(1 << 30))
        policy.requireTLS = arguments.flag("--require-tls")
        policy.minCertificateDays = try arguments.integer("--min-cert-days", in: 0...3650) ?? policy.minCertificateDays
        if let text = try arguments.value("--observe") {
            policy.observationBound = try DurationOption.parse(text, option: "--observe")
            guard policy.observationBound <= .seconds(3600) else { throw UsageError("--observe is at most 1h, not \"\(text)\"") }
        }
        if let port = try arguments.integer("--plain-port", in: 1...65535) { policy.plainPort = UInt16(port) }
        let tierGiven = arguments.remaining.contains { $0 == "--tier" || $0.hasPrefix("--tier=") }
        if !tierGiven { arguments = Arguments(arguments.remaining + ["--tier", "quick"]) }
        runCommand = try RunCommand(arguments: &arguments, command: Self.name, known: Self.options)
        runCommand.settings.posture = policy
    }

    func run() -> ExitCode { runCommand.run() }
}
