// EchoBench: echo round trips per second and large-message throughput of a WebSocket server,
// measured with wsconform's own client (Engine, Wire, Transport). See bench/README.md.
import Foundation

/// Exit codes: 0 measured, 1 the target or the run failed, 64 usage (sysexits.h EX_USAGE).
enum BenchExit: Int32 {
    case success = 0
    case failure = 1
    case usage = 64
}

func finish(_ code: BenchExit, error: String? = nil) -> Never {
    if let error { FileHandle.standardError.write(Data("EchoBench: \(error)\n".utf8)) }
    exit(code.rawValue)
}

let options: BenchOptions
do {
    options = try BenchOptions(Array(CommandLine.arguments.dropFirst()))
} catch {
    if error.description == BenchOptions.usage {
        print(BenchOptions.usage)
        finish(.success)
    }
    finish(.usage, error: error.description)
}

let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
do {
    let json: Data
    switch options.mode {
    case .rtt: json = try encoder.encode(RoundTripBench(options: options).run())
    case .throughput: json = try encoder.encode(ThroughputBench(options: options).run())
    }
    FileHandle.standardOutput.write(json + Data("\n".utf8))
    finish(.success)
} catch let failure as BenchFailure {
    finish(.failure, error: failure.description)
} catch {
    finish(.failure, error: "\(error)")
}
