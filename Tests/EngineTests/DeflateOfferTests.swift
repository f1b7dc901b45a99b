import Cases
import PerMessageDeflate
import Testing

@testable import Engine

/// The catalogue's permessage-deflate offers agree with what the case says a decline earns
/// (RFC 7692 §7): a case that requires a decline offers only what a server must decline, and
/// any other case offers something a server may accept.
@Suite("Engine: permessage-deflate offers of the catalogue")
struct DeflateOfferTests {
    @Test("a required decline goes with offers that all break RFC 7692 §7, and only with those")
    func declineMatchesOffers() {
        for testCase in Catalogue.all where !testCase.opening.deflateOffers.isEmpty {
            let offers = ExtensionOffer.parseList(testCase.opening.deflateOffers).offers
                .filter { $0.hasName(PerMessageDeflateParameters.extensionName) }
            #expect(!offers.isEmpty, "\(testCase) offers no permessage-deflate")
            let valid = offers.filter { PerMessageDeflateParameters.parse($0, as: .offer).isValid }
            switch testCase.opening.deflateDecline {
            case .required: #expect(valid.isEmpty, "\(testCase) requires a decline of an offer a server may accept")
            case .unimplemented: #expect(!valid.isEmpty, "\(testCase) offers only what a server must decline")
            }
        }
    }

    @Test("the reason given for a required decline names each rule the offers break")
    func declineReasons() {
        #expect(
            CaseSession.declineReasons(["permessage-deflate; x-unknown-parameter; server_max_window_bits=09"])
                == "unknown parameter x-unknown-parameter (RFC 7692 §7); invalid value \"09\" for server_max_window_bits (RFC 7692 §7.1.2.1)"
        )
        #expect(CaseSession.declineReasons(["permessage-deflate"]) == "no reason found in the offer (RFC 7692 §7)")
    }
}
