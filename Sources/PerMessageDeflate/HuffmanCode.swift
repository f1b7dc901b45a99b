/// A canonical Huffman code of DEFLATE (RFC 1951 §3.2.2), decoded through a table indexed by
/// the next `fastBits` bits, and bit by bit for the rare longer codes. Rebuilt in place for
/// every dynamic block, so that reading a stream allocates nothing per block.
struct HuffmanCode {
    static let fastBits = 9
    /// For each value of the next `fastBits` bits: symbol << 4 | code length, or 0 when the
    /// code is longer than `fastBits`.
    private var fast = ContiguousArray<UInt16>(repeating: 0, count: 1 << fastBits)
    /// How many codes have each length, 0–15, and the symbols in canonical order.
    private var lengthCounts = ContiguousArray<Int>(repeating: 0, count: 16)
    private var symbols = ContiguousArray<UInt16>(repeating: 0, count: 320)
    /// Scratch space of `build`, kept so that a rebuild allocates nothing.
    private var nextCode = ContiguousArray<Int>(repeating: 0, count: 16)
    private var offsets = ContiguousArray<Int>(repeating: 0, count: 16)

    init() {}

    /// The code of these code lengths (0: symbol unused, at most 320 symbols); nil when
    /// over-subscribed.
    init?(lengths: [UInt8]) {
        guard build(lengths[...]) else { return nil }
    }

    /// Makes this the code of `lengths`; false when they are over-subscribed.
    mutating func build(_ lengths: ArraySlice<UInt8>) -> Bool {
        for length in 0..<16 { lengthCounts[length] = 0 }
        for length in lengths { lengthCounts[Int(length)] += 1 }
        lengthCounts[0] = 0
        var left = 1
        for length in 1...15 {
            left = left << 1 - lengthCounts[length]
            if left < 0 { return false }
        }
        // The first canonical code and the first slot in `symbols` of each length.
        nextCode[1] = 0
        offsets[1] = 0
        for length in 1..<15 {
            offsets[length + 1] = offsets[length] + lengthCounts[length]
            nextCode[length + 1] = (nextCode[length] + lengthCounts[length]) << 1
        }
        for index in 0..<fast.count { fast[index] = 0 }
        var symbol = 0
        for length in lengths {
            defer { symbol += 1 }
            let length = Int(length)
            guard length != 0 else { continue }
            symbols[offsets[length]] = UInt16(symbol)
            offsets[length] += 1
            let canonical = nextCode[length]
            nextCode[length] += 1
            guard length <= Self.fastBits else { continue }
            // DEFLATE sends codes most significant bit first (RFC 1951 §3.1.1): the table is
            // indexed by the code's bits reversed.
            var index = Int(Self.reversed[canonical << (Self.fastBits - length)])
            let entry = UInt16(symbol << 4 | length)
            while index < 1 << Self.fastBits {
                fast[index] = entry
                index += 1 << length
            }
        }
        return true
    }

    /// Each `fastBits`-bit value with its bits in reverse order.
    private static let reversed: [UInt16] = (0..<1 << fastBits).map { value in
        var reversed = 0
        for bit in 0..<fastBits where value & (1 << bit) != 0 { reversed |= 1 << (fastBits - 1 - bit) }
        return UInt16(reversed)
    }

    /// The table of codes up to `fastBits` long (`fast`), for a decoding loop that reads it
    /// directly; an entry of 0 means: ask `decode`.
    @inline(__always)
    func withFastTable<Result>(_ body: (UnsafeBufferPointer<UInt16>) throws -> Result) rethrows -> Result {
        try fast.withUnsafeBufferPointer(body)
    }

    /// The symbol the low bits of `bits` start with and its code length, when `available`
    /// of them are data; nil when no code of this table fits.
    @inline(__always)
    func decode(_ bits: UInt64, available: Int) -> (symbol: Int, length: Int)? {
        let entry = Int(fast[Int(truncatingIfNeeded: bits) & (1 << Self.fastBits - 1)])
        if entry != 0, entry & 15 <= available { return (entry >> 4, entry & 15) }
        return slowDecode(bits, available: available)
    }

    /// Bit by bit through the canonical code: the longer codes, and the end of the data.
    private func slowDecode(_ bits: UInt64, available: Int) -> (symbol: Int, length: Int)? {
        var code = 0
        var first = 0
        var index = 0
        for length in stride(from: 1, through: min(15, available), by: 1) {
            code |= Int(truncatingIfNeeded: bits >> UInt64(length - 1)) & 1
            let count = lengthCounts[length]
            if code - first < count { return (Int(symbols[index + code - first]), length) }
            index += count
            first = (first + count) << 1
            code <<= 1
        }
        return nil
    }

    /// The fixed codes of RFC 1951 §3.2.6.
    static let fixedLiterals = HuffmanCode(
        lengths: [UInt8](repeating: 8, count: 144) + [UInt8](repeating: 9, count: 112) + [UInt8](repeating: 7, count: 24)
            + [UInt8](repeating: 8, count: 8))!
    static let fixedDistances = HuffmanCode(lengths: [UInt8](repeating: 5, count: 30))!
}
