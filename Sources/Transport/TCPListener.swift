import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A listening TCP socket, for the reference server.
public final class TCPListener: Sendable {
    private let descriptor: SocketDescriptor
    /// The bound address (with the real port when 0 was asked for).
    public let localAddress: SocketAddress

    /// Binds and listens on `host:port`; port 0 picks a free port.
    public init(host: String, port: UInt16, backlog: Int32 = 1024) throws(SocketError) {
        guard let address = try SocketAddress.resolve(host: host, port: port).first else {
            throw SocketError("bind", detail: "\(host): no address")
        }
        let fd = try Syscall.call("socket") { socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
        do throws(SocketError) {
            try SocketOptions.set(fd, level: SOL_SOCKET, option: SO_REUSEADDR, value: 1, name: "SO_REUSEADDR")
            let bound = address.storage.withUnsafeBytes { raw in
                Syscall.valueOrErrno { bind(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), address.length) }
            }
            if case .failure(let code) = bound { throw SocketError("bind", errno: code, detail: address.description) }
            _ = try Syscall.call("listen") { listen(fd, backlog) }
            // Non-blocking, so a connection that vanishes between poll and accept cannot block.
            let flags = try Syscall.call("fcntl") { fcntl(fd, F_GETFL) }
            _ = try Syscall.call("fcntl") { fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
            var storage = [UInt8](repeating: 0, count: MemoryLayout<sockaddr_storage>.size)
            var length = socklen_t(storage.count)
            let named = storage.withUnsafeMutableBytes { raw in
                Syscall.valueOrErrno { getsockname(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), &length) }
            }
            if case .failure(let code) = named { throw SocketError("getsockname", errno: code) }
            localAddress = SocketAddress(storage: storage, length: length)
        } catch {
            _ = Glibc.close(fd)
            throw error
        }
        descriptor = SocketDescriptor(fd)
    }

    /// The port actually bound.
    public var port: UInt16 { localAddress.port }

    /// Waits for a connection until `deadline`; `nil` when it passed or the listener was closed.
    public func accept(deadline: Deadline) throws(SocketError) -> TCPConnection? {
        // Leased: a listener closed by `close()` on another thread keeps its number until this
        // returns, so a stale accept can never take a connection from a new socket that reused it.
        try descriptor.withDescriptor { fd throws(SocketError) -> TCPConnection? in
            while true {
                let revents = try Syscall.pollSocket(fd: fd, events: Int16(POLLIN), deadline: deadline)
                if revents == 0 || descriptor.isClosed { return nil }
                var storage = [UInt8](repeating: 0, count: MemoryLayout<sockaddr_storage>.size)
                var length = socklen_t(storage.count)
                let result = storage.withUnsafeMutableBytes { raw in
                    Syscall.valueOrErrno { Glibc.accept(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), &length) }
                }
                switch result {
                case .success(let client):
                    do throws(SocketError) {
                        _ = try Syscall.call("fcntl") { fcntl(client, F_SETFD, FD_CLOEXEC) }
                        try SocketOptions.configureStream(client)
                    } catch {
                        _ = Glibc.close(client)
                        continue
                    }
                    return TCPConnection(adopting: client, peer: SocketAddress(storage: storage, length: length).description)
                case .failure(.wouldBlock), .failure(Errno(ECONNABORTED)):
                    continue
                case .failure(Errno(EBADF)), .failure(Errno(EINVAL)):
                    return nil
                case .failure(let code):
                    throw SocketError("accept", errno: code)
                }
            }
        } ?? nil
    }

    /// Stops listening; a thread waiting in `accept` wakes and returns nil.
    public func close() { descriptor.close(abortive: false) }

    deinit { close() }
}
