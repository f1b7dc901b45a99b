import Testing

@testable import Wire

/// RFC 6455 §7.4 and the IANA registry, written out independently of `CloseCode`: the codes an
/// endpoint may put in a Close frame.
private func rfcAllowsSending(_ code: Int) -> Bool {
    if code < 1000 { return false }  // §7.4.2: 0–999 not used
    if code <= 1003 { return true }  // §7.4.1
    if code <= 1006 { return false }  // 1004 reserved; 1005, 1006 MUST NOT be sent
    if code <= 1011 { return true }  // §7.4.1
    if code <= 1014 { return true }  // IANA: service restart, try again later, bad gateway
    if code <= 2999 { return false }  // 1015 MUST NOT be sent; the rest is unassigned
    return code <= 4999  // §7.4.2: 3000–3999 registered, 4000–4999 private; nothing above
}

/// One boundary of the close code space and what the RFC says about it.
private struct CodeBoundary: CustomTestStringConvertible, Sendable {
    let code: UInt16
    let allowed: Bool
    let range: CloseCodeRange
    var testDescription: String { "\(code)" }
}

private let boundaries: [CodeBoundary] = [
    CodeBoundary(code: 0, allowed: false, range: .belowRange),
    CodeBoundary(code: 999, allowed: false, range: .belowRange),
    CodeBoundary(code: 1000, allowed: true, range: .protocolDefined),
    CodeBoundary(code: 1003, allowed: true, range: .protocolDefined),
    CodeBoundary(code: 1004, allowed: false, range: .protocolDefined),
    CodeBoundary(code: 1005, allowed: false, range: .protocolDefined),
    CodeBoundary(code: 1006, allowed: false, range: .protocolDefined),
    CodeBoundary(code: 1007, allowed: true, range: .protocolDefined),
    CodeBoundary(code: 1011, allowed: true, range: .protocolDefined),
    CodeBoundary(code: 1012, allowed: true, range: .protocolDefined),
    CodeBoundary(code: 1014, allowed: true, range: .protocolDefined),
    CodeBoundary(code: 1015, allowed: false, range: .protocolDefined),
    CodeBoundary(code: 1016, allowed: false, range: .protocolDefined),
    CodeBoundary(code: 2999, allowed: false, range: .protocolDefined),
    CodeBoundary(code: 3000, allowed: true, range: .registeredLibraries),
    CodeBoundary(code: 3999, allowed: true, range: .registeredLibraries),
    CodeBoundary(code: 4000, allowed: true, range: .privateUse),
    CodeBoundary(code: 4999, allowed: true, range: .privateUse),
    CodeBoundary(code: 5000, allowed: false, range: .aboveRange),
    CodeBoundary(code: 65535, allowed: false, range: .aboveRange),
]

@Test("each boundary of the close code space is classified as RFC 6455 §7.4 says", arguments: boundaries)
private func boundaryClassification(_ boundary: CodeBoundary) {
    let code = CloseCode(rawValue: boundary.code)
    #expect(code.mayBeSentInCloseFrame == boundary.allowed)
    #expect(code.category == boundary.range)
}

@Test("every code from 0 to 5999 may be sent exactly when the RFC and IANA registry allow it")
func everyCodeClassified() {
    for value in 0...5999 {
        let code = CloseCode(rawValue: UInt16(value))
        #expect(code.mayBeSentInCloseFrame == rfcAllowsSending(value), "\(value)")
    }
}

@Test("the ranges of RFC 6455 §7.4.2 partition all 65 536 codes")
func rangesPartition() {
    var covered = 0
    for range in CloseCodeRange.allCases {
        covered += range.codes.count
        #expect(CloseCodeRange(range.codes.lowerBound) == range)
        #expect(CloseCodeRange(range.codes.upperBound) == range)
    }
    #expect(covered == 65_536)
    #expect((UInt16.min...UInt16.max).allSatisfy { CloseCodeRange($0).codes.contains($0) })
}

@Test("named members carry the RFC 6455 §7.4.1 and IANA numbers and their names")
func namedMembers() {
    let expected: [(CloseCode, UInt16, String)] = [
        (.normalClosure, 1000, "normalClosure"), (.goingAway, 1001, "goingAway"),
        (.protocolError, 1002, "protocolError"), (.unsupportedData, 1003, "unsupportedData"),
        (.reserved1004, 1004, "reserved1004"), (.noStatusReceived, 1005, "noStatusReceived"),
        (.abnormalClosure, 1006, "abnormalClosure"),
        (.invalidFramePayloadData, 1007, "invalidFramePayloadData"),
        (.policyViolation, 1008, "policyViolation"), (.messageTooBig, 1009, "messageTooBig"),
        (.mandatoryExtension, 1010, "mandatoryExtension"), (.internalError, 1011, "internalError"),
        (.serviceRestart, 1012, "serviceRestart"), (.tryAgainLater, 1013, "tryAgainLater"),
        (.badGateway, 1014, "badGateway"), (.tlsHandshake, 1015, "tlsHandshake"),
    ]
    for (code, value, name) in expected {
        #expect(code.rawValue == value)
        #expect(code.name == name)
        #expect(code.description == "\(name)(\(value))")
    }
    #expect(CloseCode(rawValue: 1016).name == nil)
    #expect(CloseCode(rawValue: 4001).description == "privateUse(4001)")
}

