import Cases
import PerMessageDeflate
import Testing
import Wire

@testable import Engine

/// With permessage-deflate agreed, the observer judges a compressed message as what it
/// inflates to (RFC 7692 §7.2.2), frame by frame and bounded, using the RFC's own vectors.
@Suite("Case observer: compressed messages are inflated and judged as text")
struct CompressedObserverTests {
    static func observer() throws -> CaseObserver {
        CaseObserver(deflate: try DeflateChannel(agreed: PerMessageDeflateParameters(), role: .client))
    }

    @Test("RFC 7692 §7.2.3.1: 'Hello' compressed in one frame is the text 'Hello'")
    func oneFrame() throws {
        var observer = try Self.observer()
        #expect(observer.receive([0xC1, 0x07, 0xF2, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00]).isEmpty)
        #expect(observer.events.count == 1 && observer.events[0].matches(.text("Hello")))
        #expect(observer.serverViolations.isEmpty)
    }

    @Test("RFC 7692 §7.2.3.1: 'Hello' compressed in two fragments, however the octets are cut")
    func fragments() throws {
        let bytes: [UInt8] = [0x41, 0x03, 0xF2, 0x48, 0xCD, 0x80, 0x04, 0xC9, 0xC9, 0x07, 0x00]
        var whole = try Self.observer()
        _ = whole.receive(bytes)
        var bytewise = try Self.observer()
        for byte in bytes { _ = bytewise.receive([byte]) }
        for observer in [whole, bytewise] {
            #expect(observer.events.count == 1 && observer.events[0].matches(.text("Hello")))
            #expect(observer.serverViolations.isEmpty)
        }
    }

    @Test("RFC 7692 §7.2.3.2: the second 'Hello' uses the context of the first")
    func contextTakeover() throws {
        var observer = try Self.observer()
        _ = observer.receive([0xC1, 0x07, 0xF2, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00] + [0xC1, 0x05, 0xF2, 0x00, 0x11, 0x00, 0x00])
        #expect(observer.events.count == 2 && observer.events.allSatisfy { $0.matches(.text("Hello")) })
    }

    @Test("a compressed message that does not inflate fails the connection with 1007 (RFC 7692 §8)")
    func invalidData() throws {
        var observer = try Self.observer()
        let actions = observer.receive([0xC1, 0x03, 0xFF, 0xFF, 0xFF])
        #expect(observer.events.isEmpty)
        #expect(observer.serverViolations.first?.contains("does not inflate") == true)
        #expect(actions == [.send(.close(code: 1007))])
    }

    @Test("invalid UTF-8 inside a compressed text message is caught after inflating")
    func invalidUTF8() throws {
        let server = try DeflateChannel(agreed: PerMessageDeflateParameters(), role: .server)
        let compressed = server.compress([0x48, 0xC0, 0x80])  // 'H' then an overlong NUL
        var observer = try Self.observer()
        let actions = observer.receive(serverFrame(.text, compressed, rsv: .rsv1))
        #expect(observer.events.isEmpty)
        #expect(observer.serverViolations.first?.contains("invalid UTF-8") == true)
        #expect(actions == [.send(.close(code: 1007))])
    }

    @Test("a compressed message inflating past the limit fails the connection with 1009, whatever it compresses to")
    func bomb() throws {
        let server = try DeflateChannel(agreed: PerMessageDeflateParameters(), role: .server)
        let compressed = server.compress([UInt8](repeating: 0, count: CaseObserver.defaultInflatedLimit + 1))
        #expect(compressed.count < 1 << 20, "zeros compress a thousandfold")
        var observer = try Self.observer()
        let actions = observer.receive(serverFrame(.binary, compressed, rsv: .rsv1))
        #expect(observer.events.isEmpty)
        #expect(observer.serverViolations.first?.contains("inflating past") == true, "\(observer.serverViolations)")
        #expect(actions == [.send(.close(code: 1009))])
    }

    @Test("without a negotiated channel, RSV1 is a rule break")
    func notNegotiated() {
        var observer = CaseObserver(deflate: nil)
        _ = observer.receive([0xC1, 0x07, 0xF2, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00])
        #expect(observer.serverViolations.first?.contains("RSV=4 without a negotiated extension") == true, "\(observer.serverViolations)")
    }
}
