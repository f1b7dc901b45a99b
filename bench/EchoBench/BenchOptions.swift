import Client

/// What EchoBench measures: sequential small round trips, or large-message throughput.
enum BenchMode: String, Sendable {
    /// Sequential round trips of small messages: round trips per second and latency percentiles.
    case rtt
    /// Large messages one at a time, each echo verified: MB/s and time per message.
    case throughput
}

/// What the payload octets look like; only matters under permessage-deflate.
enum PayloadKind: String, Sendable {
    /// Words from a small vocabulary: compresses about as well as English text.
    case text
    /// Seeded pseudo-random octets: incompressible, deflate's worst case.
    case random
}

/// A command-line mistake: one line for the user, exit 64 (sysexits.h EX_USAGE).
struct BenchUsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// EchoBench's declared options, parsed by hand (the package takes no dependencies).
struct BenchOptions: Sendable {
    static let usage = """
        USAGE: EchoBench --url ws://127.0.0.1:PORT/ [--mode rtt|throughput] [--size BYTES]
                         [--seconds S] [--max-count N] [--count N] [--connections C]
                         [--deflate] [--client-level L] [--payload text|random] [--warmup N] [--timeout S] [--label NAME]

        Measures echo performance of a WebSocket server with wsconform's own client and prints
        one line of JSON. Loopback targets only.

          --mode rtt          sequential round trips for --seconds (at most --max-count each
                              connection): round trips/s, p50/p99 latency in µs (default)
          --mode throughput   --count messages of --size octets, one at a time, each echo
                              verified: MB/s (10^6 octets of payload each way per second)
          --size BYTES        message size (default 32 for rtt, 16777216 for throughput)
          --seconds S         rtt duration (default 5)
          --max-count N       rtt bound on round trips per connection (default 2000000)
          --count N           throughput messages (default 8)
          --connections C     parallel connections, one thread each (rtt only; default 1)
          --deflate           offer permessage-deflate (RFC 7692) and compress what we send
          --client-level L    zlib level (0-9) for what we compress (default 1: cheap, so the
                              server's own compression dominates)
          --payload KIND      text (compressible, default) or random
          --warmup N          unmeasured round trips first (default 200 rtt, 1 throughput)
          --timeout S         deadline for each connect, send and echo (default 30)
          --label NAME        copied into the JSON, to tell runs apart
        """

    static let known = [
        "--url", "--mode", "--size", "--seconds", "--max-count", "--count", "--connections", "--deflate", "--client-level",
        "--payload", "--warmup", "--timeout", "--label", "--help",
    ]

    var url: TargetURL
    var mode: BenchMode = .rtt
    var size: Int
    var seconds: Int = 5
    var maxCount: Int = 2_000_000
    var count: Int = 8
    var connections: Int = 1
    var deflate = false
    var clientLevel = 1
    var payload: PayloadKind = .text
    var warmup: Int
    var timeout: Int = 30
    var label: String?

    /// Parses `arguments` (without the program name); `validate` rules are applied here.
    init(_ arguments: [String]) throws(BenchUsageError) {
        var values: [String: String] = [:]
        var flags: Set<String> = []
        var index = 0
        while index < arguments.count {
            var name = arguments[index]
            var value: String?
            if let equals = name.firstIndex(of: "="), name.hasPrefix("--") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard Self.known.contains(name) else {
                throw BenchUsageError("unknown argument \(name)" + Self.suggestion(for: name))
            }
            if name == "--deflate" || name == "--help" {
                flags.insert(name)
            } else {
                if value == nil {
                    guard index + 1 < arguments.count else { throw BenchUsageError("\(name) needs a value") }
                    index += 1
                    value = arguments[index]
                }
                values[name] = value
            }
            index += 1
        }
        if flags.contains("--help") { throw BenchUsageError(Self.usage) }
        guard let text = values["--url"] else { throw BenchUsageError("--url is required") }
        switch TargetURL.parse(text) {
        case .success(let parsed): url = parsed
        case .failure(let problem): throw BenchUsageError(problem.description)
        }
        guard !url.secure, ["127.0.0.1", "localhost", "::1"].contains(url.host) else {
            throw BenchUsageError("\(text): EchoBench measures loopback ws:// servers only")
        }
        if let text = values["--mode"] {
            guard let parsed = BenchMode(rawValue: text) else { throw BenchUsageError("--mode must be rtt or throughput, not \"\(text)\"") }
            mode = parsed
        }
        if let text = values["--payload"] {
            guard let parsed = PayloadKind(rawValue: text) else {
                throw BenchUsageError("--payload must be text or random, not \"\(text)\"")
            }
            payload = parsed
        }
        size = try Self.integer(values, "--size", in: 0...(64 << 20)) ?? (mode == .rtt ? 32 : 16 << 20)
        seconds = try Self.integer(values, "--seconds", in: 1...600) ?? seconds
        maxCount = try Self.integer(values, "--max-count", in: 1...100_000_000) ?? maxCount
        count = try Self.integer(values, "--count", in: 1...10_000) ?? count
        connections = try Self.integer(values, "--connections", in: 1...256) ?? connections
        warmup = try Self.integer(values, "--warmup", in: 0...1_000_000) ?? (mode == .rtt ? 200 : 1)
        timeout = try Self.integer(values, "--timeout", in: 1...600) ?? timeout
        deflate = flags.contains("--deflate")
        clientLevel = try Self.integer(values, "--client-level", in: 0...9) ?? clientLevel
        label = values["--label"]
        if mode == .throughput, connections != 1 { throw BenchUsageError("--connections applies to --mode rtt only") }
    }

    private static func integer(_ values: [String: String], _ name: String, in range: ClosedRange<Int>) throws(BenchUsageError) -> Int? {
        guard let text = values[name] else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw BenchUsageError("\(name) must be a number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"")
        }
        return number
    }

    /// " (did you mean --x?)" for the known option sharing the longest prefix, if any.
    private static func suggestion(for name: String) -> String {
        let scored = known.map { option in (option, zip(option, name).prefix { $0 == $1 }.count) }
        guard let best = scored.max(by: { $0.1 < $1.1 }), best.1 >= 4 else { return "" }
        return " (did you mean \(best.0)?)"
    }
}
