import Client
import Engine
import Foundation
import Fuzz
import Reports

/// `wsconform fuzz URL`: a seeded mutation campaign against a target, findings saved in
/// `corpus/findings/`, reports like a conformance run's.
struct FuzzCommand: Command {
    static let name = "fuzz"
    static let abstract = "fuzz a target with seeded, protocol-aware mutations; save and minimise findings"
    static let options =
        [
            "--seed", "--inputs", "--duration", "--jobs", "--shard", "--corpus", "--seed-from-catalogue", "--replay", "--exec",
            "--liveness-every", "--reaction-timeout", "--restart-wait", "--minimize-time", "--no-deflate", "--no-traceparent", "--report-dir", "--format",
            "--agent",
        ] + TLSOptions.names
    static var usage: String {
        """
        USAGE: wsconform fuzz URL [options]
               wsconform fuzz --seed-from-catalogue [--corpus DIR]

        Generates inputs from the corpus by stacking protocol-aware mutators (frame header
        fields, lengths, payloads, UTF-8, fragmentation, close frames, handshake, timing,
        byte havoc, permessage-deflate), fires each on a fresh connection, and judges the
        reaction with an oracle that knows which inputs are valid: a valid input must be echoed
        exactly, an invalid one must make the server fail the connection. Inputs offer
        permessage-deflate (RFC 7692) unless --no-deflate; where the server agrees, compressed
        messages are inflated as it must inflate them (the window carried over), its own
        compressed replies are inflated, bounded, and compared, RSV1 on a continuation or a
        control frame, corrupt DEFLATE data and references to data never sent must fail the
        connection, and a decompression bomb must be echoed or refused with 1009. Where the
        RFCs leave a server a choice (reading on over a non-minimal length, when to judge UTF-8,
        its size limits, an unflushed compressed message), every conforming choice is
        allowed. A control exchange on a fresh connection checks the server is still alive. Each unique finding is minimised and saved in
        corpus/findings/ with its one-line reproduction (`wsconform replay FILE URL`).

        OPTIONS:
          --seed S                 the campaign's seed (default 1): the same seed gives the
                                   same inputs, whatever --jobs
          --inputs N               inputs to run (default 10000 unless --duration is given)
          --duration D             time budget, e.g. 90s, 10m, 2h
          --jobs N                 inputs in flight at once (default \(CatalogueRunner.defaultJobs))
          --shard I/N              run only inputs I, I+N, I+2N, … (split a campaign over machines)
          --corpus DIR             seed scripts and findings (default corpus/)
          --seed-from-catalogue    add every catalogue case to the corpus as a seed script;
                                   without a URL, only that
          --replay DIR             first re-run the findings saved in DIR (e.g. corpus/findings)
          --exec 'CMD'             launch the target with CMD (it must listen on URL's port):
                                   exits and signals become findings, and the target is
                                   restarted after a crash or hang
          --restart-wait D         without --exec: how long to wait for a target that stopped
                                   serving to serve again (a supervisor restarting it), then
                                   search back and minimise as with --exec (default 30s;
                                   0 stops at once). A target that does not come back ends
                                   the campaign with a finding holding every input in flight
          --liveness-every N       a control exchange after every N inputs (default 256)
          --reaction-timeout D     how long a server may take to react (default 1s)
          --minimize-time D        time one finding's minimisation may take (default 30s);
                                   each run that reproduces a hang waits out the reaction
                                   timeout, so a slow machine or target may want more
          --no-deflate             offer no permessage-deflate: the offer is taken out of
                                   every corpus script and the deflate mutators do not run
                                   (compressed messages then carry RSV1 no extension explains)
          --no-traceparent         send no W3C traceparent field; by default each input's
                                   handshake carries a fresh one (last, in the head's own
                                   line ending; judged with the head), and a finding's file
                                   and report name the trace id of its confirming run, to
                                   find it in the target's logs
          --report-dir DIR         default reports/fuzz-<UTC timestamp>/
          --format LIST            any of json,html,junit,md,openmetrics (default json,html,
                                   junit,md); openmetrics writes fuzz-metrics.prom
          --agent NAME             the target's name in reports
          --ca-file, --insecure, --cert, --key   TLS for wss:// targets

        EXIT CODES: 0 no finding, 1 findings (new, or replayed ones that reproduce), 2 target
        unreachable or tool error, 64 usage error, 130 interrupted (findings so far are saved)
        """
    }

