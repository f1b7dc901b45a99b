import Cases
import Testing
import Wire

@testable import Fuzz

/// The input classes the real-server findings are judged by: each predicate on a script that
/// has the feature and on the standard script, which has none.
@Suite("Fuzz: input classes of findings")
struct InputClassTests {
    static func head(_ version: String = "HTTP/1.1", method: String = "GET", _ change: (inout [HeaderField]) -> Void = { _ in })
        -> OpeningRequest
    {
        var fields = OpeningRequest.standard.head.fields
        change(&fields)
        return .explicit(RequestHead(method: method, version: version, fields: fields))
    }

    static func classes(_ handshake: OpeningRequest = .standard, _ steps: [ScriptStep] = [TestScripts.text("Hello")]) -> Set<InputClass> {
        InputClass.classes(of: TestScripts.script(steps, handshake: handshake))
    }

    static func close(_ payload: [UInt8]) -> ScriptStep { .frame(TestScripts.frame(8, payload)) }

    @Test("the standard request and a masked text frame are of no class")
    func plain() {
        #expect(Self.classes() == [])
        #expect(Self.classes(Self.head()) == [])
    }

    @Test("a request head over 8000 octets, and one just under")
    func largeHead() {
        let big = Self.head { $0.append(HeaderField(name: "X-Padding", value: String(repeating: "a", count: 8000))) }
        #expect(Self.classes(big) == [.headOver8000Octets])
        // The standard head is about 150 octets: padding to 7800 stays under.
        let under = Self.head { $0.append(HeaderField(name: "X-Padding", value: String(repeating: "a", count: 7600))) }
        #expect(Self.classes(under) == [])
    }

    @Test("request line: method and each range of HTTP versions")
    func requestLine() {
        #expect(Self.classes(Self.head(method: "HEAD")) == [.methodNotGET])
        #expect(Self.classes(Self.head("HTTP/1.0")) == [.http10OrOlder])
        #expect(Self.classes(Self.head("HTTP/0.9")) == [.http10OrOlder])
        #expect(Self.classes(Self.head("HTTP/1.2")) == [.http12To19])
        #expect(Self.classes(Self.head("HTTP/1.9")) == [.http12To19])
        #expect(Self.classes(Self.head("HTTP/2.0")) == [.http2OrNewer])
        #expect(Self.classes(Self.head("HTTP/1.10")) == [], "not DIGIT.DIGIT (RFC 9112 §2.3)")
    }

    @Test("header fields: Host missing or repeated, Upgrade, key and version repeated, a key of the wrong size")
    func fields() {
        #expect(Self.classes(.standard(overrides: [HeaderOverride(name: "Host", value: nil)])) == [.noHost])
        #expect(Self.classes(Self.head { $0.append(HeaderField(name: "HOST", value: "x")) }) == [.repeatedHost])
        #expect(Self.classes(Self.head { $0.append(HeaderField(name: "upgrade", value: "WebSocket")) }) == [.repeatedUpgrade])
        #expect(Self.classes(Self.head { $0.append(HeaderField(name: "Upgrade", value: "h2c")) }) == [], "another protocol")
        let key = HeaderField(name: "Sec-WebSocket-Key", value: OpeningRequest.standardKey)
        #expect(Self.classes(Self.head { $0.append(key) }) == [.repeatedKey])
        #expect(Self.classes(.standard(overrides: [HeaderOverride(name: "Sec-WebSocket-Key", value: "AAAA")])) == [.keyNot16Octets])
        #expect(Self.classes(Self.head { $0.append(HeaderField(name: "Sec-WebSocket-Version", value: "13")) }) == [.repeatedVersion])
    }

    @Test("frames: unmasked, a reserved opcode with FIN clear, a data frame inside a message")
    func frames() {
        #expect(Self.classes(.standard, [.frame(TestScripts.frame(1, [0x41], mask: false))]) == [.unmaskedFrame])
        #expect(Self.classes(.standard, [.frame(TestScripts.frame(3, [0x41], fin: false))]) == [.reservedOpcodeFinClear])
        #expect(Self.classes(.standard, [.frame(TestScripts.frame(3, [0x41]))]) == [], "FIN set")
        let start = TestScripts.text("a", fin: false)
        #expect(Self.classes(.standard, [start, .frame(TestScripts.frame(2, [1]))]) == [.dataFrameInsideMessage])
        #expect(Self.classes(.standard, [start, .frame(TestScripts.frame(0, [1]))]) == [])
    }

    @Test("Close bodies: a forbidden code, 1014, one octet; allowed codes are of no class")
    func closes() {
        #expect(Self.classes(.standard, [Self.close([0x03, 0xED])]) == [.closeCodeForbidden])  // 1005
        #expect(Self.classes(.standard, [Self.close([0x13, 0x88])]) == [.closeCodeForbidden])  // 5000
        #expect(Self.classes(.standard, [Self.close([0x03, 0xF6])]) == [.closeCode1014])
        #expect(Self.classes(.standard, [Self.close([0x03])]) == [.closeBodyOneOctet])
        #expect(Self.classes(.standard, [Self.close([0x03, 0xE8]), Self.close([0x0F, 0xA0])]) == [])  // 1000, 4000
        #expect(Self.classes(.standard, [Self.close([])]) == [])
    }

