#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A C `errno` value, kept as data so callers can tell peer behaviour (ECONNRESET, EPIPE)
/// from our own failures.
public struct Errno: Error, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(_ rawValue: Int32) { self.rawValue = rawValue }

    public static let interrupted = Errno(EINTR)
    public static let wouldBlock = Errno(EAGAIN)
    public static let inProgress = Errno(EINPROGRESS)
    public static let connectionReset = Errno(ECONNRESET)
    public static let brokenPipe = Errno(EPIPE)
    public static let connectionRefused = Errno(ECONNREFUSED)
    public static let notConnected = Errno(ENOTCONN)

    /// The C library's text for the value, e.g. "Connection refused".
    public var description: String { String(cString: strerror(rawValue)) }
}

/// Our own failure in a socket operation (the peer's behaviour is reported as data instead).
public struct SocketError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The operation that failed, e.g. "connect" or "getaddrinfo".
    public var operation: String
    /// The errno value, when the failure has one.
    public var errno: Errno?
    /// Extra words for failures without an errno (name resolution, timeouts).
    public var detail: String?

    public init(_ operation: String, errno: Errno? = nil, detail: String? = nil) {
        self.operation = operation
        self.errno = errno
        self.detail = detail
    }

    public var description: String {
        var text = "\(operation) failed"
        if let errno { text += ": \(errno) (errno \(errno.rawValue))" }
        if let detail { text += ": \(detail)" }
        return text
    }
}
