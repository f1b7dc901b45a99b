import Cases
import Foundation
import ProcessSupport
import Reports
import Testing

/// The decompression bombs of `run`, as measurements: the largest inflated message `serve`
/// accepts under its `--max-message-size`, judged against `--max-inflate`, and nothing measured
/// against a server that agrees no permessage-deflate. They never change the exit code.
@Suite("CLI: the inflated-size measurements")
struct InflationMeasurementTests {
    /// Runs one compression case against `server` with `extra` options; the report's
    /// inflation measurements by id, and the exit status.
    static func run(_ server: ServeProcess, _ name: String, _ extra: [String]) throws -> ([String: Cases.Measurement], Int32) {
        let directory = try CLI.temporaryDirectory(name)
        let outcome = try CLI.run(
            [
                "run", server.url, "--cases", "compression.round-trip.text-context-takeover", "--format", "json", "--report-dir",
                directory.path,
            ]
                + extra)
        let measurements = try ExitCodeTests.report(in: directory).targets.first?.measurements ?? []
        return (Dictionary(measurements.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }), outcome.status)
    }

    @Test("a server limited to 4 MiB accepts 4 MiB inflated and refuses 16 MiB with 1009: past --max-inflate 1 MiB, the measurement fails")
    func limitPastMaxInflate() throws {
        let server = try ServeProcess(["--max-message-size", "\(4 << 20)"])
        defer { server.stop() }
        let (measurements, status) = try Self.run(server, "inflate-fail", ["--max-inflate", "\(1 << 20)"])
        #expect(status == 0, "measurements do not change the exit code")
        let limit = try #require(measurements["compression.inflate-limit"])
        #expect(limit.value == Double(4 << 20) && limit.unit == .octets)
        #expect(limit.status == .fail)
        #expect(limit.advice.contains("refused with 1009"), "\(limit.advice)")
        #expect(limit.advice.contains("a message of \(16 << 20) octets"), "\(limit.advice)")
        let time = try #require(measurements["compression.inflate-time"])
        #expect(time.status == .ok && (time.value ?? 0) > 0)
    }

    @Test("within --max-inflate the measurement is ok; one octet past the named limit is tried")
    func limitWithinMaxInflate() throws {
        let server = try ServeProcess(["--max-message-size", "\(2 << 20)"])
        defer { server.stop() }
        let (measurements, _) = try Self.run(server, "inflate-ok", ["--max-inflate", "\(2 << 20)"])
        let limit = try #require(measurements["compression.inflate-limit"])
        // 1 MiB is accepted; 2 MiB + 1, the size tried for the limit, is refused.
        #expect(limit.value == Double(1 << 20))
        #expect(limit.status == .ok)
        #expect(limit.advice.contains("a message of \((2 << 20) + 1) octets"), "\(limit.advice)")
    }

    @Test("a server that agrees no permessage-deflate leaves both measurements not measured")
    func declined() throws {
        let server = try ServeProcess(["--no-deflate"])
        defer { server.stop() }
        let (measurements, _) = try Self.run(server, "inflate-declined", [])
        #expect(measurements["compression.inflate-limit"]?.status == .notMeasured)
        #expect(measurements["compression.inflate-time"]?.status == .notMeasured)
    }
}
