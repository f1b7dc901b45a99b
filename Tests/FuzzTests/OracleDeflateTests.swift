import Cases
import PerMessageDeflate
import Testing
import Wire

@testable import Fuzz

/// The oracle under permessage-deflate (RFC 7692): compressed messages inflated as a server
/// must inflate them, the window carried over, and what a conforming server does with each way
/// of breaking them. Payloads are RFC 7692 §7.2.3's examples where it has one.
@Suite("Fuzz: the oracle under permessage-deflate")
struct OracleDeflateTests {
    /// "Hello" compressed from an empty window, RFC 7692 §7.2.3.1.
    static let hello: [UInt8] = [0xF2, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00]
    /// The second "Hello" with the first in the window, RFC 7692 §7.2.3.2.
    static let helloAgain: [UInt8] = [0xF2, 0x00, 0x11, 0x00, 0x00]
    static let tail: [UInt8] = [0x00, 0x00, 0xFF, 0xFF]

    /// A masked frame with RSV1: the first frame of a compressed message.
    static func compressed(_ opcode: UInt8, _ payload: [UInt8], fin: Bool = true) -> ScriptStep {
        var frame = TestScripts.frame(opcode, payload, fin: fin)
        frame.rsv1 = true
        return .frame(frame)
    }

    /// A script offering permessage-deflate (`offer`) with these steps.
    static func script(_ steps: [ScriptStep], offer: String = "permessage-deflate") -> SessionScript {
        TestScripts.script(steps).offering(offer)
    }

    static func options(_ change: (inout OracleOptions) -> Void) -> OracleOptions {
        var options = OracleOptions.strict
        change(&options)
        return options
    }