    var url: TargetURL?
    var options = CampaignOptions(seed: 1)
    var corpus = "corpus"
    var seedFromCatalogue = false
    var replay: String?
    var exec: String?
    /// Whether `--reaction-timeout` was given: if not, a far target's is lengthened from its
    /// measured latency.
    var reactionTimeoutGiven = false
    /// Without `--exec`: how long a target that stopped serving is waited for.
    var restartWait: Duration = .seconds(30)
    var reportDirectory: String?
    var formats = ReportFormat.defaults
    var agent: String?
    /// Whether each input's head carries a fresh `traceparent` field (`--no-traceparent`).
    var traceparent = true
    var dialer = Dialer()
    var commandLine = Array(CommandLine.arguments.dropFirst())

    /// The options of the latency measurement before the campaign: its echoes' handshakes
    /// carry a traceparent as the inputs' do.
    var latencyOptions: RunOptions {
        var options = RunOptions(dialer: dialer)
        options.traceparent = traceparent
        return options
    }

    init(arguments: inout Arguments) throws(UsageError) {
        if let seed = try arguments.value("--seed") {
            guard let value = UInt64(seed) ?? UInt64(seed.replacingOccurrences(of: "0x", with: ""), radix: 16) else {
                throw UsageError("--seed must be a number (decimal or 0x hex), not \"\(seed)\"")
            }
            options.seed = value
        }
        if let duration = try arguments.value("--duration") {
            options.duration = try DurationOption.parse(duration, option: "--duration")
            options.inputs = nil
        }
        if let inputs = try arguments.integer("--inputs", in: 1...1_000_000_000) { options.inputs = UInt64(inputs) }
        options.jobs = try arguments.integer("--jobs", in: 1...512) ?? CatalogueRunner.defaultJobs
        if let shard = try arguments.value("--shard") {
            guard let parsed = Shard(shard) else { throw UsageError("--shard must be I/N with 0 ≤ I < N, not \"\(shard)\"") }
            options.shard = parsed
        }
        options.livenessEvery = UInt64(try arguments.integer("--liveness-every", in: 1...1_000_000) ?? 256)
        if let timeout = try arguments.value("--reaction-timeout") {
            options.reactionTimeout = try DurationOption.parse(timeout, option: "--reaction-timeout")
            reactionTimeoutGiven = true
        }
        if let time = try arguments.value("--minimize-time") {
            options.minimizeTime = try DurationOption.parse(time, option: "--minimize-time")
        }
        options.deflate = !arguments.flag("--no-deflate")
        traceparent = !arguments.flag("--no-traceparent")
        corpus = try arguments.value("--corpus") ?? corpus
        seedFromCatalogue = arguments.flag("--seed-from-catalogue")
        replay = try arguments.value("--replay")
        exec = try arguments.value("--exec")
        if let wait = try arguments.value("--restart-wait") {
            restartWait = ["0", "0s"].contains(wait) ? .zero : try DurationOption.parse(wait, option: "--restart-wait")
        }
        reportDirectory = try arguments.value("--report-dir")
        if let list = try arguments.value("--format") {
            formats = try RunCommand.formats(list).filter { $0 != .autobahn }
            guard !formats.isEmpty else { throw UsageError("--format: a fuzz report is json, html, junit, md or openmetrics") }
        }
        agent = try arguments.value("--agent")
        dialer.tls = try TLSOptions.parse(&arguments)
        let positionals = try arguments.positionals(known: Self.options)
        guard positionals.count <= 1 else { throw UsageError("fuzz takes one URL, got \(positionals.count)") }
        if let text = positionals.first {
            url = try RunCommand.url(text)
        } else if !seedFromCatalogue {
            throw UsageError("fuzz needs a target URL (ws:// or wss://)")
        }
        if exec != nil, let url, !["127.0.0.1", "::1", "localhost"].contains(url.host) {
            throw UsageError("--exec launches the target on this machine: the URL must be on loopback, not \(url.host)")
        }
        if let replay, !FileManager.default.fileExists(atPath: replay) { throw UsageError("--replay \(replay): no such directory") }
    }

    func run() -> ExitCode { FuzzSession(command: self).run() }
}
