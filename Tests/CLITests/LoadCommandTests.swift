import Foundation
import ProcessSupport
import Reports
import Testing

/// `wsconform load` end to end: against the reference server and servers written by others
/// every echo comes back exact; a server that corrupts echoes, a slow path and an unreachable
/// target each end as the policy says; shards merge into one report.
@Suite("CLI: load")
struct LoadCommandTests {
    static func report(_ directory: URL) throws -> LoadReport {
        try JSONDecoder().decode(LoadReport.self, from: Data(contentsOf: directory.appendingPathComponent("load-report.json")))
    }

    /// `wsconform load URL` with a short plan; the report and the outcome.
    static func load(_ url: String, _ name: String, _ extra: [String] = []) throws -> (LoadReport?, CLI.Outcome, URL) {
        let directory = try CLI.temporaryDirectory(name)
        let outcome = try CLI.run(
            ["load", url, "--connections", "100", "--ramp", "1s", "--hold", "2s", "--rate", "5", "--report-dir", directory.path] + extra,
            timeout: 120)
        return (try? Self.report(directory), outcome, directory)
    }

    /// Every connection opened, held, echoed exactly and closed with a closing handshake.
    static func expectClean(_ report: LoadReport, connections: Int = 100, _ comment: String) {
        #expect(report.totals.connectionsOpened == connections, "\(comment): \(report.errors)")
        #expect(report.totals.mostHeld == connections, "\(comment)")
        #expect(report.totals.errors == 0 && report.errors.isEmpty, "\(comment): \(report.errors)")
        #expect(report.totals.echoesChecked == report.totals.messagesSent && report.totals.echoesChecked >= connections * 5, "\(comment)")
        #expect(report.totals.closedCleanly == connections, "\(comment)")
        #expect(report.latency.count == UInt64(report.totals.echoesChecked) && report.latency.p99 != nil, "\(comment)")
        #expect(report.handshake.count == UInt64(connections), "\(comment)")
    }

