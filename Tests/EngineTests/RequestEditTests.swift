import Cases
import Testing
import Wire

/// The request edits of the opening-handshake cases, applied to the standard request.
@Suite("Cases: edits to the standard opening request")
struct RequestEditTests {
    static var standard: HandshakeRequest { HandshakeRequest.standard(host: "example.test", key: OpeningRequest.standardKey) }

    @Test("method, version, a repeated field and a field's spelling change as written; the rest stays")
    func applied() {
        var request = Self.standard
        request.apply([
            .method("POST"), .version("HTTP/1.0"), .append(name: "Host", value: "other.test"), .spell("Sec-WebSocket-Key", as: "SEC-WEBSOCKET-KEY"),
        ])
        let text = String(decoding: request.serialized(), as: UTF8.self)
        #expect(text.hasPrefix("POST / HTTP/1.0\r\n"))
        #expect(request.fields.values("Host") == ["example.test", "other.test"])
        #expect(text.contains("\r\nSEC-WEBSOCKET-KEY: \(OpeningRequest.standardKey)\r\n"))
        #expect(!text.contains("Sec-WebSocket-Key:"))
        #expect(request.fields.values("Sec-WebSocket-Version") == ["13"])
    }

    @Test("an edited request written out is what the engine sends; without edits it is the request itself")
    func writtenOut() {
        #expect(OpeningRequest.standard.edited([]) == .standard)
        guard case .explicit(let head) = OpeningRequest.standard.edited([.method("PUT")]) else {
            Issue.record("an edited request is not written out")
            return
        }
        #expect(head.method == "PUT")
        #expect(head.fields.contains { $0.name == "Host" && $0.value == OpeningRequest.hostPlaceholder })
    }
}
