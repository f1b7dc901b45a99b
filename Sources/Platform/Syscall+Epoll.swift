import CEpoll

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// An epoll instance: one thread waits on many sockets at once (`wsconform load` holds
/// thousands of connections on a few threads). Level-triggered, readability only: a writer
/// that meets a full send queue waits in `poll` for that one socket instead.
public final class EventPoll: @unchecked Sendable {
    // @unchecked: one worker thread owns an instance; `close` runs after it is done.
    private let fd: Int32
    private var events: [epoll_event]

    /// Creates an instance reporting at most `capacity` ready sockets per wait.
    public init(capacity: Int = 256) throws(SocketCallError) {
        let created = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard created >= 0 else { throw SocketCallError(call: "epoll_create1", errno: Errno(errno)) }
        fd = created
        events = Array(repeating: epoll_event(), count: capacity)
    }

    deinit { _ = Glibc.close(fd) }

    /// Watches `socket` for readability (and hang-up), reported with `token`.
    public func add(_ socket: Int32, token: UInt64) throws(SocketCallError) {
        var event = epoll_event()
        event.events = EPOLLIN.rawValue | EPOLLRDHUP.rawValue
        event.data.u64 = token
        guard epoll_ctl(fd, EPOLL_CTL_ADD, socket, &event) == 0 else {
            throw SocketCallError(call: "epoll_ctl", errno: Errno(errno))
        }
    }

    /// Stops watching `socket` (before it is closed).
    public func remove(_ socket: Int32) {
        var event = epoll_event()
        _ = epoll_ctl(fd, EPOLL_CTL_DEL, socket, &event)
    }

    /// Waits up to `timeout` for ready sockets; their tokens (none on timeout or a signal).
    public func wait(timeout: Duration) -> [UInt64] {
        // Rounded up: a wait rounded down to 0 ms would spin until the next send is due.
        let attoseconds = timeout.components.attoseconds
        let milliseconds = Int32(
            clamping: max(0, timeout.components.seconds * 1000 + attoseconds / 1_000_000_000_000_000 + (attoseconds % 1_000_000_000_000_000 > 0 ? 1 : 0)))
        let count = events.withUnsafeMutableBufferPointer { buffer in
            epoll_wait(fd, buffer.baseAddress, Int32(buffer.count), milliseconds)
        }
        guard count > 0 else { return [] }
        return (0..<Int(count)).map { events[$0].data.u64 }
    }
}

/// A failed socket-level call outside `Transport`'s own (epoll), with its errno.
public struct SocketCallError: Error, CustomStringConvertible {
    public var call: String
    public var errno: Errno
    public var description: String { "\(call): \(errno)" }
}

extension Syscall {
    /// Raises the soft limit on open descriptors towards `wanted` (at most the hard limit);
    /// the soft limit now in force.
    package static func raiseDescriptorLimit(to wanted: Int) -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        if limit.rlim_cur < rlim_t(wanted) {
            var raised = limit
            raised.rlim_cur = min(rlim_t(wanted), limit.rlim_max)
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return Int(clamping: limit.rlim_cur)
    }
}
