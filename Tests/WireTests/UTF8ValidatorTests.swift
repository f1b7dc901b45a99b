import Testing

@testable import Wire

/// A byte sequence with the verdict RFC 3629 §4 gives it, for table tests.
private struct UTF8Vector: CustomTestStringConvertible, Sendable {
    let name: String
    let bytes: [UInt8]
    /// The expected `stateAtEnd()`.
    let verdict: UTF8Validator.State

    init(_ name: String, _ bytes: [UInt8], _ verdict: UTF8Validator.State) {
        (self.name, self.bytes, self.verdict) = (name, bytes, verdict)
    }

    var testDescription: String { name }
}

/// Valid sequences: each length, and the code points at every boundary of RFC 3629 §3's table.
private let validVectors: [UTF8Vector] = [
    UTF8Vector("empty", [], .valid),
    UTF8Vector("ASCII text", Array("Hello, world".utf8), .valid),
    UTF8Vector("Kuhn's κόσμε", [0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5], .valid),
    UTF8Vector("U+0000", [0x00], .valid),
    UTF8Vector("U+007F, last 1-byte", [0x7F], .valid),
    UTF8Vector("U+0080, first 2-byte", [0xC2, 0x80], .valid),
    UTF8Vector("U+07FF, last 2-byte", [0xDF, 0xBF], .valid),
    UTF8Vector("U+0800, first 3-byte", [0xE0, 0xA0, 0x80], .valid),
    UTF8Vector("U+D7FF, below surrogates", [0xED, 0x9F, 0xBF], .valid),
    UTF8Vector("U+E000, above surrogates", [0xEE, 0x80, 0x80], .valid),
    UTF8Vector("U+FFFD", [0xEF, 0xBF, 0xBD], .valid),
    UTF8Vector("U+FFFE, a noncharacter is still UTF-8", [0xEF, 0xBF, 0xBE], .valid),
    UTF8Vector("U+FFFF, last 3-byte", [0xEF, 0xBF, 0xBF], .valid),
    UTF8Vector("U+10000, first 4-byte", [0xF0, 0x90, 0x80, 0x80], .valid),
    UTF8Vector("U+1F600", [0xF0, 0x9F, 0x98, 0x80], .valid),
    UTF8Vector("U+10FFFF, last code point", [0xF4, 0x8F, 0xBF, 0xBF], .valid),
]

/// Invalid sequences, each with the offset of the first byte that cannot occur where it is.
private let invalidVectors: [UTF8Vector] = malformedVectors + unusedByteVectors

private let malformedVectors: [UTF8Vector] = [
    UTF8Vector("overlong 2-byte NUL C0 80", [0xC0, 0x80], .invalid(offset: 0)),
    UTF8Vector("overlong 2-byte U+007F C1 BF", [0xC1, 0xBF], .invalid(offset: 0)),
    UTF8Vector("overlong 3-byte NUL E0 80 80", [0xE0, 0x80, 0x80], .invalid(offset: 1)),
    UTF8Vector("overlong 3-byte U+07FF E0 9F BF", [0xE0, 0x9F, 0xBF], .invalid(offset: 1)),
    UTF8Vector("overlong 4-byte NUL F0 80 80 80", [0xF0, 0x80, 0x80, 0x80], .invalid(offset: 1)),
    UTF8Vector("overlong 4-byte U+FFFF F0 8F BF BF", [0xF0, 0x8F, 0xBF, 0xBF], .invalid(offset: 1)),
    UTF8Vector("overlong 5-byte F8 80 80 80 80", [0xF8, 0x80, 0x80, 0x80, 0x80], .invalid(offset: 0)),
    UTF8Vector("overlong 6-byte FC 80 80 80 80 80", [0xFC, 0x80, 0x80, 0x80, 0x80, 0x80], .invalid(offset: 0)),
    UTF8Vector("surrogate U+D800 ED A0 80", [0xED, 0xA0, 0x80], .invalid(offset: 1)),
    UTF8Vector("surrogate U+DFFF ED BF BF", [0xED, 0xBF, 0xBF], .invalid(offset: 1)),
    UTF8Vector("paired surrogates", [0x61, 0xED, 0xA0, 0x80, 0xED, 0xB0, 0x80], .invalid(offset: 2)),
    UTF8Vector("U+110000 F4 90 80 80", [0xF4, 0x90, 0x80, 0x80], .invalid(offset: 1)),
    UTF8Vector("U+1FFFFF F7 BF BF BF", [0xF7, 0xBF, 0xBF, 0xBF], .invalid(offset: 0)),
    UTF8Vector("lone continuation 80", [0x80], .invalid(offset: 0)),
    UTF8Vector("lone continuation BF after ASCII", [0x61, 0xBF], .invalid(offset: 1)),
    UTF8Vector("extra continuation after é", [0xC3, 0xA9, 0x80], .invalid(offset: 2)),
    UTF8Vector("ASCII where a tail was due", [0xE2, 0x82, 0x41], .invalid(offset: 2)),
    UTF8Vector("lead byte where a tail was due", [0xC3, 0xC3, 0xA9], .invalid(offset: 1)),
    UTF8Vector("3-byte lead inside a 4-byte sequence", [0xF0, 0x9F, 0x98, 0xE2], .invalid(offset: 3)),
    UTF8Vector("bad byte after 20 ASCII", Array(repeating: 0x61, count: 20) + [0xFE], .invalid(offset: 20)),
]

