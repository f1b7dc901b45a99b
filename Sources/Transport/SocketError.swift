import Platform

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
