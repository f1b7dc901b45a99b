import PerMessageDeflate
import Testing
import Wire

@testable import ReferenceServer

/// The reference server's permessage-deflate answer (RFC 7692 §5, §7), correct and under each
/// negotiation fault, without sockets.
@Suite("Reference server: permessage-deflate negotiation")
struct DeflateAgreementTests {
    /// The response header value to `lines`, nil for a decline.
    static func answer(_ lines: [String], _ fault: Fault? = nil) -> String? {
        DeflateAgreement.answer(lines, fault: fault)?.response
    }

    @Test("the correct server accepts the first offer it may, once, and declines offers RFC 7692 §7 makes it decline")
    func correct() {
        #expect(Self.answer(["permessage-deflate"]) == "permessage-deflate")
        #expect(Self.answer(["permessage-deflate", "permessage-deflate"]) == "permessage-deflate")
        #expect(
            Self.answer(["permessage-deflate; x-unknown-parameter, permessage-deflate; server_no_context_takeover"])
                == "permessage-deflate; server_no_context_takeover")
        for invalid in [
            "permessage-deflate; x-unknown-parameter", "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
            "permessage-deflate; server_max_window_bits=7", "permessage-deflate; server_max_window_bits=16",
            "permessage-deflate; server_max_window_bits=09", "permessage-deflate; client_max_window_bits=7",
            "permessage-deflate; server_no_context_takeover=1",
        ] {
            #expect(Self.answer([invalid]) == nil, "\(invalid)")
        }
        #expect(Self.answer(["permessage-deflate; server_max_window_bits=\"10\""]) == "permessage-deflate; server_max_window_bits=10")
        #expect(Self.answer(["permessage-deflate; client_max_window_bits"]) == "permessage-deflate")
    }

    /// A fault, an offer, and the answer it gives instead of the correct one.
    struct Row: CustomTestStringConvertible, Sendable {
        let fault: Fault
        let lines: [String]
        let answer: String?
        var testDescription: String { "\(fault.name): \(lines.joined(separator: " / "))" }
    }

    static let rows: [Row] = [
        Row(fault: .acceptInvalidDeflateOffer, lines: ["permessage-deflate; x-unknown-parameter"], answer: "permessage-deflate"),
        Row(
            fault: .acceptInvalidDeflateOffer, lines: ["permessage-deflate; server_max_window_bits=7; server_no_context_takeover"],
            answer: "permessage-deflate; server_no_context_takeover"),
        Row(
            fault: .answerLargerServerWindow, lines: ["permessage-deflate; server_max_window_bits=8"],
            answer: "permessage-deflate; server_max_window_bits=15"),
        Row(
            fault: .dropServerNoContextTakeover, lines: ["permessage-deflate; server_no_context_takeover"], answer: "permessage-deflate"),
        Row(fault: .answerUnofferedClientWindow, lines: ["permessage-deflate"], answer: "permessage-deflate; client_max_window_bits=15"),
        Row(
            fault: .echoValuelessClientWindow, lines: ["permessage-deflate; client_max_window_bits"],
            answer: "permessage-deflate; client_max_window_bits"),
        Row(
            fault: .answerDeflateTwice, lines: ["permessage-deflate", "permessage-deflate"],
            answer: "permessage-deflate, permessage-deflate"),
        // The misread is in what the server applies; its answer is the correct one.
        Row(fault: .misreadMissingClientWindow, lines: ["permessage-deflate; client_max_window_bits"], answer: "permessage-deflate"),
    ]

    @Test("each negotiation fault answers as named", arguments: rows)
    func faulty(_ row: Row) {
        #expect(Self.answer(row.lines, row.fault) == row.answer)
    }

    @Test("each negotiation fault leaves the answers it is not about as they are", arguments: Fault.deflateNegotiation)
    func narrow(_ fault: Fault) {
        let others = [
            ["permessage-deflate; client_no_context_takeover; client_max_window_bits=12"],
            ["permessage-deflate; server_max_window_bits=15; client_max_window_bits=10"],
        ]
        for lines in others {
            #expect(Self.answer(lines, fault) == Self.answer(lines), "\(fault.name) changed the answer to \(lines)")
        }
    }

    @Test("misread-missing-client-window cannot inflate a back-reference that a 15-bit client window allows")
    func misreadWindow() throws {
        var generator = SplitMix64(seed: 7)
        let block = (0..<20_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let offer = ["permessage-deflate; client_max_window_bits"]
        for fault in [nil, Fault.misreadMissingClientWindow] {
            let server = try #require(DeflateAgreement.answer(offer, fault: fault))
            let client = try #require(try DeflateChannel.client(offered: offer, response: [server.response]))
            let first = server.channel.decompress(client.compress(block), maxOutput: 1 << 20)
            let second = server.channel.decompress(client.compress(block), maxOutput: 1 << 20)
            #expect(try first.get() == block)
            if fault == nil {
                #expect(try second.get() == block)
            } else {
                #expect(throws: DeflateFailure.self) { try second.get() }
            }
        }
    }
}
