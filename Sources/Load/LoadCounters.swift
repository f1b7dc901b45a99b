import Synchronization

/// Live totals every thread adds to, for the progress line and the connections held per
/// second; the exact figures come from each thread's `LoadStats` at the end.
final class LoadCounters: Sendable {
    let open = Atomic<Int>(0)
    let echoes = Atomic<Int>(0)
    let errors = Atomic<Int>(0)
    let stop = Atomic<Bool>(false)
}
