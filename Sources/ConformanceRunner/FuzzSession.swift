import Cases
import Engine
import Foundation
import Fuzz
import Platform
import Reports

/// One `fuzz` run: the corpus loaded, the target launched (`--exec`) and checked, saved
/// findings replayed, the campaign run with findings saved as they come, the reports written.
struct FuzzSession {
    let command: FuzzCommand

    func run() -> ExitCode {
        let corpusDirectory = CorpusDirectory(directory: URL(fileURLWithPath: command.corpus))
        if command.seedFromCatalogue {
            do {
                var added = 0
                for testCase in Catalogue.all
                where try corpusDirectory.add(SessionScript.seed(from: testCase).script, label: testCase.id).isNew {
                    added += 1
                }
                say("corpus: \(added) catalogue seed scripts added to \(command.corpus)/")
            } catch {
                printError(error.description)
                return .targetOrToolError
            }
        }
        guard let url = command.url else { return .success }
        let scripts: [SessionScript]
        let known: Set<String>
        do {
            let exists = FileManager.default.fileExists(atPath: command.corpus)
            let contents = exists ? try corpusDirectory.load() : DirectoryContents<SessionScript>()
            for skipped in contents.skipped { printWarning("corpus: \(skipped)") }
            scripts = contents.values
            known = Set(try corpusDirectory.findings.load().values.map(\.signature.description))
        } catch {
            printError(error.description)
            return .targetOrToolError
        }
        // A hung target may ignore SIGTERM; restarts after a hang should not wait long.
        let process: TargetProcess?
        switch ExecTarget.start(command.exec, target: url, stopTimeout: .seconds(1)) {
        case .none: process = nil
        case .running(let launched): process = launched
        case .failed(let code): return code
        }
        defer { process?.stop() }
        var executor = ScriptExecutor(
            target: url, dialer: command.dialer, reactionTimeout: command.options.reactionTimeout, traceparent: command.traceparent)
        if let failure = LivenessCheck.run(executor) {
            printError("\(url) does not serve a plain echo exchange (\(failure.reaction)): \(failure.note)")
            return .targetOrToolError
        }
        // A reaction a near target gives at once takes a far one its distance: the default
        // deadline grows to twenty of its slowest echoes, so distance alone makes no finding.
        if !command.reactionTimeoutGiven, let latency = TargetLatency.measure(url, options: command.latencyOptions) {
            executor.reactionTimeout = max(executor.reactionTimeout, latency.slowest * 20)
            say("target latency: slowest of \(latency.samples.count) echoes \(TargetLatency.milliseconds(latency.slowest)) ms; reaction deadline \(executor.reactionTimeout)")
        }
        let replayed = replayFindings(executor, process: process)
        return fuzz(url, executor, corpus: scripts, known: known, store: corpusDirectory, process: process, replayed: replayed)
    }

    /// `--replay DIR`: each saved finding run again, with what it did now.
    func replayFindings(_ executor: ScriptExecutor, process: TargetProcess?) -> [FuzzReplayResult] {
        guard let directory = command.replay else { return [] }
        let findings: DirectoryContents<Finding>
        do {
            findings = try FindingStore(directory: URL(fileURLWithPath: directory)).load()
        } catch {
            printWarning("--replay: \(error.description)")
            return []
        }
        if let note = Replay.traceparentNote(findings.values, traceparent: executor.traceparent) { say("replay: note: \(note)") }
        var results: [FuzzReplayResult] = []
        for entry in findings.entries {
            let replayed = Replay.run(entry.value, on: executor)
            let trace = replayed.traceId.map { " (trace id \($0))" } ?? ""
            say("replay: \(replayed.outcome.rawValue) \(entry.value.signature) \(entry.url.path) — \(replayed.note)\(trace)")
            results.append(
                FuzzReplayResult(
                    path: entry.url.path, signature: entry.value.signature.description, outcome: FuzzReplayResult.Outcome(replayed.outcome),
                    observed: replayed.note, traceId: replayed.traceId))
            if let process, LivenessCheck.run(executor) != nil { _ = try? process.restart() }
        }
        return results
    }
}

extension FuzzReplayResult.Outcome {
    init(_ outcome: Replay.Outcome) {
        switch outcome {
        case .reproduced: self = .reproduced
        case .changed: self = .changed
        case .fixed: self = .fixed
        }
    }
}

/// The launched target as the campaign sees it: exits are findings, restarts keep it going.
struct ProcessLifecycle: TargetLifecycle {
    let process: TargetProcess

    func exitStatus() -> (status: String, output: String)? { process.ended().map { ("\($0.status)", $0.output) } }

    func restart() throws { try process.restart() }
}
