import Cases
import Client
import Engine
import ReferenceServer
import Transport

/// Runs catalogue cases against an in-process reference server, correct or with one fault.
enum CatalogueHarness {
    static func run(_ cases: [TestCase], fault: Fault? = nil, jobs: Int = CatalogueRunner.defaultJobs) throws -> [CaseResult] {
        let server = try ReferenceServer(configuration: ServerConfiguration(fault: fault))
        server.start()
        defer { server.stop() }
        let target = TargetURL(secure: false, host: "127.0.0.1", port: server.port)
        return CatalogueRunner(runner: CaseRunner(target: target), jobs: jobs).run(cases)
    }

    /// One line per result, for failure messages.
    static func describe(_ testCase: TestCase, _ result: CaseResult) -> String {
        switch result.outcome {
        case .judged(let behaviour, let close):
            return "\(testCase): \(behaviour.rawValue) / \(close.rawValue) — \(result.reasons.joined(separator: "; "))"
        case .error(let text):
            return "\(testCase): ERROR \(text)"
        }
    }
}

/// Which reference-server faults make each case fail: a case no fault can fail checks nothing.
/// One table per RFC section file, merged here, plus the echo-content faults every echo case
/// is checked under (derived from what the case expects, so a new echo case is covered at once).
enum FaultPairs {
    static let tables: [String: [String]] = [
        dataFrames, pings, reservedBits, opcodes, fragmentation, utf8, closing, limits, masking, clientHandshake, openingHandshake, compression,
        offerSets,
    ].reduce(into: [:]) { merged, table in merged.merge(table) { first, _ in first } }

    /// Every fault a case must fail under, by name: its table entry and its echo faults.
    static func faults(for testCase: TestCase) -> [String] {
        (tables[testCase.id] ?? []) + echoFaults(for: testCase).map(\.name)
    }

    /// The echo-content faults that must fail a case expecting echoes: a changed octet where
    /// content is compared, a changed length where only lengths are (Autobahn's 9.x cases), an
    /// appended octet for empty messages, and stale or reordered echoes when several distinct
    /// messages are expected.
    static func echoFaults(for testCase: TestCase) -> [Fault] {
        let expectation = testCase.expectation
        guard !expectation.informational, let events = expectation.outcomes.first?.events else { return [] }
        let messages = events.compactMap { event -> Payload? in
            if case .message(_, let payload) = event { return payload } else { return nil }
        }
        guard !messages.isEmpty else { return [] }
        var faults: [Fault] = []
        if messages.contains(where: { $0.count == 0 }) { faults.append(.appendToEcho) }
        if messages.contains(where: { $0.count > 0 }) {
            faults.append(expectation.matching == .exact ? .corruptEcho : .truncateEcho)
        }
        if expectation.matching == .exact, Set(messages).count > 1 { faults += [.reorderEchoes, .staleEcho] }
        return faults
    }

    /// Faults no catalogue case can fail, each with the reason; a test checks the list is exact.
    static let unpaired: [String: String] = [
        "accept-non-minimal-length":
            "RFC 6455 §5.2's minimal-length MUST binds the sender: a server may read on over a non-minimal length, so no case may fail it (the fuzzer's oracle admits both readings)",
        "no-size-limit":
            "no catalogue message exceeds a reasonable limit (16 MiB is the largest, and servers may accept it); the limit is a posture measurement, not a verdict (§10.4 is a SHOULD)",
        "slow-handshake":
            "a slow opening handshake breaks no rule: the handshake.round-trip measurement reports it as failing (MeasurementTests)",
        "crash-on-input":
            "a crashed server drops TCP, an acceptable answer to the close code 1005 that triggers it; the fuzzer's liveness oracle catches the crash (FuzzCommandTests)",
        "flaky-echo":
            "a verdict that changes from run to run is caught by run's confirmation (--confirm), which reports it timing-dependent with each verdict seen (ConfirmTests), not by one case",
        "unsynchronised-writers":
            "a race needs a busy connection: one case's few frames rarely tear; the interleaving probe of check (concurrency.interleaved-frames) finds it every time (InterleavingTests)",
        "ignore-sigterm":
            "a process that ignores SIGTERM shows only when it is asked to stop: the shutdown check of a launched target (--exec) fails it (LaunchedTargetTests)",
        "drop-on-shutdown":
            "only a shutdown shows it: the shutdown check of a launched target (--exec) sees the 1006 (LaunchedTargetTests)",
        "leak-memory":
            "a leak breaks no frame rule: the connect/close cycles of a launched target (--exec) measure it from /proc (LaunchedTargetTests)",
        "leak-descriptor":
            "a leak breaks no frame rule: the connect/close cycles of a launched target (--exec) count its descriptors from /proc (LaunchedTargetTests)",
        "hang-on-input":
            "a hung server's silence ends any case in a timeout, which proves nothing; the fuzzer's liveness oracle catches the hang (FuzzCommandTests)",
    ]
}
