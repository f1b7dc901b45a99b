// The byte parsers beside the frame decoder: UTF8Validator, ClosePayload.parse and
// HTTPHeadParser. Called from fuzzOneInput in FrameDecoderFuzz.swift; see fuzz/README.md.

// MARK: - UTF8Validator

/// Chunked validation equals whole validation, the verdict agrees with the standard library's
/// decoder, and a reported offset is the first byte no valid UTF-8 could continue with.
func checkUTF8(_ bytes: [UInt8], sizes: [Int]) {
    let whole = UTF8Validator.validate(bytes)

    var chunked = UTF8Validator()
    var firstFailure: Int?
    for (index, piece) in chop(bytes, sizes).enumerated() {
        // Alternate the Array overload and the generic Collection (slice) overload.
        let state = index % 2 == 0 ? chunked.feed(Array(piece)) : chunked.feed(piece)
        if case .invalid(let offset) = state {
            invariant(
                firstFailure == nil || firstFailure == offset,
                "failure offset moved from \(firstFailure!) to \(offset)")
            invariant(offset < chunked.bytesFed, "failure offset \(offset) beyond the \(chunked.bytesFed) bytes fed")
            firstFailure = offset
        } else {
            invariant(firstFailure == nil, "validator recovered from a failure")
        }
    }
    invariant(chunked.bytesFed == bytes.count, "bytesFed \(chunked.bytesFed) ≠ \(bytes.count)")
    invariant(
        chunked.stateAtEnd() == whole, "chunking \(sizes) changed the verdict: \(chunked.stateAtEnd()) vs \(whole)")
    invariant(chunked.isComplete == (whole == .valid), "isComplete disagrees with the verdict")

    let standardLibrary = String(validating: bytes, as: UTF8.self) != nil
    invariant((whole == .valid) == standardLibrary, "verdict \(whole) but String(validating:) says \(standardLibrary)")

    if case .invalid(let offset) = whole {
        invariant(offset <= bytes.count, "failure offset \(offset) past the end \(bytes.count)")
        var prefix = UTF8Validator()
        let before = prefix.feed(bytes[..<offset])
        invariant(before == .valid || before == .incomplete, "the bytes before the failure at \(offset) are \(before)")
        if offset < bytes.count {
            invariant(
                prefix.feed(bytes[offset...offset]) == .invalid(offset: offset), "byte \(offset) is not the offender")
        } else {
            invariant(before == .incomplete, "failure at the end, but the bytes are \(before)")
        }
    }
}

// MARK: - ClosePayload

/// `parse` never traps, reports exactly the rules the body breaks, and a conforming body
/// round-trips through `encoded()`.
func checkClosePayload(_ bytes: [UInt8]) {
    let parsed = ClosePayload.parse(bytes)
    let problems = parsed.problems
    invariant(problems.contains(.tooLong(bytes.count)) == (bytes.count > 125), "tooLong reported wrongly")
    invariant(problems.contains(.oneByteBody) == (bytes.count == 1), "oneByteBody reported wrongly")
    if bytes.count < 2 {
        invariant(
            parsed.payload.code == nil && parsed.payload.reason.isEmpty, "a body under 2 bytes has a code or reason")
        invariant(parsed.payload.encoded().isEmpty, "a codeless body encodes to bytes")
    } else {
        let code = CloseCode(rawValue: UInt16(bytes[0]) << 8 | UInt16(bytes[1]))
        invariant(parsed.payload.code == code, "code \(String(describing: parsed.payload.code)) ≠ \(code)")
        invariant(parsed.payload.encoded() == bytes, "encoded() does not give back the body")
        invariant(
            problems.contains(.codeNotAllowed(code)) == !code.mayBeSentInCloseFrame, "codeNotAllowed reported wrongly")
        let reasonVerdict = UTF8Validator.validate(parsed.payload.reason)
        let reportedUTF8 = problems.contains { if case .reasonNotUTF8 = $0 { true } else { false } }
        invariant(reportedUTF8 == (reasonVerdict != .valid), "reasonNotUTF8 reported wrongly")
        if case .invalid(let offset) = reasonVerdict {
            invariant(
                problems.contains(.reasonNotUTF8(offset: offset)), "reasonNotUTF8 offset differs from the validator's")
        }
        invariant(
            (parsed.payload.reasonText != nil) == (reasonVerdict == .valid), "reasonText disagrees with the validator")
    }
    if parsed.isConforming {
        invariant(parsed.payload.encoded() == bytes, "a conforming body does not round-trip")
        invariant(ClosePayload.parse(parsed.payload.encoded()) == parsed, "re-parsing a conforming body differs")
    }
}

