import Cases
import Client
import Engine
import Foundation
import ProcessSupport
import Testing

@testable import Posture

/// The posture probes against servers written by others, each configured with known policies
/// (Tests/InteropTests/python/peers.py, the NAME-policy servers): the measured values must
/// match the configuration, as committed in Expected/<peer>.tsv (sizes within 1%, times within
/// one probe step, answers and statuses exactly).
@Suite("The posture of real servers matches their configuration", .serialized)
struct RealServerPostureTests {
    static let peers = ["websockets-policy", "aiohttp-policy", "tornado-policy"]

    /// The origin each server is meant for: tornado's default check allows only its own.
    static func allowedOrigin(_ peer: String, port: UInt16) -> String {
        peer == "tornado-policy" ? "http://127.0.0.1:\(port)" : "https://app.example"
    }

    @Test("the measured posture is the configured one", arguments: peers)
    func posture(peer: String) throws {
        let server = try PeerServer(peer)
        defer { server.stop() }
        var policy = PosturePolicy()
        policy.allowedOrigins = [Self.allowedOrigin(peer, port: server.port)]
        policy.observationBound = .seconds(12)
        policy.sizeCeiling = 8 << 20
        let context = PostureContext(target: TargetURL(secure: false, host: "127.0.0.1", port: server.port), options: RunOptions(), policy: policy)
        let measurements = PostureCheck.run(context)
        let expected = try ExpectedPosture.load(peer)
        let lines = measurements.map(ExpectedPosture.line)
        let differences = measurements.compactMap { expected.mismatch($0) } + expected.missing(from: measurements)
        if !differences.isEmpty {
            let observed = FileManager.default.temporaryDirectory.appendingPathComponent("wsconform-posture-\(peer).tsv")
            try? lines.joined(separator: "\n").write(to: observed, atomically: true, encoding: .utf8)
            Issue.record("posture of \(peer) differs from Expected/\(peer).tsv (observed in \(observed.path)):\n\(differences.joined(separator: "\n"))")
        }
    }
}

/// Committed posture values: `id<TAB>status<TAB>value<TAB>why`, value `-` when none.
struct ExpectedPosture {
    struct Entry {
        var status: String
        var value: Double?
    }

    var entries: [String: Entry] = [:]

    static func load(_ peer: String) throws -> ExpectedPosture {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Expected/\(peer).tsv")
        var expected = ExpectedPosture()
        for line in try String(contentsOf: path, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3 else { continue }
            expected.entries[fields[0]] = Entry(status: fields[1], value: Double(fields[2]))
        }
        return expected
    }

    /// How a measurement is written in the file.
    static func line(_ measurement: Cases.Measurement) -> String {
        let value = measurement.value.map { $0 == $0.rounded() ? String(Int64($0)) : String($0) } ?? "-"
        return "\(measurement.id)\t\(measurement.status.rawValue)\t\(value)\t\(measurement.formatted)"
    }

    /// A line saying how `measurement` differs from its entry, or nil when it matches.
    func mismatch(_ measurement: Cases.Measurement) -> String? {
        guard let entry = entries[measurement.id] else { return "unexpected: \(Self.line(measurement))" }
        let observed = Self.line(measurement)
        guard entry.status == measurement.status.rawValue else { return "status differs: \(observed) (expected \(entry.status))" }
        switch (entry.value, measurement.value) {
        case (nil, nil): return nil
        case (let want?, let got?):
            switch measurement.unit {
            case .octets: return got <= want * 1.01 && got >= want * 0.99 ? nil : "size differs by over 1%: \(observed) (expected \(want))"
            case .seconds: return abs(got - want) <= 1 ? nil : "time differs by over one step: \(observed) (expected \(want))"
            case .milliseconds, .text: return nil
            case .count, .boolean, .perSecond: return got == want ? nil : "value differs: \(observed) (expected \(want))"
            }
        default: return "value differs: \(observed) (expected \(entry.value.map { String($0) } ?? "none"))"
        }
    }

    /// Entries no measurement matched.
    func missing(from measurements: [Cases.Measurement]) -> [String] {
        let ids = Set(measurements.map(\.id))
        return entries.keys.filter { !ids.contains($0) }.sorted().map { "missing: \($0)" }
    }
}
