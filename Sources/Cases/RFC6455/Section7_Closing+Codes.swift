import Wire

/// RFC 6455 §7.4 status codes in a client's Close frame (Autobahn 7.7, 7.9 and 7.13).
///
/// §5.5.1: "If there is a body, the first two bytes of the body MUST be a 2-byte unsigned
/// integer (in network byte order) representing a status code with value /code/ defined in
/// Section 7.4." Which codes those are is decided in one place, `CloseCode.mayBeSentInCloseFrame`
/// (§7.4.1, §7.4.2 and the IANA registry of §11.7); this table only lists the codes sent.
extension Section7_Closing {
    /// Every code the catalogue closes with, and Autobahn's id for it when it has one.
    /// 1012–1014 (IANA) and 1015 (§7.4.1) are ours: Autobahn no longer tests them.
    static let closeCodes: [(code: UInt16, autobahn: String?)] = [
        (1000, "7.7.1"), (1001, "7.7.2"), (1002, "7.7.3"), (1003, "7.7.4"), (1007, "7.7.5"), (1008, "7.7.6"),
        (1009, "7.7.7"), (1010, "7.7.8"), (1011, "7.7.9"), (1012, nil), (1013, nil), (1014, nil),
        (3000, "7.7.10"), (3999, "7.7.11"), (4000, "7.7.12"), (4999, "7.7.13"),
        (0, "7.9.1"), (999, "7.9.2"), (1004, "7.9.3"), (1005, "7.9.4"), (1006, "7.9.5"), (1015, nil),
        (1016, "7.9.6"), (1100, "7.9.7"), (2000, "7.9.8"), (2999, "7.9.9"),
        (5000, "7.13.1"), (65535, "7.13.2"),
    ]

    static let codeCases: [TestCase] = closeCodes.map { entry in codeCase(CloseCode(rawValue: entry.code), autobahn: entry.autobahn) }

    /// Where wsconform's verdict departs from Autobahn's for a code.
    static let codeDivergences: [UInt16: Divergence] = {
        let registered = Divergence(
            autobahnVerdict:
                "not tested (1012/1013 left 7.9 in 0.7.5, 1014 in 2018), and its own parser takes 1012–1014 in a server's Close frame for a protocol error",
            reason:
                "IANA's WebSocket Close Code Number Registry (RFC 6455 §11.7) assigns 1012 Service Restart, 1013 Try Again Later and 1014 Bad Gateway in the protocol range of §7.4.2: they may be sent, and echoed. §5.5.1's MUST names only codes \"defined in Section 7.4\", so refusing one is NON-STRICT, not FAILED."
        )
        let aboveRange = Divergence(
            autobahnVerdict: "INFORMATIONAL whatever the server does, even when it echoes the code in its own Close frame",
            reason:
                "§7.4.2 defines no code above 4999, and §5.5.1 says a Close body's code MUST be one §7.4 defines: how a server reacts to receiving one is open (INFORMATIONAL), but a server that echoes it sends a forbidden frame (FAILED)."
        )
        return [
            1012: registered, 1013: registered, 1014: registered,
            1015: Divergence(
                autobahnVerdict: "no case since 2018 (1015 was dropped from 7.9 as registered, issue #88)",
                reason:
                    "IANA registers 1015 (TLS handshake) from RFC 6455 §7.4.1, which says it MUST NOT be set as a status code in a Close frame: the server must fail the connection, as for 1005 and 1006."
            ),
            5000: aboveRange, 65535: aboveRange,
        ]
    }()

