import Client
import Platform
import Engine
import Foundation
import Fuzz
import Load
import Reports

/// `wsconform load URL`: many connections held at once, each echoing messages, every echo
/// checked octet for octet; percentiles with stated precision, errors by kind, a policy for
/// the exit code; `load merge` joins sharded runs into one report.
struct LoadCommand: Command {
    static let name = "load"
    static let abstract = "hold many connections echoing at a set rate; latency percentiles, errors, a policy"
    static let options =
        [
            "--connections", "--ramp", "--hold", "--rate", "--in-flight", "--sizes", "--deflate", "--workers", "--echo-timeout", "--p50", "--p99",
            "--max-errors", "--shard", "--exec", "--shutdown-grace", "--header", "--origin", "--no-traceparent", "--report-dir",
            "--format",
        ] + TLSOptions.names
    static var usage: String {
        """
        USAGE: wsconform load URL [options]
               wsconform load merge FILE... [--report-dir DIR] [--format LIST]

        Opens --connections connections over --ramp, holds them for --hold while each sends
        messages of the --sizes mix at --rate and checks every echo octet for octet, then
        closes each with a closing handshake. Reports echo and handshake latency (p50, p90,
        p99, p99.9, max; overall and per second), echoes per second, connections held and
        errors by kind. `load merge` joins the reports of --shard runs into one, exactly.

        OPTIONS:
          --connections N     connections of the whole run (default 100)
          --ramp D            open them evenly over D (default 5s; 0 opens all at once)
          --hold D            keep sending for D after the ramp (default 10s)
          --rate R            messages per second per connection (default 1); 0 sends the
                              next message as soon as the echo is back
          --in-flight N       the most messages a connection has unanswered (default 1)
          --sizes LIST        OCTETS:WEIGHT,... (default 64:70,1024:25,16384:5); every fourth
                              message is text, the others binary
          --deflate           offer permessage-deflate (no context takeover either way):
                              where the server agrees, messages go out compressed and
                              compressed echoes are inflated (bounded) before the check
          --workers N         event-loop threads (default: one per core)
          --echo-timeout D    an echo not back within D is an error (default 10s)
          --p50 D, --p99 D    fail the run when the echo round trip's p50 or p99 is above D
          --max-errors N      fail the run when there are more errors than N
          --shard I/N         this machine's share: connections I, I+N, I+2N, …
          --exec 'CMD'        launch the target (as run --exec), sample its memory and
                              descriptors during the load, then check its shutdown
          --shutdown-grace D  with --exec: SIGTERM to SIGKILL (default 5s)
          --header 'Name: value', --origin ORIGIN, --no-traceparent, TLS options: as for run
          --report-dir DIR    where reports go (default reports/load-<UTC timestamp>/)
          --format LIST       any of json,html,junit,md,openmetrics (default json,html,junit,md)

        EXIT CODES:
          0    the policy held (or none was set)
          1    a policy bound failed
          2    no connection could be opened, or the tool hit an error
          64   usage error (nothing was run)
          130  interrupted by Ctrl-C (the report of what ran is written, marked incomplete)
        """
    }

    var url: TargetURL?
    var merge: [String] = []
    var plan = LoadPlan()
    var options = RunOptions()
    var policy = LoadReport.Policy()
    var exec: String?
    var shutdownGrace: Duration = .seconds(5)
    var reportDirectory: String?
    var formats: [ReportFormat] = [.json, .html, .junit, .md]

