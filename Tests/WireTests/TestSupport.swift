import Wire

/// The seeded generator of property tests: the one the fuzzer and the engine use.
typealias TestGenerator = SplitMix64

/// Bytes from a hex string with optional spaces: "81 05 48".
func hex(_ text: String) -> [UInt8] {
    let digits = text.filter { !$0.isWhitespace }
    var bytes: [UInt8] = []
    var index = digits.startIndex
    while index < digits.endIndex {
        let next = digits.index(index, offsetBy: 2)
        bytes.append(UInt8(digits[index..<next], radix: 16)!)
        index = next
    }
    return bytes
}