@Test("a close body encodes as the code in network byte order followed by the reason")
func encoding() {
    #expect(ClosePayload(code: .normalClosure, reason: "bye").encoded() == [0x03, 0xE8, 0x62, 0x79, 0x65])
    #expect(ClosePayload(code: CloseCode(rawValue: 0xABCD)).encoded() == [0xAB, 0xCD])
    #expect(ClosePayload(code: nil).encoded() == [])
    #expect(ClosePayload(code: nil, reason: [0x61]).encoded() == [])
}

@Test("encoding is total: an oversized reason is encoded as given, without trapping")
func encodingIsTotal() {
    let payload = ClosePayload(code: .goingAway, reason: [UInt8](repeating: 0x61, count: 70_000))
    #expect(payload.encoded().count == 70_002)
}

@Test("parsing an encoded body gives the body back", arguments: [0, 1000, 1001, 1005, 3000, 4999, 65535])
func roundTrip(_ value: Int) {
    for reason in [[], Array("done".utf8), [0xCE, 0xBA, 0xE1, 0xBD, 0xB9], [0xFF, 0x00]] as [[UInt8]] {
        let payload = ClosePayload(code: CloseCode(rawValue: UInt16(value)), reason: reason)
        #expect(ClosePayload.parse(payload.encoded()).payload == payload)
    }
}

@Test("an empty body is conforming and has no code")
func emptyBody() {
    let parsed = ClosePayload.parse([])
    #expect(parsed.payload == ClosePayload(code: nil))
    #expect(parsed.isConforming)
}

@Test("a 1-byte body breaks RFC 6455 §5.5.1")
func oneByteBody() {
    let parsed = ClosePayload.parse([0x03])
    #expect(parsed.payload.code == nil)
    #expect(parsed.problems == [.oneByteBody])
    #expect(ClosePayloadProblem.oneByteBody.section == "RFC 6455 §5.5.1")
}

@Test("a body of 125 bytes is allowed and one of 126 is too long, RFC 6455 §5.5")
func lengthLimit() {
    let fits = ClosePayload(code: .normalClosure, reason: [UInt8](repeating: 0x61, count: ClosePayload.maxReasonLength))
    #expect(fits.encoded().count == 125)
    #expect(ClosePayload.parse(fits.encoded()).isConforming)
    let over = ClosePayload(code: .normalClosure, reason: [UInt8](repeating: 0x61, count: 124))
    let parsed = ClosePayload.parse(over.encoded())
    #expect(parsed.problems == [.tooLong(126)])
    #expect(parsed.payload == over)
}

@Test("codes no endpoint may send are reported, codes that may be sent are not")
func codeNotAllowed() {
    for value in [0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535] {
        let code = CloseCode(rawValue: UInt16(value))
        #expect(ClosePayload.parse(ClosePayload(code: code).encoded()).problems == [.codeNotAllowed(code)])
    }
    for value in [1000, 1003, 1007, 1011, 1012, 1014, 3000, 4999] {
        #expect(ClosePayload.parse(ClosePayload(code: CloseCode(rawValue: UInt16(value))).encoded()).isConforming)
    }
}

@Test("a reason that is not UTF-8 is reported at the offending byte of the reason")
func reasonNotUTF8() {
    let cases: [([UInt8], Int)] = [
        ([0x61, 0xFF], 1),  // F5–FF never occur
        ([0xED, 0xA0, 0x80], 1),  // a surrogate
        ([0xC0, 0xAF], 0),  // overlong '/'
        ([0xCE, 0xBA, 0xE1, 0xBD], 4),  // truncated at the end of the body
    ]
    for (reason, offset) in cases {
        let parsed = ClosePayload.parse([0x03, 0xE8] + reason)
        #expect(parsed.problems == [.reasonNotUTF8(offset: offset)], "\(reason)")
        #expect(parsed.payload.reason == reason)
        #expect(parsed.payload.reasonText == nil)
    }
}

@Test("a valid reason reads back as text")
func reasonText() {
    #expect(ClosePayload(code: .normalClosure, reason: "κόσμε").reasonText == "κόσμε")
    #expect(ClosePayload(code: .normalClosure).reasonText == "")
}

@Test("a body breaking several rules lists them all, length first")
func severalProblems() {
    let body: [UInt8] = [0x03, 0xED] + [UInt8](repeating: 0x61, count: 124) + [0xC3]
    let parsed = ClosePayload.parse(body)
    #expect(parsed.problems == [.tooLong(127), .codeNotAllowed(.noStatusReceived), .reasonNotUTF8(offset: 125)])
}
