import Foundation
import Testing

@testable import Wire

@Suite("Opening handshake, RFC 6455 §4")
struct HandshakeTests {
    @Test("accept key for the §1.3 sample nonce is s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    func acceptVector() {
        #expect(AcceptKey.accept(forKey: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
        #expect(AcceptKey.isWellFormed(key: "dGhlIHNhbXBsZSBub25jZQ=="))
        #expect(!AcceptKey.isWellFormed(key: "dGhlIHNhbXBsZQ=="))
        #expect(AcceptKey.isWellFormed(key: AcceptKey.randomKey()))
    }

    @Test("a request can set, repeat and omit any header and use any line ending")
    func requestBuilder() {
        var request = HandshakeRequest.standard(host: "example.com:9001", target: "/chat", key: "dGhlIHNhbXBsZSBub25jZQ==")
        #expect(
            String(decoding: request.serialized(), as: UTF8.self)
                == "GET /chat HTTP/1.1\r\nHost: example.com:9001\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        request.fields.add("Sec-WebSocket-Version", "8")
        request.fields.remove("Upgrade")
        request.lineEnding = "\n"
        let text = String(decoding: request.serialized(), as: UTF8.self)
        #expect(!text.contains("Upgrade: websocket"))
        #expect(text.contains("Sec-WebSocket-Version: 13\nSec-WebSocket-Version: 8\n\n"))
    }