    @Test("permessage-deflate: the extension field repeated, an offer to decline, RSV1 on a control frame")
    func deflateHead() {
        let offer = OracleDeflateTests.script([]).handshake
        #expect(Self.classes(offer) == [])
        #expect(
            Self.classes(
                Self.head { $0 += Array(repeating: HeaderField(name: "Sec-WebSocket-Extensions", value: "permessage-deflate"), count: 2) })
                == [.repeatedExtensions])
        let declinable = OracleDeflateTests.script([], offer: "permessage-deflate; server_max_window_bits=7, permessage-deflate").handshake
        #expect(Self.classes(declinable) == [.deflateOfferToDecline])
        var ping = TestScripts.frame(9, [])
        ping.rsv1 = true
        #expect(Self.classes(offer, [.frame(ping)]) == [.rsv1ControlFrame])
        // Without an offer RSV1 is a reserved bit like the others: no class of its own.
        #expect(Self.classes(.standard, [.frame(ping)]) == [])
    }

    @Test("permessage-deflate: compressed data that does not inflate, a block with BFINAL set")
    func deflateData() {
        let offer = OracleDeflateTests.script([]).handshake
        #expect(Self.classes(offer, [OracleDeflateTests.compressed(1, OracleDeflateTests.hello)]) == [])
        #expect(Self.classes(offer, [OracleDeflateTests.compressed(1, [0xFF, 0xFF])]) == [.deflateDataInvalid])
        let far = DeflateBits.message(literals: [0x61], length: 3, distance: 9)
        #expect(Self.classes(offer, [OracleDeflateTests.compressed(1, far)]) == [.deflateDataInvalid])
        let final = DeflateBits.finalBlock(literals: Array("Hello".utf8))
        #expect(Self.classes(offer, [OracleDeflateTests.compressed(1, final)]) == [.deflateFinalBlock])
    }

    @Test("permessage-deflate: an offer with server_no_context_takeover, a control frame inside a compressed message")
    func deflateShapes() {
        let plain = OracleDeflateTests.script([]).handshake
        let noTakeover = OracleDeflateTests.script([], offer: "permessage-deflate; server_no_context_takeover").handshake
        #expect(Self.classes(noTakeover) == [.deflateOfferServerNoContextTakeover])
        let first = OracleDeflateTests.compressed(1, Array(OracleDeflateTests.hello.prefix(3)), fin: false)
        let last = ScriptStep.frame(TestScripts.frame(0, Array(OracleDeflateTests.hello.dropFirst(3))))
        let ping = ScriptStep.frame(TestScripts.frame(9, []))
        #expect(Self.classes(plain, [first, ping, last]) == [.controlInsideCompressedMessage])
        // After a whole compressed message; inside an uncompressed one, or without an offer: no class.
        #expect(Self.classes(plain, [first, last, ping]) == [.controlAfterCompressedMessage])
        #expect(Self.classes(plain, [ping, first, last]) == [])
        #expect(Self.classes(plain, [TestScripts.text("He", fin: false), ping, .frame(TestScripts.frame(0, Array("llo".utf8)))]) == [])
        #expect(Self.classes(.standard, [first, ping, last]) == [])
    }

    @Test("delivery: a message written in 65,536 writes of at most 16 octets, and one in fewer writes")
    func tinyWrites() {
        let message = ScriptStep.frame(TestScripts.frame(2, Array(repeating: 0x61, count: 70_000)))
        func chopped(_ size: Int) -> ScriptStep {
            var step = message
            step.chop = size
            return step
        }
        #expect(Self.classes(.standard, [chopped(1)]) == [.manyTinyWrites])
        // 35,005 writes of two octets: fewer than the class needs.
        #expect(Self.classes(.standard, [chopped(2)]) == [])
        #expect(Self.classes(.standard, [message]) == [])
    }

    @Test("raw octets are read as frames too; an input may be of several classes")
    func rawAndSeveral() {
        let unmasked = FrameEncoder.encode(Frame(opcode: .text, payload: [0x41]))
        #expect(Self.classes(Self.head("HTTP/1.0"), [ScriptStep(.raw(unmasked))]) == [.http10OrOlder, .unmaskedFrame])
    }
}

/// The committed lists of real-server findings read without running a campaign, so a broken
/// line shows in the ordinary test run, not only in the long real-server one.
@Suite("Fuzz: the expected real-server findings files")
struct ExpectedFindingsFileTests {
    @Test("each line has a known signature, a documented input class and a reason", arguments: RealServerFindingsTests.peers)
    func wellFormed(peer: String) throws {
        let lines = try RealServerFindingsTests.expected(peer)
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { ["protocol", "liveness", "process"].contains($0.signature.parts[0]) && $0.reason.contains("RFC") })
    }
}
