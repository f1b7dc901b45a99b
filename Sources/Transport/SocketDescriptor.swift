import Platform
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A socket descriptor that may be closed from any thread while another uses it.
///
/// Closing a descriptor number under a thread that is still in `poll` or `recv` on it is a
/// classic bug: the number is reused by the next `socket()` and the old thread then reads
/// someone else's connection. Here every operation leases the descriptor; `close` marks it
/// closed, wakes waiters with `shutdown`, and the real `close(2)` happens when the last lease
/// ends.
final class SocketDescriptor: Sendable {
    private struct State {
        var fd: Int32
        var leases = 0
        var closed = false
        var abortive = false
    }

    private let state: Mutex<State>

    init(_ fd: Int32) { state = Mutex(State(fd: fd)) }

    /// Runs `body` with the descriptor, or returns nil when it is closed.
    func withDescriptor<R>(_ body: (Int32) throws(SocketError) -> R) throws(SocketError) -> R? {
        let fd = state.withLock { state -> Int32? in
            guard !state.closed else { return nil }
            state.leases += 1
            return state.fd
        }
        guard let fd else { return nil }
        defer { release() }
        return try body(fd)
    }

    private func release() {
        let toClose = state.withLock { state -> (Int32, Bool)? in
            state.leases -= 1
            guard state.closed, state.leases == 0, state.fd >= 0 else { return nil }
            defer { state.fd = -1 }
            return (state.fd, state.abortive)
        }
        if let (fd, abortive) = toClose { Self.finish(fd, abortive: abortive) }
    }

    /// True once `close` was called.
    var isClosed: Bool { state.withLock { $0.closed } }

    /// Closes now, or as soon as the operations in progress return; `abortive` sends RST.
    func close(abortive: Bool) {
        let toClose = state.withLock { state -> Int32? in
            guard !state.closed else { return nil }
            state.closed = true
            state.abortive = abortive
            if state.leases > 0 {
                // Wake a thread waiting in poll. Done under the lock, while the number is
                // surely still ours; an abortive close must not send a FIN first.
                _ = Syscall.valueOrErrno { shutdown(state.fd, Int32(abortive ? SHUT_RD : SHUT_RDWR)) }
                return nil
            }
            defer { state.fd = -1 }
            return state.fd
        }
        if let fd = toClose { Self.finish(fd, abortive: abortive) }
    }

    private static func finish(_ fd: Int32, abortive: Bool) {
        if abortive { SocketOptions.setLingerZero(fd) }
        _ = Glibc.close(fd)
    }
}
