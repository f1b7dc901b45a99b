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
    public static let timedOut = Errno(ETIMEDOUT)
    public static let notConnected = Errno(ENOTCONN)

    /// The C library's text for the value, e.g. "Connection refused".
    public var description: String { String(cString: strerror(rawValue)) }
}
