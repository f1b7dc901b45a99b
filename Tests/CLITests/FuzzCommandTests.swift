import Foundation
import ProcessSupport
import Reports
import Testing

/// `wsconform fuzz` and `replay` as a nightly job runs them: against the reference server's crash
/// and hang faults (found, minimised, replayed), against the correct server (nothing found),
/// twice with one seed (the same inputs), against a permessage-deflate fault with and without
/// `--no-deflate`, and killed with SIGKILL (no saved finding lost).
///
/// No result here may depend on how fast the machine is. The reference server reacts to every
/// input and a session ends once its reaction is known, so a correct reply is waited for
/// generously (`patient`): on a loaded machine it is late, never silence or a hang. A hang
/// stays hung for ever, so any timeout finds it. Minimisation is bounded by its number of runs
/// only (`--minimize-time` far beyond what it takes), so the minimised script and the finding's
/// signature do not depend on the machine's speed either.
@Suite("CLI: fuzz and replay", .serialized)
struct FuzzCommandTests {
    /// The reaction timeout where only correct replies are due: a liveness guard, never reached.
    static let patient = ["--reaction-timeout", "30s"]
    /// Minimisation that ends by its budget of runs, not by the clock.
    static let unhurried = ["--minimize-time", "2h"]

    struct Campaign {
        var directory: URL
        var port: UInt16
        var corpus: String { directory.appendingPathComponent("corpus").path }
        var findings: URL { directory.appendingPathComponent("corpus/findings") }
        var reports: URL { directory.appendingPathComponent("reports") }
        var url: String { "ws://127.0.0.1:\(port)/" }

        init(_ name: String) throws {
            directory = try CLI.temporaryDirectory(name)
            port = try FreePort.pick()
        }

        func exec(_ fault: String?) -> String {
            "exec '\(Tools.wsconform)' serve --host 127.0.0.1 --port \(port)" + (fault.map { " --fault \($0)" } ?? "")
        }

        /// `wsconform fuzz` against `serve` under `fault`, launched by `--exec`, writing into this
        /// campaign's corpus and report directory; `extra` adds or overrides options.
        func fuzzArguments(_ fault: String?, seed: String, inputs: String, jobs: String = "4", _ extra: [String] = []) -> [String] {
            [
                "fuzz", url, "--exec", exec(fault), "--seed", seed, "--inputs", inputs, "--jobs", jobs, "--corpus", corpus,
                "--report-dir", reports.path,
            ] + extra
        }

        func savedFindings() throws -> [String] {
            guard FileManager.default.fileExists(atPath: findings.path) else { return [] }
            return try FileManager.default.contentsOfDirectory(atPath: findings.path).filter { $0.hasSuffix(".json") }.sorted()
        }

        func report() throws -> [String: Any] {
            let data = try Data(contentsOf: reports.appendingPathComponent("fuzz-report.json"))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
    }

