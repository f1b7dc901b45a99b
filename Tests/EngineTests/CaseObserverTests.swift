import Cases
import Testing
import Wire

@testable import Engine

/// The observer turns server octets into events, close facts and replies, with no socket: what
/// it records is what cases are judged on, and what it answers is what the tester puts on the
/// wire (pongs, RFC 6455 §5.5.2; the close reply, §5.5.1; failing the connection, §7.1.7).
@Suite("Case observer: server frames become events, facts and replies")
struct CaseObserverTests {
    private func observe(_ bytes: [UInt8]) -> (CaseObserver, [CaseObserver.Action]) {
        var observer = CaseObserver(deflate: nil)
        let actions = observer.receive(bytes)
        return (observer, actions)
    }

    @Test("the §5.7 unmasked 'Hello' frame is one text message and needs no reply")
    func textFrame() {
        let (observer, actions) = observe([0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F])
        #expect(actions.isEmpty)
        #expect(observer.events.count == 1)
        #expect(observer.events.first?.matches(.text("Hello")) == true)
        #expect(observer.events.first?.prefix == Array("Hello".utf8))
        #expect(observer.serverViolations.isEmpty)
        #expect(observer.receivedOffset == 7)
    }

    @Test("a fragmented message is one event, however the octets are cut")
    func fragmented() {
        // RFC 6455 §5.7: "Hel" (FIN=0) then "lo" as a continuation (FIN=1).
        let bytes: [UInt8] = [0x01, 0x03, 0x48, 0x65, 0x6C, 0x80, 0x02, 0x6C, 0x6F]
        let (whole, _) = observe(bytes)
        var bytewise = CaseObserver(deflate: nil)
        for byte in bytes { #expect(bytewise.receive([byte]).isEmpty) }
        for observer in [whole, bytewise] {
            #expect(observer.events.count == 1)
            #expect(observer.events.first?.matches(.text("Hello")) == true)
            #expect(observer.serverViolations.isEmpty)
        }
    }

    @Test("messages are recorded in order, text and binary, empty ones included")
    func severalMessages() {
        let bytes = serverFrame(.binary, [1, 2, 3]) + serverFrame(.text) + serverFrame(.text, Array("ok".utf8))
        let (observer, _) = observe(bytes)
        #expect(Judge.matches(observer.events, [.message(.binary, .bytes([1, 2, 3])), .text(""), .text("ok")], .exact))
    }

    @Test("a ping is answered with a pong carrying its payload and is not recorded (§5.5.2)")
    func ping() {
        let (observer, actions) = observe(serverFrame(.ping, Array("are you there".utf8)))
        #expect(actions == [.send(.pong(.text("are you there")))])
        #expect(observer.events.isEmpty)
        #expect(!observer.testerSentClose)
    }

    @Test("a ping between fragments is answered at once and the message still completes (§5.4)")
    func pingInsideMessage() {
        let bytes =
            serverFrame(.text, Array("Hel".utf8), fin: false) + serverFrame(.ping, [9]) + serverFrame(.continuation, Array("lo".utf8))
        let (observer, actions) = observe(bytes)
        #expect(actions == [.send(.pong(.bytes([9])))])
        #expect(observer.events.count == 1)
        #expect(observer.events.first?.matches(.text("Hello")) == true)
    }

    @Test("a pong from the server is recorded with its payload")
    func pong() {
        let (observer, actions) = observe(serverFrame(.pong, [0xCA, 0xFE]))
        #expect(actions.isEmpty)
        #expect(observer.events.count == 1)
        #expect(observer.events.first?.matches(.pong(.bytes([0xCA, 0xFE]))) == true)
    }

    @Test("a close records the code and reason and is answered with 1000 (§5.5.1)")
    func close() {
        let (observer, actions) = observe(serverClose(1001, reason: "bye"))
        #expect(actions == [.send(.close(code: 1000))])
        #expect(observer.facts.remoteCode == 1001)
        #expect(observer.facts.remoteReason == "bye")
        #expect(observer.facts.localCode == 1000)
        #expect(observer.serverSentClose && observer.testerSentClose)
        #expect(!observer.facts.closedByTester)
        #expect(!observer.facts.failedByTester)
        #expect(observer.serverViolations.isEmpty)
    }

    @Test("an empty close has no code and is answered with 1000")
    func emptyClose() {
        let (observer, actions) = observe(serverFrame(.close))
        #expect(actions == [.send(.close(code: 1000))])
        #expect(observer.facts.remoteCode == nil)
        #expect(observer.facts.remoteReason == nil)
    }

    @Test("a close answering the tester's own close is not answered again, and the tester started closing")
    func closeReply() {
        var observer = CaseObserver(deflate: nil)
        observer.testerCloses(code: 1000)
        #expect(observer.receive(serverClose(1000)).isEmpty)
        #expect(observer.facts.closedByTester)
        #expect(observer.facts.remoteCode == 1000)
        #expect(observer.serverSentClose)
    }

    @Test("a close with a code no endpoint may send is a rule break, answered with 1002 (§7.4)", arguments: [1005, 1006, 1015, 999, 5000])
    func forbiddenCode(_ code: Int) {
        let (observer, actions) = observe(serverClose(UInt16(code)))
        #expect(actions == [.send(.close(code: 1002))])
        #expect(observer.facts.remoteCode == UInt16(code))
        #expect(observer.serverViolations.count == 1)
        #expect(observer.facts.failedByTester)
    }

    @Test("a one-byte close body and a reason that is not UTF-8 are rule breaks (§5.5.1)")
    func malformedCloseBody() {
        let (oneByte, oneByteActions) = observe(serverFrame(.close, [0x03]))
        #expect(oneByteActions == [.send(.close(code: 1002))])
        #expect(oneByte.serverViolations.count == 1)
        let (badReason, badReasonActions) = observe(serverFrame(.close, [0x03, 0xE8, 0xC0, 0x80]))
        #expect(badReasonActions == [.send(.close(code: 1002))])
        #expect(badReason.serverViolations.first?.contains("§5.5.1") == true)
        #expect(badReason.facts.remoteReason == "0xc080")
    }

    @Test("a masked server frame is a rule break: the tester fails the connection with 1002 (§5.1)")
    func maskedServerFrame() {
        let (observer, actions) = observe(serverFrame(.text, Array("Hi".utf8), mask: MaskingKey(0x37, 0xFA, 0x21, 0x3D)))
        #expect(actions == [.send(.close(code: 1002))])
        #expect(observer.serverViolations.count == 1)
        #expect(observer.serverViolations.first?.contains("masked server frame") == true)
        #expect(observer.facts.failedByTester)
        #expect(observer.facts.closedByTester)
        #expect(observer.facts.localCode == 1002)
    }

    @Test("RSV bits without an extension and reserved opcodes are rule breaks answered with 1002 (§5.2)")
    func reservedBitsAndOpcodes() {
        for bytes in [serverFrame(.text, [0x61], rsv: .rsv1), serverFrame(.text, [0x61], rsv: .rsv3), serverFrame(Opcode(rawValue: 0xB))] {
            let (observer, actions) = observe(bytes)
            #expect(actions == [.send(.close(code: 1002))])
            #expect(observer.serverViolations.count == 1)
        }
    }

    @Test("invalid UTF-8 from the server fails the connection with 1007 at the bad octet, before the message ends (§8.1)")
    func invalidUTF8() {
        // "κ" then an overlong "/" (C0 AF), in a first fragment: no FIN needed to judge it.
        let (observer, actions) = observe(serverFrame(.text, [0xCE, 0xBA, 0xC0, 0xAF], fin: false))
        #expect(actions == [.send(.close(code: 1007))])
        #expect(observer.serverViolations == ["invalid UTF-8 in a text message at offset 2"])
        #expect(observer.events.isEmpty)
        #expect(observer.facts.localCode == 1007)
        #expect(observer.facts.failedByTester)
    }

    @Test("a text message ending inside a UTF-8 sequence fails with 1007; one split across fragments is fine")
    func truncatedUTF8() {
        let (truncated, actions) = observe(serverFrame(.text, [0x61, 0xCE]))
        #expect(actions == [.send(.close(code: 1007))])
        #expect(truncated.events.isEmpty)
        let (split, none) = observe(serverFrame(.text, [0xCE], fin: false) + serverFrame(.continuation, [0xBA]))
        #expect(none.isEmpty)
        #expect(split.events.first?.matches(.text("κ")) == true)
        let (binary, binaryActions) = observe(serverFrame(.binary, [0xC0, 0xAF, 0xFF]))
        #expect(binaryActions.isEmpty)
        #expect(binary.events.count == 1)
    }

    @Test("data after the server's close is a rule break and not recorded; no second close is sent (§5.5.1)")
    func dataAfterClose() {
        let (observer, actions) = observe(serverClose(1000) + serverFrame(.text, Array("late".utf8)))
        #expect(actions == [.send(.close(code: 1000))])
        #expect(observer.events.isEmpty)
        #expect(observer.serverViolations.count == 1)
        #expect(observer.serverViolations.first?.contains("after the server's close frame") == true)
    }

    @Test("a ping after the tester's close gets no pong")
    func pingAfterClose() {
        var observer = CaseObserver(deflate: nil)
        observer.testerCloses(code: 1000)
        #expect(observer.receive(serverFrame(.ping, [1])).isEmpty)
    }

    @Test("a second rule break sends no second close")
    func oneCloseOnly() {
        let bytes = serverFrame(.text, [0x61], mask: MaskingKey(1)) + serverFrame(.text, [0xFF])
        let (observer, actions) = observe(bytes)
        #expect(actions == [.send(.close(code: 1002))])
        #expect(observer.serverViolations.count == 2)
    }

    @Test("the tester closing first is the closing side; after the server's close it is only the answer")
    func testerCloses() {
        var first = CaseObserver(deflate: nil)
        first.testerCloses(code: nil)
        #expect(first.testerSentClose && first.facts.closedByTester)
        #expect(first.facts.localCode == nil)
        first.testerCloses(code: 1001)
        #expect(first.facts.localCode == nil)
        var observer = CaseObserver(deflate: nil)
        _ = observer.receive(serverFrame(.close))
        observer.testerCloses(code: 1001)
        #expect(!observer.facts.closedByTester)
    }

    @Test("markers and the kill timer are recorded")
    func markersAndTimer() {
        var observer = CaseObserver(deflate: nil)
        observer.mark("after-frame")
        observer.failByTimer()
        #expect(observer.events.first?.matches(.marker("after-frame")) == true)
        #expect(observer.facts.failedByTester)
    }
}
