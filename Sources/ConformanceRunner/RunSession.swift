import Cases
import Engine
import Foundation
import Platform
import Posture
import Reports

/// One `run` from start to exit code: each target probed, its cases run with progress shown,
/// the reports written (also after Ctrl-C, marked incomplete), the outcome summarised.
struct RunSession {
    let settings: RunSettings
    var terminal = Terminal.current

    func run() -> ExitCode {
        MallocArenas.mapBlocks(from: 4 << 20)
        let interrupt = Interrupt {
            FileHandle.standardError.write(
                Data("\nwsconform: interrupted: finishing the running cases and writing the report (Ctrl-C again quits now)\n".utf8))
        }
        let startedAt = ISO8601DateFormatter().string(from: Date())
        let start = ContinuousClock.now
        let output = ReportOutput(settings: settings)
        let commandLine = Redaction.redact(commandLine: settings.commandLine)
        let seed = settings.targets.first?.options.seed
        let journal = RunJournal.Writer(directory: output.directory(startedAt: startedAt))
        journal?.append(
            RunJournal.Line(
                run: RunJournal.RunHeader(
                    toolVersion: toolVersion, startedAt: startedAt, commandLine: commandLine, seed: seed, strict: settings.strict,
                    formats: settings.formats)))
        var launched: TargetProcess?
        if let target = settings.targets.first {
            switch ExecTarget.start(settings.exec, target: target.url, stopTimeout: settings.shutdownGrace) {
            case .none: break
            case .running(let process): launched = process
            case .failed(let code):
                journal?.remove()
                return code
            }
        }
        var targets: [TargetReport] = []
        var unreachable = false
        for (index, target) in settings.targets.enumerated() where !interrupt.requested {
            var (report, reached) = runTarget(target, index: index, interrupt: interrupt, journal: journal, launched: launched)
            if let launched, report.launched == nil { report.launched = Self.launched(launched.stop(), command: settings.exec ?? "") }
            targets.append(report)
            unreachable = unreachable || !reached
        }
        var report = RunReport(
            toolVersion: toolVersion, startedAt: startedAt, durationSeconds: (ContinuousClock.now - start).seconds,
            commandLine: commandLine, seed: seed, incomplete: interrupt.requested, strict: settings.strict, targets: targets)
        if let baseline = settings.baseline { report = BaselineComparison.apply(baseline, to: report) }
        if let failure = output.write(report) {
            printError(failure)
            return .targetOrToolError
        }
        journal?.remove()
        for target in report.targets {
            if let checklist = target.checklist { say(CaseLines.checklist(checklist, target: target.name)) }
            say(Self.summary(target, baseline: settings.baseline != nil))
        }
        if interrupt.requested { return .interrupted }
        if unreachable || report.targets.contains(where: { $0.totals.errors > 0 }) { return .targetOrToolError }
        let failed = report.targets.contains { $0.totals.failed > 0 || Checklist.failed($0.checklist) }
        return failed ? .conformanceFailures : .success
    }

