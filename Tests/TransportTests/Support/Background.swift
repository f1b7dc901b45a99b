import Foundation
import Platform
import Synchronization

@testable import Transport

/// Runs a blocking closure on a thread of its own (blocking I/O must stay off Swift's
/// cooperative pool) and lets the test collect its result with a deadline.
final class Background<Value: Sendable>: Sendable {
    private let result = Mutex<Result<Value, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    struct NotFinished: Error {}

    init(_ body: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            let outcome = Result { try body() }
            result.withLock { $0 = outcome }
            done.signal()
        }
        thread.start()
    }

    /// The closure's result, waiting at most `timeout` for it to finish.
    func value(within timeout: Duration = .seconds(10)) throws -> Value {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        guard done.wait(timeout: .now() + seconds) == .success else { throw NotFinished() }
        done.signal()  // let a second call return too
        return try result.withLock { $0! }.get()
    }
}

/// Reads until `count` octets arrived, the stream ended, or the deadline passed.
func readExactly(
    _ count: Int, from connection: any Transport.Connection, deadline: Deadline
) throws -> (bytes: [UInt8], last: ReadOutcome?) {
    var bytes: [UInt8] = []
    // Each pass receives at least one octet or returns; bounded by `count` and the deadline.
    while bytes.count < count {
        let outcome = try connection.read(maxBytes: count - bytes.count, deadline: deadline)
        guard case .bytes(let chunk) = outcome else { return (bytes, outcome) }
        bytes += chunk
    }
    return (bytes, nil)
}
