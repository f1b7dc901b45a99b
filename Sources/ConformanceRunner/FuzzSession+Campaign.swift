import Client
import Engine
import Foundation
import Fuzz
import Platform
import Reports
import Synchronization

extension FuzzSession {
    /// Runs the campaign, saving each finding before it is reported, then writes the reports.
    func fuzz(
        _ url: TargetURL, _ executor: ScriptExecutor, corpus: [SessionScript], known: Set<String>, store: CorpusDirectory,
        process: TargetProcess?, replayed: [FuzzReplayResult]
    ) -> ExitCode {
        let interrupt = Interrupt {
            FileHandle.standardError.write(Data("\nwsconform: interrupted: finishing the inputs in flight and writing the report\n".utf8))
        }
        let startedAt = Date()
        let start = ContinuousClock.now
        let progress = FuzzProgress(terminal: Terminal.current)
        let saved = Mutex<[FuzzFinding]>([])
        let findings = store.findings
        let campaign = Campaign(
            options: command.options, executor: executor, corpus: corpus, lifecycle: lifecycle(process, executor),
            knownSignatures: known, toolVersion: toolVersion,
            onFinding: { finding in
                let path: String
                do {
                    path = try findings.save(finding).url.path
                } catch {
                    path = "(not saved: \(error))"
                }
                let trace = finding.traceId.map { "\n  trace id: \($0)" } ?? ""
                progress.finding(
                    "finding: \(finding.signature) — \(finding.observed)\n  saved: \(path)\n  reproduce: \(finding.reproduction(path: path))\(trace)"
                )
                saved.withLock { $0.append(Self.report(finding, path: path)) }
            },
            onInput: { progress.update($0) })
        let outcome = campaign.run(stop: { interrupt.requested })
        progress.end()
        // The scripts the campaign added (the built-in seeds it started from are not saved).
        for script in outcome.corpus.dropFirst(outcome.statistics.corpusAtStart) { _ = try? store.add(script, label: "feedback") }
        let elapsed = (ContinuousClock.now - start).seconds
        let statistics = outcome.statistics
        let totals = FuzzTotals(
            inputsRun: Int(statistics.inputsRun), inputsPerSecond: elapsed > 0 ? Double(statistics.inputsRun) / elapsed : 0,
            validInputs: Int(statistics.validInputs), invalidInputs: Int(statistics.inputsRun - statistics.validInputs),
            livenessChecks: Int(statistics.livenessChecks), restarts: Int(statistics.restarts), corpusSizeAtStart: statistics.corpusAtStart,
            corpusSizeAtEnd: statistics.corpusAtEnd)
        var mutators: [String: FuzzMutatorUse] = [:]
        for (name, inputs) in statistics.mutatorInputs {
            mutators[name] = FuzzMutatorUse(inputs: Int(inputs), findings: Int(statistics.mutatorFindings[name] ?? 0))
        }
        let budget = FuzzBudget(inputs: command.options.inputs.map { Int($0) }, durationSeconds: command.options.duration?.seconds)
        let target = FuzzTarget(url: url.description, agent: command.agent)
        let shard: String? = command.options.shard.count > 1 ? command.options.shard.description : nil
        let report = FuzzReport(
            toolVersion: toolVersion, startedAt: ISO8601DateFormatter().string(from: startedAt), durationSeconds: elapsed,
            commandLine: command.commandLine, seed: command.options.seed, shard: shard, target: target, incomplete: interrupt.requested,
            budget: budget, totals: totals, replay: command.replay == nil ? nil : FuzzReplay(results: replayed), mutators: mutators,
            reactions: statistics.reactions.mapValues { Int($0) }, findings: saved.withLock { $0 })
        let directory = URL(
            fileURLWithPath: command.reportDirectory ?? "reports/fuzz-" + report.startedAt.replacingOccurrences(of: ":", with: "-"))
        do {
            for file in try ReportWriter<FuzzReport>(formats: command.formats).write(report, to: directory) { say("report: \(file.path)") }
        } catch {
            printError("cannot write the report into \(directory.path): \(error.localizedDescription)")
            return .targetOrToolError
        }
        say(
            String(
                format: "%llu inputs in %.1f s (%.0f/s), %d finding(s)", statistics.inputsRun, elapsed, report.totals.inputsPerSecond,
                outcome.findings.count))
        if let abandoned = outcome.abandoned {
            printError(abandoned)
            // A loss of service found on the way out is a finding all the same.
            if outcome.findings.isEmpty { return .targetOrToolError }
        }
        if interrupt.requested { return .interrupted }
        let replayFailing = replayed.contains { $0.outcome != .fixed }
        return outcome.findings.isEmpty && !replayFailing ? .success : .conformanceFailures
    }

    static func report(_ finding: Finding, path: String) -> FuzzFinding {
        FuzzFinding(
            oracle: finding.signature.oracle.rawValue, rule: finding.signature.rule?.rawValue,
            reaction: finding.signature.reaction.description, isNew: true, ruleSection: finding.signature.rule?.section,
            expected: finding.expected, observed: finding.observed, stepsBefore: finding.originalSteps,
            stepsAfter: finding.script.steps.count, mutators: finding.mutators,
            script: String(decoding: finding.script.jsonData(), as: UTF8.self), path: path, reproduction: finding.reproduction(path: path),
            processOutput: finding.processOutput, transcript: finding.transcript, traceId: finding.traceId)
    }

    /// How the campaign gets the target back: the launched process, a supervisor waited for
    /// (`--restart-wait`), or not at all.
    func lifecycle(_ process: TargetProcess?, _ executor: ScriptExecutor) -> (any TargetLifecycle)? {
        if let process { return ProcessLifecycle(process: process) }
        return command.restartWait > .zero ? AwaitedRestart(executor: executor, wait: command.restartWait) : nil
    }
}
