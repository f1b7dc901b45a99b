/// How far back a compressed message's matches reach, read from its DEFLATE blocks (RFC 1951
/// §3.2) without inflating them: the question zlib's inflater cannot answer.
///
/// A receiver holds the window agreed for the sender (RFC 7692 §7.1.2) and must be able to
/// refuse a distance beyond it, but zlib checks a distance against the window *plus whatever it
/// produced in the same call*, so whether it accepts a message depends on how its caller feeds
/// it. To forward a peer's compressed octets as its own message, a sender must know that every
/// distance fits the window its own receiver holds, and that the message refers to nothing
/// before its first octet (so it reads the same after any earlier message, RFC 7692 §7.2.3.2).
/// The reach answers both: a message is `selfContained(within:)` a window when no distance
/// exceeds the octets the message has produced so far nor the window, and no block is final.
public struct DeflateReach: Hashable, Sendable {
    /// The longest distance of any match, 0 when there is none.
    public var longestDistance = 0
    /// Whether some match reaches before the first octet of the message.
    public var reachesBeforeMessage = false
    /// Whether a block has BFINAL set (RFC 7692 §7.2.3.4: the stream ends there).
    public var hasFinalBlock = false

    /// Whether the message reads alike after any history, under a window of `windowBits`.
    public func selfContained(within windowBits: Int) -> Bool {
        !reachesBeforeMessage && !hasFinalBlock && longestDistance <= 1 << windowBits
    }

    /// The reach of the compressed payload of one message (RFC 7692 §7.2.1: raw DEFLATE whose
    /// trailing `00 00 ff ff` was removed). Nil when the blocks are not valid DEFLATE or end
    /// inside a block's codes; the stored block whose length octets were removed is the end.
    /// It stops at the first final block or at a distance past `limit`, which settle the answer.
    public static func of(_ payload: [UInt8], stoppingPast limit: Int = 1 << 15) -> DeflateReach? {
        payload.withUnsafeBufferPointer { bytes in
            var scanner = Scanner(bytes: bytes, limit: limit)
            return scanner.run()
        }
    }
}

extension DeflateReach {
    /// Reads the blocks one by one, as an inflater would, counting output instead of making it.
    /// The bits are read as RFC 1951 §3.1.1 packs them (each octet from its least significant
    /// bit), buffered up to 63 at a time, eight octets per load away from the end of the data.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        let limit: Int
        private var next = 0
        private var buffer: UInt64 = 0
        private var count = 0
        private var reach = DeflateReach()
        private var produced = 0
        private var literals = HuffmanCode()
        private var distances = HuffmanCode()
        private var lengthCode = HuffmanCode()
        private var lengths: [UInt8] = []

        init(bytes: UnsafeBufferPointer<UInt8>, limit: Int) {
            self.bytes = bytes
            self.limit = limit
        }

        mutating func run() -> DeflateReach? {
            while true {
                guard let header = take(3) else { return reach }  // ended between blocks
                if header & 1 == 1 {
                    reach.hasFinalBlock = true
                    return reach
                }
                switch header >> 1 {
                case 0:
                    drop(count & 7)
                    guard let sizes = take(32) else { return count == 0 && next == bytes.count ? reach : nil }
                    let length = sizes & 0xFFFF
                    guard length ^ (sizes >> 16) == 0xFFFF, skipOctets(length) else { return nil }
                    produced += length
                case 1:
                    guard codes(HuffmanCode.fixedLiterals, HuffmanCode.fixedDistances) else { return nil }
                case 2:
                    guard readDynamicCodes(), codes(literals, distances) else { return nil }
                default:
                    return nil
                }
                if reach.reachesBeforeMessage || reach.longestDistance > limit { return reach }
            }
        }

        /// One block's literal/length and distance codes, up to its end-of-block code. Literals,
        /// most of the symbols of poorly compressible data, are read several per refill.
        mutating func codes(_ literals: HuffmanCode, _ distances: HuffmanCode) -> Bool {
            literals.withFastTable { codes($0, literals, distances) }
        }