/// F5–FF never appear in UTF-8, RFC 3629 §1; each is invalid at its own offset.
private let unusedByteVectors: [UTF8Vector] = (0xF5...0xFF).map { (byte: UInt8) in
    UTF8Vector("byte \(String(byte, radix: 16, uppercase: true))", [0x61, 0x62, byte], .invalid(offset: 2))
}

/// Sequences cut short: valid so far, invalid only because the message ends.
private let truncatedVectors: [UTF8Vector] = [
    UTF8Vector("2-byte lead alone", [0xC3], .invalid(offset: 1)),
    UTF8Vector("3-byte, one tail", [0xE2, 0x82], .invalid(offset: 2)),
    UTF8Vector("E0 with its narrowed tail", [0x61, 0xE0, 0xA0], .invalid(offset: 3)),
    UTF8Vector("4-byte, two tails", [0xF0, 0x9F, 0x98], .invalid(offset: 3)),
    UTF8Vector("U+10FFFF without its last byte", [0xF4, 0x8F, 0xBF], .invalid(offset: 3)),
]

/// The seeded generator: the seed fixes every byte.
private typealias SeededGenerator = SplitMix64

/// Random bytes biased toward the interesting ones: leads, tails and the edges of their ranges.
private func randomBytes(count: Int, using generator: inout SeededGenerator) -> [UInt8] {
    let interesting: [UInt8] = [
        0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
        0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
    ]
    return (0..<count).map { _ in
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: return UInt8.random(in: 0x00...0x7F, using: &generator)
        case 1: return UInt8.random(in: 0x80...0xBF, using: &generator)
        case 2: return UInt8.random(in: 0xC0...0xFF, using: &generator)
        default: return interesting.randomElement(using: &generator)!
        }
    }
}

/// Feeds `bytes` in pieces of random length and returns the validator.
private func feedInRandomPieces(_ bytes: [UInt8], using generator: inout SeededGenerator) -> UTF8Validator {
    var validator = UTF8Validator()
    var start = 0
    while start < bytes.count {
        let end = min(bytes.count, start + Int.random(in: 0...9, using: &generator))
        validator.feed(bytes[start..<end])
        start = end
    }
    return validator
}

/// The verdict derived from the standard library's decoder, as an independent oracle.
///
/// Swift reports each error as a "maximal subpart" (Unicode §3.9, U+FFFD substitution): a
/// valid lead byte plus the tails that still fit. The byte after that subpart is the first
/// offender; a byte that cannot lead anything (80–C1, F5–FF) is itself the offender.
private func standardLibraryVerdict(_ bytes: [UInt8]) -> UTF8Validator.State {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
        switch parser.parseScalar(from: &iterator) {
        case .valid(let scalar): offset += scalar.count
        case .emptyInput: return .valid
        case .error(let length):
            return (0xC2...0xF4).contains(bytes[offset]) ? .invalid(offset: offset + length) : .invalid(offset: offset)
        }
    }
}

@Test("valid sequences of every length and every boundary code point are valid", arguments: validVectors)
private func validSequences(_ vector: UTF8Vector) {
    #expect(UTF8Validator.validate(vector.bytes) == .valid)
    var validator = UTF8Validator()
    #expect(validator.feed(vector.bytes) == .valid)
    #expect(validator.isComplete)
}

