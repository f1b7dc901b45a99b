import Cases
import Client
import Engine
import ProcessSupport
import ReferenceServer
import Testing
import Wire

@testable import Posture

/// The interleaving probe (`concurrency.interleaved-frames`): it finds the reference server's
/// unsynchronised writers every time, within its budget, and nothing on servers that write
/// each frame whole: the correct reference server (plain and TLS) and five written by others.
@Suite("Posture: frames under interleaved traffic")
struct InterleavingTests {
    @Test("the unsynchronised-writers fault is found on every one of ten runs, with the torn octets")
    func faultFoundEveryTime() throws {
        let server = try PostureServer { $0.fault = .unsynchronisedWriters }
        defer { server.stop() }
        for run in 1...10 {
            let measurement = InterleavingProbe.run(server.context())
            #expect(measurement.status == .fail, "run \(run): \(measurement.observed ?? measurement.advice)")
            #expect(measurement.observed?.hasPrefix("torn after") == true)
        }
    }

    @Test("the correct reference server, plain and over TLS, stays intact")
    func correctServer() throws {
        let plain = try PostureServer()
        defer { plain.stop() }
        let certificate = try CertificateFixture(days: 30)
        defer { certificate.remove() }
        let tls = try PostureServer(tls: certificate)
        defer { tls.stop() }
        for server in [plain, tls] {
            let measurement = InterleavingProbe.run(server.context())
            #expect(measurement.status == .ok, "\(server.url): \(measurement.observed ?? measurement.advice)")
            #expect(measurement.observed?.hasPrefix("intact after 200 rounds: 3400 echoes") == true, "\(measurement.observed ?? "")")
        }
    }

    @Test("servers written by others stay intact", arguments: ["websockets", "aiohttp", "tornado", "autobahn", "node-ws"])
    func realServers(peer: String) throws {
        let server = try PeerServer(peer)
        defer { server.stop() }
        let context = PostureContext(
            target: TargetURL(secure: false, host: "127.0.0.1", port: server.port), options: RunOptions(), policy: PosturePolicy())
        let measurement = InterleavingProbe.run(context)
        #expect(measurement.status == .ok, "\(peer): \(measurement.observed ?? measurement.advice)")
    }

    /// Server frames, unmasked.
    static func frame(_ opcode: Opcode, _ payload: [UInt8], fin: Bool = true, masked: Bool = false) -> [UInt8] {
        FrameEncoder.encode(Frame(fin: fin, opcode: opcode, maskingKey: masked ? MaskingKey(0x0102_0304) : nil, payload: payload))
    }

    @Test("each way a stream can tear is a finding: a header rule, a frame inside a message, a torn echo, bad UTF-8, a stray pong")
    func checkerFindings() {
        func check(_ octets: [UInt8], sent: [(Opcode, [UInt8])] = [(.text, Array("héllo".utf8))], pings: [[UInt8]] = [Array("p".utf8)]) -> String? {
            var checker = InterleavingChecker(maxPayload: 1 << 16)
            for (opcode, payload) in sent { checker.sent(opcode, payload) }
            for ping in pings { checker.pinged(ping) }
            // Octet by octet: where a read ends must not matter.
            for octet in octets { checker.absorb([octet]) }
            return checker.finding
        }
        let hello = Array("héllo".utf8)
        #expect(check(Self.frame(.pong, Array("p".utf8)) + Self.frame(.text, hello)) == nil)
        #expect(check(Self.frame(.text, Array(hello.prefix(3)), fin: false) + Self.frame(.continuation, Array(hello.dropFirst(3)))) == nil)
        // An empty unsolicited pong is a heartbeat.
        #expect(check(Self.frame(.pong, []) + Self.frame(.text, hello)) == nil)
        #expect(check(Self.frame(.text, hello, masked: true))?.contains("masked server frame") == true)
        #expect(check(Self.frame(.text, Array(hello.prefix(2)), fin: false) + Self.frame(.binary, [1])) != nil)
        #expect(check(Self.frame(.text, [0x68, 0xC3])) != nil, "a torn two-octet sequence")
        #expect(check(Self.frame(.text, Array("hallo".utf8)))?.contains("differs from the message sent") == true)
        #expect(check(Self.frame(.pong, Array("q".utf8)))?.contains("matches no ping sent") == true)
        #expect(check(Self.frame(.text, hello) + Self.frame(.text, hello))?.contains("only 1 were sent") == true)
        #expect(check([0x83, 0x00]) != nil, "a reserved opcode")
    }
}
