import Cases
import Foundation
import ProcessSupport
import Testing

@testable import Reports

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The fuzz campaign report in its four formats: golden files for each writer, the JSON schema,
/// the JUnit schema, escaping of hostile server output, and identical bytes for identical campaigns.
@Suite("Fuzz campaign report writers")
struct FuzzReportTests {
    static let url = "ws://127.0.0.1:9001/"

    /// A finding's script as the fuzzer saves it: one frame with opcode 0x3, masked.
    static let reservedOpcodeScript = """
        {
          "handshake" : {
            "standard" : [

            ]
          },
          "note" : "minimised from input 4711",
          "schemaVersion" : 1,
          "steps" : [
            {
              "frame" : {
                "fin" : true,
                "lengthEncoding" : "minimal",
                "mask" : true,
                "maskingKey" : "37fa213d",
                "opcode" : 3,
                "payload" : "48656c6c6f",
                "rsv1" : false,
                "rsv2" : false,
                "rsv3" : false
              }
            }
          ]
        }

        """

    /// Three findings (a protocol finding, a liveness crash, a known process exit with the
    /// server's stderr tail), a replay of three saved findings, and coverage of mutators and reactions.
    static var sample: FuzzReport {
        let findings = [
            FuzzFinding(
                oracle: "protocol", rule: "reserved-opcode", reaction: "echoed", isNew: true, ruleSection: "RFC 6455 §5.2",
                ruleSentence: "If an unknown opcode is received, the receiving endpoint MUST _Fail the WebSocket Connection_.",
                expected: "fail the connection: Close 1002, or drop TCP", observed: "echoed a frame with opcode 0x3 and 5 octets",
                stepsBefore: 6, stepsAfter: 1, mutators: ["header.opcode-reserved", "timing.chop-1"], script: reservedOpcodeScript,
                path: "corpus/findings/protocol_reserved-opcode_echoed.json",
                reproduction: "wsconform replay corpus/findings/protocol_reserved-opcode_echoed.json \(url)",
                transcript: ReportFixtures.connect + [
                    TranscriptEntry(
                        micros: 1_460, kind: .sent, text: "wrote 11 octets", offset: 177, octets: 11, hex: "838537fa213d7f9f4d5152"),
                    TranscriptEntry(micros: 1_530, kind: .received, text: "read 7 octets", offset: 129, octets: 7, hex: "830548656c6c6f"),
                    TranscriptEntry(micros: 1_600, kind: .note, text: "reaction: echoed \(ReportFixtures.hostile)"),
                ], traceId: "4bf92f3577b34da6a3ce929d0e0e4736"),
            FuzzFinding(
                oracle: "liveness", rule: "control-frame-too-long", reaction: "crashed", isNew: true, ruleSection: "RFC 6455 §5.5",
                ruleSentence: "All control frames MUST have a payload length of 125 bytes or less and MUST NOT be fragmented.",
                expected: "a control exchange on a fresh connection succeeds within 2 s",
                observed: "connect: connection refused <after> \"ping\" of 126 octets & close", stepsBefore: 9, stepsAfter: 2,
                mutators: ["length.boundary-126"], script: "{\"schemaVersion\":1,\"steps\":[]}\n",
                path: "corpus/findings/liveness_control-frame-too-long_crashed.json",
                reproduction: "wsconform replay corpus/findings/liveness_control-frame-too-long_crashed.json \(url)"),
            FuzzFinding(
                oracle: "process", rule: nil, reaction: "crashed", isNew: false, expected: "the server keeps running",
                observed: "exited on signal 11 (SIGSEGV)", stepsBefore: 3, stepsAfter: 3, mutators: ["havoc.bytes"],
                script: "{\"schemaVersion\":1,\"steps\":[]}\n", path: "corpus/findings/process_valid_crashed.json",
                reproduction: "wsconform replay corpus/findings/process_valid_crashed.json \(url)",
                processOutput: "listening on :9001\nframe.c:212: inflate: buffer overrun\nSegmentation fault (core dumped)\n"),
        ]
        let replay = FuzzReplay(results: [
            FuzzReplayResult(
                path: "corpus/findings/protocol_reserved-bits_echoed.json", signature: "protocol/reserved-bits/echoed",
                outcome: .reproduced,
                observed: "echoed a frame with RSV2 set", traceId: "0af7651916cd43dd8448eb211c80319c"),
            FuzzReplayResult(
                path: "corpus/findings/protocol_invalid-utf8-text_echoed.json", signature: "protocol/invalid-utf8-text/echoed",
                outcome: .changed, observed: "closed with 1002 where 1007 is required"),
            FuzzReplayResult(
                path: "corpus/findings/protocol_close-body-one-byte_silent.json", signature: "protocol/close-body-one-byte/silent",
                outcome: .fixed, observed: "closed with 1002"),
        ])
        return FuzzReport(
            toolVersion: "0.1.0", startedAt: "2026-11-25T18:00:00Z", durationSeconds: 60.5,
            commandLine: [
                "fuzz", url, "--seed", "42", "--shard", "2/8", "--duration", "60", "--header", "Authorization: Bearer s3cr3t",
            ],
            seed: 42, shard: "2/8",
            target: FuzzTarget(url: url, facts: TargetFacts(server: "wsconform-serve/0.1.0")), incomplete: false,
            budget: FuzzBudget(inputs: 100_000, durationSeconds: 60),
            totals: FuzzTotals(
                inputsRun: 12_100, inputsPerSecond: 200, validInputs: 4_000, invalidInputs: 8_100, livenessChecks: 121, restarts: 1,
                corpusSizeAtStart: 327, corpusSizeAtEnd: 341),
            replay: replay,
            mutators: [
                "header.opcode-reserved": FuzzMutatorUse(inputs: 1_500, findings: 1),
                "timing.chop-1": FuzzMutatorUse(inputs: 2_200, findings: 1),
                "length.boundary-126": FuzzMutatorUse(inputs: 1_500, findings: 1),
                "havoc.bytes": FuzzMutatorUse(inputs: 3_000, findings: 1),
                "utf8.overlong": FuzzMutatorUse(inputs: 900),
            ],
            reactions: ["echoed": 4_100, "closed-1002": 6_000, "closed-1007": 1_200, "dropped": 700, "refused-400": 95, "crashed": 5],
            findings: findings)
    }