    /// The case for one code: a valid code is answered, a forbidden one fails the connection,
    /// and one beyond §7.4.2's ranges is informational.
    static func codeCase(_ code: CloseCode, autobahn: String?) -> TestCase {
        let value = code.rawValue
        let steps: [Step] = [.startClose(.close(code: value))]
        let summary = "close frame with code \(value)"
        let divergence = codeDivergences[value]
        if code.mayBeSentInCloseFrame, registryOnly(code) {
            // §5.5.1's MUST covers the codes "defined in Section 7.4"; 1012–1014 are not among
            // them, so a server that refuses one breaks no MUST (wsproto and autobahn-python do).
            return TestCase(
                id: "close.code.valid-\(value)", autobahn: autobahn, section: validSection(code),
                rule:
                    "\(validWhy(code)) but not defined in §7.4, which §5.5.1's MUST names: a server SHOULD answer the Close (echoing \(value) or with 1000) and close TCP; failing the connection instead is NON-STRICT.",
                level: .should, summary: summary, steps: steps, expect: answered([1000, value]), divergence: divergence)
        }
        if code.mayBeSentInCloseFrame {
            return TestCase(
                id: "close.code.valid-\(value)", autobahn: autobahn, section: validSection(code),
                rule:
                    "\(validWhy(code)), so it may be sent: the server MUST answer the Close (echoing \(value) or with 1000) and close TCP.",
                level: .must, sentence: RFC6455Sentence.closeAnsweredThenTCP, summary: summary, steps: steps, expect: answered([1000, value]),
                divergence: divergence)
        }
        if code.category == .aboveRange {
            return TestCase(
                id: "close.code.above-range-\(value)", autobahn: autobahn, section: "RFC 6455 §5.5.1, §7.4.2",
                rule:
                    "§7.4.2 defines no code above 4999: how a server reacts to \(value) is up to it (MAY), but it MUST NOT send \(value) itself.",
                level: .may, summary: summary, steps: steps,
                expect: Expectation(
                    outcomes: [ExpectedOutcome(.informational, [])],
                    close: CloseExpectation(initiator: .tester, codes: [1000, 1002], requireClean: false), timer: timer, informational: true
                ),
                divergence: divergence)
        }
        return TestCase(
            id: "close.code.invalid-\(value)", autobahn: autobahn, section: invalidSection(code),
            rule:
                "\(invalidWhy(code)), so a Close frame MUST NOT carry it (§5.5.1): the server MUST fail the connection (1002, or drop TCP).",
            level: .must, sentence: [1005, 1006, 1015].contains(value) ? RFC6455Sentence.reservedCode(value) : RFC6455Sentence.closeBodyCode,
            summary: summary, steps: steps, expect: rejected([1002]), divergence: divergence)
    }

    /// 1012–1014: assigned by IANA's registry (§11.7) after RFC 6455, not by its §7.4.
    static func registryOnly(_ code: CloseCode) -> Bool { (1012...1014).contains(code.rawValue) }

    static func validSection(_ code: CloseCode) -> String {
        switch code.category {
        case .protocolDefined: return code.rawValue >= 1012 ? "RFC 6455 §7.4.2, §11.7 (IANA registry)" : "RFC 6455 §5.5.1, §7.4.1"
        default: return "RFC 6455 §5.5.1, §7.4.2"
        }
    }

    /// Why a code may be sent, in words.
    static func validWhy(_ code: CloseCode) -> String {
        let value = code.rawValue
        switch code.category {
        case .registeredLibraries: return "\(value) is in 3000–3999, for libraries, frameworks and applications (§7.4.2)"
        case .privateUse: return "\(value) is in 4000–4999, for private use (§7.4.2)"
        default:
            let name = code.name ?? "\(value)"
            return value >= 1012 ? "\(value) (\(name)) is registered with IANA (§11.7)" : "\(value) (\(name)) is defined in §7.4.1"
        }
    }

    static func invalidSection(_ code: CloseCode) -> String {
        code.category == .belowRange || code.name == nil ? "RFC 6455 §5.5.1, §7.4.2" : "RFC 6455 §5.5.1, §7.4.1"
    }

    /// Why a code must not be sent, in words.
    static func invalidWhy(_ code: CloseCode) -> String {
        let value = code.rawValue
        switch value {
        case 0...999: return "\(value) is in 0–999, which are not used (§7.4.2)"
        case 1004: return "1004 is reserved with no meaning defined yet (§7.4.1, IANA \"Reserved\")"
        case 1005, 1006, 1015: return "\(value) (\(code.name ?? "")) is for APIs only and MUST NOT be set in a Close frame (§7.4.1)"
        default:
            return "\(value) is in 1000–2999, kept for this protocol's revisions and extensions, and not assigned (§7.4.2, IANA registry)"
        }
    }
}
