import Cases
import Dispatch
import Synchronization
import Testing
import Wire

@testable import Fuzz

@Suite("Fuzz: deterministic input generation")
struct InputSourceTests {
    static let corpus: [SessionScript] =
        [InputSource.builtInSeed]
        + ["fragmentation.ping-inside.message", "utf8.valid.kosme", "close.normal.with-reason"].compactMap(Catalogue.named).map {
            SessionScript.seed(from: $0).script
        }

    static let count: UInt64 = 2000

    /// Everything an input sends, octet for octet: the wire octets, each write's size and
    /// delay, and the mutator names.
    static func fingerprint(_ input: GeneratedInput) -> [UInt8] {
        let wire = input.script.wire()
        let controls = wire.writes.flatMap { write in
            withUnsafeBytes(of: (Int64(write.bytes.count), Int64(write.delayMilliseconds))) { Array($0) }
        }
        return wire.bytes + controls + Array(input.mutators.joined(separator: ",").utf8)
    }

    @Test("the same seed gives the same 2,000 inputs in order, in reverse, by shards and in parallel")
    func sameSeed() throws {
        let source = InputSource(seed: 42, corpus: Self.corpus)
        let forward = (0..<Self.count).map { Self.fingerprint(source.input(at: $0)) }

        let reversed = (0..<Self.count).reversed().map { Self.fingerprint(source.input(at: $0)) }
        #expect(Array(reversed.reversed()) == forward)

        // Three shards, each computed by a fresh source, merged by index.
        var sharded = [[UInt8]](repeating: [], count: Int(Self.count))
        for shardIndex in UInt64(0)..<3 {
            let shard = try #require(Shard(index: shardIndex, count: 3))
            let fresh = InputSource(seed: 42, corpus: Self.corpus)
            var position: UInt64 = 0
            while shard.inputIndex(at: position) < Self.count {
                let index = shard.inputIndex(at: position)
                sharded[Int(index)] = Self.fingerprint(fresh.input(at: index))
                position += 1
            }
        }
        #expect(sharded == forward)

        // Any number of jobs, in whatever order the threads run.
        let parallel = Mutex([[UInt8]](repeating: [], count: Int(Self.count)))
        DispatchQueue.concurrentPerform(iterations: 8) { job in
            for index in stride(from: UInt64(job), to: Self.count, by: 8) {
                let print = Self.fingerprint(source.input(at: index))
                parallel.withLock { $0[Int(index)] = print }
            }
        }
        #expect(parallel.withLock { $0 } == forward)
    }

    @Test("different seeds give different inputs")
    func differentSeeds() {
        let one = InputSource(seed: 1, corpus: Self.corpus)
        let two = InputSource(seed: 2, corpus: Self.corpus)
        let same = (UInt64(0)..<200).filter { Self.fingerprint(one.input(at: $0)) == Self.fingerprint(two.input(at: $0)) }
        #expect(same.count < 20)
    }

    @Test("inputs stack 1 to maxStack registered mutators and stay within the caps")
    func stacking() {
        let source = InputSource(seed: 7, corpus: Self.corpus, maxStack: 5)
        var sizes = Set<Int>()
        for index in UInt64(0)..<300 {
            let input = source.input(at: index)
            #expect(input.script.isWithinLimits)
            #expect(input.mutators.allSatisfy { MutatorRegistry.named($0) != nil })
            sizes.insert(input.mutators.count)
        }
        #expect(sizes == Set(1...5))
    }

    @Test("shards parse, never overlap and cover every index")
    func shards() throws {
        #expect(Shard("2/4")?.description == "2/4")
        #expect(Shard("4/4") == nil)
        #expect(Shard("1/0") == nil)
        let shards = try (0..<4).map { try #require(Shard(index: UInt64($0), count: 4)) }
        for index in UInt64(0)..<100 { #expect(shards.filter { $0.contains(index) }.count == 1) }
    }
}
