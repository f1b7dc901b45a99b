import Client
import Engine
import Foundation
import Load
import Platform
import Posture
import Reports

/// One `load` from start to exit code: the target launched when `--exec` asks, the run with a
/// live line, the launched target's memory and shutdown, the reports, the policy's verdict.
struct LoadSession {
    let command: LoadCommand
    var terminal = Terminal.current

    func run() -> ExitCode {
        guard let url = command.url else { return .usage }
        let interrupt = Interrupt {
            FileHandle.standardError.write(Data("\nwsconform: interrupted: closing the connections and writing the report\n".utf8))
        }
        let startedAt = ISO8601DateFormatter().string(from: Date())
        var launched: TargetProcess?
        switch ExecTarget.start(command.exec, target: url, stopTimeout: command.shutdownGrace) {
        case .none: break
        case .running(let process): launched = process
        case .failed(let code): return code
        }
        let check = launched.map(LaunchedTargetCheck.start)
        let plan = command.plan
        say("\(url): \(plan.shardConnections.count) of \(plan.connections) connections over \(plan.ramp.seconds) s, held \(plan.hold.seconds) s")
        let result: LoadRun.Result
        do {
            result = try LoadRun.run(url, options: command.options, plan: plan, stop: { interrupt.requested }) { [terminal] progress in
                let line = String(
                    format: "  %4.0f s  %6d held  %9d echoes  %d errors", progress.elapsed.seconds, progress.open, progress.echoes, progress.errors)
                if terminal.interactive {
                    FileHandle.standardOutput.write(Data((Terminal.eraseLine + line).utf8))
                } else if Int(progress.elapsed.seconds.rounded()) % 5 == 0 {
                    say(line)
                }
            }
        } catch {
            printError("load: \(error)")
            _ = launched?.stop()
            return .targetOrToolError
        }
        if terminal.interactive { FileHandle.standardOutput.write(Data((Terminal.eraseLine).utf8)) }
        var report = LoadReport(
            result: result, plan: plan, target: url.description, toolVersion: toolVersion, startedAt: startedAt,
            commandLine: Redaction.redact(commandLine: Array(CommandLine.arguments.dropFirst())), policy: command.policy,
            incomplete: interrupt.requested, compressed: plan.deflate)
        if let check, let launched {
            if interrupt.requested {
                report.launched = RunSession.launched(launched.stop(), command: command.exec ?? "")
            } else {
                say("\(url): measuring the launched target's connections and shutdown")
                let context = PostureContext(target: url, options: command.options, policy: PosturePolicy())
                let (measurements, exit) = check.finish(context, grace: command.shutdownGrace)
                report.measurements = measurements
                report.launched = RunSession.launched(exit, command: command.exec ?? "")
            }
        }
        if let failure = write(report) {
            printError(failure)
            return .targetOrToolError
        }
        say("\(url): \(report.headline)")
        for verdict in report.verdicts where !verdict.passed { say("  FAILED \(verdict.name): \(verdict.observed), limit \(verdict.limit)") }
        if interrupt.requested { return .interrupted }
        if report.totals.connectionsOpened == 0 {
            printError("\(url): no connection could be opened (\(report.errors.keys.sorted().joined(separator: ", ")))")
            return .targetOrToolError
        }
        return report.passed ? .success : .conformanceFailures
    }

    /// `load merge`: the shards' reports as one, judged again by the policy they carry (or the
    /// one given now).
    func merge(_ paths: [String]) -> ExitCode {
        var reports: [LoadReport] = []
        for path in paths {
            do {
                let data = try Syscall.readFile(path, limit: 256 << 20)
                reports.append(try JSONDecoder().decode(LoadReport.self, from: data))
            } catch {
                printError("\(path): not a load report: \(error)")
                return .usage
            }
        }
        var merged: LoadReport
        do {
            merged = try LoadReport.merged(reports)
        } catch {
            printError("load merge: \(error.description)")
            return .usage
        }
        if command.policy != LoadReport.Policy() {
            merged.policy = command.policy
            merged.verdicts = merged.judge()
        }
        if let failure = write(merged) {
            printError(failure)
            return .targetOrToolError
        }
        say("\(merged.target): \(merged.headline) (\(merged.shards.count) shards)")
        for verdict in merged.verdicts where !verdict.passed { say("  FAILED \(verdict.name): \(verdict.observed), limit \(verdict.limit)") }
        return merged.passed ? .success : .conformanceFailures
    }

    func write(_ report: LoadReport) -> String? {
        let directory = URL(
            fileURLWithPath: command.reportDirectory ?? "reports/load-" + report.startedAt.replacingOccurrences(of: ":", with: "-"))
        do {
            for file in try ReportWriter<LoadReport>(formats: command.formats).write(report, to: directory) { say("report: \(file.path)") }
            return nil
        } catch {
            return "cannot write the report into \(directory.path): \(error.localizedDescription)"
        }
    }
}