@Test("the boundary vectors are the standard library's encodings of those code points")
func boundaryVectorsMatchTheEncoder() {
    let scalars: [UInt32] = [0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF]
    for value in scalars {
        let bytes = Array(String(Unicode.Scalar(value)!).utf8)
        #expect(validVectors.contains { $0.bytes == bytes }, "U+\(String(value, radix: 16))")
    }
}

@Test(
    "overlongs, surrogates, code points above U+10FFFF, F5–FF and stray tails fail at the first offending byte",
    arguments: invalidVectors)
private func invalidSequences(_ vector: UTF8Vector) {
    #expect(UTF8Validator.validate(vector.bytes) == vector.verdict)
    var validator = UTF8Validator()
    #expect(validator.feed(vector.bytes) == vector.verdict)
    #expect(!validator.isComplete)
}

@Test("the failure is reported on the byte that causes it, not later", arguments: invalidVectors)
private func failFast(_ vector: UTF8Vector) throws {
    guard case .invalid(let offset) = vector.verdict else { throw TestVectorError() }
    var validator = UTF8Validator()
    for (index, byte) in vector.bytes.enumerated() {
        let state = validator.feed([byte])
        if index < offset {
            if case .invalid = state { Issue.record("failed early, at byte \(index)") }
        } else {
            #expect(state == .invalid(offset: offset))
        }
    }
}

private struct TestVectorError: Error {}

@Test("a truncated sequence is incomplete, and invalid where the message ends", arguments: truncatedVectors)
private func truncatedSequences(_ vector: UTF8Vector) {
    var validator = UTF8Validator()
    #expect(validator.feed(vector.bytes) == .incomplete)
    #expect(!validator.isComplete)
    #expect(validator.stateAtEnd() == vector.verdict)
    #expect(validator.stateAtEnd() == .invalid(offset: vector.bytes.count))
    #expect(UTF8Validator.validate(vector.bytes) == vector.verdict)
}

@Test("a code point split across feeds is completed by the next feed")
func resumesInsideACodePoint() {
    var validator = UTF8Validator()
    #expect(validator.feed([0x61, 0xF0]) == .incomplete)
    #expect(validator.feed([0x9F]) == .incomplete)
    #expect(validator.feed([]) == .incomplete)
    #expect(validator.feed([0x98, 0x80, 0x62]) == .valid)
    #expect(validator.bytesFed == 6)
}

@Test("once invalid, the validator stays invalid at the same offset")
func invalidIsSticky() {
    var validator = UTF8Validator()
    #expect(validator.feed([0x61, 0x62, 0xC0]) == .invalid(offset: 2))
    #expect(validator.feed(Array("more valid text".utf8)) == .invalid(offset: 2))
    #expect(validator.feed([0xFF]) == .invalid(offset: 2))
    #expect(validator.stateAtEnd() == .invalid(offset: 2))
    #expect(validator.bytesFed == 19)
}

@Test("reset forgets a failure and a pending code point")
func resetStartsAfresh() {
    var validator = UTF8Validator()
    validator.feed([0xFF])
    validator.reset()
    #expect(validator.state == .valid)
    #expect(validator.feed([0xE2]) == .incomplete)
    validator.reset()
    #expect(validator.feed([0x82, 0x41]) == .invalid(offset: 0))
}

@Test("the ASCII fast path reports the first non-ASCII byte at every position of a word")
func fastPathPositions() {
    for length in 1...40 {
        for position in 0..<length {
            var bytes = [UInt8](repeating: 0x41, count: length)
            bytes[position] = 0x80
            #expect(UTF8Validator.validate(bytes) == .invalid(offset: position))
            bytes[position] = 0xC3
            let expected: UTF8Validator.State =
                position == length - 1 ? .invalid(offset: length) : .invalid(offset: position + 1)
            #expect(UTF8Validator.validate(bytes) == expected)
            // Offsets count from the first byte ever fed, across feeds.
            var validator = UTF8Validator()
            validator.feed([0x7A, 0x7A, 0x7A])
            bytes[position] = 0xFF
            #expect(validator.feed(bytes) == .invalid(offset: 3 + position))
        }
    }
}

