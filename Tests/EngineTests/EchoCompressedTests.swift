import Cases
import PerMessageDeflate
import Synchronization
import Testing
import Wire

@testable import Engine

/// Autobahn's 12.x/13.x exchange, pipelined: many messages sent compressed (RFC 7692 §7.2.1),
/// each echo compared as it arrives, at most a window of messages awaiting their echo.
@Suite("Engine: compressed echoes, pipelined")
struct EchoCompressedTests {
    static let corpus = PayloadCorpus.jsonText(count: 20_000)

    static func echoCase(count: Int, size: Int, fragment: Int? = nil, window: Int, timer: CaseTimer = .kill(.seconds(10))) -> TestCase {
        let events = (0..<count).map { Event.message(.text, corpus.message($0, size: size)) }
        return makeCase(.events(events, timer: timer))
            .with(steps: [.echoCompressed(.text, corpus, size: size, count: count, fragment: fragment, window: window)])
    }

    /// A server end that inflates each compressed message (joining its fragments) and answers as
    /// `answer` says with the plain message and its index; counts the messages it received.
    final class DeflateServer: Sendable {
        private struct State {
            var received = 0
            var pending: [UInt8] = []
            var compressed = false
        }
        private let state = Mutex(State())
        private let channel: DeflateChannel
        private let answer: @Sendable (Int, [UInt8], DeflateChannel) -> ServerMove

        init(answer: @escaping @Sendable (Int, [UInt8], DeflateChannel) -> ServerMove = DeflateServer.echo) throws {
            channel = try DeflateChannel(agreed: PerMessageDeflateParameters(), role: .server)
            self.answer = answer
        }

        var received: Int { state.withLock { $0.received } }

        /// Echoes the message compressed, in one frame.
        static let echo: @Sendable (Int, [UInt8], DeflateChannel) -> ServerMove = { _, plain, channel in
            .send(serverFrame(.text, channel.compress(plain), rsv: .rsv1))
        }

        func move(_ frame: Frame) -> ServerMove {
            switch frame.opcode {
            case .close: return .sendAndClose(serverClose(1000))
            case .text, .binary, .continuation:
                let message = state.withLock { state -> (Int, [UInt8], Bool)? in
                    if frame.opcode != .continuation {
                        state.pending = []
                        state.compressed = frame.rsv.contains(.rsv1)
                    }
                    state.pending += frame.payload
                    guard frame.fin else { return nil }
                    state.received += 1
                    return (state.received - 1, state.pending, state.compressed)
                }
                guard let message else { return .ignore }
                let (index, payload, compressed) = message
                guard compressed, case .success(let plain) = channel.decompress(payload, maxOutput: 1 << 20) else {
                    return .sendAndClose(serverClose(1002))
                }
                return answer(index, plain, channel)
            default: return .ignore
            }
        }
    }

    @Test("200 compressed messages, 8 in flight, every echo exact: OK, and the tester closes when the last is in")
    func pipelined() throws {
        let server = try DeflateServer()
        let run = try SessionRun(Self.echoCase(count: 200, size: 256, window: 8), deflate: PerMessageDeflateParameters()) {
            server.move($0)
        }
        #expect(run.judgement.behaviour == .ok)
        #expect(run.judgement.close == .ok)
        #expect(server.received == 200)
        #expect(run.notes.contains("the expected events are in: closing with 1000"))
    }

    @Test("a compressed message cut into frames carries RSV1 on its first frame only and arrives whole (RFC 7692 §6.1)")
    func fragmented() throws {
        let firsts = Mutex<[ReservedBits]>([])
        let server = try DeflateServer()
        let run = try SessionRun(Self.echoCase(count: 20, size: 4096, fragment: 64, window: 4), deflate: PerMessageDeflateParameters()) {
            frame in
            firsts.withLock { $0.append(frame.rsv) }
            return server.move(frame)
        }
        #expect(run.judgement.behaviour == .ok)
        let rsvs = firsts.withLock { $0 }
        #expect(rsvs.filter { $0.contains(.rsv1) }.count == 20)
        #expect(rsvs.count > 40)
    }

    @Test("no more than the window of messages goes out before an echo comes back")
    func windowBound() throws {
        let server = try DeflateServer { _, _, _ in .ignore }
        let run = try SessionRun(
            Self.echoCase(count: 100, size: 64, window: 5, timer: .kill(.seconds(10))), timeoutScale: 0.05,
            deflate: PerMessageDeflateParameters()
        ) { server.move($0) }
        #expect(server.received == 5)
        #expect(run.judgement.behaviour == .failed)
    }

    @Test("a wrong echo stops the sending and is named as the first divergence")
    func wrongEcho() throws {
        let server = try DeflateServer { index, plain, channel in
            .send(serverFrame(.text, channel.compress(index == 30 ? Array(plain.reversed()) : plain), rsv: .rsv1))
        }
        let run = try SessionRun(Self.echoCase(count: 300, size: 128, window: 4), deflate: PerMessageDeflateParameters()) {
            server.move($0)
        }
        #expect(run.judgement.behaviour == .failed)
        #expect(run.judgement.firstDivergence?.hasPrefix("event 31: expected") == true)
        #expect(server.received < 300)
        #expect(run.notes.contains("the events left every acceptable outcome: closing with 1000"))
    }

    @Test("the five payload kinds are deterministic, exactly sized, and the text kinds are ASCII")
    func corpora() {
        let kinds: [(Int) -> PayloadCorpus] = [
            { PayloadCorpus.jsonText(count: $0) }, { PayloadCorpus.prose(count: $0) }, { PayloadCorpus.bitmap(count: $0) },
            { PayloadCorpus.html(count: $0) }, { PayloadCorpus.document(count: $0) },
        ]
        for make in kinds {
            let corpus = make(50_000)
            #expect(corpus.count == 50_000)
            #expect(corpus == make(50_000))
        }
        for text in [PayloadCorpus.jsonText(count: 50_000), .prose(count: 50_000), .html(count: 50_000)] {
            #expect(text.octets.allSatisfy { $0 < 0x80 }, "\(text.id)")
        }
    }

    /// The server's compression work sets a run's time (RFC 7692 §7.2.1: it deflates every
    /// echo), so each corpus must deflate as the file it stands in for does: Autobahn's JSON and
    /// HTML files are machine-written reports (4 % and 6 % at zlib's default level), its book
    /// prose (39 %), its bitmap and PDF barely compressible (85 %, 76 %).
    @Test(
        "each payload kind deflates about as much as the Autobahn data file it stands in for",
        arguments: [
            ("json", PayloadCorpus.jsonText(count: 194_056), 0.02...0.10),
            ("html", PayloadCorpus.html(count: 263_647), 0.02...0.10),
            ("prose", PayloadCorpus.prose(count: 222_218), 0.20...0.50),
            ("bitmap", PayloadCorpus.bitmap(count: 263_222), 0.70...1.00),
            ("document", PayloadCorpus.document(count: 1_042_328), 0.45...0.90),
        ])
    func corpusCharacter(name: String, corpus: PayloadCorpus, ratio: ClosedRange<Double>) throws {
        let compressed = try MessageCompressor(level: 6).compress(corpus.octets)
        let measured = Double(compressed.count) / Double(corpus.count)
        #expect(ratio.contains(measured), "\(name) deflates to \(measured)")
    }
}
