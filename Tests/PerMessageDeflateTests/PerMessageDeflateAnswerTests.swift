import Testing
import Wire

@testable import PerMessageDeflate

/// The client's reading of a response to several offers (RFC 7692 §5, §7): which offer it
/// accepts, and why the client must fail the connection when it fits none the server may accept.
@Suite("Deflate: the offer a response accepts")
struct PerMessageDeflateAnswerTests {
    private typealias Parameters = PerMessageDeflateParameters

    private func accepted(_ offers: String, _ response: String) -> Result<AcceptedDeflateOffer, DeflateNegotiationError> {
        Parameters.acceptedOffer(by: ExtensionOffer.parseList([response]).offers[0], among: ExtensionOffer.parseList([offers]).offers)
    }

    private func text(_ result: Result<AcceptedDeflateOffer, DeflateNegotiationError>) -> String {
        if case .failure(let error) = result { return error.text }
        return "accepted"
    }

    @Test("a response is matched with the first valid offer it answers")
    func firstFittingOffer() throws {
        let offers = "permessage-deflate; server_max_window_bits=10, permessage-deflate"
        #expect(try accepted(offers, "permessage-deflate; server_max_window_bits=9").get().offerIndex == 0)
        #expect(try accepted(offers, "permessage-deflate").get().offerIndex == 1)
    }

    @Test("the parameters applied keep the accepted offer's promises")
    func appliedFromTheAcceptedOffer() throws {
        let offers = "permessage-deflate; server_no_context_takeover, permessage-deflate; client_no_context_takeover"
        let chosen = try accepted(offers, "permessage-deflate").get()
        #expect(chosen.offerIndex == 1)
        #expect(chosen.applied == Parameters(clientNoContextTakeover: true))
    }

    @Test("a response that fits only an offer the server must decline is refused with that offer's problems")
    func fitsOnlyAnInvalidOffer() {
        let result = text(
            accepted("permessage-deflate; x-unknown-parameter, permessage-deflate; server_no_context_takeover", "permessage-deflate"))
        #expect(result.contains("fits only offer 1 (permessage-deflate; x-unknown-parameter), which the server MUST decline"))
        #expect(result.contains("unknown parameter x-unknown-parameter (RFC 7692 §7)"))
        #expect(
            result.contains(
                "as an answer to offer 2 (permessage-deflate; server_no_context_takeover): offered server_no_context_takeover missing"))
    }

    @Test("a response to one offer is refused with what it breaks; to several, with what it breaks for each")
    func fitsNoOffer() {
        #expect(
            text(accepted("permessage-deflate", "permessage-deflate; client_max_window_bits=15"))
                == "response client_max_window_bits=15 without an offer of it (RFC 7692 §7.1.2.2)")
        let several = text(
            accepted("permessage-deflate; server_max_window_bits=9, permessage-deflate; server_max_window_bits=10", "permessage-deflate"))
        #expect(several.hasPrefix("the answer permessage-deflate fits none of the offers, as an answer to offer 1"))
        #expect(several.contains("offered server_max_window_bits=10 missing from response"))
    }

    @Test("an invalid response is refused; so is any acceptance of offers that must all be declined")
    func invalidResponse() {
        #expect(
            text(accepted("permessage-deflate; client_max_window_bits", "permessage-deflate; client_max_window_bits")).contains(
                "missing value for client_max_window_bits"))
        #expect(
            text(accepted("permessage-deflate; server_max_window_bits=7", "permessage-deflate; server_max_window_bits=9")).contains(
                "MUST decline"))
        #expect(
            text(accepted("permessage-deflate; server_max_window_bits=7", "permessage-deflate; client_max_window_bits=9"))
                .contains("although every offer must be declined"))
    }

    @Test("a client channel refuses a second permessage-deflate in the response and takes the one it may")
    func clientChannel() throws {
        #expect(throws: DeflateNegotiationError.self) {
            try DeflateChannel.client(
                offered: ["permessage-deflate", "permessage-deflate"], response: ["permessage-deflate, permessage-deflate"])
        }
        do {
            _ = try DeflateChannel.client(offered: ["permessage-deflate"], response: ["permessage-deflate", "permessage-deflate"])
            Issue.record("two answers in two lines were taken")
        } catch {
            #expect(error.text.contains("permessage-deflate accepted 2 times"))
        }
        let channel = try DeflateChannel.client(
            offered: ["permessage-deflate; x-unknown-parameter", "permessage-deflate; client_max_window_bits"],
            response: ["permessage-deflate; client_max_window_bits=9"])
        #expect(channel?.parameters.clientMaxWindowBits == .limit(9))
        #expect(try DeflateChannel.client(offered: ["permessage-deflate"], response: ["x-other"]) == nil)
    }
}
