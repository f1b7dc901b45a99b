import Testing
import Wire

@testable import PerMessageDeflate

/// `Sec-WebSocket-Extensions` grammar, RFC 6455 §9.1: parsing (lenient, problems as data) and
/// formatting.
@Suite("Deflate: extension header grammar")
struct PerMessageDeflateHeaderTests {
    private typealias Parameter = ExtensionOffer.Parameter

    @Test("a bare extension token parses to one offer without parameters")
    func bareToken() {
        let parse = ExtensionOffer.parseList(["permessage-deflate"])
        #expect(parse.offers == [ExtensionOffer("permessage-deflate")])
        #expect(parse.isWellFormed)
    }

    @Test("offers across several header lines form one list in order (RFC 6455 §9.1)")
    func multipleLines() {
        let parse = ExtensionOffer.parseList([
            "permessage-deflate; client_max_window_bits, permessage-deflate",
            "x-webkit-deflate-frame",
        ])
        #expect(parse.isWellFormed)
        #expect(parse.offers.map(\.name) == ["permessage-deflate", "permessage-deflate", "x-webkit-deflate-frame"])
        #expect(parse.offers[0].parameters == [Parameter("client_max_window_bits")])
    }

    @Test("optional whitespace around separators and empty list elements are accepted")
    func whitespaceAndEmptyElements() {
        let parse = ExtensionOffer.parseList([" ,permessage-deflate ;\tserver_max_window_bits = 10 , ,foo ,"])
        #expect(parse.isWellFormed)
        #expect(
            parse.offers == [
                ExtensionOffer("permessage-deflate", [Parameter("server_max_window_bits", "10")]),
                ExtensionOffer("foo"),
            ])
    }

    @Test("a quoted value is unquoted and remembered as quoted")
    func quotedValue() {
        let parse = ExtensionOffer.parseList(["permessage-deflate; server_max_window_bits=\"10\""])
        #expect(parse.isWellFormed)
        #expect(parse.offers.first?.parameters == [Parameter("server_max_window_bits", "10", quoted: true)])
    }

    @Test("a quoted value that is not a token after unquoting is reported and kept (RFC 6455 §9.1)")
    func quotedValueNotToken() {
        let parse = ExtensionOffer.parseList([#"foo; bar="a\"b c", baz"#])
        #expect(parse.offers.map(\.name) == ["foo", "baz"])
        #expect(parse.offers[0].parameters == [Parameter("bar", "a\"b c", quoted: true)])
        #expect(parse.problems.map(\.kind) == [.quotedValueNotToken(parameter: "bar", value: "a\"b c")])
        #expect(parse.problems.first?.position == .init(line: 0, offset: 9))
    }

    @Test("a comma inside a quoted string does not split the list")
    func commaInsideQuotes() {
        let parse = ExtensionOffer.parseList([#"foo; bar="x,y", baz"#])
        #expect(parse.offers.map(\.name) == ["foo", "baz"])
        #expect(parse.offers[0].parameters.first?.value == "x,y")
    }

    /// A malformed header line, the problem it must report, and the offers still recovered.
    struct Malformed: CustomTestStringConvertible, Sendable {
        let header: String
        let kind: ExtensionHeaderProblem.Kind
        let offset: Int?
        let survivors: [String]
        var testDescription: String { header }
    }

    static let malformed: [Malformed] = [
        Malformed(header: "; foo", kind: .expectedExtensionName, offset: 0, survivors: []),
        Malformed(header: "foo;", kind: .expectedParameterName, offset: 4, survivors: []),
        Malformed(header: "foo; , bar", kind: .expectedParameterName, offset: 5, survivors: ["bar"]),
        Malformed(header: "foo; a=, bar", kind: .expectedParameterValue, offset: 7, survivors: ["bar"]),
        Malformed(header: "foo bar, baz", kind: .unexpectedCharacter(UInt8(ascii: "b")), offset: 4, survivors: ["baz"]),
        Malformed(header: "foo; a=\"open, bar", kind: .unterminatedQuotedString, offset: 7, survivors: []),
        Malformed(
            header: "foo; a=b=c, bar", kind: .unexpectedCharacter(UInt8(ascii: "=")), offset: 8, survivors: ["bar"]),
        Malformed(header: "", kind: .noExtensions, offset: nil, survivors: []),
        Malformed(header: " , ,", kind: .noExtensions, offset: nil, survivors: []),
    ]

    @Test("malformed elements are reported with their position and skipped", arguments: malformed)
    func malformedElements(_ row: Malformed) {
        let parse = ExtensionOffer.parseList([row.header])
        #expect(parse.problems.map(\.kind) == [row.kind])
        #expect(parse.problems.first?.position?.offset == row.offset)
        #expect(parse.offers.map(\.name) == row.survivors)
    }

    @Test("no header line at all is no extension list and no problem")
    func absentField() {
        #expect(ExtensionOffer.parseList([]) == ExtensionHeaderParse(offers: [], problems: []))
    }

    @Test("problems name the header line they were found on")
    func problemLine() {
        let parse = ExtensionOffer.parseList(["permessage-deflate", "foo;"])
        #expect(parse.problems.first?.position == .init(line: 1, offset: 4))
        #expect(parse.problems.first?.description.contains("RFC 6455 §9.1") == true)
    }

    @Test("formatting writes tokens bare and quotes values that are not tokens")
    func formatting() {
        let offer = ExtensionOffer(
            "permessage-deflate",
            [Parameter("client_max_window_bits"), Parameter("server_max_window_bits", "10"), Parameter("x", "a \"b\"")])
        #expect(
            offer.headerValue == #"permessage-deflate; client_max_window_bits; server_max_window_bits=10; x="a \"b\"""#)
        #expect(ExtensionOffer("e", [Parameter("p", "9", quoted: true)]).headerValue == #"e; p="9""#)
        #expect(ExtensionOffer.formatList([ExtensionOffer("a"), ExtensionOffer("b")]) == "a, b")
    }

    @Test("a formatted list parses back to the same offers")
    func roundTrip() {
        let offers = [
            ExtensionOffer(
                "permessage-deflate",
                [Parameter("server_no_context_takeover"), Parameter("client_max_window_bits", "9")]),
            ExtensionOffer("permessage-deflate", [Parameter("p", "v", quoted: true)]),
            ExtensionOffer("other"),
        ]
        let parse = ExtensionOffer.parseList([ExtensionOffer.formatList(offers)])
        #expect(parse.isWellFormed)
        #expect(parse.offers == offers)
    }

    @Test("extension names compare case-insensitively as HTTP tokens")
    func caseInsensitiveName() {
        #expect(ExtensionOffer("PerMessage-Deflate").hasName(PerMessageDeflateParameters.extensionName))
        #expect(!ExtensionOffer("permessage-deflat").hasName(PerMessageDeflateParameters.extensionName))
    }
}
