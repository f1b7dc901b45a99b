// libFuzzer harness for the permessage-deflate parsers: the Sec-WebSocket-Extensions parser
// (ExtensionOffer.parseList, PerMessageDeflateParameters.parse) and the bounded inflater
// (MessageDecompressor). Built by fuzz/run.sh with `swiftc -sanitize=fuzzer,address` together
// with the PerMessageDeflate and Wire sources in one module (DeflateFuzz), linking zlib. The
// first input byte picks the target; see fuzz/README.md for the layout and the invariants.

/// Traps with `message` when `holds` is false (`fatalError` keeps the message under `-O`).
@inline(__always)
func invariant(_ holds: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !holds() { fatalError("invariant broken: \(message())") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    if bytes[0] & 1 == 0 {
        checkExtensionHeader(Array(bytes.dropFirst()))
    } else {
        checkInflater(Array(bytes.dropFirst()))
    }
    return 0
}

// MARK: - Sec-WebSocket-Extensions

/// Parsing never traps; every offer parsed has a non-empty name; a well-formed list, written
/// out again (`formatList`), parses to the same offers; the permessage-deflate reading of each
/// offer, as an offer and as a response, never traps and a valid reading agrees with itself.
func checkExtensionHeader(_ bytes: [UInt8]) {
    // Field values are octets (RFC 9110 §5.5); Latin-1 keeps each one a character.
    let text = String(bytes.map { Character(Unicode.Scalar($0)) })
    let values = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let parse = ExtensionOffer.parseList(values)
    for offer in parse.offers {
        invariant(!offer.name.isEmpty, "an offer with an empty name from \(values)")
        for usage in [PerMessageDeflateParameters.Usage.offer, .response] {
            let reading = PerMessageDeflateParameters.parse(offer, as: usage)
            if reading.isValid {
                invariant(PerMessageDeflateParameters.parse(offer, as: usage) == reading, "reading \(offer) twice differs")
            }
        }
    }
    if parse.isWellFormed, !parse.offers.isEmpty {
        let again = ExtensionOffer.parseList([ExtensionOffer.formatList(parse.offers)])
        invariant(again.isWellFormed, "\(ExtensionOffer.formatList(parse.offers)) does not parse again: \(again.problems)")
        invariant(again.offers == parse.offers, "round trip of \(values) gave \(again.offers), not \(parse.offers)")
    }
}

// MARK: - MessageDecompressor

/// The bounded inflater, fed whole and by fragments: never more than the cap (plus the one
/// octet that proves it exceeded), and a failed decompressor refuses further input instead of
/// trapping. With the 32 KiB window, the same outcome and the same octets either way: no
/// DEFLATE distance reaches past it. (With a smaller window zlib lets one call refer back into
/// its own output past the window, a later call not: data that breaks the window may inflate
/// whole and fail by fragments, as RFC 7692 §7.1.2 allows a receiver to refuse it.)
///
///     byte 0   window bits: 15 with bit 4, else 8–15 (low 3 bits + 8); bit 3: no context takeover
///     byte 1–2 big-endian, modulo 65537: the message cap
///     byte 3   fragment size (0: one fragment)
///     rest     the compressed payload
func checkInflater(_ bytes: [UInt8]) {
    guard bytes.count >= 4 else { return }
    let bits = bytes[0] & 0x10 != 0 ? 15 : Int(bytes[0] & 7) + 8
    let noTakeover = bytes[0] & 8 != 0
    let cap = Int(UInt16(bytes[1]) << 8 | UInt16(bytes[2])) % 65537
    let size = Int(bytes[3])
    let payload = Array(bytes.dropFirst(4))
    guard let whole = try? MessageDecompressor(windowBits: bits, noContextTakeover: noTakeover),
        let chunked = try? MessageDecompressor(windowBits: bits, noContextTakeover: noTakeover)
    else { return }

    let wholeOutcome = whole.decompress(payload, maxOutput: cap)
    check(wholeOutcome, cap: cap)

    var pieces: [[UInt8]] = []
    if size == 0 || payload.isEmpty {
        pieces = [payload]
    } else {
        var offset = 0
        while offset < payload.count {
            pieces.append(Array(payload[offset..<min(payload.count, offset + size)]))
            offset += size
        }
    }
    var joined: [UInt8] = []
    var last = DecompressionOutcome.ok([])
    for (index, piece) in pieces.enumerated() {
        last = chunked.decompress(fragment: piece, isFinal: index == pieces.count - 1, maxOutput: cap)
        check(last, cap: cap)
        guard case .ok(let octets) = last, index < pieces.count - 1 else { break }
        joined += octets
    }
    guard bits == 15 else { return }
    switch (wholeOutcome, last) {
    case (.ok(let a), .ok(let b)):
        invariant(a == joined + b, "fragments of \(size) inflate to \(joined.count + b.count) octets, whole to \(a.count)")
    case (.unterminated(let a), .unterminated(let b)):
        invariant(a == joined + b, "fragments of \(size) differ from whole (unterminated)")
    case (.tooLarge, .tooLarge), (.invalidData, .invalidData):
        break
    default:
        fatalError("invariant broken: whole gave \(kind(wholeOutcome)), fragments of \(size) gave \(kind(last))")
    }
    // After a failure the decompressor stays failed: no trap, no output.
    if case .invalidData = wholeOutcome {
        if case .ok = whole.decompress([0x00], maxOutput: cap) { fatalError("invariant broken: a failed decompressor inflated again") }
    }
}

func check(_ outcome: DecompressionOutcome, cap: Int) {
    switch outcome {
    case .ok(let octets), .unterminated(let octets): invariant(octets.count <= cap, "\(octets.count) octets past the cap \(cap)")
    case .tooLarge(let produced): invariant(produced <= cap + 1, "produced \(produced), cap \(cap)")
    case .invalidData: break
    }
}

func kind(_ outcome: DecompressionOutcome) -> String {
    switch outcome {
    case .ok: return "ok"
    case .unterminated: return "unterminated"
    case .tooLarge: return "tooLarge"
    case .invalidData: return "invalidData"
    }
}