    @Test("the reference server: 100 connections, every echo exact, every format written, the policy held")
    func referenceServer() throws {
        let server = try ServeProcess()
        defer { server.stop() }
        let (report, outcome, directory) = try Self.load(
            server.url, "load-ok", ["--max-errors", "0", "--format", "json,html,junit,md,openmetrics", "--header", "Authorization: Bearer s3cr3t"])
        #expect(outcome.status == 0, "\(outcome.output)")
        let loaded = try #require(report)
        Self.expectClean(loaded, "serve")
        #expect(loaded.verdicts.map(\.name) == ["errors"] && loaded.passed)
        #expect(loaded.seconds.count >= 3 && loaded.seconds.contains { $0.held == 100 })
        for file in ["load-report.json", "load-report.html", "load-junit.xml", "load-summary.md", "load-metrics.prom"] {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("s3cr3t"), "\(file) leaks the credential")
        }
        #expect(outcome.output.contains("100 connections held"))
    }

    @Test("servers written by others echo every message exactly under load", arguments: ["websockets", "node-ws"])
    func realServers(peer: String) throws {
        let server = try PeerServer(peer)
        defer { server.stop() }
        let (report, outcome, _) = try Self.load("ws://127.0.0.1:\(server.port)/", "load-\(peer)", ["--max-errors", "0"])
        #expect(outcome.status == 0, "\(outcome.output)")
        Self.expectClean(try #require(report), peer)
    }

    @Test("a server that corrupts echoes: wrong-echo errors, and --max-errors 0 fails the run")
    func corruptEchoes() throws {
        let server = try ServeProcess(["--fault", "corrupt-echo"])
        defer { server.stop() }
        let (report, outcome, directory) = try Self.load(server.url, "load-corrupt", ["--max-errors", "0", "--format", "json,junit"])
        #expect(outcome.status == 1, "\(outcome.output)")
        let loaded = try #require(report)
        // Each connection's first echo is wrong; the connection is dropped on it.
        #expect(loaded.errors["wrong-echo"] == 100 && loaded.totals.echoesChecked == 0, "\(loaded.errors)")
        // The first three say which connection, which message and which octet, with the octets.
        let examples = try #require(loaded.errorExamples?["wrong-echo"])
        #expect(examples.count == 3, "\(examples)")
        #expect(
            examples.allSatisfy { $0.wholeMatch(of: /connection \d+: the echo of message 1 \((text|binary), \d+ octets\) differs from octet \d+: [0-9a-f]+ where [0-9a-f]+ was sent/) != nil },
            "\(examples)")
        #expect(try String(contentsOf: directory.appendingPathComponent("load-junit.xml"), encoding: .utf8).contains("<failure"))
    }

    @Test("a p99 bound the path cannot meet fails the run; the p50 is the path's round trip")
    func latencyPolicy() throws {
        let server = try ServeProcess()
        defer { server.stop() }
        let proxy = try LatencyTests.LatencyProxy(upstream: server.port, delay: 30)
        let (report, outcome, _) = try Self.load(proxy.url, "load-slow", ["--connections", "20", "--p99", "20ms"])
        #expect(outcome.status == 1, "\(outcome.output)")
        let loaded = try #require(report)
        // 30 ms each way: no echo can take less than 60 ms.
        #expect((loaded.latency.p50 ?? 0) >= 60_000)
        #expect(loaded.verdicts.first?.passed == false && loaded.verdicts.first?.name == "p99")
        #expect(outcome.output.contains("FAILED p99"))
    }

    @Test("two shards merge into one report of every connection")
    func shards() throws {
        let server = try ServeProcess()
        defer { server.stop() }
        let (first, firstOutcome, firstDirectory) = try Self.load(server.url, "load-shard-0", ["--shard", "0/2"])
        let (second, secondOutcome, secondDirectory) = try Self.load(server.url, "load-shard-1", ["--shard", "1/2"])
        #expect(firstOutcome.status == 0 && secondOutcome.status == 0)
        #expect(first?.totals.connectionsOpened == 50 && second?.totals.connectionsOpened == 50)
        let merged = try CLI.temporaryDirectory("load-merged")
        let outcome = try CLI.run([
            "load", "merge", firstDirectory.appendingPathComponent("load-report.json").path,
            secondDirectory.appendingPathComponent("load-report.json").path, "--report-dir", merged.path, "--format", "json,md",
        ])
        #expect(outcome.status == 0, "\(outcome.output)")
        let report = try Self.report(merged)
        #expect(report.shards == ["0/2", "1/2"] && report.totals.connectionsOpened == 100)
        #expect(report.latency.count == (first?.latency.count ?? 0) + (second?.latency.count ?? 0))
        let again = try CLI.run(["load", "merge", firstDirectory.appendingPathComponent("load-report.json").path,
            firstDirectory.appendingPathComponent("load-report.json").path, "--report-dir", merged.path])
        #expect(again.status == 64 && again.output.contains("twice"))
    }

    @Test("an unreachable target ends in seconds with exit 2; bad options are usage errors")
    func failures() throws {
        let port = try FreePort.pick()
        let started = Date()
        let (report, outcome, _) = try Self.load("ws://127.0.0.1:\(port)/", "load-unreachable", ["--connections", "10", "--ramp", "0", "--hold", "1s"])
        #expect(outcome.status == 2, "\(outcome.output)")
        #expect(report?.errors["refused"] == 10)
        #expect(Date().timeIntervalSince(started) < 30)
        for bad in [["--sizes", "64:x"], ["--shard", "2/2"], ["--rate", "-1"], ["--connections", "0"]] {
            let usage = try CLI.run(["load", "ws://127.0.0.1:1/"] + bad)
            #expect(usage.status == 64, "\(bad): \(usage.output)")
        }
    }

    @Test("load --exec samples the launched target and checks its shutdown after the load")
    func launched() throws {
        let port = try FreePort.pick()
        defer { FreePort.stopProcesses(listeningOn: port) }
        let (report, outcome, _) = try Self.load(
            "ws://127.0.0.1:\(port)/", "load-exec", ["--connections", "50", "--exec", "'\(Tools.wsconform)' serve --port \(port)"])
        #expect(outcome.status == 0, "\(outcome.output)")
        let loaded = try #require(report)
        Self.expectClean(loaded, connections: 50, "serve --exec")
        let peak = try #require(loaded.measurements.first { $0.id == "process.peak-resident-octets" })
        #expect((peak.value ?? 0) > 0 && peak.status == .ok)
        #expect(loaded.measurements.first { $0.id == "process.shutdown-close" }?.status == .ok)
        #expect(loaded.launched?.ended == "exited with code 0")
    }

    @Test("--deflate: every connection compressed, every echo inflated and exact, on serve and two others", arguments: ["serve", "websockets", "node-ws"])
    func compressed(peer: String) throws {
        let serve = peer == "serve" ? try ServeProcess() : nil
        let other = peer == "serve" ? nil : try PeerServer(peer)
        defer {
            serve?.stop()
            other?.stop()
        }
        let url = serve?.url ?? "ws://127.0.0.1:\(other!.port)/"
        let (report, outcome, _) = try Self.load(url, "load-deflate-\(peer)", ["--connections", "40", "--deflate", "--sizes", "64:5,4096:3,32768:1"])
        #expect(outcome.status == 0, "\(outcome.output)")
        let loaded = try #require(report)
        Self.expectClean(loaded, connections: 40, "\(peer) --deflate")
        #expect(loaded.totals.compressedConnections == 40 && loaded.plan.compressed)
    }

    @Test("--deflate against a server that breaks RFC 7692: a bad answer, or a context kept after agreeing not to")
    func compressionFaults() throws {
        let dropped = try ServeProcess(["--fault", "drop-server-no-context-takeover"])
        defer { dropped.stop() }
        let (refused, refusedOutcome, _) = try Self.load(dropped.url, "load-deflate-answer", ["--connections", "20", "--deflate"])
        #expect(refusedOutcome.status == 2, "no connection opened: \(refusedOutcome.output)")
        #expect(refused?.errors == ["deflate-negotiation": 20])
        let kept = try ServeProcess(["--fault", "ignore-server-no-context-takeover"])
        defer { kept.stop() }
        let (wrong, _, _) = try Self.load(kept.url, "load-deflate-context", ["--connections", "20", "--deflate", "--max-errors", "0"])
        // Its second compressed message refers back into the first: inflated fresh, it is not the message sent.
        #expect((wrong?.errors["wrong-echo"] ?? 0) > 0, "\(wrong?.errors ?? [:])")
    }
}
