import Cases
import Client
import Configuration
import Engine
import Foundation
import Reports
import Transport
import Wire

/// `wsconform run URL...`: the catalogue against one or more targets; reports and exit codes
/// for CI. Options are parsed and checked here, before anything connects.
struct RunCommand: Command {
    static let name = "run"
    static let abstract = "run the conformance catalogue against one or more targets"
    static let options =
        [
            "--cases", "--exclude", "--tier", "--jobs", "--confirm", "--timeout-scale", "--max-inflate", "--strict", "--header", "--origin",
            "--subprotocol", "--agent", "--no-traceparent", "--exec", "--shutdown-grace",
            "--report-dir",
            "--format", "--baseline", "--config", "--verbose", "--transcript",
        ] + TLSOptions.names
    static var usage: String {
        """
        USAGE: wsconform run URL... [options]

        Runs every selected case on a fresh connection against each target (ws:// or wss://),
        prints one line per category and each case that did not pass, and writes the reports.

        OPTIONS:
          --cases GLOB,...        only cases whose id or Autobahn alias matches (repeatable)
          --exclude GLOB,...      leave these cases out (repeatable)
          --tier quick|full       quick: every case but the long compression families
                                  (Autobahn 12.x/13.x), of which two settings per group run;
                                  full (the default): all of them
          --jobs N                cases run at once (default \(CatalogueRunner.defaultJobs))
          --confirm N             run each case that did not pass N more times (default 1, at
                                  most 64 cases); one whose verdict changes is reported
                                  timing-dependent with every verdict seen
          --timeout-scale X       multiply every timer, for slow targets (default 1)
          --max-inflate OCTETS    the largest inflated message the target may accept: the
                                  compression.inflate-limit measurement fails past it (the
                                  decompression bombs run whenever compression cases do)
          --strict                SHOULD-level deviations (NON-STRICT) count as failures
          --header 'Name: value'  send this field in every opening handshake (repeatable);
                                  values of Authorization, Cookie and other secret-looking
                                  fields are redacted in every report and log
          --origin ORIGIN         send an Origin field
          --subprotocol NAME      offer this subprotocol (repeatable)
          --agent NAME            the target's name in reports (repeat once per URL)
          --no-traceparent        send no W3C traceparent field; by default each case's
                                  handshake carries a fresh one, and the report shows its
                                  trace id beside the case, to find it in the target's logs
          --exec 'CMD'            start the target with this shell command (one URL only),
                                  wait for its port, run, then stop it with SIGTERM while
                                  connections are open: reports whether they got a Close
                                  with 1001 and the process exited, its exit status and last
                                  output, its peak memory, what an idle connection costs it
                                  and whether closed connections leak memory or descriptors
          --shutdown-grace D      how long the launched target may take to exit after
                                  SIGTERM before it is killed (default 5s)
          --ca-file FILE          trust this CA for wss:// (PEM)
          --insecure              do not verify the wss:// certificate
          --cert FILE --key FILE  client certificate for wss://
          --report-dir DIR        where reports go (default reports/<UTC timestamp>/)
          --format LIST           any of json,html,junit,md,autobahn,openmetrics (default
                                  json,html,junit,md); openmetrics writes metrics.prom
          --baseline FILE         known failures with reasons (docs/baseline.md): waived
                                  failures do not fail the run
          --config FILE           settings from a file: wsconform's own JSON or Autobahn's
                                  fuzzingclient.json (docs/config.md); the command line wins
          --verbose               print every case, not only those that did not pass
          --transcript            with each printed case, its wire transcript

        EXIT CODES:
          0    every case passed (or failed only as waived by the baseline)
          1    conformance failures (with --baseline: failures it does not waive)
          2    a target could not be reached, or the tool hit an error
          64   usage error (nothing was run)
          130  interrupted by Ctrl-C (the report of what ran is written, marked incomplete)
        """
    }

    var settings = RunSettings()

    init(arguments: inout Arguments) throws(UsageError) {
        try self.init(arguments: &arguments, command: Self.name, known: Self.options)
    }