        /// `codes` with the literal/length table at hand: the common codes are read from it
        /// directly, the longer ones (and the end of the data) through `decode`.
        private mutating func codes(_ table: UnsafeBufferPointer<UInt16>, _ literals: HuffmanCode, _ distances: HuffmanCode) -> Bool {
            let mask = UInt64(table.count - 1)
            while true {
                fill()
                // In locals: the loop then keeps them in registers.
                var symbol = 0
                var bits = buffer
                var available = count
                var run = 0
                repeat {
                    var entry = Int(table[Int(truncatingIfNeeded: bits & mask)])
                    if entry == 0 || entry & 15 > available {
                        guard let (decoded, length) = literals.decode(bits, available: available) else { return false }
                        entry = decoded << 4 | length
                    }
                    bits &>>= UInt64(truncatingIfNeeded: entry & 15)
                    available &-= entry & 15
                    symbol = entry >> 4
                    if symbol >= 256 { break }
                    run &+= 1
                } while available >= 15
                buffer = bits
                count = available
                produced += run
                if symbol < 256 { continue }
                if symbol == 256 { return true }
                let index = symbol - 257
                guard index < 29, let extra = take(Tables.lengthExtra[index]) else { return false }
                fill()
                guard let (distanceCode, codeLength) = distances.decode(buffer, available: count), distanceCode < 30 else {
                    return false
                }
                drop(codeLength)
                guard let distanceExtra = take(Tables.distanceExtra[distanceCode]) else { return false }
                let distance = Tables.distanceBase[distanceCode] + distanceExtra
                reach.longestDistance = max(reach.longestDistance, distance)
                if distance > produced { reach.reachesBeforeMessage = true }
                if reach.reachesBeforeMessage || distance > limit { return true }
                produced += Tables.lengthBase[index] + extra
            }
        }

        /// The codes of a dynamic block, RFC 1951 §3.2.7.
        mutating func readDynamicCodes() -> Bool {
            guard let counts = take(14) else { return false }
            let literalCount = counts & 0x1F + 257
            let distanceCount = (counts >> 5) & 0x1F + 1
            let lengthCodeCount = counts >> 10 + 4
            guard literalCount <= 286, distanceCount <= 30 else { return false }
            lengths.removeAll(keepingCapacity: true)
            lengths += repeatElement(0, count: 19)
            for position in 0..<lengthCodeCount {
                guard let length = take(3) else { return false }
                lengths[Tables.lengthCodeOrder[position]] = UInt8(length)
            }
            guard lengthCode.build(lengths[...]) else { return false }
            lengths.removeAll(keepingCapacity: true)
            while lengths.count < literalCount + distanceCount {
                fill()
                guard let (symbol, length) = lengthCode.decode(buffer, available: count) else { return false }
                drop(length)
                switch symbol {
                case 0..<16: lengths.append(UInt8(symbol))
                case 16:
                    guard let previous = lengths.last, let repeats = take(2) else { return false }
                    lengths += repeatElement(previous, count: 3 + repeats)
                case 17:
                    guard let repeats = take(3) else { return false }
                    lengths += repeatElement(0, count: 3 + repeats)
                default:
                    guard let repeats = take(7) else { return false }
                    lengths += repeatElement(0, count: 11 + repeats)
                }
            }
            return lengths.count == literalCount + distanceCount && lengths[256] != 0
                && literals.build(lengths[..<literalCount]) && distances.build(lengths[literalCount...])
        }

        /// Buffers at least 56 bits when the data holds them, else all that is left; never more
        /// than 63, so that every shift stays below 64.
        @inline(__always)
        private mutating func fill() {
            guard count < 56 else { return }
            if bytes.count - next >= 8, let base = bytes.baseAddress {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + next).loadUnaligned(as: UInt64.self))
                // Whole octets only, so that the bits above `count` stay zero (total < 64).
                let taken = (63 - count) >> 3
                let total = count + taken << 3
                buffer |= (word &<< UInt64(truncatingIfNeeded: count)) & ((1 &<< UInt64(truncatingIfNeeded: total)) &- 1)
                next += taken
                count = total
                return
            }
            while count < 56, next < bytes.count {
                buffer |= UInt64(bytes[next]) << UInt64(count)
                next += 1
                count += 8
            }
        }

        @inline(__always)
        private mutating func drop(_ width: Int) {
            buffer &>>= UInt64(truncatingIfNeeded: width)  // width < 64
            count -= width
        }

        /// The next `width` bits (0–32) as a value, or nil when the data ends first.
        @inline(__always)
        private mutating func take(_ width: Int) -> Int? {
            if count < width { fill() }
            guard count >= width else { return nil }
            let value = Int(truncatingIfNeeded: buffer & ((1 &<< UInt64(truncatingIfNeeded: width)) &- 1))  // width ≤ 32
            drop(width)
            return value
        }

        /// Skips `length` whole octets of a stored block; false when the data is shorter.
        private mutating func skipOctets(_ length: Int) -> Bool {
            let buffered = min(length, count >> 3)
            drop(buffered << 3)
            let rest = length - buffered
            guard rest <= bytes.count - next else { return false }
            next += rest
            return true
        }
    }

    /// RFC 1951 §3.2.5 and §3.2.7.
    private enum Tables {
        static let lengthBase = [
            3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
        ]
        static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        static let distanceBase = [
            1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
            8193, 12289, 16385, 24577,
        ]
        static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
        static let lengthCodeOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
    }
}
