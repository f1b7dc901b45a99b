import Foundation
import ProcessSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `wsconform corpus merge|list` as CI drives it: shards joined with exact counts, findings
/// listed, unreadable directories exit 2, mistakes exit 64, and a merge killed with SIGKILL
/// leaves only whole files behind.
@Suite("CLI: corpus")
struct CorpusCommandTests {
    /// A corpus script file: `steps` masked binary frames carrying `payload` (hex).
    static func script(payload: String, steps: Int = 1) -> String {
        let frame = """
            {"frame": {"fin": true, "lengthEncoding": "minimal", "mask": true, "maskingKey": "37fa213d", "opcode": 2,
             "payload": "\(payload)", "rsv1": false, "rsv2": false, "rsv3": false}}
            """
        return """
            {"handshake": {"standard": []}, "schemaVersion": 1,
             "steps": [\(Array(repeating: frame, count: steps).joined(separator: ", "))]}
            """
    }

    /// A finding file with `signature` whose script has `steps` steps.
    static func finding(_ signature: String, steps: Int, payload: String = "00") -> String {
        """
        {"expected": "fail the connection", "foundAt": "2025-01-0\(steps)T00:00:00Z", "inputIndex": 4, "mutators": ["header.opcode"],
         "observed": "echoed", "originalSteps": 9, "schemaVersion": 1, "script": \(script(payload: payload, steps: steps)),
         "seed": 7, "signature": "\(signature)", "target": "ws://127.0.0.1:9001/", "toolVersion": "0.1.0"}
        """
    }

    static func write(_ text: String, to directory: URL, _ name: String) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    static func jsonFiles(in directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter {
            $0.hasSuffix(".json") && !$0.hasPrefix(".")
        }
    }

    @Test("merge joins two shards: scripts deduplicated by content, findings by signature keeping the smaller; counts exact")
    func mergeShards() throws {
        let root = try CLI.temporaryDirectory("corpus-merge")
        defer { try? FileManager.default.removeItem(at: root) }
        let (first, second, merged) = (root.appendingPathComponent("a"), root.appendingPathComponent("b"), root.appendingPathComponent("m"))
        try Self.write(Self.script(payload: "01"), to: first, "one.json")
        try Self.write(Self.script(payload: "02"), to: first, "two.json")
        // The same script as a/two.json under another name and layout: stored once.
        try Self.write(Self.script(payload: "02").replacingOccurrences(of: "\n", with: " "), to: second, "copy.json")
        try Self.write(Self.script(payload: "03"), to: second, "three.json")
        let findingsA = first.appendingPathComponent("findings")
        let findingsB = second.appendingPathComponent("findings")
        try Self.write(Self.finding("protocol/reserved-opcode/echoed", steps: 3), to: findingsA, "protocol_reserved-opcode_echoed.json")
        try Self.write(Self.finding("process/valid/crashed", steps: 1), to: findingsA, "process_valid_crashed.json")
        try Self.write(Self.finding("protocol/reserved-opcode/echoed", steps: 1), to: findingsB, "protocol_reserved-opcode_echoed.json")
        try Self.write(Self.finding("process/valid/crashed", steps: 2), to: findingsB, "process_valid_crashed.json")
        try Self.write(Self.finding("liveness/valid/hung", steps: 1), to: findingsB, "liveness_valid_hung.json")

        let outcome = try CLI.run(["corpus", "merge", first.path, second.path, "--into", merged.path])
        #expect(outcome.status == 0, "\(outcome.output)")
        #expect(outcome.output.contains("merged 2 corpus directories into \(merged.path)"), "\(outcome.output)")
        #expect(outcome.output.contains("scripts: 3 added, 1 already present"), "\(outcome.output)")
        #expect(outcome.output.contains("findings: 3 added, 1 replaced by a smaller reproducer, 1 kept"), "\(outcome.output)")
        #expect(Self.jsonFiles(in: merged).count == 3)
        #expect(
            Self.jsonFiles(in: merged.appendingPathComponent("findings")).sorted() == [
                "liveness_valid_hung.json", "process_valid_crashed.json", "protocol_reserved-opcode_echoed.json",
            ])

        let again = try CLI.run(["corpus", "merge", second.path, first.path, "--into", merged.path])
        #expect(again.status == 0)
        #expect(again.output.contains("scripts: 0 added, 4 already present"), "\(again.output)")
        #expect(again.output.contains("findings: 0 added, 0 replaced by a smaller reproducer, 5 kept"), "\(again.output)")

