import Cases
import Testing

@testable import Configuration

/// Importing Autobahn|Testsuite's fuzzingclient.json: the mapping, the warnings, and format detection.
@Suite("Autobahn fuzzingclient.json import")
struct AutobahnImportTests {
    @Test("a real-shaped fuzzingclient.json maps to targets, globs, per-agent excludes and the report directory")
    func realShaped() throws {
        let plan = try RunPlan(parsing: try ConfigFixtures.bytes("fuzzingclient.json"), file: "fuzzingclient.json")
        #expect(plan.format == .autobahn)
        #expect(
            plan.targets == [
                RunPlan.Target(url: "ws://127.0.0.1:9001", agent: "AutobahnPython"),
                RunPlan.Target(url: "ws://127.0.0.1:9002/ws", agent: "Tornado/6.4", excludeCases: ["6.4.*", "7.1.6", "12.2.*"]),
                RunPlan.Target(url: "ws://localhost:9003", agent: "websockets"),
            ])
        #expect(plan.cases == ["*"])
        #expect(plan.exclude == ["9.*", "12.*", "13.*"])
        #expect(plan.reportDirectory == "./reports/servers")
        #expect(plan.jobs == nil && plan.formats == nil && plan.strict == nil && plan.tls == nil)
        let failByDrop =
            "wsconform fails a connection as RFC 6455 §7.1.7 says and judges how the server closed on the close axis; there is no switch"
        let version = "wsconform speaks RFC 6455 only (Sec-WebSocket-Version: 13, RFC 6455 §4.1)"
        #expect(
            plan.warnings == [
                "fuzzingclient.json: options.failByDrop: ignored: \(failByDrop)",
                "fuzzingclient.json: servers[0].options.version: ignored: \(version)",
                "fuzzingclient.json: servers[1].options.version: ignored: \(version)",
                "fuzzingclient.json: exclude-agent-cases[\"nginx*\"]: ignored: no server's agent matches \"nginx*\"",
            ])
    }

    @Test("the imported plan selects what Autobahn would, less the cases wsconform lacks")
    func selection() throws {
        let plan = try RunPlan(contentsOfFile: ConfigFixtures.path("fuzzingclient.json"))
        let tornado = plan.selection(for: plan.targets[1]).apply(to: Catalogue.all)
        let python = plan.selection(for: plan.targets[0]).apply(to: Catalogue.all)
        #expect(!python.contains { $0.autobahn?.hasPrefix("9.") == true })
        #expect(python.contains { $0.autobahn == "6.4.1" } && !tornado.contains { $0.autobahn == "6.4.1" || $0.autobahn == "7.1.6" })
        #expect(
            python.count - tornado.count == Catalogue.all.filter { $0.autobahn?.hasPrefix("6.4.") == true || $0.autobahn == "7.1.6" }.count)
    }

    @Test("a pattern with * matches from the start of an id, as in Autobahn")
    func prefixPatterns() throws {
        let plan = try ConfigFixtures.parse(#"{"servers": [{"agent": "a", "url": "ws://h/"}], "cases": ["6.*.1", "7.1.1"]}"#)
        #expect(plan.cases == ["6.*.1*", "7.1.1"])
        let selected = plan.selection(for: plan.targets[0]).apply(to: Catalogue.all).compactMap(\.autobahn)
        #expect(selected.contains("6.1.1") && selected.contains("7.1.1") && !selected.contains("6.1.2"))
    }

    @Test("a file whose every case pattern is missing from the catalogue is an error, not a run of everything")
    func nothingLeft() {
        #expect(
            ConfigFixtures.error(#"{"servers": [{"agent": "a", "url": "ws://h/"}], "cases": ["14.*", "15.*"]}"#)
                == "config.json: cases: no pattern matches a case wsconform has")
    }

    @Test("unknown keys are warnings; missing servers, bad URLs and wrong types are errors")
    func leniency() throws {
        let plan = try ConfigFixtures.parse(#"{"servers": [{"agent": "a", "url": "ws://h/", "hostname": "h"}], "webport": 8080}"#)
        #expect(
            plan.warnings == [
                "config.json: webport: ignored: not a fuzzingclient setting wsconform knows",
                "config.json: servers[0].hostname: ignored: not a server setting wsconform knows",
            ])
        #expect(ConfigFixtures.error(#"{"outdir": "r"}"#) == "config.json: servers: missing: at least one server is required")
        #expect(ConfigFixtures.error(#"{"servers": []}"#) == "config.json: servers: at least one server is required")
        #expect(
            ConfigFixtures.error(#"{"servers": [{"url": "tcp://h"}]}"#)
                == "config.json: servers[0].url: \"tcp://h\" is not a ws:// or wss:// URL")
        #expect(
            ConfigFixtures.error(#"{"servers": [{"url": "ws://h", "agent": 3}]}"#)
                == "config.json: servers[0].agent: expected a string, found a number")
        #expect(
            ConfigFixtures.error(#"{"servers": [{"url": "ws://h"}], "cases": "*"}"#)
                == "config.json: cases: expected an array, found a string")
    }

    @Test(
        "the format is told by its keys",
        arguments: [
            (#"{"servers": []}"#, ConfigFormat.autobahn),
            (#"{"outdir": "x", "cases": ["*"]}"#, .autobahn),
            (#"{"exclude-agent-cases": {}}"#, .autobahn),
            (#"{"targets": []}"#, .wsconform),
            (#"{"schemaVersion": 1, "servers": []}"#, .wsconform),
            (#"{"cases": ["*"]}"#, .wsconform),
            ("{}", .wsconform),
        ])
    func detection(text: String, format: ConfigFormat) throws {
        #expect(ConfigFormat.detect(try JSONParser.parse(Array(text.utf8))) == format)
    }
}
