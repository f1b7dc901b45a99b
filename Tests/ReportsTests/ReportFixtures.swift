import Cases
import Foundation

@testable import Reports

/// Sample runs shared by the HTML tests: a small two-target run with one case of every kind,
/// and a run of the whole catalogue with synthetic results.
enum ReportFixtures {
    /// What a hostile server might put in a close reason or a `Server` field.
    static let hostile = "<script>alert('pwned')</script>"

    static var connect: [TranscriptEntry] {
        [
            TranscriptEntry(micros: 310, kind: .note, text: "connected to 127.0.0.1:9001"),
            TranscriptEntry(
                micros: 702, kind: .sent, text: "wrote 177 octets", offset: 0, octets: 177,
                hex: "474554202f20485454502f312e310d0a486f73743a203132372e302e302e313a39303031"),
            TranscriptEntry(micros: 1_400, kind: .note, text: "opened: HTTP/1.1 101 Switching Protocols"),
        ]
    }

    /// Passed, failed with a first divergence and a hostile close reason, could not run, waived,
    /// and a NON-STRICT pass; on two targets, the second over TLS with a baseline.
    static var sample: RunReport {
        let catalogue = Catalogue.all
        let passing = catalogue[0]
        let diverging = Catalogue.named("fragmentation.orphan.after-message")!
        let erroring = catalogue[2]
        let waived = Catalogue.named("utf8.invalid.surrogate-in-message") ?? catalogue[3]
        let lenient = catalogue[4]

        var close = CloseFacts()
        close.closedByTester = false
        close.wasClean = true
        close.remoteCode = 1000
        close.remoteReason = hostile
        close.localCode = 1000
        let failure = CaseResult(
            caseID: diverging.id, outcome: .judged(behaviour: .failed, close: .wrongCode),
            reasons: ["the server echoed the orphan continuation", "reason text \(hostile) & more"],
            firstDivergence: "event 2: expected the connection to fail, got text 'fragment3fragment4'", close: close,
            duration: .milliseconds(14),
            transcript: connect + [
                TranscriptEntry(micros: 1_520, kind: .frameSent, text: "[text FIN=0 len=9] 'fragment1'", offset: 177),
                TranscriptEntry(
                    micros: 1_530, kind: .sent, text: "wrote 15 octets", offset: 177, octets: 15, hex: "0189a1b2c3d4c7c0a2b3ccd7adb4"),
                TranscriptEntry(
                    micros: 2_100, kind: .received, text: "read 200 octets", offset: 158, octets: 200,
                    hex: String(repeating: "8d", count: 64)),
                TranscriptEntry(micros: 2_150, kind: .frameReceived, text: "close FIN=1 len=33 code=1000 reason=\(hostile)", offset: 158),
            ])

        var dropped = CloseFacts()
        dropped.closedByTester = true
        dropped.droppedByTester = true
        dropped.localCode = 1000
        dropped.notCleanReason = "the server did not close TCP within 1 s"

        func results(_ second: Bool) -> [CaseReport] {
            var reports = [
                CaseReport(
                    passing, CaseResult(caseID: passing.id, outcome: .judged(behaviour: .ok, close: .ok), duration: .milliseconds(3))),
                CaseReport(diverging, failure),
                CaseReport(erroring, CaseResult(caseID: erroring.id, outcome: .error("connect: connection refused"))),
                CaseReport(
                    waived,
                    CaseResult(
                        caseID: waived.id, outcome: .judged(behaviour: .failed, close: .failed), reasons: ["invalid UTF-8 echoed"],
                        duration: .milliseconds(2))),
                CaseReport(
                    lenient,
                    CaseResult(
                        caseID: lenient.id, outcome: .judged(behaviour: .nonStrict, close: .failedByClient), close: dropped,
                        duration: .milliseconds(1_004))),
            ]
            for index in reports.indices { reports[index].sectionTitle = Catalogue.sectionTitle(of: reports[index].id) }
            reports[3].waiver = "known: the server skips UTF-8 validation (ticket WS-42)"
            if second { reports[0].observed = ["text 'Hello'", "text 'again'"] }
            return reports
        }

        var plain = TargetReport(
            url: "ws://127.0.0.1:9001/", agent: nil,
            facts: TargetFacts(
                server: "Echo/1.0 \(hostile)", extensions: "permessage-deflate; client_max_window_bits=15", subprotocol: nil),
            measurements: [
                Measurement(
                    id: "handshake.round-trip", title: "Opening handshake round trip", value: 0.4, unit: .milliseconds,
                    policy: .init(warn: 250, fail: 1000), advice: "request written to 101 read, on one probe connection")
            ],
            cases: results(false))
        // A launched target whose last words are markup: text in every format, never markup.
        plain.launched = LaunchedProcess(
            command: "./server --port 9001 \(hostile)", ended: "killed by SIGKILL", exitCode: nil, signal: "SIGKILL", killedAfterGrace: true,
            output: "listening on 9001\n\(hostile)\n```\n</pre>")
        var secure = TargetReport(
            url: "wss://127.0.0.1:9443/echo", agent: "SecureEcho",
            facts: TargetFacts(
                server: nil, extensions: nil, subprotocol: "chat",
                tls: TLSFacts(
                    protocolVersion: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384", alpn: "http/1.1", certificateSubject: "CN=localhost",
                    certificateNotAfter: "2027-01-01T00:00:00Z")),
            measurements: [
                Measurement(
                    id: "handshake.round-trip", title: "Opening handshake round trip", value: 1204, unit: .milliseconds,
                    policy: .init(warn: 250, fail: 1000), advice: "slow to upgrade \(hostile)"),
                .notMeasured(id: "limits.message-size", title: "Largest message accepted", unit: .octets, advice: "the target | closed"),
            ],
            cases: results(true))
        secure.baseline = BaselineOutcome(newFailures: [diverging.id], waived: [waived.id], fixed: [], unmatched: ["framing.gone"])
        return RunReport(
            toolVersion: "0.1.0", startedAt: "2026-11-25T18:00:00Z", durationSeconds: 2.4,
            commandLine: ["run", "ws://127.0.0.1:9001/", "--header", "Authorization: Bearer s3cr3t"], seed: 7,
            incomplete: true, strict: false, baseline: "baseline.json", targets: [plain, secure])
    }