    @Test("a compressed message is echoed as what it inflates to, the window carried to the next (RFC 7692 §7.2.3.2)")
    func contextTakeover() {
        let script = Self.script([Self.compressed(1, Self.hello), Self.compressed(1, Self.helloAgain)])
        let reaction = Oracle.expect(script)
        #expect(reaction.isValid)
        #expect(
            reaction.replies == [Frame(opcode: .text, payload: Array("Hello".utf8)), Frame(opcode: .text, payload: Array("Hello".utf8))])
        #expect(reaction.outOfScope == nil)
    }

    @Test("without an offer, or when the server declines, RSV1 is a reserved bit: fail with 1002 (RFC 6455 §5.2)")
    func declined() {
        let plain = TestScripts.script([Self.compressed(1, Self.hello)])
        #expect(Oracle.expect(plain).ruleBreak?.rule == .reservedBitsWithoutExtension)
        let offered = Self.script([Self.compressed(1, Self.hello)])
        #expect(Oracle.expect(offered, options: Self.options { $0.deflate = .declined }).ruleBreak?.rule == .reservedBitsWithoutExtension)
    }

    @Test("a compressed message in two frames, RSV1 on the first only, inflates frame by frame (RFC 7692 §6.1)")
    func fragmented() {
        var continuation = TestScripts.frame(0, Array(Self.hello[3...]))
        continuation.rsv1 = false
        let script = Self.script([Self.compressed(1, Array(Self.hello[..<3]), fin: false), .frame(continuation)])
        #expect(Oracle.expect(script).replies == [Frame(opcode: .text, payload: Array("Hello".utf8))])
    }

    @Test("RSV1 on a continuation or a control frame fails with 1002 only (RFC 7692 §6.1)", arguments: [0, 9, 10, 8])
    func misplacedBit(opcode: UInt8) throws {
        var frame = TestScripts.frame(opcode, opcode == 8 ? [0x03, 0xE8] : Array("x".utf8))
        frame.rsv1 = true
        let steps: [ScriptStep] = opcode == 0 ? [TestScripts.text("a", fin: false), .frame(frame)] : [.frame(frame)]
        let reaction = Oracle.expect(Self.script(steps))
        #expect(reaction.ruleBreak?.rule == .compressedBitMisplaced)
        #expect(reaction.admits(.closed(1002)) && reaction.admits(.dropped))
        #expect(!reaction.admits(.closed(1007)) && !reaction.admits(.echoed))
        #expect(Rule.compressedBitMisplaced.section == "RFC 7692 §6.1")
    }

    @Test("DEFLATE data that does not inflate fails with 1002 or 1007 (RFC 7692 §7.2.2, RFC 6455 §7.4.1)")
    func corrupt() throws {
        // BTYPE 11 is reserved (RFC 1951 §3.2.3): no inflater takes it.
        let script = Self.script([Self.compressed(1, [0xFF, 0xFF, 0x00])])
        let reaction = Oracle.expect(script)
        #expect(reaction.ruleBreak?.rule == .invalidCompressedData)
        #expect(reaction.ruleBreak?.decidedAt == script.wire().bytes.count)
        for code: UInt16 in [1002, 1007] { #expect(reaction.admits(.closed(code))) }
        #expect(!reaction.admits(.closed(1000)) && !reaction.admits(.echoed))
    }

    @Test("bad data in a message's first frame: fail there, or at its last frame after answering a Ping between them")
    func wholeMessages() throws {
        let ping = ScriptStep.frame(TestScripts.frame(9, Array("p".utf8)))
        let script = Self.script([Self.compressed(1, [0xFF, 0xFF], fin: false), ping, .frame(TestScripts.frame(0, [0x00]))])
        let strict = Oracle.expect(script)
        #expect(strict.ruleBreak?.rule == .invalidCompressedData && strict.replies.isEmpty)
        let whole = try #require(Oracle.acceptable(script).first { $0.ruleBreak?.rule == .invalidCompressedData && !$0.replies.isEmpty })
        #expect(whole.replies == [Frame(opcode: .pong, payload: Array("p".utf8))])
        #expect(whole.ruleBreak?.decidedAt == script.wire().bytes.count)
    }

    @Test("text that is not UTF-8 once inflated fails with 1007 (RFC 6455 §8.1)")
    func invalidUTF8AfterInflation() throws {
        let compressed = try MessageCompressor().compress([0x48, 0xED, 0xA0, 0x80])
        let reaction = Oracle.expect(Self.script([Self.compressed(1, compressed)]))
        #expect(reaction.ruleBreak?.rule == .invalidUTF8Text)
        #expect(reaction.admits(.closed(1007)) && !reaction.admits(.closed(1002)))
        // The same octets as binary are a valid message.
        #expect(Oracle.expect(Self.script([Self.compressed(2, compressed)])).replies.first?.payload == [0x48, 0xED, 0xA0, 0x80])
    }

    @Test("a decompression bomb is echoed by the reference server, refused with 1009 by a server with a smaller limit")
    func bomb() throws {
        let bomb = SessionScript.bombs[0]
        #expect(bomb.count < 4096)
        let script = Self.script([Self.compressed(2, bomb)])
        let strict = Oracle.expect(script)
        #expect(strict.isValid)
        #expect(strict.replies.first?.payload.count == SessionScript.bombSizes[0])
        let acceptable = Oracle.acceptable(script)
        #expect(acceptable.contains { $0.ruleBreak?.rule == .messageTooBig && $0.admits(.closed(1009)) })
        // The oracle inflates nothing past its own cap: a larger message is out of its scope.
        let limitless = Oracle.expect(script, options: Self.options { $0.maxMessageSize = .max })
        #expect(limitless.isValid && limitless.outOfScope == nil)
    }

    @Test("a kept 00 00 ff ff tail leaves the message unflushed: the reference server fails, a server may deliver it")
    func keptTail() throws {
        for payload in [Self.hello + Self.tail, Self.hello + Self.tail + Self.tail] {
            let script = Self.script([Self.compressed(1, payload), TestScripts.text("after")])
            let strict = Oracle.expect(script)
            #expect(strict.ruleBreak?.rule == .deflateUnterminated)
            #expect(strict.admits(.closed(1002)) && strict.admits(.closed(1007)))
            let lenient = Oracle.expect(script, options: Self.options { $0.failsUnterminatedDeflate = false })
            #expect(lenient.openEnded)
            #expect(Judgement.repliesMatch(lenient, [Observation.Reply(opcode: .text, payload: Array("Hello".utf8))]))
            #expect(lenient.admits(.closed(1002)) && lenient.admits(.echoed))
            #expect(Oracle.acceptable(script).contains(lenient))
        }
    }

    @Test("a cut compressed message is unflushed or invalid, never echoed as sent")
    func truncated() {
        for cut in 1..<Self.hello.count {
            let reaction = Oracle.expect(Self.script([Self.compressed(1, Array(Self.hello.dropLast(cut)))]))
            let rule = reaction.ruleBreak?.rule
            #expect(rule == .deflateUnterminated || rule == .invalidCompressedData, "cut \(cut): \(reaction)")
        }
    }

    @Test("a back-reference behind everything sent cannot inflate: fail (RFC 7692 §7.2.2); one within it is echoed")
    func distance() {
        let far = DeflateBits.message(literals: Array("ab".utf8), length: 3, distance: 3)
        let reaction = Oracle.expect(Self.script([Self.compressed(1, far)]))
        #expect(reaction.ruleBreak?.rule == .deflateDistanceTooFar)
        #expect(reaction.admits(.closed(1002)) && reaction.admits(.closed(1007)))
        // Two octets back, after "ab": "aba" copied as "aba"; after "Hello", ten back reaches it.
        let near = DeflateBits.message(literals: Array("ab".utf8), length: 3, distance: 2)
        #expect(Oracle.expect(Self.script([Self.compressed(1, near)])).replies == [Frame(opcode: .text, payload: Array("ababa".utf8))])
        let window = DeflateBits.message(literals: Array("!".utf8), length: 5, distance: 6)
        let script = Self.script([Self.compressed(1, Self.hello), Self.compressed(1, window)])
        #expect(Oracle.expect(script).replies.last?.payload == Array("!Hello".utf8))
    }

    @Test("under client_no_context_takeover a back-reference to the last message fails or is echoed: the server MAY empty its window")
    func noContextTakeover() {
        let script = Self.script(
            [Self.compressed(1, Self.hello), Self.compressed(1, Self.helloAgain)], offer: "permessage-deflate; client_no_context_takeover")
        let acceptable = Oracle.acceptable(script)
        #expect(acceptable.first?.ruleBreak?.rule == .deflateDistanceTooFar)
        #expect(acceptable.contains { $0.isValid && $0.replies.count == 2 })
    }

    @Test("a block with BFINAL set then 00 is a whole message (RFC 7692 §7.2.3.4); the empty message is 00 (§7.2.3.6)")
    func finalBlockAndEmpty() {
        // RFC 7692 §7.2.3.4's own octets, which the bit writer gives for "Hello".
        let final: [UInt8] = [0xF3, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00, 0x00]
        #expect(DeflateBits.finalBlock(literals: Array("Hello".utf8)) == final)
        let script = Self.script([Self.compressed(1, final), Self.compressed(1, Self.helloAgain), Self.compressed(2, [0x00])])
        let hello = Frame(opcode: .text, payload: Array("Hello".utf8))
        #expect(Oracle.expect(script).replies == [hello, hello, Frame(opcode: .binary, payload: [])])
        // A server that empties its window after the final block cannot follow the back-reference.
        let acceptable = Oracle.acceptable(script)
        #expect(acceptable.contains { $0.ruleBreak?.rule == .deflateDistanceTooFar && $0.replies == [hello] })
        #expect(!acceptable.contains { $0.openEnded })
    }

    @Test("more after a block with BFINAL set: the reference server reads on, a server may stop there (RFC 7692 §7.2.3.4)")
    func dataAfterFinalBlock() throws {
        // "Hello" with BFINAL, then "Hello" again as a second stream in the same message.
        let first = DeflateBits.finalBlock(literals: Array("Hello".utf8)).dropLast()
        let script = Self.script([Self.compressed(1, Array(first) + Self.hello)])
        #expect(Oracle.expect(script).replies == [Frame(opcode: .text, payload: Array("HelloHello".utf8))])
        let stops = try #require(Oracle.acceptable(script).first { $0.openEnded })
        #expect(Judgement.repliesMatch(stops, [Observation.Reply(opcode: .text, payload: Array("Hello".utf8))]))
        // Without the octet 00 the appended tail is left over after the final block: the
        // reference server drops it; a server that takes it as more data goes its own way.
        // Data after the final block that does not inflate is the same: more than RFC 7692 defines.
        let damaged = Self.script([Self.compressed(1, Array(first) + [0xFF, 0xFF])])
        #expect(Oracle.expect(damaged).ruleBreak?.rule == .invalidCompressedData)
        #expect(Oracle.acceptable(damaged).contains { $0.openEnded })
        let bare = Self.script([Self.compressed(1, Array(first))])
        #expect(Oracle.expect(bare).replies == [Frame(opcode: .text, payload: Array("Hello".utf8))])
        #expect(Oracle.acceptable(bare).contains { $0.openEnded })
    }

    @Test("a message past a small agreed client window cannot be judged: out of scope (RFC 7692 §7.1.2.2)")
    func smallClientWindow() throws {
        // 300 octets that do not repeat, then the same again: a match 300 octets back.
        var random = SplitMix64(seed: 0x7692)
        let block = (0..<300).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let compressed = try MessageCompressor().compress(block + block)
        var agreed = PerMessageDeflateParameters()
        agreed.clientMaxWindowBits = .limit(8)
        let script = Self.script([Self.compressed(1, compressed)], offer: "permessage-deflate; client_max_window_bits")
        #expect(Oracle.expect(script, options: Self.options { $0.deflate = .agreed(agreed) }).outOfScope != nil)
        // Within the window, it is judged as usual.
        let short = Self.script([Self.compressed(1, Self.hello)], offer: "permessage-deflate; client_max_window_bits")
        #expect(Oracle.expect(short, options: Self.options { $0.deflate = .agreed(agreed) }).isValid)
    }

    @Test("a partial header with RSV1 on a Ping already breaks RFC 7692 §6.1 at its first octet")
    func partialHeader() {
        let script = Self.script([ScriptStep(.raw([0xC9]))])
        let reaction = Oracle.expect(script, options: Self.options { $0.judgesPartialHeaders = true })
        #expect(reaction.ruleBreak?.rule == .compressedBitMisplaced)
        // A continuation with RSV1 and a 64-bit length with its top bit set, cut before the key:
        // a server that reads the length first refuses it as too big (1009), and may.
        let cut = Self.script([ScriptStep(.raw([0xC0, 0xFF, 0x80, 0, 0, 2, 0x80, 0, 2, 0xCE, 0x66]))])
        let partial = Oracle.expect(cut, options: Self.options { $0.judgesPartialHeaders = true })
        #expect(partial.ruleBreak?.rule == .compressedBitMisplaced)
        #expect(partial.admits(.closed(1009)) && partial.admits(.closed(1002)))
    }
}
