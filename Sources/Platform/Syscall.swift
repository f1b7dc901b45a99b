#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one funnel every system call of wsconform goes through (swift-system's `valueOrErrno`):
/// EINTR is retried here and only here, and failures come back as `Errno` values. Sockets
/// (`Transport`), processes and durable files extend it, so no module writes a second loop.
package enum Syscall {
    /// Runs `body` until it returns something other than -1 with EINTR.
    @inline(__always)
    package static func valueOrErrno<R: FixedWidthInteger>(_ body: () -> R) -> Result<R, Errno> {
        while true {
            let result = body()
            if result != -1 { return .success(result) }
            let code = errno
            if code == EINTR { continue }
            return .failure(Errno(code))
        }
    }

    /// `poll` on one descriptor for `events`, waiting until `deadline`.
    /// Returns the revents, or 0 when the deadline passed first.
    package static func poll(fd: Int32, events: Int16, deadline: Deadline) -> Result<Int16, Errno> {
        while true {
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let timeout = deadline.remainingMilliseconds
            switch valueOrErrno({ Glibc.poll(&entry, 1, timeout) }) {
            case .success(0):
                if deadline.hasPassed { return .success(0) }
            case .success:
                return .success(entry.revents)
            case .failure(let code):
                return .failure(code)
            }
        }
    }

    /// Sleeps for `duration` (to the nanosecond, not rounded to milliseconds): used only for
    /// explicit pause steps and short back-offs, never to synchronise.
    package static func pause(_ duration: Duration) {
        let deadline = ContinuousClock.now + duration
        while true {
            let left = (deadline - .now).components
            guard left.seconds > 0 || (left.seconds == 0 && left.attoseconds > 0) else { return }
            var request = timespec(tv_sec: Int(left.seconds), tv_nsec: Int(left.attoseconds / 1_000_000_000))
            _ = nanosleep(&request, nil)
        }
    }
}
