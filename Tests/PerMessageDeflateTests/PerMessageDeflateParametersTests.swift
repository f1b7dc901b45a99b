import Testing
import Wire

@testable import PerMessageDeflate

/// The four parameters of RFC 7692 §7.1: reading them from a list element, with every §7 reason
/// to decline reported, and writing them back.
@Suite("Deflate: parameters")
struct PerMessageDeflateParametersTests {
    private func parse(_ header: String, as usage: PerMessageDeflateParameters.Usage = .offer)
        -> PerMessageDeflateParameters.Parse
    {
        let list = ExtensionOffer.parseList([header])
        precondition(list.offers.count == 1, "bad test header \(header)")
        return PerMessageDeflateParameters.parse(list.offers[0], as: usage)
    }

    @Test("an offer with all four parameters is read as written")
    func allFour() {
        let parsed = parse(
            "permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
                + "server_max_window_bits=10; client_max_window_bits")
        #expect(parsed.isValid)
        #expect(
            parsed.parameters
                == PerMessageDeflateParameters(
                    serverNoContextTakeover: true, clientNoContextTakeover: true, serverMaxWindowBits: 10,
                    clientMaxWindowBits: .supported))
    }

    @Test("client_max_window_bits without a value is legal in an offer only (RFC 7692 §7.1.2.2)")
    func valuelessClientWindow() {
        #expect(parse("permessage-deflate; client_max_window_bits").parameters.clientMaxWindowBits == .supported)
        let response = parse("permessage-deflate; client_max_window_bits", as: .response)
        #expect(response.problems == [.invalidValue(parameter: "client_max_window_bits", value: nil)])
        #expect(response.problems.first?.section == "RFC 7692 §7.1.2.2")
    }

    /// A window-bits value as written and whether RFC 7692 §7.1.2.1 allows it.
    struct WindowValue: CustomTestStringConvertible, Sendable {
        let written: String
        let bits: Int?
        var testDescription: String { written }
    }

    static let windowValues: [WindowValue] = [
        .init(written: "8", bits: 8), .init(written: "9", bits: 9), .init(written: "15", bits: 15),
        .init(written: "\"12\"", bits: 12), .init(written: "7", bits: nil), .init(written: "16", bits: nil),
        .init(written: "08", bits: nil), .init(written: "010", bits: nil), .init(written: "0", bits: nil),
        .init(written: "+9", bits: nil), .init(written: "9a", bits: nil), .init(written: "\"\"", bits: nil),
        .init(written: "999999999999999999999", bits: nil),
    ]

    @Test("window bits are 8–15 as 1*DIGIT without leading zeros (RFC 7692 §7.1.2.1)", arguments: windowValues)
    func windowBitsValues(_ row: WindowValue) {
        let server = parse("permessage-deflate; server_max_window_bits=\(row.written)")
        let client = parse("permessage-deflate; client_max_window_bits=\(row.written)", as: .response)
        #expect(server.parameters.serverMaxWindowBits == row.bits)
        #expect(client.parameters.clientMaxWindowBits?.bits == row.bits)
        #expect(server.isValid == (row.bits != nil))
        #expect(client.isValid == (row.bits != nil))
    }

    @Test("server_max_window_bits without a value is invalid (RFC 7692 §7.1.2.1)")
    func valuelessServerWindow() {
        let parsed = parse("permessage-deflate; server_max_window_bits")
        #expect(parsed.problems == [.invalidValue(parameter: "server_max_window_bits", value: nil)])
        #expect(parsed.parameters.serverMaxWindowBits == nil)
    }

    @Test("no_context_takeover parameters take no value (RFC 7692 §7.1.1.1, §7.1.1.2)")
    func contextTakeoverWithValue() {
        let parsed = parse("permessage-deflate; server_no_context_takeover=1; client_no_context_takeover=\"x\"")
        #expect(
            parsed.problems == [
                .invalidValue(parameter: "server_no_context_takeover", value: "1"),
                .invalidValue(parameter: "client_no_context_takeover", value: "x"),
            ])
        #expect(parsed.problems.map(\.section) == ["RFC 7692 §7.1.1.1", "RFC 7692 §7.1.1.2"])
    }

    @Test("a repeated parameter is a reason to decline, the first value counts (RFC 7692 §7)")
    func duplicate() {
        let parsed = parse("permessage-deflate; server_max_window_bits=10; server_max_window_bits=12")
        #expect(parsed.problems == [.duplicateParameter("server_max_window_bits")])
        #expect(parsed.parameters.serverMaxWindowBits == 10)
    }

    @Test("an unknown parameter is a reason to decline (RFC 7692 §7)")
    func unknown() {
        let parsed = parse("permessage-deflate; max_window_bits=10; client_no_context_takeover")
        #expect(parsed.problems == [.unknownParameter("max_window_bits")])
        #expect(parsed.problems.first?.description.contains("RFC 7692 §7") == true)
        #expect(parsed.parameters.clientNoContextTakeover)
    }

    @Test("parameter names compare case-insensitively as HTTP tokens")
    func caseInsensitiveParameter() {
        #expect(parse("permessage-deflate; Server_No_Context_Takeover").parameters.serverNoContextTakeover)
    }

    @Test("parameters format in RFC 7692 §7.1 order and parse back unchanged")
    func formatRoundTrip() {
        let samples: [PerMessageDeflateParameters] = [
            PerMessageDeflateParameters(),
            PerMessageDeflateParameters(clientMaxWindowBits: .supported),
            PerMessageDeflateParameters(
                serverNoContextTakeover: true, clientNoContextTakeover: true, serverMaxWindowBits: 9,
                clientMaxWindowBits: .limit(8)),
        ]
        #expect(samples[0].headerValue == "permessage-deflate")
        let all = "permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
        #expect(samples[2].headerValue == all + "server_max_window_bits=9; client_max_window_bits=8")
        for sample in samples {
            let parsed = parse(sample.headerValue)
            #expect(parsed.isValid)
            #expect(parsed.parameters == sample)
        }
    }

    @Test("the server uses the agreed server window and takeover, the client the client ones")
    func configurationPerRole() {
        let agreed = PerMessageDeflateParameters(
            serverNoContextTakeover: true, clientNoContextTakeover: false, serverMaxWindowBits: 9,
            clientMaxWindowBits: .limit(12))
        #expect(
            PerMessageDeflateConfiguration(agreed: agreed, role: .server)
                == PerMessageDeflateConfiguration(
                    compressorWindowBits: 9, compressorNoContextTakeover: true, decompressorWindowBits: 12,
                    decompressorNoContextTakeover: false))
        #expect(
            PerMessageDeflateConfiguration(agreed: agreed, role: .client)
                == PerMessageDeflateConfiguration(
                    compressorWindowBits: 12, compressorNoContextTakeover: false, decompressorWindowBits: 9,
                    decompressorNoContextTakeover: true))
        #expect(PerMessageDeflateConfiguration(agreed: PerMessageDeflateParameters(), role: .client) == .init())
    }
}
