#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one funnel every system call of wsconform goes through (swift-system's `valueOrErrno`):
/// EINTR is retried here and only here, and failures come back as `Errno` values.
enum Syscall {
    /// Runs `body` until it returns something other than -1 with EINTR.
    @inline(__always)
    static func valueOrErrno<R: FixedWidthInteger>(_ body: () -> R) -> Result<R, Errno> {
        while true {
            let result = body()
            if result != -1 { return .success(result) }
            let code = errno
            if code == EINTR { continue }
            return .failure(Errno(code))
        }
    }

    /// As `valueOrErrno`, throwing a `SocketError` naming `operation` on failure.
    @inline(__always)
    static func call<R: FixedWidthInteger>(_ operation: String, _ body: () -> R) throws(SocketError) -> R {
        switch valueOrErrno(body) {
        case .success(let value): return value
        case .failure(let code): throw SocketError(operation, errno: code)
        }
    }

    /// `poll` on one descriptor for `events`, waiting until `deadline`.
    /// Returns the revents, or 0 when the deadline passed first.
    static func poll(fd: Int32, events: Int16, deadline: Deadline) throws(SocketError) -> Int16 {
        while true {
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let timeout = deadline.remainingMilliseconds
            switch valueOrErrno({ Glibc.poll(&entry, 1, timeout) }) {
            case .success(0):
                if deadline.hasPassed { return 0 }
            case .success:
                return entry.revents
            case .failure(let code):
                throw SocketError("poll", errno: code)
            }
        }
    }

    /// Sleeps for `duration` (to the nanosecond, not rounded to milliseconds): used only for
    /// explicit pause steps and short back-offs, never to synchronise.
    static func pause(_ duration: Duration) {
        let deadline = ContinuousClock.now + duration
        while true {
            let left = (deadline - .now).components
            guard left.seconds > 0 || (left.seconds == 0 && left.attoseconds > 0) else { return }
            var request = timespec(tv_sec: Int(left.seconds), tv_nsec: Int(left.attoseconds / 1_000_000_000))
            _ = nanosleep(&request, nil)
        }
    }
}
