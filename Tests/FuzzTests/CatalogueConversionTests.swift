import Cases
import Testing
import Wire

@testable import Fuzz

@Suite("Fuzz: seeds from the catalogue")
struct CatalogueConversionTests {
    @Test("every catalogue case converts deterministically to a script within the caps")
    func everyCase() throws {
        for testCase in Catalogue.all {
            let seed = SessionScript.seed(from: testCase)
            #expect(seed.script.isWithinLimits, "\(testCase.id)")
            #expect(seed.script == SessionScript.seed(from: testCase).script, "\(testCase.id)")
            #expect(seed.script.note?.hasPrefix("catalogue case \(testCase.id)") == true)
        }
    }

    @Test("a two-fragment case written an octet at a time keeps its frames and its chop size")
    func fragments() throws {
        let testCase = try #require(Catalogue.named("fragmentation.text.two-fragments-octet-writes"))
        let seed = SessionScript.seed(from: testCase)
        #expect(seed.skipped.isEmpty)
        #expect(seed.script.steps.map { $0.frame?.opcode } == [1, 0])
        #expect(seed.script.steps.allSatisfy { $0.chop == 1 })
        #expect(Oracle.expect(seed.script).replies == [Frame(opcode: .text, payload: Array("fragment1fragment2".utf8))])
    }

    @Test("a compression case keeps its offer and sends its messages compressed, the window carried over (RFC 7692 §7.2.1)")
    func compressed() throws {
        let testCase = try #require(Catalogue.named("compression.round-trip.text-context-takeover"))
        let seed = SessionScript.seed(from: testCase)
        #expect(seed.skipped.isEmpty)
        #expect(seed.script.offersDeflate)
        let frames = seed.script.steps.compactMap(\.frame)
        #expect(frames.count == 3 && frames.allSatisfy(\.rsv1))
        // With the first message in the window, the others are a few octets each.
        #expect(frames[1].payload.count < frames[0].payload.count / 2)
        let sentence = Array("Hello, permessage-deflate! The same words, compressed again.".utf8)
        #expect(frames.allSatisfy { $0.compressedFrom == sentence })
        #expect(Oracle.expect(seed.script).replies == Array(repeating: Frame(opcode: .text, payload: sentence), count: 3))
        // Without the offer the same octets carry RSV1 no extension explains (RFC 6455 §5.2).
        #expect(Oracle.expect(seed.script.withoutDeflateOffer()).ruleBreak?.rule == .reservedBitsWithoutExtension)
    }

    @Test("a case with RSV1 on a continuation keeps it: the oracle fails it as RFC 7692 §6.1 says")
    func misplacedBit() throws {
        let testCase = try #require(Catalogue.named("compression.rsv1.continuation"))
        #expect(Oracle.expect(SessionScript.seed(from: testCase).script).ruleBreak?.rule == .compressedBitMisplaced)
    }

    @Test("waiting steps are skipped and said so")
    func skipped() throws {
        let withCheckpoints = Catalogue.all.filter { $0.steps.contains { if case .checkpoint = $0 { return true } else { return false } } }
        let testCase = try #require(withCheckpoints.first)
        let seed = SessionScript.seed(from: testCase)
        #expect(seed.skipped.contains { $0.contains("checkpoint") })
        #expect(seed.script.note?.contains("skipped") == true)
        let roundTrips = try #require(
            Catalogue.all.first { $0.steps.contains { if case .roundTrips = $0 { return true } else { return false } } })
        #expect(SessionScript.seed(from: roundTrips).skipped.contains { $0.contains("round trips") })
    }

    @Test("a pause becomes the delay of the step after it, capped")
    func pause() throws {
        let testCase = try #require(Catalogue.all.first { $0.steps.contains { if case .pause = $0 { return true } else { return false } } })
        #expect(SessionScript.seed(from: testCase).script.steps.contains { $0.delayMilliseconds == SessionScript.seedDelayCap })
    }
}