    @Test("the crash fault is found, minimised and saved; replay reproduces it, and a correct server fixes it")
    func crash() throws {
        let campaign = try Campaign("fuzz-crash")
        defer { FreePort.stopProcesses(listeningOn: campaign.port) }
        let outcome = try CLI.run(
            campaign.fuzzArguments("crash-on-input", seed: "1", inputs: "3000", Self.patient + Self.unhurried), timeout: 1800)
        #expect(outcome.status == 1, "\(outcome.output)")
        let all = try campaign.savedFindings()
        let crashes = all.filter { $0.hasPrefix("process_") && $0.hasSuffix("_crashed.json") }
        let file = try #require(crashes.first, "no process finding: \(all) \(outcome.output)")
        let saved = campaign.findings.appendingPathComponent(file)
        let script = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: saved)) as? [String: Any])
        let steps = ((script["script"] as? [String: Any])?["steps"] as? [Any])?.count ?? 99
        #expect(steps <= 2, "minimised to a small script: \(steps) steps")
        #expect((script["transcript"] as? [Any])?.isEmpty == false, "the finding carries its wire transcript")
        #expect(outcome.output.contains("reproduce: wsconform replay \(saved.path) \(campaign.url)"), "\(outcome.output)")
        #expect(all.allSatisfy { !$0.hasPrefix("protocol_") }, "no collateral: \(all)")

        let replay = try CLI.run(["replay", saved.path, campaign.url, "--exec", campaign.exec("crash-on-input")], timeout: 600)
        #expect(replay.status == 1 && replay.output.contains("reproduced"), "\(replay.output)")
        // A correct server serves the control exchange: patience, or a slow reply reads as a hang.
        let fixed = try CLI.run(["replay", saved.path, campaign.url, "--exec", campaign.exec(nil)] + Self.patient, timeout: 600)
        #expect(fixed.status == 0 && fixed.output.contains("fixed"), "\(fixed.output)")
    }

    @Test("the hang fault is found by the liveness oracle and replay reproduces it")
    func hang() throws {
        let campaign = try Campaign("fuzz-hang")
        defer { FreePort.stopProcesses(listeningOn: campaign.port) }
        // Every hang found costs the reaction timeout (the hung session, the control exchange, each
        // minimisation run that hangs the server again), so this one is only generous enough that
        // a loaded machine's slow correct reply is not taken for a hang; 100 inputs still give
        // several hangs, which must all come to one finding.
        let outcome = try CLI.run(
            campaign.fuzzArguments("hang-on-input", seed: "1", inputs: "100", ["--reaction-timeout", "5s"] + Self.unhurried),
            timeout: 1800)
        #expect(outcome.status == 1, "\(outcome.output)")
        let all = try campaign.savedFindings()
        let hangs = all.filter { $0.hasPrefix("liveness_") && $0.hasSuffix("_hung.json") }
        let file = try #require(hangs.first, "no liveness finding: \(all) \(outcome.output)")
        // One hang, one finding: the minimiser takes out header quirks that do not cause it.
        #expect(all.filter { $0.hasPrefix("liveness_") } == [file], "\(all)")
        // A hung server stays hung: the replay's default timeout finds it whatever the load.
        let replay = try CLI.run(
            ["replay", campaign.findings.appendingPathComponent(file).path, campaign.url, "--exec", campaign.exec("hang-on-input")],
            timeout: 600)
        #expect(replay.status == 1 && replay.output.contains("reproduced"), "\(replay.output)")
    }

    @Test("a correct server: a long run finds nothing; the same seed gives the same inputs whatever --jobs")
    func correctServerAndDeterminism() throws {
        var reports: [[String: Any]] = []
        var corpora: [[String]] = []
        for jobs in ["1", "8"] {
            let campaign = try Campaign("fuzz-correct-\(jobs)")
            defer { FreePort.stopProcesses(listeningOn: campaign.port) }
            let outcome = try CLI.run(
                campaign.fuzzArguments(nil, seed: "5", inputs: "1500", jobs: jobs, Self.patient), timeout: 1800)
            #expect(outcome.status == 0, "\(outcome.output)")
            let found = try campaign.savedFindings()
            #expect(found == [], "no false positives")
            reports.append(try campaign.report())
            corpora.append(try FileManager.default.contentsOfDirectory(atPath: campaign.corpus).filter { $0.hasSuffix(".json") }.sorted())
        }
        #expect(corpora[0] == corpora[1] && !corpora[0].isEmpty, "the working corpus grew identically")
        let mutators = reports.map { ($0["mutators"] as? [String: [String: Int]])?.mapValues { $0["inputs"] ?? 0 } ?? [:] }
        #expect(mutators[0] == mutators[1] && !mutators[0].isEmpty, "the same mutations were applied")
    }

    @Test("permessage-deflate by default: the deflate-reset-context fault is found and replays; --no-deflate offers nothing")
    func deflate() throws {
        let campaign = try Campaign("fuzz-deflate")
        defer { FreePort.stopProcesses(listeningOn: campaign.port) }
        let outcome = try CLI.run(
            campaign.fuzzArguments("deflate-reset-context", seed: "1", inputs: "300", Self.patient + Self.unhurried), timeout: 1800)
        #expect(outcome.status == 1, "\(outcome.output)")
        let file = try #require(try campaign.savedFindings().first { $0.hasPrefix("protocol_valid_closed-1002") }, "\(outcome.output)")
        let saved = campaign.findings.appendingPathComponent(file)
        let text = try String(contentsOf: saved, encoding: .utf8)
        #expect(text.contains("permessage-deflate") && text.contains(#""rsv1" : true"#), "the finding offers the extension and compresses")
        let replay = try CLI.run(["replay", saved.path, campaign.url, "--exec", campaign.exec("deflate-reset-context")], timeout: 600)
        #expect(replay.status == 1 && replay.output.contains("reproduced"), "\(replay.output)")

        // Without the extension, the fault has nothing to act on.
        let plain = try Campaign("fuzz-no-deflate")
        defer { FreePort.stopProcesses(listeningOn: plain.port) }
        let none = try CLI.run(
            [
                "fuzz", plain.url, "--exec", plain.exec("deflate-reset-context"), "--seed", "1", "--inputs", "300", "--jobs", "4",
                "--no-deflate", "--corpus", plain.corpus, "--report-dir", plain.reports.path,
            ] + Self.patient, timeout: 1800)
        #expect(none.status == 0, "\(none.output)")
        let mutators = (try plain.report()["mutators"] as? [String: Any]) ?? [:]
        #expect(!mutators.isEmpty && mutators.keys.allSatisfy { !$0.hasPrefix("deflate-") }, "\(mutators.keys.sorted())")
    }

    @Test("a fuzzer killed with SIGKILL loses no finding it reported")
    func killed() throws {
        try Tools.requireWsconform()
        let campaign = try Campaign("fuzz-kill")
        defer { FreePort.stopProcesses(listeningOn: campaign.port) }
        let fuzz = try Subprocess(
            Tools.wsconform,
            campaign.fuzzArguments("crash-on-input", seed: "1", inputs: "100000"))
        defer { fuzz.stop() }
        // The finding is reported once its file is durable: the line is the event to wait for,
        // and the kill may land anywhere after it (inside another write, say).
        let saved = fuzz.waitForLine(timeout: 1800) { $0.hasPrefix("  saved: ") }
        kill(fuzz.process.processIdentifier, SIGKILL)
        #expect(fuzz.waitForExit(timeout: 60) != nil)
        let path = String(try #require(saved, "no finding reported: \(fuzz.printed)").dropFirst("  saved: ".count))
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let finding = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(finding["signature"] is String && finding["script"] != nil)
        for name in try campaign.savedFindings() {
            let contents = try Data(contentsOf: campaign.findings.appendingPathComponent(name))
            #expect((try? JSONSerialization.jsonObject(with: contents)) != nil, "\(name) is whole")
        }
    }
}

