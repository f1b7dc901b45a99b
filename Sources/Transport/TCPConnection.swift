#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif
import Synchronization

/// A TCP connection over a non-blocking socket; every wait is a `poll` with a deadline.
///
/// `TCP_NODELAY` is on, so each write leaves as its own segment(s) at once: chop and sync
/// controls then mean what they say on the wire.
public final class TCPConnection: Connection {
    /// The socket descriptor; -1 once closed.
    private let descriptor: Mutex<Int32>
    public let peerDescription: String

    init(adopting fd: Int32, peer: String) {
        descriptor = Mutex(fd)
        peerDescription = peer
    }

    /// The descriptor, for layers that run on top of this socket (TLS).
    var fd: Int32 { descriptor.withLock { $0 } }

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
                let revents = try Syscall.poll(fd: fd, events: Int16(POLLOUT), deadline: deadline)
                if revents == 0 { throw SocketError("connect", detail: "\(address): timed out") }
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
        let fd = self.fd
        guard fd >= 0 else { throw SocketError("read", errno: Errno(EBADF)) }
        var buffer = [UInt8](repeating: 0, count: max(1, maxBytes))
        while true {
            let result = buffer.withUnsafeMutableBytes { raw in
                Syscall.valueOrErrno { recv(fd, raw.baseAddress, raw.count, 0) }
            }
            switch result {
            case .success(0):
                return .endOfStream
            case .success(let count):
                buffer.removeSubrange(count...)
                return .bytes(buffer)
            case .failure(.wouldBlock):
                let revents = try Syscall.poll(fd: fd, events: Int16(POLLIN), deadline: deadline)
                if revents == 0 { return .timedOut }
            case .failure(.connectionReset):
                return .reset
            case .failure(let code):
                throw SocketError("recv", errno: code)
            }
        }
    }

    public func write(_ bytes: [UInt8], deadline: Deadline) throws(SocketError) -> WriteOutcome {
        let fd = self.fd
        guard fd >= 0 else { throw SocketError("write", errno: Errno(EBADF)) }
        var offset = 0
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                Syscall.valueOrErrno { Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL)) }
            }
            switch result {
            case .success(let count):
                offset += count
            case .failure(.wouldBlock):
                let revents = try Syscall.poll(fd: fd, events: Int16(POLLOUT), deadline: deadline)
                if revents == 0 { return .timedOut(written: offset) }
            case .failure(.brokenPipe), .failure(.connectionReset), .failure(.notConnected):
                return .peerClosed(written: offset)
            case .failure(let code):
                throw SocketError("send", errno: code)
            }
        }
        return .written
    }

    public func waitUntilFlushed(deadline: Deadline) throws(SocketError) -> Bool {
        let fd = self.fd
        guard fd >= 0 else { return true }
        // SIOCOUTQ counts octets not yet acknowledged by the peer: zero means they all left.
        while try SocketOptions.unsentOctets(fd) > 0 {
            if deadline.hasPassed { return false }
            Syscall.pause(.microseconds(200))
        }
        return true
    }

    public func shutdownWrite() {
        let fd = self.fd
        if fd >= 0 { _ = Syscall.valueOrErrno { shutdown(fd, Int32(SHUT_WR)) } }
    }

    public func close(abortive: Bool) {
        let fd = descriptor.withLock { value -> Int32 in
            let old = value
            value = -1
            return old
        }
        guard fd >= 0 else { return }
        if abortive { SocketOptions.setLingerZero(fd) }
        _ = Glibc.close(fd)
    }

    deinit { close(abortive: false) }
}
