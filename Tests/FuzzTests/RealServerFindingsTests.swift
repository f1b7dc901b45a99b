import Cases
import Client
import Foundation
import ProcessSupport
import Testing
import Transport

@testable import Fuzz

/// Fuzz campaigns against servers written by others (Tests/InteropTests/python/peers.py, node/peer.js):
/// every finding must be one committed in Expected/<peer>.tsv — its signature and the class of
/// its input (`InputClass`) — with the rule it shows the server breaking. A finding nobody has
/// judged fails the test. Each peer has real findings, so the test also shows the oracle
/// catching independently written servers.
///
/// The campaigns use the timers a user of `wsconform fuzz` gets (the default reaction
/// timeout): the test is run on its own, not beside other tests loading the machine.
@Suite("Fuzz: campaigns against real servers give only the committed findings", .serialized)
struct RealServerFindingsTests {
    static let peers = ["websockets", "aiohttp", "tornado", "autobahn", "node-ws"]
    /// The peers whose campaigns offer permessage-deflate: every one, each with compression on
    /// (peers.py, peer.js) and its deflate findings committed. A peer that does not yet take one path run
    /// after run under compression would run as `wsconform fuzz --no-deflate` until it does.
    static let speaksDeflate: Set = ["websockets", "aiohttp", "tornado", "autobahn", "node-ws"]
    /// Inputs per campaign: 2,000 in the test command (each campaign then takes 20–40 s; a
    /// few more when node ws hangs and is restarted), the committed findings' full tier of
    /// 3,000 or more with WSCONFORM_REAL_SERVER_INPUTS (`bench/real-server-findings.sh`). The
    /// same seed gives the same first inputs, so the shorter tier is a prefix of the longer.
    static let inputs: UInt64 = {
        let given = ProcessInfo.processInfo.environment["WSCONFORM_REAL_SERVER_INPUTS"].flatMap { UInt64($0) }
        return given.map { min(max($0, 1), 1_000_000) } ?? 2000
    }()

    /// Catalogue seeds, as `wsconform fuzz --seed-from-catalogue` writes them: the RFC 6455
    /// sections and the first RFC 7692 cases (compressed bit, round trips), a set held fixed so
    /// that a seeded campaign takes the same path when the catalogue grows (a new seed moves
    /// every input after it). The deflate mutators reach the shapes of the later compression
    /// cases from these; those cases join the set with the findings they lead to.
    static let seeds: [SessionScript] =
        (Catalogue.sections.filter { !$0.title.contains("RFC 7692") }.flatMap(\.cases).filter { !laterCases.contains($0.id) }
        + Section6_1_CompressedBit.cases.filter { $0.id.hasPrefix("compression.rsv1.") && $0.id != "compression.rsv1.not-negotiated" }
        + Section7_2_Compression.cases).map { SessionScript.seed(from: $0).script }

    /// RFC 6455 cases added after the set was fixed (the opening-handshake requests): they join
    /// it with the findings they lead to.
    static let laterCases = Set(
        (Section4_2_1_ClientHandshake.cases + Section4_2_1_FieldSyntax.cases).map(\.id) + [
            "handshake.subprotocol.offered", "handshake.response.standard", "handshake.extension.unknown",
            "handshake.version.unsupported-14",
        ])

    /// One line of Expected/<peer>.tsv: a finding's signature, the class of its input, and why
    /// a server that reacts so breaks an RFC.
    struct ExpectedFinding: Sendable {
        var signature: SignaturePattern
        var inputClass: InputClass
        var reason: String
    }

    /// A signature as a line writes it: `oracle/rule/reaction`, where `*` stands for any rule or
    /// reaction. A wildcard line names a cause the input class pins down (a server that accepts
    /// unmasked frames reacts to whatever those frames carry), never a signature alone.
    struct SignaturePattern: Sendable, Equatable, CustomStringConvertible {
        var parts: [String]

        init?(_ text: String) {
            parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, parts[0] != "*" else { return nil }
            if !parts.contains("*"), FindingSignature(text) == nil { return nil }
        }

        func matches(_ signature: FindingSignature) -> Bool {
            let actual = signature.description.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            return actual.count == parts.count && zip(parts, actual).allSatisfy { $0 == "*" || $0 == $1 }
        }

        var description: String { parts.joined(separator: "/") }
    }