/// Fuzzing a target wsconform cannot restart (no `--exec`), as a nightly job against staging
/// does: a supervisor brings the target back (`--restart-wait`) and the finding is searched
/// for and minimised against it; a target that never comes back leaves a finding holding
/// every input in flight, which `replay` walks one at a time.
@Suite("CLI: fuzz and replay without --exec", .serialized)
struct FuzzWithoutExecTests {
    /// A shell loop that starts `serve` again a second after it exits (at most 30 times), as a
    /// supervisor restarts a crashed staging server; stopped by its PID and its port.
    final class Supervisor {
        let shell: Subprocess
        let port: UInt16
        var url: String { "ws://127.0.0.1:\(port)/" }

        init(fault: String) throws {
            port = try FreePort.pick()
            let serve = "'\(Tools.wsconform)' serve --host 127.0.0.1 --port \(port) --fault \(fault)"
            shell = try Subprocess("/bin/sh", ["-c", "trap 'exit 0' TERM; for i in $(seq 30); do \(serve); sleep 1; done"])
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline, !Self.serving(port) { usleep(50_000) }
        }

        static func serving(_ port: UInt16) -> Bool {
            (try? CLI.run(["probe", "ws://127.0.0.1:\(port)/"], timeout: 10))?.status == 0
        }

        func stop() {
            kill(shell.process.processIdentifier, SIGTERM)
            FreePort.stopProcesses(listeningOn: port)
            shell.stop()
            FreePort.stopProcesses(listeningOn: port)
        }

        deinit { stop() }
    }

    static func arguments(_ url: String, _ campaign: FuzzCommandTests.Campaign, inputs: String, _ extra: [String]) -> [String] {
        [
            "fuzz", url, "--seed", "1", "--inputs", inputs, "--jobs", "4", "--corpus", campaign.corpus, "--report-dir",
            campaign.reports.path,
        ] + extra
    }

