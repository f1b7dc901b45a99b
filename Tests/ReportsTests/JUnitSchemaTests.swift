import Cases
import Foundation
import Testing

@testable import Reports

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The project's Python (.venv, or `WSCONFORM_PYTHON`), run with a deadline for the validators
/// the report tests use (jsonschema, xmlschema; Tests/InteropTests/python/requirements.txt).
enum VenvPython {
    static var path: String {
        ProcessInfo.processInfo.environment["WSCONFORM_PYTHON"] ?? ReportsTests.packageRoot.path + "/.venv/bin/python"
    }

    /// Runs Python with `arguments`; returns its exit status and everything it printed. A run
    /// longer than `timeout` seconds is terminated (by its own PID) and fails.
    static func run(_ arguments: [String], timeout: Double = 120) throws -> (status: Int32, output: String) {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            return (-1, "no Python at \(path): run scripts/install-deps, which installs it with the validators")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}

/// junit.xml checked against docs/junit.xsd (the JUnit dialect Jenkins, GitLab and GitHub test
/// report actions read) with an independent XML Schema validator, on a small report and on one
/// with every catalogue case, every verdict pair, errors and hostile text.
@Suite("JUnit XML against docs/junit.xsd")
struct JUnitSchemaTests {
    static let schema = ReportsTests.packageRoot.path + "/docs/junit.xsd"
    static let validate = """
        import sys, xmlschema
        schema = xmlschema.XMLSchema(sys.argv[1])
        errors = list(schema.iter_errors(sys.argv[2]))
        for error in errors[:5]:
            print(error.path, error.reason)
        sys.exit(1 if errors else 0)
        """

    /// Text that tries to break out of XML: a CDATA end, markup, entities, control characters,
    /// non-characters, and characters outside the BMP.
    static let hostile = [
        "]]> <![CDATA[ x ]]>", "</failure><testcase name=\"forged\"/>", "&amp; &#0; &lt;", "nul \u{0} bel \u{7} esc \u{1B} del \u{7F}",
        "non-characters \u{FFFE}\u{FFFF}", "emoji 🙂 and 𝄞", "quotes \" ' and \t tab\r\nnew line",
    ]

    /// Every catalogue case, verdict pairs cycling through all of both axes, every seventh case
    /// an error, reasons full of hostile text; two targets, one with an agent.
    static var everyCase: RunReport {
        let pairs = BehaviourVerdict.allCases.flatMap { behaviour in CloseVerdict.allCases.map { (behaviour, $0) } }
        let cases = Catalogue.all.enumerated().map { index, testCase in
            let hostile = Self.hostile[index % Self.hostile.count]
            let outcome: CaseResult.Outcome =
                index % 7 == 0
                ? .error("connect: \(hostile)") : .judged(behaviour: pairs[index % pairs.count].0, close: pairs[index % pairs.count].1)
            let result = CaseResult(
                caseID: testCase.id, outcome: outcome, reasons: [hostile, "second reason \(index)"], firstDivergence: hostile,
                duration: .milliseconds(index))
            return CaseReport(testCase, result, strict: index % 2 == 0)
        }
        return RunReport(
            toolVersion: "0.1.0", startedAt: "2026-11-25T18:00:00Z", durationSeconds: 3.25, commandLine: ["run"], seed: 1,
            incomplete: false,
            targets: [
                TargetReport(url: "ws://127.0.0.1:9001/?q=\"]]>&", agent: nil, cases: cases),
                TargetReport(url: "wss://staging.example/ws", agent: "staging \u{1}", cases: Array(cases.prefix(20))),
            ])
    }

    static func check(_ xml: Data) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wsconform-junit-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: file) }
        try xml.write(to: file)
        return try VenvPython.run(["-c", Self.validate, Self.schema, file.path])
    }

    @Test("the JUnit report of a sample run is valid")
    func sampleIsValid() throws {
        let result = try Self.check(try JUnitReporter().render(ReportsTests.sampleReport()))
        #expect(result.status == 0, "\(result.output)")
    }

    @Test("the JUnit report of the golden run (a failure and an error) is valid")
    func goldenIsValid() throws {
        let result = try Self.check(try JUnitReporter().render(GoldenTests.report))
        #expect(result.status == 0, "\(result.output)")
    }

    @Test("the JUnit report of every case with mixed verdicts, errors and hostile text is valid")
    func everyCaseIsValid() throws {
        let xml = try JUnitReporter().render(Self.everyCase)
        let result = try Self.check(xml)
        #expect(result.status == 0, "\(result.output)")
        let counter = SuiteCounter()
        let parser = XMLParser(data: xml)
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.mismatches.isEmpty, "\(counter.mismatches)")
        let report = Self.everyCase
        let all = report.targets.flatMap(\.cases)
        #expect(counter.testcases == all.count)
        #expect(counter.errors == all.filter { $0.error != nil }.count)
        #expect(counter.failures == all.filter { !$0.passed && $0.error == nil }.count)
        #expect(counter.failures > 0 && counter.errors > 0)
        #expect(!String(decoding: xml, as: UTF8.self).contains("forged\"/>"), "markup in a reason must be escaped")
    }

    @Test("the schema rejects what CI readers would misread")
    func schemaHasTeeth() throws {
        let broken = [
            "<testsuites><testsuite name=\"s\" tests=\"1\"><testcase classname=\"c\"/></testsuite></testsuites>",
            "<testsuites><testsuite name=\"s\" tests=\"x\"/></testsuites>",
            "<testsuite name=\"s\" tests=\"0\"/>",
            "<testsuites><testsuite name=\"s\" tests=\"1\"><testcase name=\"n\" classname=\"c\"><failure/><bogus/></testcase></testsuite></testsuites>",
            "<testsuites><testsuite name=\"s\" tests=\"1\" time=\"-1\"/></testsuites>",
        ]
        for document in broken {
            let result = try Self.check(Data(document.utf8))
            #expect(result.status == 1, "accepted: \(document) \(result.output)")
        }
    }
}

/// Counts testcases, failures and errors, and checks each testsuite's attributes against its children.
final class SuiteCounter: NSObject, XMLParserDelegate {
    var testcases = 0
    var failures = 0
    var errors = 0
    var mismatches: [String] = []
    private var suite: (name: String, tests: Int, failures: Int, errors: Int)?
    private var counted = (tests: 0, failures: 0, errors: 0)

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch element {
        case "testsuite":
            suite = (
                attributes["name"] ?? "", Int(attributes["tests"] ?? "") ?? -1, Int(attributes["failures"] ?? "") ?? -1,
                Int(attributes["errors"] ?? "") ?? -1
            )
            counted = (0, 0, 0)
        case "testcase":
            testcases += 1
            counted.tests += 1
        case "failure":
            failures += 1
            counted.failures += 1
        case "error":
            errors += 1
            counted.errors += 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        guard element == "testsuite", let suite else { return }
        if (suite.tests, suite.failures, suite.errors) != counted {
            mismatches.append("\(suite.name): says \(suite.tests)/\(suite.failures)/\(suite.errors), has \(counted)")
        }
    }
}