    @Test("a fixed-seed campaign finds only committed, reasoned findings", arguments: peers)
    func findings(peer: String) throws {
        let expected = try Self.expected(peer)
        let server = try PeerServer(peer)
        defer { server.stop() }
        let target = TargetURL(secure: false, host: "127.0.0.1", port: server.port)
        // Signatures are known before minimisation, so none is done here.
        let options = CampaignOptions(
            seed: 1, inputs: Self.inputs, jobs: 8, minimizeCalls: 0, minimizeTime: .zero, deflate: Self.speaksDeflate.contains(peer))
        let executor = ScriptExecutor(target: target, reactionTimeout: options.reactionTimeout)
        // One finding per committed line, and one per signature and set of classes no line
        // explains: an unexplained input is never hidden behind an explained one.
        // A peer an input hangs is restarted on its port, as `wsconform fuzz --exec` restarts a
        // target: the back-search names the input, and the campaign goes on.
        let campaign = Campaign(
            options: options, executor: executor, corpus: Self.seeds, lifecycle: PeerLifecycle(server: server), toolVersion: "test",
            onFinding: { _ in },
            findingKey: { signature, script in Self.key(signature, InputClass.classes(of: script), expected) })
        let outcome = campaign.run(stop: { false })
        // Every input ran, or was skipped for breaking a rule whose input already took the
        // server down (node ws: a message written a few octets at a time hangs it).
        #expect(outcome.statistics.inputsRun + outcome.statistics.suppressed == Self.inputs)
        // A finding nobody has judged fails the test when the server does it again on replay
        // (up to three tries; one is enough). One that never comes back was no reaction of the
        // server's to the input (a session cut short by the machine, say), so it is not judged.
        let unexplained = outcome.findings.filter { finding in
            Self.explanation(finding.signature, InputClass.classes(of: finding.script), expected) == nil
                && (0..<3).contains { _ in Replay.run(finding, on: executor).outcome == .reproduced }
        }
        if !unexplained.isEmpty {
            // Kept for judging: each finding's file, as `wsconform fuzz` saves it.
            let kept = FileManager.default.temporaryDirectory.appendingPathComponent("wsconform-fuzz-\(peer)-unexplained")
            try? FileManager.default.createDirectory(at: kept, withIntermediateDirectories: true)
            let lines = unexplained.enumerated().map { index, finding in
                let file = "\(index)-\(finding.fileName)"
                try? finding.jsonData().write(to: kept.appendingPathComponent(file))
                let classes = InputClass.classes(of: finding.script).map(\.rawValue).sorted()
                return "\(finding.signature)\t[\(classes.joined(separator: ", "))]\t\(finding.observed) (\(file))"
            }
            Issue.record("findings not in Expected/\(peer).tsv (files in \(kept.path)):\n\(lines.joined(separator: "\n"))")
        }
        #expect(!outcome.findings.isEmpty, "each peer breaks some rule the fuzzer checks (see Expected/\(peer).tsv)")
    }

    /// The committed line that explains a finding: its signature, and a class its input is of.
    static func explanation(_ signature: FindingSignature, _ classes: Set<InputClass>, _ expected: [ExpectedFinding])
        -> ExpectedFinding?
    {
        expected.first { $0.signature.matches(signature) && classes.contains($0.inputClass) }
    }

    /// How the campaign tells findings apart: by the line that explains them, or else by
    /// signature and every class of the input.
    static func key(_ signature: FindingSignature, _ classes: Set<InputClass>, _ expected: [ExpectedFinding]) -> String {
        if let line = explanation(signature, classes, expected) { return "\(signature) \(line.inputClass)" }
        return "\(signature) unexplained [\(classes.map(\.rawValue).sorted().joined(separator: ","))]"
    }

    /// The lines of `Expected/<peer>.tsv`: signature<TAB>input class<TAB>reason. `#` lines are
    /// comments; the header documents each class the file uses ("#   class  what it is").
    /// A signature and class pair is listed once.
    static func expected(_ peer: String) throws -> [ExpectedFinding] {
        let path = PeerServer.packageRoot + "/Tests/FuzzTests/Expected/\(peer).tsv"
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let documented = Set(lines.filter { $0.hasPrefix("#   ") }.compactMap { $0.dropFirst(4).split(separator: " ").first })
        var entries: [ExpectedFinding] = []
        for line in lines where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", maxSplits: 2).map(String.init)
            guard fields.count == 3, let signature = SignaturePattern(fields[0]), let inputClass = InputClass(rawValue: fields[1]),
                !fields[2].isEmpty
            else {
                throw PeerError("\(peer).tsv: a line needs a signature, an input class and a reason: \(line)")
            }
            guard documented.contains(Substring(inputClass.rawValue)) else {
                throw PeerError("\(peer).tsv: the header does not say what \(inputClass) is")
            }
            guard !entries.contains(where: { $0.signature == signature && $0.inputClass == inputClass }) else {
                throw PeerError("\(peer).tsv: \(fields[0]) with \(fields[1]) is listed twice")
            }
            entries.append(ExpectedFinding(signature: signature, inputClass: inputClass, reason: fields[2]))
        }
        return entries
    }
}

/// A peer as a campaign's target process: how it ended, and a restart on the same port.
struct PeerLifecycle: TargetLifecycle {
    let server: PeerServer

    func exitStatus() -> (status: String, output: String)? { server.ended }

    func restart() throws { try server.restart() }
}
