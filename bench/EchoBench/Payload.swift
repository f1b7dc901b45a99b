import Wire
/// Benchmark payloads: the same octets on every run (seeded), so servers see identical input.
enum Payload {
    /// `size` octets of `kind`, fixed by `seed`.
    static func make(size: Int, kind: PayloadKind, seed: UInt64 = 0x5753_434F_4E46) -> [UInt8] {
        var generator = BenchRandom(seed: seed)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        switch kind {
        case .random:
            while bytes.count < size {
                var word = generator.next()
                for _ in 0..<min(8, size - bytes.count) {
                    bytes.append(UInt8(truncatingIfNeeded: word))
                    word >>= 8
                }
            }
        case .text:
            let words = vocabulary.map { Array($0.utf8) }
            while bytes.count < size {
                let word = words[Int(generator.next() % UInt64(words.count))]
                bytes.append(contentsOf: word.prefix(size - bytes.count))
                if bytes.count < size { bytes.append(0x20) }
            }
        }
        return bytes
    }

    /// Common English words: deflate shrinks text built from them about three to four times.
    private static let vocabulary = """
        the of and to in is that it was for on are as with his they at be this from have or by one \
        had not but what all were when we there can an your which their said if do will each about how \
        up out them then she many some so these would other into has more her two like him see time \
        could no make than first been its who now people my made over did down only way find use may \
        water long little very after words called just where most know frame socket message server \
        client handshake octet payload deflate window
        """.split(separator: " ").map(String.init)
}

/// The project's seeded generator, so payloads are the same in every run.
typealias BenchRandom = SplitMix64