    /// Parses the options of `run` for `command` (`check` adds its own, in `known`).
    init(arguments: inout Arguments, command: String, known: [String]) throws(UsageError) {
        let plan = try (try arguments.value("--config")).map(Self.loadPlan)
        let selection = try CaseSelectionOptions.parse(&arguments)
        let planSelection = CaseSelection(include: plan?.cases ?? [], exclude: plan?.exclude ?? [])
        settings.selection = selection.include.isEmpty && selection.exclude.isEmpty ? planSelection : selection
        settings.selection.tier = selection.tier
        settings.jobs = try arguments.integer("--jobs", in: 1...512) ?? plan?.jobs ?? settings.jobs
        settings.confirmations = try arguments.integer("--confirm", in: 0...10) ?? settings.confirmations
        var options = RunOptions()
        if let scale = try arguments.value("--timeout-scale") {
            guard let value = Double(scale), value > 0, value <= 100 else {
                throw UsageError("--timeout-scale must be a number in (0, 100], not \"\(scale)\"")
            }
            options.timeoutScale = value
        } else if let scale = plan?.timeoutScale {
            options.timeoutScale = scale
        }
        options.maxInflate = try arguments.integer("--max-inflate", in: 0...InflationProbe.largestTrial)
        options.traceparent = !arguments.flag("--no-traceparent")
        options.dialer.tls = try TLSOptions.parse(&arguments, fallback: plan?.tls)
        let headers = try arguments.values("--header").map { (text) throws(UsageError) in try HeaderOption.parse(text) }
        let origin = try arguments.value("--origin")
        let subprotocols = try arguments.values("--subprotocol").flatMap { $0.split(separator: ",").map(String.init) }
        for name in subprotocols where !name.unicodeScalars.allSatisfy(HeaderOption.isTokenCharacter) {
            throw UsageError("--subprotocol: \"\(name)\" is not a token (RFC 6455 §4.1)")
        }
        let agents = try arguments.values("--agent")
        settings.strict = arguments.flag("--strict") || plan?.strict == true
        settings.verbose = arguments.flag("--verbose")
        settings.transcripts = arguments.flag("--transcript")
        settings.reportDirectory = try arguments.value("--report-dir") ?? plan?.reportDirectory
        if let list = try arguments.value("--format") {
            settings.formats = try Self.formats(list)
        } else if let formats = plan?.formats {
            settings.formats = formats
        }
        settings.exec = try arguments.value("--exec")
        if let text = try arguments.value("--shutdown-grace") {
            settings.shutdownGrace = try DurationOption.parse(text, option: "--shutdown-grace")
            guard settings.shutdownGrace <= .seconds(600) else { throw UsageError("--shutdown-grace is at most 10m, not \"\(text)\"") }
        }
        if settings.exec?.trimmingCharacters(in: .whitespaces).isEmpty == true { throw UsageError("--exec needs a command") }
        let baselinePath = try arguments.value("--baseline") ?? plan?.baseline
        let positionals = try arguments.positionals(known: known)
        guard agents.isEmpty || agents.count == positionals.count else {
            throw UsageError("--agent is given \(agents.count) times for \(positionals.count) URLs: name every target or none")
        }
        if !positionals.isEmpty {
            for (index, text) in positionals.enumerated() {
                var target = options
                target.extraFields.fields = headers
                target.origin = origin
                target.subprotocols = subprotocols
                settings.targets.append(
                    RunSettings.Target(url: try Self.url(text), agent: agents.isEmpty ? nil : agents[index], options: target))
            }
        } else if let plan, !plan.targets.isEmpty {
            for planned in plan.targets {
                var target = options
                target.extraFields.fields =
                    try planned.headers.map { (field) throws(UsageError) in try HeaderOption.parse("\(field.name): \(field.value)") }
                    .filter { field in !headers.contains { $0.name.lowercased() == field.name.lowercased() } } + headers
                target.origin = origin ?? planned.origin
                target.subprotocols = subprotocols.isEmpty ? planned.subprotocols ?? [] : subprotocols
                settings.targets.append(
                    RunSettings.Target(url: try Self.url(planned.url), agent: planned.agent, options: target, exclude: planned.excludeCases)
                )
            }
        } else {
            throw UsageError("\(command) needs at least one target URL (ws:// or wss://), on the command line or in --config")
        }
        if settings.exec != nil, settings.targets.count != 1 {
            throw UsageError("--exec launches one target: give one URL, not \(settings.targets.count)")
        }
        if let path = baselinePath {
            guard FileManager.default.isReadableFile(atPath: path) else { throw UsageError("--baseline \(path): no such readable file") }
            do {
                settings.baseline = try Baseline.load(path: path)
            } catch {
                throw UsageError(error.description)
            }
        }
        for warning in plan?.warnings ?? [] { printWarning(warning) }
    }

    static func url(_ text: String) throws(UsageError) -> TargetURL {
        switch TargetURL.parse(text) {
        case .success(let url): return url
        case .failure(let problem): throw UsageError(problem.description)
        }
    }

    /// Reads `--config FILE`: wsconform's JSON or Autobahn's fuzzingclient.json.
    static func loadPlan(_ path: String) throws(UsageError) -> RunPlan {
        do {
            return try RunPlan(contentsOfFile: path)
        } catch {
            throw UsageError(error.description)
        }
    }

    /// `--format json,html`: known names only, each once.
    static func formats(_ list: String) throws(UsageError) -> [ReportFormat] {
        var formats: [ReportFormat] = []
        for name in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !name.isEmpty {
            guard let format = ReportFormat(rawValue: name) else {
                throw UsageError(
                    "--format: unknown format \(name)" + Suggestion.didYouMean(name, among: ReportFormat.allCases.map(\.rawValue)))
            }
            if !formats.contains(format) { formats.append(format) }
        }
        guard !formats.isEmpty else {
            throw UsageError("--format needs at least one of \(ReportFormat.allCases.map(\.rawValue).joined(separator: ","))")
        }
        return formats
    }

    func run() -> ExitCode { RunSession(settings: settings).run() }
}