    /// Runs one target's cases, journalling each as it finishes; false when the target could
    /// not be reached at all.
    func runTarget(
        _ target: RunSettings.Target, index: Int, interrupt: Interrupt, journal: RunJournal.Writer?, launched: TargetProcess? = nil
    ) -> (TargetReport, Bool) {
        let cases = settings.cases(for: target)
        say("\(target.name): \(cases.count) cases" + (target.agent != nil ? " against \(target.url)" : ""))
        let start = ContinuousClock.now
        var facts = TargetFacts()
        var measurements = [TargetProbe.handshakeRoundTrip(nil)]
        var results: [CaseResult?]
        var options = target.options
        let probed = TargetProbe.probe(target.url, options: target.options)
        switch probed {
        case .failure(.unreachable(let why)), .failure(.unusable(let why)):
            let unreachable = probed == .failure(.unreachable(why))
            printError("\(target.url) \(unreachable ? "cannot be reached" : "cannot be tested"): \(why)")
            facts.problem = why
            let reason = "not run: the target \(unreachable ? "is unreachable" : "is unusable"): \(why)"
            results = cases.map { CaseResult(caseID: $0.id, outcome: .error(reason), reasons: [reason]) }
            let report = TargetReport(
                url: target.url.description, agent: target.agent, facts: facts, measurements: measurements,
                cases: Self.reports(cases, results, strict: settings.strict))
            return (report, false)
        case .success(let probed):
            measurements = probed.measurements
            // Waits from the target's own echo round trips, never longer than Autobahn's.
            if let latency = TargetLatency.measure(target.url, options: target.options) {
                options = latency.configured(options)
                measurements += latency.measurements(timeoutScale: target.options.timeoutScale)
            }
            if Self.probesInflation(cases, target.options) {
                let trials = InflationProbe.probe(target.url, options: target.options)
                measurements += InflationProbe.measurements(trials, maxInflate: target.options.maxInflate)
            }
            facts = TargetFacts(
                server: probed.server, extensions: probed.extensions, subprotocol: probed.subprotocol,
                tls: probed.tls.map {
                    TLSFacts(
                        protocolVersion: $0.protocolVersion, cipher: $0.cipher, alpn: $0.alpn, certificateSubject: $0.peerSubject,
                        certificateNotAfter: $0.peerNotAfter)
                })
        }
        journal?.append(
            RunJournal.Line(
                target: RunJournal.TargetHeader(
                    index: index, url: target.url.description, agent: target.agent, facts: facts, caseIDs: cases.map(\.id))))
        journal?.append(RunJournal.Line(measurements: measurements, targetIndex: index))
        let posture = settings.posture.map { PostureCheck.start(PostureContext(target: target.url, options: target.options, policy: $0)) }
        let launchedCheck = launched.map(LaunchedTargetCheck.start)
        var postureMeasurements = posture?.finishShort() ?? []
        let progress = RunProgress(cases: cases, terminal: terminal, strict: settings.strict)
        let health = TargetHealth { [url = target.url, options = target.options] in TargetProbe.sanity(url, options: options) }
        let byID = Dictionary(cases.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var runner = CatalogueRunner(runner: CaseRunner(target: target.url, options: options), jobs: settings.jobs)
        runner.confirmations = settings.confirmations
        results = runner
            .run(cases, stop: { interrupt.requested }, health: health) { [strict = settings.strict] result in
                progress.finished(result)
                guard let journal, let testCase = byID[result.caseID] else { return }
                let report = CaseReport(testCase, result, strict: strict, sectionTitle: Catalogue.sectionTitle(of: testCase.id))
                journal.append(RunJournal.Line(result: report, targetIndex: index))
            }
        progress.end()
        if let gone = health.gone {
            printError("\(target.url): \(gone); the cases left are marked not run")
            let reason = "not run: \(gone)"
            results = zip(cases, results).map { testCase, result in
                result ?? CaseResult(caseID: testCase.id, outcome: .error(reason), reasons: [reason])
            }
        }
        if let posture {
            postureMeasurements += posture.finish()
            measurements += PostureCheck.ordered(postureMeasurements)
            journal?.append(RunJournal.Line(measurements: measurements, targetIndex: index))
        }
        var launchedReport: LaunchedProcess?
        if let launchedCheck, !interrupt.requested {
            say("\(target.name): measuring the launched target's connections and shutdown")
            let context = PostureContext(target: target.url, options: target.options, policy: settings.posture ?? PosturePolicy())
            let (launchedMeasurements, exit) = launchedCheck.finish(context, grace: settings.shutdownGrace)
            measurements += launchedMeasurements
            launchedReport = Self.launched(exit, command: settings.exec ?? "")
            journal?.append(RunJournal.Line(measurements: measurements, targetIndex: index))
        }
        for (testCase, result) in zip(cases, results) {
            guard let result, settings.verbose || !result.passes(strict: settings.strict) else { continue }
            // Cases the run could not start are told once, above, not one line each.
            if case .error(let text) = result.outcome, text.hasPrefix("not run:") { continue }
            say(CaseLines.line(testCase, result))
            if settings.transcripts { for entry in result.transcript { say(CaseLines.line(entry)) } }
        }
        var report = TargetReport(
            url: target.url.description, agent: target.agent, facts: facts, measurements: measurements,
            cases: Self.reports(cases, results, strict: settings.strict))
        report.launched = launchedReport
        say(String(format: "  %d cases in %.1f s", results.compactMap { $0 }.count, (ContinuousClock.now - start).seconds))
        return (report, true)
    }

    /// Whether to send the decompression bombs of `InflationProbe`: when a limit is named, or
    /// when the selected cases exercise permessage-deflate at all.
    static func probesInflation(_ cases: [TestCase], _ options: RunOptions) -> Bool {
        options.maxInflate != nil || cases.contains { !$0.opening.deflateOffers.isEmpty }
    }

    /// The reports of the cases that ran (all but those an interruption kept from starting).
    static func reports(_ cases: [TestCase], _ results: [CaseResult?], strict: Bool) -> [CaseReport] {
        zip(cases, results).compactMap { testCase, result in
            result.map { CaseReport(testCase, $0, strict: strict, sectionTitle: Catalogue.sectionTitle(of: testCase.id)) }
        }
    }

    static func summary(_ target: TargetReport, baseline: Bool) -> String {
        let totals = target.totals
        var text = "\(target.name): \(totals.passedWords), \(totals.failed) failed"
        if baseline { text += " (not waived), \(totals.waived) waived" }
        if totals.errors > 0 { text += ", \(totals.errors) could not run" }
        if let fixed = target.baseline?.fixed, !fixed.isEmpty { text += "; waivers no longer needed: \(fixed.joined(separator: ", "))" }
        return text
    }

    /// The report's view of the launched target once stopped: its redacted command, how it
    /// ended and its last output.
    static func launched(_ exit: TargetExit?, command: String) -> LaunchedProcess {
        var code: Int?
        if case .exited(let value)? = exit?.status { code = Int(value) }
        return LaunchedProcess(
            command: Redaction.redact(shellCommand: command), ended: exit.map { "\($0.status)" }, exitCode: code,
            signal: exit?.status.signalName, killedAfterGrace: exit?.killedAfterGrace ?? false, output: exit?.output ?? "")
    }
}

