import Platform
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A TCP connection over a non-blocking socket; every wait is a `poll` with a deadline.
///
/// `TCP_NODELAY` is on, so each write leaves as its own segment(s) at once: chop and sync
/// controls then mean what they say on the wire.
public final class TCPConnection: Connection {
    private let descriptor: SocketDescriptor
    public let peerDescription: String

    init(adopting fd: Int32, peer: String) {
        descriptor = SocketDescriptor(fd)
        peerDescription = peer
    }

    /// Connects to `host:port`, trying each resolved address (IPv4 and IPv6) until one answers.
    public static func connect(host: String, port: UInt16, deadline: Deadline) throws(SocketError) -> TCPConnection {
        let addresses = try SocketAddress.resolve(host: host, port: port)
        var lastError = SocketError("connect", detail: "\(host):\(port): no address answered")
        for address in addresses {
            do {
                return try connect(to: address, deadline: deadline)
            } catch {
                lastError = error
                if deadline.hasPassed { break }
            }
        }
        throw lastError
    }

    /// Connects to one address.
    public static func connect(to address: SocketAddress, deadline: Deadline) throws(SocketError) -> TCPConnection {
        let fd = try Syscall.call("socket") { socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
        do throws(SocketError) {
            try SocketOptions.configureStream(fd)
            let result = address.storage.withUnsafeBytes { raw in
                Syscall.valueOrErrno { Glibc.connect(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), address.length) }
            }
            if case .failure(let code) = result {
                guard code == .inProgress else { throw SocketError("connect", errno: code, detail: address.description) }
                let revents = try Syscall.pollSocket(fd: fd, events: Int16(POLLOUT), deadline: deadline)
                if revents == 0 { throw SocketError("connect", errno: .timedOut, detail: address.description) }
                let pending = try SocketOptions.pendingError(fd)
                if pending != 0 { throw SocketError("connect", errno: Errno(pending), detail: address.description) }
            }
        } catch {
            _ = Glibc.close(fd)
            throw error
        }
        return TCPConnection(adopting: fd, peer: address.description)
    }

    public func read(maxBytes: Int, deadline: Deadline) throws(SocketError) -> ReadOutcome {
        let outcome = try descriptor.withDescriptor { fd throws(SocketError) -> ReadOutcome in
            let capacity = max(1, maxBytes)
            while true {
                var failure: Errno?
                // Read into scratch space, kept exactly: an array of the read's capacity held
                // for a few octets would keep 256 KiB per chunk, and no memset of it either.
                let buffer = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { raw -> [UInt8] in
                    switch Syscall.valueOrErrno({ recv(fd, raw.baseAddress, capacity, 0) }) {
                    case .success(let received): return Array(raw[..<received])
                    case .failure(let code):
                        failure = code
                        return []
                    }
                }
                switch failure {
                case nil:
                    return buffer.isEmpty ? .endOfStream : .bytes(buffer)
                case .wouldBlock?:
                    let revents = try Syscall.pollSocket(fd: fd, events: Int16(POLLIN), deadline: deadline)
                    if revents == 0 { return .timedOut }
                case .connectionReset?:
                    return .reset
                case let code?:
                    throw SocketError("recv", errno: code)
                }
            }
        }
        // Closed under us (by another thread): the connection is gone.
        return outcome ?? .reset
    }

    public var readinessDescriptor: Int32? { (try? descriptor.withDescriptor { fd throws(SocketError) in fd }) ?? nil }

    public func write(_ bytes: [UInt8], deadline: Deadline) throws(SocketError) -> WriteOutcome {
        let outcome = try descriptor.withDescriptor { fd throws(SocketError) -> WriteOutcome in
            var offset = 0
            while offset < bytes.count {
                let result = bytes.withUnsafeBytes { raw in
                    Syscall.valueOrErrno { Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL)) }
                }
                switch result {
                case .success(let count):
                    offset += count
                case .failure(.wouldBlock):
                    let revents = try Syscall.pollSocket(fd: fd, events: Int16(POLLOUT), deadline: deadline)
                    if revents == 0 { return .timedOut(written: offset) }
                case .failure(.brokenPipe), .failure(.connectionReset), .failure(.notConnected):
                    return .peerClosed(written: offset)
                case .failure(let code):
                    throw SocketError("send", errno: code)
                }
            }
            return .written
        }
        return outcome ?? .peerClosed(written: 0)
    }

    public func waitUntilFlushed(deadline: Deadline) throws(SocketError) -> Bool {
        try descriptor.withDescriptor { fd throws(SocketError) -> Bool in
            // SIOCOUTQ counts octets not yet acknowledged by the peer: zero means they all
            // left. Linux has no event for "send queue empty", so this polls in short steps.
            while try SocketOptions.unsentOctets(fd) > 0 {
                if deadline.hasPassed { return false }
                Syscall.pause(.microseconds(50))
            }
            return true
        } ?? true
    }

    public func shutdownWrite() {
        _ = try? descriptor.withDescriptor { fd throws(SocketError) in
            _ = Syscall.valueOrErrno { shutdown(fd, Int32(SHUT_WR)) }
        }
    }

    public func shutdownRead() {
        _ = try? descriptor.withDescriptor { fd throws(SocketError) in
            _ = Syscall.valueOrErrno { shutdown(fd, Int32(SHUT_RD)) }
        }
    }

    public func close(abortive: Bool) {
        descriptor.close(abortive: abortive)
    }

    deinit { close(abortive: false) }
}
