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
