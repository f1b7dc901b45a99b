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

    /// glibc's `M_ARENA_MAX` (malloc.h, which the Glibc module does not import).
    private static let arenaMaxParameter: Int32 = -8
}

#if os(Linux)
    /// glibc's `int mallopt(int param, int value)` (malloc.h).
    @_silgen_name("mallopt")
    private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
