import Foundation
import Synchronization

/// A probe running on a thread of its own (probes block on sockets, never on Swift's pool),
/// its result taken with `join`.
final class ProbeThread<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    static func start(_ name: String, _ body: @escaping @Sendable () -> Value) -> ProbeThread {
        let probe = ProbeThread()
        let thread = Thread {
            let value = body()
            probe.result.withLock { $0 = value }
            probe.done.signal()
        }
        thread.name = name
        thread.stackSize = 1 << 20
        thread.start()
        return probe
    }

    /// Waits for the probe and returns its value.
    func join() -> Value {
        done.wait()
        return result.withLock { $0! }
    }
}
