import Cases
import Foundation
import Reports
import Testing

@testable import Configuration

/// wsconform's own config format: the documented full example, and one exact message per kind of mistake.
@Suite("Config files in wsconform's format")
struct RunPlanTests {
    @Test("the full example parses to every setting, header fields in file order")
    func fullExample() throws {
        let plan = try RunPlan(contentsOfFile: ConfigFixtures.path("wsconform.json"))
        let expected = RunPlan(
            targets: [
                RunPlan.Target(
                    url: "wss://staging.example/ws", agent: "staging",
                    headers: [
                        RunPlan.HeaderField(name: "Authorization", value: "Bearer t0ken"),
                        RunPlan.HeaderField(name: "X-Trace", value: "nightly"),
                        RunPlan.HeaderField(name: "Cookie", value: "session=abc"),
                    ],
                    origin: "https://staging.example", subprotocols: ["chat", "superchat"], excludeCases: ["masking.*"]),
                RunPlan.Target(
                    url: "ws://127.0.0.1:9001/",
                    headers: [RunPlan.HeaderField(name: "X-Env", value: "local"), RunPlan.HeaderField(name: "X-Trace", value: "nightly")]),
            ],
            cases: ["*"], exclude: ["9.*", "utf8.*"], jobs: 16, timeoutScale: 2, strict: false, formats: [.json, .html, .junit, .autobahn],
            reportDirectory: "reports/nightly", baseline: "baseline.json",
            tls: RunPlan.TLS(
                caFile: "certs/ca.pem", insecure: false, certificateFile: "certs/client.pem", privateKeyFile: "certs/client-key.pem"),
            warnings: [], format: .wsconform)
        #expect(plan == expected)
    }

