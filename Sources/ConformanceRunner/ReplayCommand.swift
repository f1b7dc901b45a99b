import Client
import Engine
import Foundation
import Fuzz
import Platform

/// `wsconform replay FILE... URL`: saved findings run again; for each, reproduced, changed or
/// fixed.
struct ReplayCommand: Command {
    static let name = "replay"
    static let abstract = "re-run saved fuzz findings against a target: reproduced, changed or fixed"
    static let options = ["--exec", "--reaction-timeout", "--restart-wait", "--no-traceparent"] + TLSOptions.names
    static var usage: String {
        """
        USAGE: wsconform replay FILE_OR_DIR... URL [--exec 'CMD'] [--restart-wait D] [--reaction-timeout D]
                                [--no-traceparent] [TLS options]

        Runs each finding (a corpus/findings/*.json file, or every finding in a directory) on a
        fresh connection and says whether it reproduced (the same signature), changed (the
        server misbehaves differently) or is fixed. A liveness or process finding is judged by
        a control exchange after the input; with --exec the target is launched by wsconform and
        restarted after each crash; without it, a target taken down by one finding is waited
        for (a supervisor restarting it) up to --restart-wait (default 30s) before the next.
        A finding the fuzzer could not attribute (the target never came back) holds every
        input in flight: each is run alone with a control exchange after it, and the one
        that takes the target down is named. Each replayed input's handshake carries a fresh
        W3C traceparent field, whose trace id is printed beside the outcome, to find the replay
        in the target's logs (--no-traceparent sends none).

        EXIT CODES: 0 every finding fixed, 1 some reproduced or changed, 2 target unreachable or
        a file unreadable, 64 usage error
        """
    }

    var paths: [String]
    var url: TargetURL
    var exec: String?
    var restartWait: Duration = .seconds(30)
    var reactionTimeout: Duration = .seconds(1)
    var dialer = Dialer()
    var traceparent = true

    init(arguments: inout Arguments) throws(UsageError) {
        exec = try arguments.value("--exec")
        traceparent = !arguments.flag("--no-traceparent")
        if let wait = try arguments.value("--restart-wait") {
            restartWait = ["0", "0s"].contains(wait) ? .zero : try DurationOption.parse(wait, option: "--restart-wait")
        }
        if let timeout = try arguments.value("--reaction-timeout") {
            reactionTimeout = try DurationOption.parse(timeout, option: "--reaction-timeout")
        }
        dialer.tls = try TLSOptions.parse(&arguments)
        var positionals = try arguments.positionals(known: Self.options)
        guard positionals.count >= 2 else { throw UsageError("replay needs one or more finding files and a target URL") }
        url = try RunCommand.url(positionals.removeLast())
        paths = positionals
    }

    func run() -> ExitCode {
        var findings: [(String, Finding)] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                printError("\(path): no such file or directory")
                return .targetOrToolError
            }
            do {
                if isDirectory.boolValue {
                    let contents = try FindingStore(directory: URL(fileURLWithPath: path)).load()
                    for skipped in contents.skipped { printWarning("\(skipped)") }
                    findings += contents.entries.map { ($0.url.path, $0.value) }
                } else {
                    let data = try Data(contentsOf: URL(fileURLWithPath: path))
                    findings.append((path, try Finding.decode(json: data)))
                }
            } catch {
                printError("\(path): \(error)")
                return .targetOrToolError
            }
        }
        if let note = Replay.traceparentNote(findings.map(\.1), traceparent: traceparent) { say("note: \(note)") }
        let process: TargetProcess?
        switch ExecTarget.start(exec, target: url) {
        case .none: process = nil
        case .running(let launched): process = launched
        case .failed(let code): return code
        }
        defer { process?.stop() }
        let executor = ScriptExecutor(target: url, dialer: dialer, reactionTimeout: reactionTimeout, traceparent: traceparent)
        var failing = 0
        for (number, (path, finding)) in findings.enumerated() {
            if LivenessCheck.run(executor) != nil {
                // The first finding meets the target as it was given; a later one may follow a
                // reproduced crash, and a supervisor gets --restart-wait to bring it back.
                let awaited = number > 0 && restartWait > .zero ? AwaitedRestart(executor: executor, wait: restartWait) : nil
                let back = process.map { (try? $0.restart()) != nil } ?? (awaited.map { (try? $0.restart()) != nil } ?? false)
                guard back else {
                    printError("\(url) does not serve a plain echo exchange: cannot replay \(path)")
                    return .targetOrToolError
                }
            }
            let replayed = Replay.run(finding, on: executor)
            if replayed.outcome != .fixed { failing += 1 }
            let trace = replayed.traceId.map { "\n           trace id \($0)" } ?? ""
            say(
                "\(replayed.outcome.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(finding.signature)  \(path)\n           \(replayed.note)\(trace)"
            )
        }
        say("\(findings.count) finding(s): \(failing) still failing, \(findings.count - failing) fixed")
        return failing > 0 ? .conformanceFailures : .success
    }
}
