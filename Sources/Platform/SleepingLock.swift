import Foundation

/// A value behind a lock whose waiters sleep at once (a pthread mutex, through `NSLock`), for
/// state many threads touch at a high rate on few cores. The standard library's `Mutex` spins
/// before it sleeps; with more threads than cores, a waiter spins while the holder it waits for
/// is not even running, and in the compression cases that spinning cost a tenth of the tester's
/// CPU (`CompressedMessageCache`). Use `Mutex` elsewhere.
public final class SleepingLock<Value>: @unchecked Sendable {
    // @unchecked: `value` is only touched between `lock.lock()` and `lock.unlock()`.
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