    /// The verdict given to the case at `index` of `target`, cycling through every kind.
    static func result(_ testCase: TestCase, index: Int, target: Int, transcriptLength: Int) -> CaseReport {
        let outcomes: [CaseResult.Outcome] = [
            .judged(behaviour: .ok, close: .ok), .judged(behaviour: .failed, close: .failed), .judged(behaviour: .ok, close: .ok),
            .error("connect: connection refused"), .judged(behaviour: .nonStrict, close: .ok),
            .judged(behaviour: .informational, close: .informational), .judged(behaviour: .failed, close: .wrongCode),
        ]
        let outcome = outcomes[(index + target) % outcomes.count]
        // Shaped like a real echo transcript: a decoded frame, the octets written, the octets
        // read, the decoded answer; the raw entries carry a full 64 octets of hex.
        let kinds: [TranscriptEntry.Kind] = [.frameSent, .sent, .received, .frameReceived]
        let transcript = (0..<transcriptLength).map { (step: Int) -> TranscriptEntry in
            let kind = kinds[step % kinds.count]
            let raw = kind == .sent || kind == .received
            return TranscriptEntry(
                micros: Int64(step) * 37, kind: kind, text: "entry \(step) of \(testCase.id)", offset: UInt64(step) * 70,
                octets: raw ? 70 : nil, hex: raw ? String(repeating: "ab", count: 64) : nil)
        }
        var report = CaseReport(
            testCase,
            CaseResult(
                caseID: testCase.id, outcome: outcome, reasons: ["synthetic reason \(index)"], duration: .milliseconds(index % 50),
                transcript: transcript), sectionTitle: Catalogue.sectionTitle(of: testCase.id))
        if !report.passed, report.error == nil, index % 5 == 0 { report.waiver = "synthetic waiver" }
        return report
    }

    /// Every catalogue case on `count` targets, verdicts of every kind, each transcript
    /// `transcriptLength` entries long.
    static func fullCatalogue(targets count: Int = 2, transcriptLength: Int = 4) -> RunReport {
        let targets = (0..<count).map { target in
            TargetReport(
                url: "ws://127.0.0.1:900\(target)/", agent: "Server \(target + 1)",
                cases: Catalogue.all.enumerated().map { result($1, index: $0, target: target, transcriptLength: transcriptLength) })
        }
        return RunReport(
            toolVersion: "0.1.0", startedAt: "2026-11-25T18:00:00Z", durationSeconds: 3.5, commandLine: ["run", "ws://127.0.0.1:9000/"],
            seed: nil, incomplete: false, targets: targets)
    }
}