    @Test("a minimal file sets only its target and leaves every other setting unset")
    func minimal() throws {
        let plan = try ConfigFixtures.parse(#"{"targets": [{"url": "ws://127.0.0.1:9001"}]}"#)
        #expect(plan == RunPlan(targets: [RunPlan.Target(url: "ws://127.0.0.1:9001")]))
        #expect(plan.jobs == nil && plan.timeoutScale == nil && plan.strict == nil && plan.formats == nil && plan.tls == nil)
    }

    @Test("a target's selection adds its own excludes to the plan's")
    func selection() throws {
        let plan = try RunPlan(contentsOfFile: ConfigFixtures.path("wsconform.json"))
        let staging = plan.selection(for: plan.targets[0]).apply(to: Catalogue.all)
        let local = plan.selection(for: plan.targets[1]).apply(to: Catalogue.all)
        #expect(!staging.isEmpty && staging.count < local.count)
        #expect(!staging.contains { $0.category == "masking" || $0.category == "utf8" })
        #expect(!local.contains { $0.category == "utf8" })
    }

    @Test(
        "each mistake is one line naming the file and the JSON path",
        arguments: [
            (#"{"targets": [}"#, "config.json: invalid JSON at line 1, column 14: expected a value"),
            (
                #"{"targets": [{"url": "ws://h/"}], "targets": []}"#,
                "config.json: invalid JSON at line 1, column 35: duplicate member \"targets\""
            ),
            ("[]", "config.json: expected a JSON object at the top, found an array"),
            (
                #"{"targets": [{"url": "ws://h/"}], "timeoutScal": 2}"#,
                "config.json: timeoutScal: unknown key; did you mean \"timeoutScale\"?"
            ),
            (
                #"{"targets": [{"url": "ws://h/"}], "reportDirectory": "r"}"#,
                "config.json: reportDirectory: unknown key; did you mean \"reportDir\"?"
            ),
            (#"{"targets": [{"url": "ws://h/", "agnet": "a"}]}"#, "config.json: targets[0].agnet: unknown key; did you mean \"agent\"?"),
            (
                #"{"targets": [{"url": "ws://h/", "tls": {}}]}"#,
                "config.json: targets[0].tls: unknown key (known keys: url, agent, headers, origin, subprotocols, excludeCases)"
            ),
            (#"{"targets": [{"url": "ws://h/"}], "tls": {"caFil": "x"}}"#, "config.json: tls.caFil: unknown key; did you mean \"caFile\"?"),
            (
                #"{"targets": [{"url": "ws://h/"}], "zzz": 1}"#,
                "config.json: zzz: unknown key (known keys: schemaVersion, targets, cases, exclude, jobs, timeoutScale, strict, formats, reportDir, baseline, tls)"
            ),
            (#"{"targets": [{"url": "ws://h/"}, {"url": 5}]}"#, "config.json: targets[1].url: expected a string, found a number"),
            (#"{"targets": [{"url": "ws://h/"}], "jobs": "16"}"#, "config.json: jobs: expected an integer, found a string"),
            (#"{"targets": [{"url": "ws://h/"}], "jobs": 2.5}"#, "config.json: jobs: expected an integer, found 2.5"),
            (#"{"targets": [{"url": "ws://h/"}], "strict": 1}"#, "config.json: strict: expected true or false, found a number"),
            (#"{"targets": {"url": "ws://h/"}}"#, "config.json: targets: expected an array, found an object"),
            (
                #"{"targets": [{"url": "ws://h/", "headers": "X: y"}]}"#,
                "config.json: targets[0].headers: expected an object of fields or a list of \"Name: value\" strings, found a string"
            ),
            (#"{"targets": [{"url": "http://h/"}]}"#, "config.json: targets[0].url: \"http://h/\" is not a ws:// or wss:// URL"),
            (#"{"targets": [{"url": "ws:/h"}]}"#, "config.json: targets[0].url: \"ws:/h\" is not a ws:// or wss:// URL with a host"),
            (#"{"targets": [{"agent": "a"}]}"#, "config.json: targets[0].url: missing: every target needs a ws:// or wss:// URL"),
            (#"{"targets": []}"#, "config.json: targets: at least one target is required"),
            (#"{"jobs": 4}"#, "config.json: targets: missing: at least one target is required"),
            (#"{"targets": [{"url": "ws://h/"}], "jobs": 0}"#, "config.json: jobs: 0 is out of range 1...512"),
            (#"{"targets": [{"url": "ws://h/"}], "jobs": 513}"#, "config.json: jobs: 513 is out of range 1...512"),
            (#"{"targets": [{"url": "ws://h/"}], "timeoutScale": 0}"#, "config.json: timeoutScale: 0 is out of range (0, 100]"),
            (#"{"targets": [{"url": "ws://h/"}], "timeoutScale": 100.5}"#, "config.json: timeoutScale: 100.5 is out of range (0, 100]"),
            (
                #"{"targets": [{"url": "ws://h/"}], "formats": ["json", "xml"]}"#,
                "config.json: formats[1]: unknown format \"xml\" (formats: json, html, junit, md, autobahn, openmetrics)"
            ),
            (
                #"{"targets": [{"url": "ws://h/"}], "formats": ["jsn"]}"#,
                "config.json: formats[0]: unknown format \"jsn\"; did you mean \"json\"? (formats: json, html, junit, md, autobahn, openmetrics)"
            ),
            (#"{"targets": [{"url": "ws://h/"}], "cases": ["framng.*"]}"#, "config.json: cases[0]: \"framng.*\" matches no case"),
            (
                #"{"targets": [{"url": "ws://h/", "excludeCases": ["14.*"]}]}"#,
                "config.json: targets[0].excludeCases[0]: \"14.*\" matches no case"
            ),
            (
                #"{"targets": [{"url": "ws://h/", "headers": {"Bad Name": "x"}}]}"#,
                "config.json: targets[0].headers[\"Bad Name\"]: \"Bad Name\" is not a valid header field name"
            ),
            (
                #"{"targets": [{"url": "ws://h/", "headers": ["X-A: 1\r\nX-B: 2"]}]}"#,
                "config.json: targets[0].headers[0]: a header field value may not contain CR, LF or NUL"
            ),
            (
                #"{"targets": [{"url": "ws://h/", "headers": ["no colon"]}]}"#,
                "config.json: targets[0].headers[0]: expected \"Name: value\", found \"no colon\""
            ),
            (
                #"{"targets": [{"url": "ws://h/", "subprotocols": ["a b"]}]}"#,
                "config.json: targets[0].subprotocols[0]: \"a b\" is not a valid subprotocol name (RFC 6455 §4.1)"
            ),
            (#"{"targets": [{"url": "ws://h/"}], "tls": {"cert": "c.pem"}}"#, "config.json: tls: cert and key go together"),
            (
                #"{"schemaVersion": 2, "targets": [{"url": "ws://h/"}]}"#,
                "config.json: schemaVersion: unsupported version 2 (this wsconform reads version 1)"
            ),
        ])
    func mistakes(text: String, message: String) {
        #expect(ConfigFixtures.error(text) == message)
    }

    @Test("an unreadable file is an error naming it")
    func unreadable() {
        #expect(throws: ConfigError(file: "/nonexistent/wsconform.json", path: "", message: "cannot read the file: no such file")) {
            try RunPlan(contentsOfFile: "/nonexistent/wsconform.json")
        }
        let directory = ConfigFixtures.path("")
        #expect(throws: ConfigError(file: directory, path: "", message: "cannot read the file: it is a directory")) {
            try RunPlan(contentsOfFile: directory)
        }
    }

    @Test("null reads as unset, and the schema version may be left out")
    func nullIsUnset() throws {
        let plan = try ConfigFixtures.parse(
            #"{"targets": [{"url": "WSS://H:8443/x", "agent": null}], "jobs": null, "tls": {"insecure": true}}"#)
        #expect(plan.targets == [RunPlan.Target(url: "WSS://H:8443/x")])
        #expect(plan.jobs == nil)
        #expect(plan.tls == RunPlan.TLS(insecure: true))
    }
}

extension RunPlanTests {
    @Test("the full example validates against docs/config.schema.json, and a broken one does not")
    func schema() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let python = ProcessInfo.processInfo.environment["WSCONFORM_PYTHON"] ?? root.path + "/.venv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            Issue.record("no Python with jsonschema at \(python): run scripts/install-deps, which installs it")
            return
        }
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            good = json.load(open(sys.argv[2]))
            jsonschema.validate(good, schema)
            bad = dict(good, jobs=0)
            sys.exit(0 if not jsonschema.Draft202012Validator(schema).is_valid(bad) else 3)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, root.path + "/docs/config.schema.json", ConfigFixtures.path("wsconform.json")]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
