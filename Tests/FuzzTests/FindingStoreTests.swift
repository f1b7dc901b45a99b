import Foundation
import Testing

@testable import Fuzz

#if canImport(Glibc)
    import Glibc
#endif

/// `corpus/findings/`: atomic durable writes, one file per signature keeping the smaller
/// reproducer, hostile files skipped and reported.
@Suite("Fuzz: finding store")
struct FindingStoreTests {
    static let reservedEchoed = FindingSignature(oracle: .protocol, rule: .reservedOpcode, reaction: .echoed)
    static let crashed = FindingSignature(oracle: .process, rule: nil, reaction: .crashed)

    /// A finding whose script is `steps` text frames carrying `text` each.
    static func finding(_ signature: FindingSignature = reservedEchoed, steps: Int, text: String = "a") -> Finding {
        Finding(
            signature: signature, script: TestScripts.script(Array(repeating: TestScripts.text(text), count: steps)),
            expected: "fail the connection with 1002", observed: "echoed", seed: 7, inputIndex: 42, mutators: ["header.opcode"],
            originalSteps: 9, toolVersion: "0.1.0", target: "ws://127.0.0.1:9001/", foundAt: "2025-01-01T00:00:00Z")
    }

    static func temporaryDirectory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wsconform-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A PID no process has, now or later: a writer that died. Above the kernel's `pid_max`
    /// no PID is ever given out, so no process started meanwhile can take it.
    static func deadPID() throws -> Int32 {
        let text = try String(contentsOfFile: "/proc/sys/kernel/pid_max", encoding: .utf8)
        let max = try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        let pid = try #require(max < Int32.max ? max + 1 : nil, "pid_max leaves no PID unused")
        #expect(kill(pid, 0) == -1 && errno == ESRCH)
        return pid
    }

    static func names(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test("a saved finding reads back equal, from a file named by its signature; a missing directory holds none")
    func roundTrip() throws {
        let directory = try Self.temporaryDirectory("findings")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = FindingStore(directory: directory.appendingPathComponent("findings"))
        #expect(try store.load().entries.isEmpty)
        let finding = Self.finding(steps: 2)
        let saved = try store.save(finding)
        #expect(saved.isNew && saved.outcome == .added)
        #expect(saved.url.lastPathComponent == "protocol_reserved-opcode_echoed.json")
        let loaded = try store.load()
        #expect(loaded.values == [finding])
        #expect(loaded.entries.first?.url == saved.url)
        #expect(loaded.skipped.isEmpty)
        #expect(try Data(contentsOf: saved.url) == finding.jsonData())
    }

    @Test("a second finding with a signature replaces the first only with fewer steps, or as many and fewer octets")
    func keepsSmallerReproducer() throws {
        let directory = try Self.temporaryDirectory("dedupe")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = FindingStore(directory: directory)
        #expect(try store.save(Self.finding(steps: 3)).outcome == .added)
        #expect(try store.save(Self.finding(steps: 4)).outcome == .kept)
        #expect(try store.save(Self.finding(steps: 2, text: "abc")).outcome == .replaced)
        #expect(try store.save(Self.finding(steps: 2, text: "abcd")).outcome == .kept)
        #expect(try store.save(Self.finding(steps: 2, text: "abc")).outcome == .kept, "an equal reproducer keeps the stored one")
        let smaller = try store.save(Self.finding(steps: 2, text: "ab"))
        #expect(smaller.outcome == .replaced && !smaller.isNew)
        #expect(try store.save(Self.finding(Self.crashed, steps: 5)).isNew)

        let loaded = try store.load()
        #expect(loaded.values.count == 2)
        #expect(loaded.values.first { $0.signature == Self.reservedEchoed } == Self.finding(steps: 2, text: "ab"))
        #expect(try Self.names(in: directory) == ["process_valid_crashed.json", "protocol_reserved-opcode_echoed.json"])
    }

    @Test("leftovers of a writer killed mid-write are ignored by load and removed; a live writer's are left alone")
    func crashLeftovers() throws {
        let directory = try Self.temporaryDirectory("leftovers")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = FindingStore(directory: directory)
        let finding = Self.finding(steps: 1)
        try store.save(finding)
        let whole = finding.jsonData()
        let dead = try Self.deadPID()
        // A killed writer's truncated temporary file, and a complete one it never renamed.
        let truncated = ".\(finding.fileName).\(dead).1.tmp"
        let unrenamed = ".process_valid_crashed.json.\(dead).2.tmp"
        let live = ".process_valid_hung.json.\(getpid()).99.tmp"
        try whole.prefix(whole.count / 2).write(to: directory.appendingPathComponent(truncated))
        try Self.finding(Self.crashed, steps: 1).jsonData().write(to: directory.appendingPathComponent(unrenamed))
        try Data("{".utf8).write(to: directory.appendingPathComponent(live))

        let loaded = try store.load()
        #expect(loaded.values == [finding])
        #expect(loaded.skipped.isEmpty)
        #expect(try Self.names(in: directory) == [live, finding.fileName])
        #expect(try store.save(Self.finding(steps: 2)).outcome == .kept, "the whole file is still the stored one")
    }

    @Test("hostile files are skipped with a reason: huge, bad JSON, other schema versions, a script over its caps")
    func hostileFiles() throws {
        let directory = try Self.temporaryDirectory("hostile")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = FindingStore(directory: directory)
        let good = Self.finding(steps: 1)
        try store.save(good)
        let text = String(decoding: good.jsonData(), as: UTF8.self)
        func write(_ name: String, _ content: String) throws {
            try Data(content.utf8).write(to: directory.appendingPathComponent(name))
        }
        try write("bad-json.json", "{\"signature\": ")
        try write(
            "newer-schema.json",
            text.replacingOccurrences(of: "\"schemaVersion\" : 1,\n  \"script\"", with: "\"schemaVersion\" : 2,\n  \"script\""))
        try write(
            "script-schema.json",
            text.replacingOccurrences(of: "\"schemaVersion\" : 1,\n    \"steps\"", with: "\"schemaVersion\" : 9,\n    \"steps\""))
        try write("unknown-signature.json", text.replacingOccurrences(of: "reserved-opcode/echoed", with: "no-such-rule/echoed"))
        try write(
            "huge-payload.json",
            text.replacingOccurrences(
                of: "\"payload\" : \"61\"", with: "\"payload\" : \"\(String(repeating: "00", count: (16 << 20) + 1))\""))
        try write("not-a-finding.json", "[1, 2, 3]")
        // A trace id reaches reports: anything but 32 lowercase hex digits is refused.
        try write("markup-trace-id.json", text.replacingOccurrences(of: "\"target\"", with: "\"traceId\" : \"<b>0123</b>\",\n  \"target\""))
        // A sparse file over the size cap: refused from its size, nothing is read.
        let huge = directory.appendingPathComponent("huge.json")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: UInt64(Finding.maxFileBytes + 1))
        try handle.close()
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("directory.json"), withIntermediateDirectories: false)