        let list = try CLI.run(["corpus", "list", merged.path])
        #expect(list.status == 0, "\(list.output)")
        let lines = list.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(list.output)")
        #expect(
            lines.contains {
                $0.hasPrefix("protocol/reserved-opcode/echoed  1 step ") && $0.hasSuffix("ws://127.0.0.1:9001/  2025-01-01T00:00:00Z")
            })
        #expect(lines.contains { $0.hasPrefix("process/valid/crashed") && $0.contains("1 step ") })
        #expect(lines.last == "3 finding(s), 3 script(s) in \(merged.path)")
    }

    @Test("unreadable files in a shard are skipped with a warning naming them; the merge still exits 0")
    func hostileShard() throws {
        let root = try CLI.temporaryDirectory("corpus-hostile")
        defer { try? FileManager.default.removeItem(at: root) }
        let shard = root.appendingPathComponent("shard")
        try Self.write(Self.script(payload: "01"), to: shard, "good.json")
        try Self.write("{\"schemaVersion\": 2}", to: shard, "future.json")
        try Self.write("not json", to: shard.appendingPathComponent("findings"), "broken.json")
        let outcome = try CLI.run(["corpus", "merge", shard.path, "--into", root.appendingPathComponent("m").path])
        #expect(outcome.status == 0, "\(outcome.output)")
        #expect(outcome.output.contains("wsconform: warning: skipped \(shard.path)/future.json: "), "\(outcome.output)")
        #expect(outcome.output.contains("wsconform: warning: skipped \(shard.path)/findings/broken.json: "), "\(outcome.output)")
        #expect(outcome.output.contains("scripts: 1 added, 0 already present"))
        #expect(outcome.output.contains("skipped: 2 unreadable file(s)"))
    }

    @Test("a directory that cannot be read exits 2 naming it; command-line mistakes exit 64")
    func exitCodes() throws {
        let root = try CLI.temporaryDirectory("corpus-errors")
        defer { try? FileManager.default.removeItem(at: root) }
        let missing = root.appendingPathComponent("missing").path
        let merge = try CLI.run(["corpus", "merge", missing, "--into", root.appendingPathComponent("m").path])
        #expect(merge.status == 2, "\(merge.output)")
        #expect(merge.output.contains("wsconform: error: \(missing): no such directory"), "\(merge.output)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("m").path), "nothing written before the check")
        try Self.write("x", to: root, "file")
        let list = try CLI.run(["corpus", "list", root.appendingPathComponent("file").path])
        #expect(list.status == 2, "\(list.output)")
        #expect(list.output.contains("not a directory"), "\(list.output)")

        for (arguments, message) in [
            (["corpus"], "corpus needs an action"),
            (["corpus", "merge", root.path], "corpus merge needs --into DIR"),
            (["corpus", "merge", "--into", root.path], "needs at least one corpus directory"),
            (["corpus", "mrege", root.path], "did you mean merge"),
            (["corpus", "list", root.path, root.path], "corpus list takes one directory, got 2"),
            (["corpus", "list", root.path, "--into", root.path], "--into belongs to corpus merge"),
            (["corpus", "list", root.path, "--int", root.path], "unknown option --int"),
        ] {
            let outcome = try CLI.run(arguments)
            #expect(outcome.status == 64, "\(arguments): \(outcome.output)")
            #expect(outcome.output.lowercased().contains(message.lowercased()), "\(arguments): \(outcome.output)")
        }
        let help = try CLI.run(["help", "corpus"])
        #expect(help.status == 0 && help.output.contains("EXIT CODES: 0 done, 2 a directory cannot be read or written, 64 usage error"))
    }

    @Test("a merge killed with SIGKILL mid-write leaves only whole JSON files; the next load removes its leftovers")
    func killedMidWrite() throws {
        let root = try CLI.temporaryDirectory("corpus-kill")
        defer { try? FileManager.default.removeItem(at: root) }
        let source = root.appendingPathComponent("source")
        let destination = root.appendingPathComponent("destination")
        let count = 160
        for index in 0..<count {
            try Self.write(
                Self.script(payload: String(repeating: String(format: "%08x", index), count: 8192)), to: source, "s\(index).json")
        }
        // Each round kills the merge inside a write (its temporary file made, not yet renamed)
        // once `threshold` files are in place: the merge runs in slices and is looked at while
        // stopped, so the kill lands in the state seen, whatever the scheduling.
        for threshold in [0, 20, 50, 80] {
            let merge = try Subprocess(Tools.wsconform, ["corpus", "merge", source.path, "--into", destination.path])
            defer { merge.stop() }
            let writing = ".\(merge.process.processIdentifier)."
            let insideWrite = merge.pause {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: destination.path)) ?? []
                return names.count > threshold && names.contains { $0.hasSuffix(".tmp") && $0.contains(writing) }
            }
            #expect(insideWrite, "the merge ended before it was seen inside a write: \(merge.printed)")
            kill(merge.process.processIdentifier, SIGKILL)
            #expect(merge.waitForExit(timeout: 60) != nil)
            #expect(merge.process.terminationReason == .uncaughtSignal)

            let all = try FileManager.default.contentsOfDirectory(atPath: destination.path)
            #expect(all.contains { $0.hasSuffix(".tmp") && $0.contains(writing) }, "the killed write left its temporary file")
            let names = Self.jsonFiles(in: destination)
            #expect(names.count >= threshold)
            for name in names {
                let data = try Data(contentsOf: destination.appendingPathComponent(name))
                #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(name) is partial: \(data.count) octets")
                #expect(data.count > 64 << 10 && data.last == 0x0A, "\(name) is not a whole corpus file")
            }
            let list = try CLI.run(["corpus", "list", destination.path])
            #expect(list.status == 0)
            #expect(!list.output.contains("warning"), "\(list.output)")
            #expect(list.output.contains("0 finding(s), \(names.count) script(s)"), "\(list.output)")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: destination.path).filter { $0.hasSuffix(".tmp") }
            #expect(leftovers.isEmpty, "a dead writer's temporary files were not removed: \(leftovers)")
        }
        let finish = try CLI.run(["corpus", "merge", source.path, "--into", destination.path])
        #expect(finish.status == 0)
        #expect(Self.jsonFiles(in: destination).count == count)
    }
}
