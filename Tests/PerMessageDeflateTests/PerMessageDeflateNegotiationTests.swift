import Testing
import Wire

@testable import PerMessageDeflate

/// Server-side choice of an offer (RFC 7692 §5, §7) and the client's check of the response
/// (RFC 7692 §7.1.1.1–§7.1.2.2).
@Suite("Deflate: negotiation")
struct PerMessageDeflateNegotiationTests {
    private typealias Parameters = PerMessageDeflateParameters

    private func offers(_ header: String) -> [ExtensionOffer] {
        ExtensionOffer.parseList([header]).offers
    }

    private func negotiate(_ header: String, _ policy: PerMessageDeflateServerPolicy = .init())
        -> PerMessageDeflateNegotiation
    {
        Parameters.negotiate(offers: offers(header), policy: policy)
    }

    @Test("the browser's default offer is accepted as is by a default server")
    func defaultOffer() {
        let result = negotiate("permessage-deflate; client_max_window_bits")
        #expect(result.acceptedOfferIndex == 0)
        #expect(result.response == Parameters())
        #expect(result.declined.isEmpty)
    }

    @Test("no-context-takeover requests are echoed, so the response states what is applied")
    func echoesContextTakeover() {
        let result = negotiate("permessage-deflate; server_no_context_takeover; client_no_context_takeover")
        #expect(result.response == Parameters(serverNoContextTakeover: true, clientNoContextTakeover: true))
    }

