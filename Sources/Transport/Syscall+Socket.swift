import Platform

extension Syscall {
    /// As `valueOrErrno`, throwing a `SocketError` naming `operation` on failure.
    @inline(__always)
    static func call<R: FixedWidthInteger>(_ operation: String, _ body: () -> R) throws(SocketError) -> R {
        switch valueOrErrno(body) {
        case .success(let value): return value
        case .failure(let code): throw SocketError(operation, errno: code)
        }
    }

    /// `poll` on one descriptor, throwing a `SocketError` on failure; 0 when the deadline passed.
    static func pollSocket(fd: Int32, events: Int16, deadline: Deadline) throws(SocketError) -> Int16 {
        switch poll(fd: fd, events: events, deadline: deadline) {
        case .success(let revents): return revents
        case .failure(let code): throw SocketError("poll", errno: code)
        }
    }
}