        let loaded = try store.load()
        #expect(loaded.values == [good])
        let problems = Dictionary(uniqueKeysWithValues: loaded.skipped.map { ($0.url.lastPathComponent, $0.problem) })
        #expect(problems.count == 9, "\(problems)")
        #expect(problems["markup-trace-id.json"] == "traceId: a trace id is 32 lowercase hex digits")
        #expect(problems["huge.json"]?.contains("over the cap of \(Finding.maxFileBytes)") == true)
        #expect(problems["newer-schema.json"] == "schemaVersion: schema version 2 is not 1")
        #expect(problems["script-schema.json"]?.contains("schema version 9 is not 1") == true)
        #expect(problems["huge-payload.json"]?.contains("over the cap of \(16 << 20)") == true)
        #expect(problems["unknown-signature.json"]?.contains("not a finding signature") == true)
        #expect(problems["directory.json"] == "not a regular file")
        #expect(problems["bad-json.json"] != nil && problems["not-a-finding.json"] != nil)
    }

    @Test("an unreadable file under a finding's name is replaced by the finding")
    func replacesBrokenFile() throws {
        let directory = try Self.temporaryDirectory("broken")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = FindingStore(directory: directory)
        let finding = Self.finding(steps: 3)
        try Data("garbage".utf8).write(to: store.url(for: finding))
        #expect(try store.save(finding).outcome == .replaced)
        #expect(try store.load().values == [finding])
    }

    @Test("concurrent saves of one signature leave one whole file holding the smallest reproducer")
    func concurrentSaves() throws {
        let directory = try Self.temporaryDirectory("concurrent")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = FindingStore(directory: directory)
        DispatchQueue.concurrentPerform(iterations: 8) { index in _ = try? store.save(Self.finding(steps: 8 - index)) }
        let loaded = try store.load()
        #expect(loaded.values == [Self.finding(steps: 1)])
        #expect(try Self.names(in: directory) == [Self.finding(steps: 1).fileName])
    }
}