    static func finding(_ campaign: FuzzCommandTests.Campaign, _ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: campaign.findings.appendingPathComponent(name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("a supervised target: the crash is waited out, searched back and minimised; replay names the Close with code 1005")
    func supervisedCrash() throws {
        try Tools.requireWsconform()
        let supervisor = try Supervisor(fault: "crash-on-input")
        defer { supervisor.stop() }
        let campaign = try FuzzCommandTests.Campaign("fuzz-supervised")
        let outcome = try CLI.run(
            Self.arguments(
                supervisor.url, campaign, inputs: "3000",
                ["--restart-wait", "20s"] + FuzzCommandTests.patient + FuzzCommandTests.unhurried), timeout: 1800)
        #expect(outcome.status == 1, "\(outcome.output)")
        let saved = try campaign.savedFindings()
        #expect(saved.contains("liveness_close-code-not-allowed_crashed.json"), "\(saved) \(outcome.output)")
        let finding = try Self.finding(campaign, "liveness_close-code-not-allowed_crashed.json")
        let steps = ((finding["script"] as? [String: Any])?["steps"] as? [Any])?.count
        #expect(steps == 1, "minimised to the Close alone")
        #expect(finding["suspects"] == nil)

        let faulty = try ServeProcess(["--fault", "crash-on-input"])
        defer { faulty.stop() }
        let replay = try CLI.run(["replay", campaign.findings.path, faulty.url], timeout: 600)
        #expect(replay.status == 1, "\(replay.output)")
        #expect(replay.output.contains("reproduced") && replay.output.contains("(1005)"), "\(replay.output)")
    }

    @Test("a target that never comes back: every input in flight saved; replay finds the Close with code 1005 among them, never fixed")
    func crashNeverBack() throws {
        try Tools.requireWsconform()
        let server = try ServeProcess(["--fault", "crash-on-input"])
        defer { server.stop() }
        let campaign = try FuzzCommandTests.Campaign("fuzz-gone")
        let started = Date()
        let outcome = try CLI.run(
            Self.arguments(server.url, campaign, inputs: "3000", ["--restart-wait", "2s"] + FuzzCommandTests.patient), timeout: 1800)
        #expect(outcome.status == 1, "a loss of service is a finding: \(outcome.output)")
        #expect(outcome.output.contains("could not be brought back"), "\(outcome.output)")
        #expect(Date().timeIntervalSince(started) < 600)
        let finding = try Self.finding(campaign, "liveness_unattributed_crashed.json")
        let suspects = try #require(finding["suspects"] as? [[String: Any]])
        #expect(suspects.count > 1, "every input in flight, not the last alone")

        // The campaign's last input is not the one that crashed it: a replay of it alone would
        // say fixed. Walking the suspects finds the Close with code 1005.
        let faulty = try ServeProcess(["--fault", "crash-on-input"])
        defer { faulty.stop() }
        let replay = try CLI.run(["replay", campaign.findings.path, faulty.url], timeout: 600)
        #expect(replay.status == 1, "\(replay.output)")
        #expect(replay.output.contains("reproduced") && replay.output.contains("(1005)"), "\(replay.output)")
        #expect(replay.output.contains("suspect "), "\(replay.output)")

        // Against a correct server every suspect runs, alone and in order, before fixed is said.
        let correct = try ServeProcess()
        defer { correct.stop() }
        let clean = try CLI.run(["replay", campaign.findings.path, correct.url] + FuzzCommandTests.patient, timeout: 600)
        #expect(clean.status == 0, "\(clean.output)")
        #expect(clean.output.contains("after each of the \(suspects.count) suspects, alone and in order"), "\(clean.output)")
    }

    @Test("a hang that never clears: the suspects are saved and replay reproduces the hang")
    func hangNeverBack() throws {
        try Tools.requireWsconform()
        let server = try ServeProcess(["--fault", "hang-on-input"])
        defer { server.stop() }
        let campaign = try FuzzCommandTests.Campaign("fuzz-hung-gone")
        let outcome = try CLI.run(
            Self.arguments(server.url, campaign, inputs: "300", ["--restart-wait", "1s", "--reaction-timeout", "5s"]), timeout: 1800)
        #expect(outcome.status == 1, "\(outcome.output)")
        let saved = try campaign.savedFindings()
        let file = try #require(saved.first { $0.hasPrefix("liveness_unattributed_hung") }, "\(saved) \(outcome.output)")
        #expect(((try Self.finding(campaign, file))["suspects"] as? [Any])?.isEmpty == false)
        let faulty = try ServeProcess(["--fault", "hang-on-input"])
        defer { faulty.stop() }
        let replay = try CLI.run(
            ["replay", campaign.findings.appendingPathComponent(file).path, faulty.url, "--reaction-timeout", "5s"], timeout: 900)
        #expect(replay.status == 1, "\(replay.output)")
        #expect(replay.output.contains("reproduced"), "\(replay.output)")
    }

    @Test("--restart-wait takes a duration or 0")
    func restartWaitUsage() throws {
        try Tools.requireWsconform()
        let bad = try CLI.run(["fuzz", "ws://127.0.0.1:1/", "--restart-wait", "soon"])
        #expect(bad.status == 64 && bad.output.contains("--restart-wait"), "\(bad.output)")
    }
}