@Test("arrays, slices, buffers and non-contiguous collections give the same verdicts")
func overloadsAgree() {
    for vector in validVectors + invalidVectors + truncatedVectors {
        var array = UTF8Validator()
        var slice = UTF8Validator()
        var buffer = UTF8Validator()
        var lazy = UTF8Validator()
        let padded = [0x20] + vector.bytes + [0x20]
        array.feed(vector.bytes)
        slice.feed(padded[1..<padded.count - 1])
        vector.bytes.withUnsafeBufferPointer { _ = buffer.feed($0) }
        lazy.feed(vector.bytes.lazy.map { $0 })
        #expect(slice.state == array.state, "\(vector.name)")
        #expect(buffer.state == array.state, "\(vector.name)")
        #expect(lazy.state == array.state, "\(vector.name)")
    }
}

@Test("the verdict is the same whether fed whole, byte by byte or in random pieces")
func splitInvariance() {
    var generator = SeededGenerator(seed: 0x5EED_0001)
    let fixed = (validVectors + invalidVectors + truncatedVectors).map(\.bytes)
    let random = (0..<2000).map { _ in
        randomBytes(count: Int.random(in: 0...48, using: &generator), using: &generator)
    }
    for bytes in fixed + random {
        var whole = UTF8Validator()
        whole.feed(bytes)
        var byByte = UTF8Validator()
        for byte in bytes { byByte.feed([byte]) }
        let pieces = feedInRandomPieces(bytes, using: &generator)
        #expect(byByte.state == whole.state, "\(bytes)")
        #expect(pieces.state == whole.state, "\(bytes)")
        #expect(pieces.stateAtEnd() == whole.stateAtEnd(), "\(bytes)")
    }
}

@Test("agrees with the standard library on 20 000 random byte strings, offsets included")
func agreesWithStandardLibrary() {
    var generator = SeededGenerator(seed: 0x5EED_0002)
    for _ in 0..<20_000 {
        let bytes = randomBytes(count: Int.random(in: 0...64, using: &generator), using: &generator)
        let verdict = UTF8Validator.validate(bytes)
        #expect(verdict == standardLibraryVerdict(bytes), "\(bytes)")
        #expect((verdict == .valid) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
    }
}

@Test("the oracle itself agrees with the hand-written vectors")
func oracleAgreesWithVectors() {
    for vector in validVectors + invalidVectors + truncatedVectors {
        #expect(standardLibraryVerdict(vector.bytes) == vector.verdict, "\(vector.name)")
    }
}

@Test("8 MiB of random bytes in random pieces never trap, and match a whole-input validation")
func largeRandomInput() {
    var generator = SeededGenerator(seed: 0x5EED_0003)
    var bytes = [UInt8](repeating: 0, count: 8 << 20)
    for word in 0..<bytes.count / 8 {
        let random = generator.next()
        for index in 0..<8 { bytes[word * 8 + index] = UInt8(truncatingIfNeeded: random >> (index * 8)) }
    }
    var validator = UTF8Validator()
    var start = 0
    while start < bytes.count {
        let end = min(bytes.count, start + Int.random(in: 1...70_000, using: &generator))
        validator.feed(bytes[start..<end])
        start = end
    }
    #expect(validator.bytesFed == 8 << 20)
    #expect(validator.state == UTF8Validator.validate(bytes))
    #expect(validator.state == standardLibraryVerdict(Array(bytes.prefix(1 << 16))))
}

@Test("8 MiB of random valid text, split anywhere, is valid")
func largeValidText() {
    var generator = SeededGenerator(seed: 0x5EED_0004)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(8 << 20 + 4)
    while bytes.count < 8 << 20 {
        let value: UInt32
        switch Int.random(in: 0..<8, using: &generator) {
        case 0..<4: value = UInt32.random(in: 0x20...0x7E, using: &generator)
        case 4: value = UInt32.random(in: 0x80...0x7FF, using: &generator)
        case 5: value = UInt32.random(in: 0x800...0xD7FF, using: &generator)
        case 6: value = UInt32.random(in: 0xE000...0xFFFF, using: &generator)
        default: value = UInt32.random(in: 0x10000...0x10FFFF, using: &generator)
        }
        UTF8.encode(Unicode.Scalar(value)!) { bytes.append($0) }
    }
    var validator = UTF8Validator()
    var start = 0
    while start < bytes.count {
        let end = min(bytes.count, start + Int.random(in: 1...65_537, using: &generator))
        let state = validator.feed(bytes[start..<end])
        #expect(state == .valid || state == .incomplete)
        start = end
    }
    #expect(validator.stateAtEnd() == .valid)
}