    @Test("the head parser resumes at any byte and returns the octets after the head")
    func incrementalParse() {
        let bytes = Array("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n".utf8) + [0x81, 0x00]
        for cut in 0..<bytes.count {
            var parser = HTTPHeadParser()
            let first = parser.feed(Array(bytes[..<cut]))
            // Once the head is complete, the octets not yet fed belong to the caller.
            let result = first == .needMore ? parser.feed(Array(bytes[cut...])) : first
            let unfed = first == .needMore ? [] : Array(bytes[cut...])
            guard case .complete(let head, let remainder) = result else { return #expect(Bool(false), "cut \(cut): \(result)") }
            #expect(head.statusCode == 101)
            #expect(head.fields["upgrade"] == "websocket")
            #expect(remainder + unfed == [0x81, 0x00])
        }
    }

    @Test("the head parser is bounded and rejects malformed heads")
    func boundedParse() {
        var parser = HTTPHeadParser(maxSize: 100)
        #expect(parser.feed(Array(repeating: 0x41, count: 102)) == .needMore)  // room for the empty line
        #expect(parser.feed([0x41]) == .tooLarge(limit: 100))
        var folded = HTTPHeadParser()
        guard case .malformed = folded.feed(Array("GET / HTTP/1.1\r\nHost: a\r\n  folded\r\n\r\n".utf8)) else {
            return #expect(Bool(false))
        }
        var spaced = HTTPHeadParser()
        guard case .malformed = spaced.feed(Array("GET / HTTP/1.1\r\nHost : a\r\n\r\n".utf8)) else { return #expect(Bool(false)) }
        var bare = HTTPHeadParser()
        guard case .complete(let head, _) = bare.feed(Array("GET / HTTP/1.1\nHost: a\n\n".utf8)) else { return #expect(Bool(false)) }
        #expect(head.bareLineFeeds)
    }

    private func parse(_ text: String) -> HTTPHead {
        var parser = HTTPHeadParser()
        guard case .complete(let head, _) = parser.feed(Array(text.utf8)) else { fatalError("unparsed: \(text)") }
        return head
    }

    @Test("a server accepts a valid request and refuses bad ones with 400 or 426")
    func serverCheck() {
        let key = "dGhlIHNhbXBsZSBub25jZQ=="
        let valid =
            "GET /chat HTTP/1.1\r\nHost: x\r\nUpgrade: WebSocket\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n\r\n"
        guard case .success(let opening) = HandshakeCheck.checkRequest(parse(valid)) else { return #expect(Bool(false)) }
        #expect(opening.key == key && opening.target == "/chat")
        let cases: [(String, Int)] = [
            (valid.replacingOccurrences(of: "GET", with: "POST"), 400),
            (valid.replacingOccurrences(of: "HTTP/1.1", with: "HTTP/1.0"), 400),
            (valid.replacingOccurrences(of: "Host: x\r\n", with: ""), 400),
            (valid.replacingOccurrences(of: "Upgrade: WebSocket\r\n", with: ""), 400),
            (valid.replacingOccurrences(of: "keep-alive, Upgrade", with: "keep-alive"), 400),
            (valid.replacingOccurrences(of: key, with: "short"), 400),
            (valid.replacingOccurrences(of: "Version: 13", with: "Version: 8"), 426),
        ]
        for (text, status) in cases {
            guard case .failure(let rejection) = HandshakeCheck.checkRequest(parse(text)) else { return #expect(Bool(false), "\(text)") }
            #expect(rejection.response.status == status)
            if status == 426 { #expect(rejection.response.fields["Sec-WebSocket-Version"] == "13") }
        }
    }

    @Test("a key must decode to exactly 16 octets: 24 base64 characters of 17 or 18 octets are refused (§4.2.1 item 5)")
    func keyOf16Octets() {
        let eighteen = Data(repeating: 0xAB, count: 18).base64EncodedString()
        #expect(eighteen.utf8.count == 24)
        #expect(!AcceptKey.isWellFormed(key: eighteen))
        #expect(!AcceptKey.isWellFormed(key: "AAAAAAAAAAAAAAAAAAAAAAAA"))
        #expect(!AcceptKey.isWellFormed(key: Data(repeating: 1, count: 17).base64EncodedString()))
        #expect(!AcceptKey.isWellFormed(key: Data(repeating: 1, count: 15).base64EncodedString()))
        #expect(AcceptKey.isWellFormed(key: Data(repeating: 1, count: 16).base64EncodedString()))
        let request =
            "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: \(eighteen)\r\nSec-WebSocket-Version: 13\r\n\r\n"
        guard case .failure(let rejection) = HandshakeCheck.checkRequest(parse(request)) else { return #expect(Bool(false)) }
        #expect(rejection.response.status == 400)
    }

    @Test("a request with Sec-WebSocket-Version twice is refused, even when one says 13 (§11.3.5: not more than once)")
    func versionOnce() {
        let head =
            "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        for versions in [["13", "8"], ["8", "13"], ["13", "13"]] {
            let text = head + versions.map { "Sec-WebSocket-Version: \($0)\r\n" }.joined() + "\r\n"
            guard case .failure(let rejection) = HandshakeCheck.checkRequest(parse(text)) else {
                return #expect(Bool(false), "\(versions)")
            }
            #expect(rejection.response.fields["Sec-WebSocket-Version"] == "13")
        }
    }

    @Test("a response that selects two subprotocols is refused, even when both were offered (§4.1, §11.3.4)")
    func oneSubprotocol() {
        let key = "dGhlIHNhbXBsZSBub25jZQ=="
        let response =
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
        let offered = ["chat", "superchat"]
        #expect(
            HandshakeCheck.checkResponse(parse(response + "Sec-WebSocket-Protocol: chat\r\n\r\n"), key: key, offeredSubprotocols: offered)
                .isEmpty)
        let both = parse(response + "Sec-WebSocket-Protocol: chat, superchat\r\n\r\n")
        #expect(HandshakeCheck.checkResponse(both, key: key, offeredSubprotocols: offered).count == 1)
        let twice = parse(response + "Sec-WebSocket-Protocol: chat\r\nSec-WebSocket-Protocol: superchat\r\n\r\n")
        #expect(HandshakeCheck.checkResponse(twice, key: key, offeredSubprotocols: offered).count == 1)
    }

    @Test("a client checks status, Upgrade, Connection, accept key, extensions and subprotocol")
    func clientCheck() {
        let key = "dGhlIHNhbXBsZSBub25jZQ=="
        let good =
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"
        #expect(HandshakeCheck.checkResponse(parse(good), key: key).isEmpty)
        #expect(HandshakeCheck.checkResponse(parse(good.replacingOccurrences(of: "101", with: "200")), key: key).count == 1)
        #expect(HandshakeCheck.checkResponse(parse(good.replacingOccurrences(of: "s3pP", with: "AAAA")), key: key).count == 1)
        let extra = good.replacingOccurrences(
            of: "\r\n\r\n", with: "\r\nSec-WebSocket-Extensions: permessage-deflate\r\nSec-WebSocket-Protocol: chat\r\n\r\n")
        #expect(HandshakeCheck.checkResponse(parse(extra), key: key).count == 2)
        #expect(
            HandshakeCheck.checkResponse(parse(extra), key: key, offeredSubprotocols: ["chat"], offeredExtensions: ["permessage-deflate"])
                .isEmpty)
    }
}

@Suite("Wire: SHA-1 and base64 of the accept key")
struct AcceptKeyCodecTests {
    @Test("SHA-1 gives the RFC 3174 test vectors")
    func sha1Vectors() {
        #expect(hexString(SHA1.digest(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hexString(SHA1.digest([])) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        let twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(hexString(SHA1.digest(Array(twoBlocks.utf8))) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        #expect(hexString(SHA1.digest([UInt8](repeating: 0x61, count: 1_000_000))) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    @Test("base64 round-trips every length and decodes the RFC 4648 §10 vectors")
    func base64() {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
            #expect(Base64.decode(encoded) == Array(plain.utf8))
        }
        for length in 0..<40 {
            let octets = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(Base64.decode(Base64.encode(octets)) == octets)
        }
        for bad in ["Zg=", "Z===", "Zm9v Yg==", "Zg==Zg==", "Zm9*", "=Zm9"] { #expect(Base64.decode(bad) == nil, "\(bad)") }
    }

    private func hexString(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}
