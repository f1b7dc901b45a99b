import Testing

@testable import Wire

/// The W3C Trace Context `traceparent` field each case's handshake carries (Trace Context
/// Level 1, §3.2): its exact shape, ids never all zeros, a fresh one each time.
@Suite("traceparent (W3C Trace Context §3.2)")
struct TraceParentTests {
    @Test("version 00, 32 and 16 lowercase hex digits, the sampled flag")
    func shape() {
        let field = TraceParent.random()
        #expect(field.value.wholeMatch(of: /00-[0-9a-f]{32}-[0-9a-f]{16}-01/) != nil, "\(field.value)")
        #expect(field.traceIDHex.count == 32 && field.value.contains(field.traceIDHex))
        #expect(TraceParent.fieldName == "traceparent")
    }

    @Test("the example of §3.2.2 renders as the specification writes it")
    func specificationExample() throws {
        let field = try #require(
            TraceParent(traceID: Hex.decode("4bf92f3577b34da6a3ce929d0e0e4736")!, parentID: Hex.decode("00f067aa0ba902b7")!))
        #expect(field.value == "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
    }

    @Test("all-zero ids and wrong lengths are refused (§3.2.2.3, §3.2.2.4)")
    func invalidIds() {
        #expect(TraceParent(traceID: [UInt8](repeating: 0, count: 16), parentID: [1, 2, 3, 4, 5, 6, 7, 8]) == nil)
        #expect(TraceParent(traceID: [UInt8](repeating: 1, count: 16), parentID: [UInt8](repeating: 0, count: 8)) == nil)
        #expect(TraceParent(traceID: [UInt8](repeating: 1, count: 15), parentID: [UInt8](repeating: 1, count: 8)) == nil)
    }

    @Test("a generator that gives zeros first is drawn again, never yielding a zero id")
    func zeroDrawsAgain() {
        struct ZerosThenCount: RandomNumberGenerator {
            var calls: UInt64 = 0
            mutating func next() -> UInt64 {
                calls += 1
                return calls <= 3 ? 0 : calls
            }
        }
        var generator = ZerosThenCount()
        let field = TraceParent.random(using: &generator)
        #expect(field.traceID.contains { $0 != 0 } && field.parentID.contains { $0 != 0 })
    }

    @Test("a thousand fields, a thousand trace ids")
    func fresh() {
        #expect(Set((0..<1000).map { _ in TraceParent.random().traceIDHex }).count == 1000)
    }
}
