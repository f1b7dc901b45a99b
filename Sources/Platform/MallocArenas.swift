import Synchronization

/// How many heaps glibc's allocator may keep. It gives each thread that contends for a heap a
/// new one, up to eight per core, and a heap's freed memory mostly stays in the process: a run
/// whose case threads each handle messages of 100 KiB and more holds one high-water mark per heap
/// (the 216 compression cases peaked at 177 MiB with the default, 145 MiB with two heaps, at the
/// same speed). The tool's threads spend little time in the allocator, so two heaps are enough.
package enum MallocArenas {
    /// Limits the heaps to `count`; call once, before the threads start.
    package static func limit(to count: Int32 = 2) {
        #if os(Linux)
            _ = glibcMallopt(arenaMaxParameter, count)
        #endif
    }

    /// Maps blocks of `octets` and more on their own, unmapped when freed: glibc would
    /// otherwise raise its threshold after the first such free and serve them from the heaps,
    /// where a run's few 4–16 MiB frames would stay for the rest of it. Each such block costs
    /// fresh pages, so a run calls this (a handful of large frames), not `serve` (an echo
    /// server assembling and echoing every large message).
    package static func mapBlocks(from octets: Int) {
        #if os(Linux)
            _ = glibcMallopt(mmapThresholdParameter, Int32(clamping: octets))
        #endif
    }

    /// Gives the freed memory of every heap back to the system: freed blocks in the middle of a
    /// heap stay in the process otherwise, so each 16 MiB echo or compression burst would leave
    /// its high-water mark behind for the rest of the run. Costs a walk of the heaps; call it
    /// after a large case, and before the reports are rendered.
    package static func releaseFreed() {
        #if os(Linux)
            _ = glibcMallocTrim(0)
        #endif
    }

    /// `releaseFreed()` at most once per interval, from any thread: a walk of the heaps after
    /// every case of a run would cost more than the memory it saves.
    package final class Throttle: Sendable {
        private let interval: Duration
        private let last = Mutex<ContinuousClock.Instant?>(nil)

        package init(interval: Duration) { self.interval = interval }

        package func releaseFreed() {
            let now = ContinuousClock.now
            let due = last.withLock { last in
                if let previous = last, now - previous < interval { return false }
                last = now
                return true
            }
            if due { MallocArenas.releaseFreed() }
        }
    }

    /// glibc's `M_ARENA_MAX` (malloc.h, which the Glibc module does not import).
    private static let arenaMaxParameter: Int32 = -8
    /// glibc's `M_MMAP_THRESHOLD`.
    private static let mmapThresholdParameter: Int32 = -3
}

#if os(Linux)
    /// glibc's `int mallopt(int param, int value)` (malloc.h).
    @_silgen_name("mallopt")
    private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32

    /// glibc's `int malloc_trim(size_t pad)` (malloc.h).
    @_silgen_name("malloc_trim")
    private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