    static func check(
        _ reporter: any Reporter<FuzzReport>, _ report: FuzzReport = sample, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try GoldenFile.check(try reporter.render(report), reporter.fileName, sourceLocation: sourceLocation)
    }

    static func text(_ reporter: any Reporter<FuzzReport>, _ report: FuzzReport) throws -> String {
        String(decoding: try reporter.render(report), as: UTF8.self)
    }

    static let writers: [any Reporter<FuzzReport>] = [FuzzJSONReporter(), FuzzHTMLReporter(), FuzzJUnitReporter(), FuzzMarkdownReporter()]

    @Test("the JSON fuzz report matches its golden file") func json() throws { try Self.check(FuzzJSONReporter()) }
    @Test("the HTML fuzz report matches its golden file") func html() throws { try Self.check(FuzzHTMLReporter()) }
    @Test("the JUnit fuzz report matches its golden file") func junit() throws { try Self.check(FuzzJUnitReporter()) }
    @Test("the Markdown fuzz summary matches its golden file") func markdown() throws { try Self.check(FuzzMarkdownReporter()) }

    @Test("a finding's signature is oracle/rule/reaction, with valid for an input that broke no rule")
    func signatures() throws {
        let findings = Self.sample.findings
        #expect(
            findings.map(\.signature) == [
                "protocol/reserved-opcode/echoed", "liveness/control-frame-too-long/crashed", "process/valid/crashed",
            ])
        #expect(findings[0].ruleTitle == "reserved-opcode (RFC 6455 §5.2)" && findings[2].ruleTitle == "valid input")
        let replay = try #require(Self.sample.replay)
        #expect((replay.reproduced, replay.changed, replay.fixed) == (1, 1, 1))
    }

    @Test("the JSON fuzz report reads back as the same campaign, keys sorted, with its schema version")
    func jsonRoundTrip() throws {
        let data = try FuzzJSONReporter().render(Self.sample)
        let decoded = try JSONDecoder().decode(FuzzReport.self, from: data)
        #expect(decoded.findings == Self.sample.findings && decoded.replay == Self.sample.replay)
        #expect(decoded.mutators == Self.sample.mutators && decoded.reactions == Self.sample.reactions)
        #expect(decoded.totals == Self.sample.totals && decoded.seed == 42 && decoded.shard == "2/8")
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == FuzzReport.currentSchemaVersion)
        let text = String(decoding: data, as: UTF8.self)
        let keys = ["budget", "commandLine", "durationSeconds", "findings", "incomplete", "mutators"].map { "\n  \"\($0)\" :" }
        let positions = keys.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == keys.count && positions == positions.sorted(), "top-level keys are sorted")
    }

    @Test("the JSON fuzz report validates against docs/fuzz-report.schema.json, and the schema rejects broken reports")
    func schemaValidates() throws {
        let schema = ReportsTests.packageRoot.path + "/docs/fuzz-report.schema.json"
        let validate = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            failures = []
            for path in sys.argv[2:]:
                errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(path))))
                failures.append("invalid" if errors else "valid")
            print(" ".join(failures))
            """
        var minimal = Self.sample
        (minimal.replay, minimal.shard, minimal.mutators, minimal.reactions, minimal.findings) = (nil, nil, [:], [:], [])
        minimal.budget = FuzzBudget()
        var documents = [try FuzzJSONReporter().render(Self.sample), try FuzzJSONReporter().render(minimal)]
        let broken: [(inout [String: Any]) -> Void] = [
            { $0["findings"] = [["signature": "protocol/reserved-opcode/echoed"]] },
            { $0["reactions"] = ["<script>": 1] },
            {
                $0["replay"] = [
                    "reproduced": 0, "changed": 0, "fixed": 0,
                    "results": [["path": "p", "signature": "protocol/valid/echoed", "outcome": "gone", "observed": ""]],
                ]
            },
            { $0["schemaVersion"] = 2 },
            { $0.removeValue(forKey: "seed") },
        ]
        for breakIt in broken {
            var object = try #require(try JSONSerialization.jsonObject(with: documents[0]) as? [String: Any])
            breakIt(&object)
            documents.append(try JSONSerialization.data(withJSONObject: object))
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wsconform-fuzz-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try documents.enumerated().map { index, data in
            let file = directory.appendingPathComponent("\(index).json")
            try data.write(to: file)
            return file.path
        }
        let result = try VenvPython.run(["-c", validate, schema] + files)
        #expect(result.status == 0, "\(result.output)")
        let expected = ["valid", "valid"] + Array(repeating: "invalid", count: broken.count)
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == expected.joined(separator: " "), "\(result.output)")
    }

    @Test("the JUnit fuzz report is valid against docs/junit.xsd and counts a passing campaign and failing findings")
    func junitIsValid() throws {
        let xml = try FuzzJUnitReporter().render(Self.sample)
        let result = try JUnitSchemaTests.check(xml)
        #expect(result.status == 0, "\(result.output)")
        let counter = SuiteCounter()
        let parser = XMLParser(data: xml)
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.mismatches.isEmpty, "\(counter.mismatches)")
        // The campaign, three findings, three replayed findings; the fixed one passes.
        #expect(counter.testcases == 7 && counter.failures == 5 && counter.errors == 0)
        let text = String(decoding: xml, as: UTF8.self)
        #expect(text.contains("<testsuite name=\"fuzz\""))
        #expect(text.contains("name=\"campaign\"") && text.contains("12100 inputs run"))
        #expect(text.contains("reproduce: wsconform replay corpus/findings/protocol_reserved-opcode_echoed.json \(Self.url)"))
    }

    @Test("a campaign without findings still shows in CI as one passing testcase")
    func junitCleanCampaign() throws {
        var clean = Self.sample
        (clean.findings, clean.replay, clean.shard, clean.incomplete) = ([], nil, nil, true)
        let xml = try FuzzJUnitReporter().render(clean)
        let result = try JUnitSchemaTests.check(xml)
        #expect(result.status == 0, "\(result.output)")
        let text = String(decoding: xml, as: UTF8.self)
        #expect(text.contains("tests=\"1\" failures=\"0\" errors=\"0\""))
        #expect(text.contains("incomplete: the campaign was interrupted"))
        #expect(!text.contains("<failure"))
    }

    /// A report in which every text a server or a user controls tries to break out of its format.
    static var hostile: FuzzReport {
        let attack = "<script>alert(\"x\")</script> & ]]> ' | ` \u{1B}[31m"
        var report = sample
        report.target = FuzzTarget(url: "ws://127.0.0.1:9001/?q=<script>", agent: "agent \(attack)", facts: TargetFacts(server: attack))
        report.findings[0].observed = attack
        report.findings[0].expected = attack
        report.findings[1].script = "{\"note\": \"\(attack)\"}"
        report.findings[2].processOutput = "</pre>\(attack)\n```\nstill output"
        report.replay?.results[0].observed = attack
        report.mutators["mutator \(attack)"] = FuzzMutatorUse(inputs: 1)
        report.reactions["closed-\(attack)"] = 1
        return report
    }

    @Test("server output cannot inject markup into the HTML page")
    func htmlEscapesServerOutput() throws {
        let page = try Self.text(FuzzHTMLReporter(), Self.hostile)
        #expect(!page.contains("<script"), "the page has no script element, and none can be injected")
        #expect(!page.contains("</pre>alert") && !page.contains("</pre><script"))
        #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ]]&gt; &#39;"))
        #expect(page.contains("\\u{1B}[31m"), "control characters are shown, not passed through")
        #expect(!page.contains("\u{1B}"))
    }

    @Test("server output cannot break the JUnit XML or the Markdown tables")
    func junitAndMarkdownEscape() throws {
        let xml = try FuzzJUnitReporter().render(Self.hostile)
        let parser = XMLParser(data: xml)
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        let result = try JUnitSchemaTests.check(xml)
        #expect(result.status == 0, "\(result.output)")
        #expect(!String(decoding: xml, as: UTF8.self).contains("<script>"))
        let markdown = try Self.text(FuzzMarkdownReporter(), Self.hostile)
        // Code blocks and code spans show their text verbatim; everywhere else markup must be escaped.
        let blocks = markdown.components(separatedBy: "\n```").enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined()
        let spans = try NSRegularExpression(pattern: "(?<!\\\\)(`+).*?\\1")
        let prose = spans.stringByReplacingMatches(in: blocks, range: NSRange(blocks.startIndex..., in: blocks), withTemplate: "")
        #expect(!prose.contains("<script>"), "outside code, markup is escaped")
        #expect(prose.contains("&lt;script&gt;"))
        #expect(!markdown.contains("\u{1B}") && markdown.contains("\\u{1B}[31m"), "control characters are shown, not passed through")
        // Every row of every table has as many column breaks as its header: `\|` is a pipe inside a cell.
        var columns: Int?
        var rows = 0
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else {
                columns = nil
                continue
            }
            let breaks = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            if let columns {
                #expect(breaks == columns, "\(line)")
                rows += 1
            } else {
                columns = breaks
            }
        }
        #expect(rows > 10, "the tables were found")
    }

    @Test("the HTML page is self-contained: inline style, no external resources")
    func htmlIsSelfContained() throws {
        let page = try Self.text(FuzzHTMLReporter(), Self.sample)
        for outside in ["src=", "<link", "@import", "url(", "href=\"http", "<iframe", "<img"] {
            #expect(!page.contains(outside), "\(outside)")
        }
        #expect(page.contains(HTMLPageStyle.css), "the conformance page's style sheet is reused")
        #expect(page.contains("<code class=\"repro\">wsconform replay corpus/findings/protocol_reserved-opcode_echoed.json"))
        #expect(page.contains("<pre class=\"output\">listening on :9001\nframe.c:212"))
    }

    @Test("coverage rows are sorted, most frequent first, with bars as a share of the inputs run")
    func coverageIsSorted() throws {
        let page = try Self.text(FuzzHTMLReporter(), Self.sample)
        let reactions = ["closed-1002", "echoed", "closed-1007", "dropped", "refused-400", "crashed"]
        let positions = try reactions.map { name in try #require(page.range(of: "<tr><th><code>\(name)</code></th>")?.lowerBound) }
        #expect(positions == positions.sorted())
        #expect(page.contains("<td class=\"num\">6000</td><td class=\"share\"><small>49.6 %</small>"))
        #expect(
            Self.sample.mutatorsByUse.map(\.name) == [
                "havoc.bytes", "timing.chop-1", "header.opcode-reserved", "length.boundary-126", "utf8.overlong",
            ])
    }

    @Test("a long minimised script is cut in the page, with a note naming the file that holds it")
    func longScriptIsCapped() throws {
        var report = Self.sample
        report.findings[0].script = String(repeating: "0123456789", count: 5_000)
        let page = try Self.text(FuzzHTMLReporter(), report)
        #expect(
            page.contains(
                "… 17232 more characters not shown; the whole script is in <code>corpus/findings/protocol_reserved-opcode_echoed.json</code>"
            ))
        #expect(!page.contains(report.findings[0].script))
        #expect(page.utf8.count < 200_000)
    }

    @Test("the same campaign renders to the same bytes, whatever order its counters were filled in")
    func deterministic() throws {
        var shuffled = Self.sample
        shuffled.mutators = Dictionary(uniqueKeysWithValues: Self.sample.mutators.sorted { $0.key > $1.key })
        shuffled.reactions = [:]
        for (name, count) in Self.sample.reactions.sorted(by: { $0.value < $1.value }) { shuffled.reactions[name] = count }
        for writer in Self.writers {
            let first = try writer.render(Self.sample)
            #expect(first == (try writer.render(Self.sample)), "\(writer.fileName)")
            #expect(first == (try writer.render(shuffled)), "\(writer.fileName)")
        }
    }

    @Test("secret header values never reach a fuzz report, even from a command line built by hand")
    func redaction() throws {
        var unredacted = Self.sample
        unredacted.commandLine = ["fuzz", "--header", "Authorization: Bearer s3cr3t", "--header=Cookie: id=abc", Self.url]
        for writer in Self.writers {
            let text = try Self.text(writer, unredacted)
            #expect(!text.contains("s3cr3t") && !text.contains("id=abc"), "\(writer.fileName)")
        }
        // The sample is built from a command line with a bearer token: `init` redacts it.
        #expect(!Self.sample.commandLine.joined().contains("s3cr3t"))
        #expect(try Self.text(FuzzJSONReporter(), Self.sample).contains(Redaction.placeholder))
    }

    @Test("the writer puts each chosen format in its file, whole, and skips formats without a fuzz writer")
    func writerWritesFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wsconform-fuzz-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let written = try ReportWriter<FuzzReport>(formats: ReportFormat.defaults + [.autobahn]).write(Self.sample, to: directory)
        let names = ["fuzz-report.json", "fuzz-report.html", "fuzz-junit.xml", "fuzz-summary.md"]
        #expect(written.map(\.lastPathComponent) == names)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == names.sorted(), "no temporary files left")
        for (url, writer) in zip(written, Self.writers) { #expect(try Data(contentsOf: url) == (try writer.render(Self.sample))) }
    }
}

extension FuzzReportTests {
    @Test("fuzz-metrics.prom: the campaign's counts as gauges every Prometheus text parser reads")
    func openMetrics() throws {
        let report = Self.sample
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wsconform-fuzz-metrics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("fuzz-metrics.prom")
        try FuzzOpenMetricsReporter().render(report).write(to: file)
        let samples = try OpenMetricsParsing.samples(file.path)
        func value(_ name: String, _ labels: [String: String]) -> Double? {
            samples.first { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }?.value
        }
        #expect(value("wsconform_fuzz_inputs", ["kind": "run"]) == Double(report.totals.inputsRun))
        #expect(value("wsconform_fuzz_findings", ["oracle": "all"]) == Double(report.findings.count))
        let oracles = Set(report.findings.map(\.oracle))
        for oracle in oracles {
            #expect(value("wsconform_fuzz_findings", ["oracle": oracle, "new": "false"]) == Double(report.findings.filter { $0.oracle == oracle }.count))
        }
        #expect(samples.allSatisfy { $0.labels["target"] == report.target.name })
        #expect(ReportWriter<FuzzReport>.reporter(for: .openmetrics) != nil && ReportWriter<FuzzReport>.reporter(for: .autobahn) == nil)
    }
}
