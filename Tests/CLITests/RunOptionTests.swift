import Foundation
import ProcessSupport
import Reports
import Testing

/// `run`'s options as users combine them: several targets, strict mode, secret headers, formats.
@Suite("CLI: run options", .serialized)
struct RunOptionTests {
    @Test("several targets in one run, each under its agent name")
    func severalTargets() throws {
        let good = try ServeProcess()
        let bad = try ServeProcess(["--fault", "no-pong"])
        defer {
            good.stop()
            bad.stop()
        }
        let directory = try CLI.temporaryDirectory("targets")
        let outcome = try CLI.run(
            [
                "run", good.url, bad.url, "--agent", "good", "--agent", "bad", "--cases", "ping.*", "--report-dir", directory.path,
            ] + CLI.patience)
        #expect(outcome.status == 1, "\(outcome.output)")
        let report = try ExitCodeTests.report(in: directory)
        #expect(report.targets.map(\.agent) == ["good", "bad"])
        #expect(report.targets[0].totals.failed == 0 && report.targets[1].totals.failed > 0)
    }

    @Test("--strict turns NON-STRICT into failures")
    func strict() throws {
        let server = try ServeProcess(["--fault", "utf8-at-message-end"])
        defer { server.stop() }
        let lenient = try CLI.run(
            ["run", server.url, "--cases", "utf8.fail-fast.*", "--report-dir", try CLI.temporaryDirectory("l").path] + CLI.patience)
        #expect(lenient.status == 0, "\(lenient.output)")
        let directory = try CLI.temporaryDirectory("strict")
        let strict = try CLI.run(["run", server.url, "--cases", "utf8.fail-fast.*", "--strict", "--report-dir", directory.path])
        #expect(strict.status == 1, "\(strict.output)")
        let report = try ExitCodeTests.report(in: directory)
        #expect(report.strict && report.targets[0].totals.failed > 0)
    }

    @Test("secret header values appear in no report, transcript or log")
    func secretsRedacted() throws {
        let server = try ServeProcess()
        defer { server.stop() }
        let directory = try CLI.temporaryDirectory("secrets")
        let outcome = try CLI.run(
            [
                "run", server.url, "--cases", "framing.*", "--header", "Authorization: Bearer s3cr3t-value", "--header=Cookie: sid=c00kie",
                "--header", "X-Trace: visible-trace", "--verbose", "--transcript", "--format", "json,junit,md,html,autobahn",
                "--report-dir", directory.path,
            ] + CLI.patience)
        #expect(outcome.status == 0, "\(outcome.output)")
        var texts = [outcome.output]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            texts.append(String(decoding: try Data(contentsOf: directory.appendingPathComponent(name)), as: UTF8.self))
        }
        for text in texts {
            for secret in ["s3cr3t", "c00kie"] {
                #expect(!text.contains(secret), "\(secret) leaked")
                #expect(!text.contains(Self.hex(secret)), "\(secret) leaked as hex")
            }
        }
        #expect(texts.joined().contains("visible-trace"), "non-secret headers stay")
    }

    @Test("--format writes exactly the formats asked for")
    func formats() throws {
        let server = try ServeProcess()
        defer { server.stop() }
        let directory = try CLI.temporaryDirectory("formats")
        let outcome = try CLI.run(
            ["run", server.url, "--cases", "framing.*", "--format", "junit,md", "--report-dir", directory.path] + CLI.patience)
        #expect(outcome.status == 0, "\(outcome.output)")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: directory.path)) == ["junit.xml", "summary.md"])
    }

    static func hex(_ text: String) -> String { text.utf8.map { String(format: "%02x", $0) }.joined() }
}