// MARK: - HTTPHeadParser

/// Feeding in chunks gives what feeding whole gives, the parser never traps, and no head over
/// `maxSize` octets is ever returned.
func checkHTTPHead(_ bytes: [UInt8], maxSize: Int, sizes: [Int]) {
    var whole = HTTPHeadParser(maxSize: maxSize)
    let wholeResult = whole.feed(bytes)
    checkHTTPResult(wholeResult, of: bytes, maxSize: maxSize)
    if wholeResult != .needMore {
        invariant(whole.feed([0x0A]) == .malformed("head already complete"), "a finished parser took more input")
    }

    var chunked = HTTPHeadParser(maxSize: maxSize)
    var chunkedResult = HTTPHeadParseResult.needMore
    var fed = 0
    for piece in chop(bytes, sizes) {
        fed += piece.count
        chunkedResult = chunked.feed(Array(piece))
        if chunkedResult != .needMore { break }
    }
    // Octets after the head that were not fed yet belong to the remainder when fed whole.
    if case .complete(let head, let remainder) = chunkedResult {
        chunkedResult = .complete(head, remainder: remainder + bytes[fed...])
    }
    invariant(chunkedResult == wholeResult, "chunking \(sizes) changed the result: \(chunkedResult) vs \(wholeResult)")
}

private func checkHTTPResult(_ result: HTTPHeadParseResult, of bytes: [UInt8], maxSize: Int) {
    switch result {
    case .needMore:
        // The head may be followed by its 2-octet empty line, so maxSize + 2 may be held.
        invariant(bytes.count <= maxSize + 2, "needMore with \(bytes.count) bytes buffered, limit \(maxSize)")
    case .tooLarge(let limit):
        invariant(limit == maxSize, "tooLarge(limit: \(limit)) for maxSize \(maxSize)")
    case .malformed:
        break
    case .complete(let head, let remainder):
        invariant(remainder.count <= bytes.count, "remainder longer than the input")
        let consumed = bytes.count - remainder.count
        invariant(Array(bytes[consumed...]) == remainder, "remainder is not the input's tail")
        invariant(consumed >= 2 && bytes[consumed - 1] == 0x0A, "the head does not end with a line feed")
        let crlfEnd = consumed >= 3 && bytes[consumed - 2] == 0x0D && bytes[consumed - 3] == 0x0A
        let headLength = consumed - (crlfEnd ? 2 : 1)
        invariant(headLength <= maxSize, "a \(headLength)-byte head returned, limit \(maxSize)")
        invariant(!head.startLine.isEmpty, "empty start line accepted")
        invariant(!head.startLine.contains("\n"), "start line holds a line feed")
        for field in head.fields {
            invariant(!field.name.isEmpty, "empty header name accepted")
            invariant(
                !field.name.contains { $0 == " " || $0 == "\t" || $0 == ":" || $0 == "\n" },
                "header name \(field.name.debugDescription) accepted")
            invariant(
                field.value.first != " " && field.value.first != "\t" && field.value.last != " "
                    && field.value.last != "\t" && !field.value.contains("\n"),
                "header value \(field.value.debugDescription) not trimmed")
        }
        let lines = bytes[..<headLength].split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
        invariant(head.bareLineFeeds == lines.contains { $0.last != 0x0D }, "bareLineFeeds reported wrongly")
    }
}