    init(arguments: inout Arguments) throws(UsageError) {
        let merging = arguments.remaining.first == "merge"
        if merging { arguments = Arguments(Array(arguments.remaining.dropFirst())) }
        plan.connections = try arguments.integer("--connections", in: 1...1_000_000) ?? plan.connections
        if let text = try arguments.value("--ramp") { plan.ramp = text == "0" ? .zero : try DurationOption.parse(text, option: "--ramp") }
        if let text = try arguments.value("--hold") { plan.hold = try DurationOption.parse(text, option: "--hold") }
        guard plan.ramp + plan.hold <= .seconds(3600) else { throw UsageError("--ramp and --hold together are at most 1h") }
        if let text = try arguments.value("--rate") {
            guard let rate = Double(text), rate >= 0, rate <= 100_000 else { throw UsageError("--rate must be a number in [0, 100000], not \"\(text)\"") }
            plan.rate = rate
        }
        plan.inFlight = try arguments.integer("--in-flight", in: 1...1024) ?? plan.inFlight
        if let text = try arguments.value("--sizes") { plan.sizes = try Self.sizes(text) }
        plan.deflate = arguments.flag("--deflate")
        plan.workers = try arguments.integer("--workers", in: 1...64) ?? max(1, ProcessInfo.processInfo.activeProcessorCount)
        if let text = try arguments.value("--echo-timeout") { plan.echoTimeout = try DurationOption.parse(text, option: "--echo-timeout") }
        for (option, path) in [("--p50", \LoadReport.Policy.p50Milliseconds), ("--p99", \.p99Milliseconds)] {
            if let text = try arguments.value(option) { policy[keyPath: path] = (try DurationOption.parse(text, option: option)).seconds * 1000 }
        }
        policy.maxErrors = try arguments.integer("--max-errors", in: 0...Int.max / 2)
        if let text = try arguments.value("--shard") {
            guard let shard = Shard(text), shard.count <= UInt64(plan.connections) else {
                throw UsageError("--shard must be I/N with 0 ≤ I < N ≤ --connections, not \"\(text)\"")
            }
            plan.shardIndex = Int(shard.index)
            plan.shardCount = Int(shard.count)
        }
        exec = try arguments.value("--exec")
        if let text = try arguments.value("--shutdown-grace") { shutdownGrace = try DurationOption.parse(text, option: "--shutdown-grace") }
        options.dialer.tls = try TLSOptions.parse(&arguments, fallback: nil)
        options.extraFields.fields = try arguments.values("--header").map { (text) throws(UsageError) in try HeaderOption.parse(text) }
        options.origin = try arguments.value("--origin")
        options.traceparent = !arguments.flag("--no-traceparent")
        reportDirectory = try arguments.value("--report-dir")
        if let list = try arguments.value("--format") {
            formats = try RunCommand.formats(list)
            if formats == [.autobahn] { throw UsageError("--format autobahn has no load report: use json,html,junit,md,openmetrics") }
        }
        let positionals = try arguments.positionals(known: Self.options)
        if merging {
            guard !positionals.isEmpty else { throw UsageError("load merge needs the load-report.json files of the shards") }
            for path in positionals where !FileManager.default.isReadableFile(atPath: path) { throw UsageError("cannot read \(path)") }
            merge = positionals
            return
        }
        guard positionals.count == 1 else {
            throw UsageError(positionals.isEmpty ? "load needs a target URL (ws:// or wss://)" : "load takes one target URL, got \(positionals.count)")
        }
        url = try RunCommand.url(positionals[0])
    }

    /// `64:70,1024:25`: sizes up to 16 MiB with positive weights.
    static func sizes(_ text: String) throws(UsageError) -> [LoadPlan.Size] {
        var sizes: [LoadPlan.Size] = []
        for item in text.split(separator: ",") {
            let parts = item.split(separator: ":")
            guard (1...2).contains(parts.count), let octets = Int(parts[0]), (0...(16 << 20)).contains(octets),
                let weight = parts.count == 2 ? Int(parts[1]) : 1, (1...1_000_000).contains(weight)
            else { throw UsageError("--sizes must be OCTETS:WEIGHT,... (octets up to 16777216, weights from 1), not \"\(text)\"") }
            sizes.append(LoadPlan.Size(octets: octets, weight: weight))
        }
        guard !sizes.isEmpty else { throw UsageError("--sizes needs at least one size") }
        return sizes
    }

    func run() -> ExitCode {
        merge.isEmpty ? LoadSession(command: self).run() : LoadSession(command: self).merge(merge)
    }
}
