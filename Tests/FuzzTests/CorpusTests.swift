import Foundation
import Platform
import Testing

@testable import Fuzz

/// The working corpus: stable content-hash names, a stable load order, scripts stored once,
/// hostile files skipped, and merges of shards with exact counts.
@Suite("Fuzz: corpus directory and merge")
struct CorpusTests {
    static func script(_ text: String, steps: Int = 1) -> SessionScript {
        TestScripts.script(Array(repeating: TestScripts.text(text), count: steps))
    }

    static func temporaryDirectory(_ name: String) throws -> URL { try FindingStoreTests.temporaryDirectory(name) }

    @Test("FNV-1a 64 matches the reference vectors")
    func fnvVectors() {
        #expect(ContentHash.fnv1a64([UInt8]()) == 0xcbf2_9ce4_8422_2325)
        #expect(ContentHash.fnv1a64(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
        #expect(ContentHash.fnv1a64(Array("foobar".utf8)) == 0x8594_4171_f739_67e8)
        #expect(ContentHash.hex(0x00ab) == "00000000000000ab")
    }

    @Test("a fixed script has a fixed content hash and file name (golden value)")
    func goldenName() {
        let script = Self.script("Hello")
        #expect(ContentHash.hex(script.contentHash) == "2c629ba40c25b5a2")
        #expect(script.contentName() == "2c629ba40c25b5a2.json")
        #expect(script.contentName(label: "closed-1002") == "closed-1002-2c629ba40c25b5a2.json")
        #expect(script.contentName(label: "../é x") == "_____x-2c629ba40c25b5a2.json")
        #expect(Self.script("Hello!").contentHash != script.contentHash)
    }

    @Test("a script is stored once whatever its label, even when a hand-named copy is already there")
    func storedOnce() throws {
        let directory = try Self.temporaryDirectory("corpus")
        defer { try? FileManager.default.removeItem(at: directory) }
        let corpus = CorpusDirectory(directory: directory)
        try Self.script("hand").jsonData().write(to: directory.appendingPathComponent("hand-written.json"))
        let first = try corpus.add(Self.script("x"))
        #expect(first.isNew && first.url.lastPathComponent == Self.script("x").contentName())
        #expect(try !corpus.add(Self.script("x"), label: "again").isNew)
        #expect(try !corpus.add(Self.script("hand")).isNew)
        #expect(try CorpusDirectory(directory: directory).add(Self.script("x")).isNew == false, "a fresh instance reads the index")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).count == 2)
        #expect(try Data(contentsOf: first.url) == Self.script("x").jsonData())
    }

    @Test("load order is by file name octets, the same whatever order the files were written in")
    func stableOrder() throws {
        let scripts = (0..<20).map { Self.script("message \($0)") }
        var orders: [[SessionScript]] = []
        for permutation in [scripts, scripts.reversed(), scripts.shuffled()] {
            let directory = try Self.temporaryDirectory("order")
            defer { try? FileManager.default.removeItem(at: directory) }
            let corpus = CorpusDirectory(directory: directory)
            for script in permutation { try corpus.add(script) }
            let loaded = try corpus.load()
            #expect(loaded.entries.map(\.url.lastPathComponent) == loaded.entries.map(\.url.lastPathComponent).sorted())
            orders.append(loaded.values)
        }
        #expect(orders[0] == orders[1] && orders[1] == orders[2])
        #expect(Set(orders[0]) == Set(scripts))
        #expect(
            AtomicFile.jsonNames(["b.json", "B.json", "a.json", ".a.json.1.1.tmp", "README.md", "Z.json"]) == [
                "B.json", "Z.json", "a.json", "b.json",
            ])
    }

    @Test("hostile scripts are skipped with a reason; a missing or non-directory corpus is an error")
    func hostileScripts() throws {
        let directory = try Self.temporaryDirectory("hostile-corpus")
        defer { try? FileManager.default.removeItem(at: directory) }
        let corpus = CorpusDirectory(directory: directory)
        try corpus.add(Self.script("ok"))
        let text = String(decoding: Self.script("ok").jsonData(), as: UTF8.self)
        try Data("not json".utf8).write(to: directory.appendingPathComponent("bad.json"))
        try Data(text.replacingOccurrences(of: "\"schemaVersion\" : 1", with: "\"schemaVersion\" : 2").utf8)
            .write(to: directory.appendingPathComponent("schema.json"))
        try Data(text.replacingOccurrences(of: "\"opcode\" : 1", with: "\"opcode\" : 99").utf8)
            .write(to: directory.appendingPathComponent("opcode.json"))
        let huge = directory.appendingPathComponent("huge.json")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: UInt64(SessionScript.maxFileBytes + 1))
        try handle.close()

        let loaded = try corpus.load()
        #expect(loaded.values == [Self.script("ok")])
        #expect(loaded.skipped.map(\.url.lastPathComponent).sorted() == ["bad.json", "huge.json", "opcode.json", "schema.json"])
        #expect(loaded.skipped.first { $0.url.lastPathComponent == "schema.json" }?.problem == "schemaVersion: schema version 2 is not 1")

        #expect(throws: FileError.self) { try CorpusDirectory(directory: directory.appendingPathComponent("missing")).load() }
        #expect(throws: FileError.self) { try CorpusDirectory(directory: huge).load() }
    }

    @Test("merging two shards with overlapping scripts and findings gives exact counts, and merging again changes nothing")
    func mergeCounts() throws {
        let root = try Self.temporaryDirectory("merge")
        defer { try? FileManager.default.removeItem(at: root) }
        let (first, second, merged) = (root.appendingPathComponent("a"), root.appendingPathComponent("b"), root.appendingPathComponent("m"))
        let shardA = CorpusDirectory(directory: first)
        let shardB = CorpusDirectory(directory: second)
        let hung = FindingSignature(oracle: .liveness, rule: nil, reaction: .hung)
        for text in ["one", "two"] { try shardA.add(Self.script(text)) }
        for text in ["two", "three"] { try shardB.add(Self.script(text)) }
        try shardA.findings.save(FindingStoreTests.finding(steps: 3))
        try shardA.findings.save(FindingStoreTests.finding(FindingStoreTests.crashed, steps: 1))
        try shardB.findings.save(FindingStoreTests.finding(steps: 1))
        try shardB.findings.save(FindingStoreTests.finding(FindingStoreTests.crashed, steps: 2))
        try shardB.findings.save(FindingStoreTests.finding(hung, steps: 1))

        let counts = try CorpusMerge.merge([first, second], into: merged)
        #expect(counts.scriptsAdded == 3 && counts.scriptsPresent == 1)
        #expect(counts.findingsAdded == 3 && counts.findingsReplaced == 1 && counts.findingsKept == 1)
        #expect(counts.skipped.isEmpty)
        let result = CorpusDirectory(directory: merged)
        #expect(Set(try result.load().values) == Set(["one", "two", "three"].map { Self.script($0) }))
        let findings = try result.findings.load().values
        #expect(findings.count == 3)
        #expect(findings.first { $0.signature == FindingStoreTests.reservedEchoed }?.script.steps.count == 1)
        #expect(findings.first { $0.signature == FindingStoreTests.crashed }?.script.steps.count == 1)

        let again = try CorpusMerge.merge([second, first], into: merged)
        #expect(again.scriptsAdded == 0 && again.scriptsPresent == 4)
        #expect(again.findingsAdded == 0 && again.findingsReplaced == 0 && again.findingsKept == 5)

        #expect(throws: FileError.self) { try CorpusMerge.merge([first, root.appendingPathComponent("nope")], into: merged) }
    }
}