    @Test("the first acceptable offer wins; earlier ones are declined with reasons (RFC 7692 §5)")
    func firstAcceptable() {
        // Autobahn 13.7's three offers, to a server that cannot compress below 10 bits.
        let header = """
            permessage-deflate; client_no_context_takeover; client_max_window_bits; server_no_context_takeover; \
            server_max_window_bits=9, permessage-deflate; client_no_context_takeover; client_max_window_bits; \
            server_no_context_takeover, permessage-deflate; client_no_context_takeover; client_max_window_bits
            """
        let result = negotiate(header, PerMessageDeflateServerPolicy(minimumServerWindowBits: 10))
        #expect(result.acceptedOfferIndex == 1)
        #expect(result.response == Parameters(serverNoContextTakeover: true, clientNoContextTakeover: true))
        #expect(
            result.declined == [
                .init(offerIndex: 0, problems: [.serverWindowBitsUnsupported(requested: 9, minimum: 10)])
            ])
    }

    @Test("other extensions are skipped and invalid offers declined, indices into the whole list")
    func skipsOthersAndInvalid() {
        let result = negotiate(
            "x-webkit-deflate-frame, permessage-deflate; foo, permessage-deflate; server_max_window_bits=8")
        #expect(result.acceptedOfferIndex == 2)
        #expect(result.response == Parameters(serverMaxWindowBits: 8))
        #expect(result.declined == [.init(offerIndex: 1, problems: [.unknownParameter("foo")])])
    }

    @Test("when no offer is acceptable there is no response")
    func noneAcceptable() {
        let policy = PerMessageDeflateServerPolicy(allowsServerNoContextTakeover: false)
        let result = negotiate("permessage-deflate; server_no_context_takeover, permessage-deflate; a=b", policy)
        #expect(result.acceptedOfferIndex == nil)
        #expect(result.response == nil)
        #expect(result.declined.map(\.offerIndex) == [0, 1])
        #expect(result.declined[0].problems == [.serverNoContextTakeoverUnsupported])
    }

    @Test("a server's own limits are announced even when not asked (RFC 7692 §7.1.1.1, §7.1.2.1)")
    func unaskedLimits() {
        let policy = PerMessageDeflateServerPolicy(serverNoContextTakeover: true, serverMaxWindowBits: 12)
        #expect(
            negotiate("permessage-deflate", policy).response
                == Parameters(serverNoContextTakeover: true, serverMaxWindowBits: 12))
        #expect(negotiate("permessage-deflate; server_max_window_bits=10", policy).response?.serverMaxWindowBits == 10)
    }

    @Test("a client window is never stated to a client that did not offer client_max_window_bits")
    func clientWindowOnlyWhenOffered() {
        let policy = PerMessageDeflateServerPolicy(clientMaxWindowBits: 10)
        #expect(negotiate("permessage-deflate", policy).response?.clientMaxWindowBits == nil)
        #expect(
            negotiate("permessage-deflate; client_max_window_bits", policy).response?.clientMaxWindowBits == .limit(10))
        #expect(
            negotiate("permessage-deflate; client_max_window_bits=9", policy).response?.clientMaxWindowBits == .limit(9)
        )
        #expect(negotiate("permessage-deflate; client_max_window_bits=12").response?.clientMaxWindowBits == .limit(12))
    }

    @Test("every response the default server produces passes the client's check of its offer")
    func serverResponsesPassClientCheck() {
        let headers = [
            "permessage-deflate", "permessage-deflate; client_max_window_bits",
            "permessage-deflate; server_no_context_takeover; server_max_window_bits=8",
            "permessage-deflate; client_no_context_takeover; client_max_window_bits=9; server_max_window_bits=15",
        ]
        let policies = [
            PerMessageDeflateServerPolicy(),
            PerMessageDeflateServerPolicy(serverMaxWindowBits: 9, clientMaxWindowBits: 8),
            PerMessageDeflateServerPolicy(serverNoContextTakeover: true, clientNoContextTakeover: true),
        ]
        for header in headers {
            for policy in policies {
                let offer = Parameters.parse(offers(header)[0], as: .offer).parameters
                guard let response = negotiate(header, policy).response else {
                    Issue.record("\(header) declined")
                    continue
                }
                #expect(offer.validateResponse(response.offer) == [], "\(header) → \(response)")
            }
        }
    }

    /// An offer, a server's response to it, and the reasons the client must fail.
    struct ResponseCase: CustomTestStringConvertible, Sendable {
        let offer: String
        let response: String
        let problems: [PerMessageDeflateProblem]
        var testDescription: String { "\(offer) → \(response)" }
    }

    static let responses: [ResponseCase] = [
        .init(offer: "permessage-deflate", response: "permessage-deflate", problems: []),
        .init(offer: "permessage-deflate", response: "permessage-deflate; server_no_context_takeover", problems: []),
        .init(offer: "permessage-deflate", response: "permessage-deflate; client_no_context_takeover", problems: []),
        .init(offer: "permessage-deflate", response: "permessage-deflate; server_max_window_bits=10", problems: []),
        .init(
            offer: "permessage-deflate; server_no_context_takeover", response: "permessage-deflate",
            problems: [.serverNoContextTakeoverNotConfirmed]),
        .init(
            offer: "permessage-deflate; server_max_window_bits=10", response: "permessage-deflate",
            problems: [.serverMaxWindowBitsNotConfirmed(offered: 10)]),
        .init(
            offer: "permessage-deflate; server_max_window_bits=10",
            response: "permessage-deflate; server_max_window_bits=11",
            problems: [.serverMaxWindowBitsAboveOffer(offered: 10, response: 11)]),
        .init(
            offer: "permessage-deflate; server_max_window_bits=10",
            response: "permessage-deflate; server_max_window_bits=8", problems: []),
        .init(
            offer: "permessage-deflate", response: "permessage-deflate; client_max_window_bits=10",
            problems: [.clientMaxWindowBitsNotOffered(response: 10)]),
        .init(
            offer: "permessage-deflate; client_max_window_bits",
            response: "permessage-deflate; client_max_window_bits=8", problems: []),
        .init(
            offer: "permessage-deflate; client_max_window_bits=10",
            response: "permessage-deflate; client_max_window_bits=12",
            problems: [.clientMaxWindowBitsAboveOffer(offered: 10, response: 12)]),
        .init(
            offer: "permessage-deflate; client_max_window_bits",
            response: "permessage-deflate; client_max_window_bits",
            problems: [.invalidValue(parameter: "client_max_window_bits", value: nil)]),
        .init(
            offer: "permessage-deflate", response: "permessage-deflate; server_max_window_bits=7; x",
            problems: [.invalidValue(parameter: "server_max_window_bits", value: "7"), .unknownParameter("x")]),
        .init(
            offer: "permessage-deflate",
            response: "permessage-deflate; client_no_context_takeover; client_no_context_takeover",
            problems: [.duplicateParameter("client_no_context_takeover")]),
    ]

    @Test("the client fails the connection on a response its offer does not allow", arguments: responses)
    func clientCheck(_ row: ResponseCase) {
        let offer = Parameters.parse(offers(row.offer)[0], as: .offer).parameters
        #expect(offer.validateResponse(offers(row.response)[0]) == row.problems)
    }

    @Test("a client keeps the promises of its offer when the response is silent (RFC 7692 §7.1.2.2)")
    func appliedByClient() {
        let offer = Parameters(clientNoContextTakeover: true, clientMaxWindowBits: .limit(10))
        #expect(offer.appliedByClient(after: Parameters()) == offer)
        let narrowed = offer.appliedByClient(after: Parameters(serverMaxWindowBits: 9, clientMaxWindowBits: .limit(8)))
        #expect(
            narrowed
                == Parameters(clientNoContextTakeover: true, serverMaxWindowBits: 9, clientMaxWindowBits: .limit(8)))
    }
}
