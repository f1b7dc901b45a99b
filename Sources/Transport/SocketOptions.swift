import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Socket options and queries, each a thin wrapper over one call through the funnel.
enum SocketOptions {
    /// Non-blocking, `TCP_NODELAY`, and no SIGPIPE surprises.
    static func configureStream(_ fd: Int32) throws(SocketError) {
        let flags = try Syscall.call("fcntl") { fcntl(fd, F_GETFL) }
        _ = try Syscall.call("fcntl") { fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
        try set(fd, level: Int32(IPPROTO_TCP), option: TCP_NODELAY, value: 1, name: "TCP_NODELAY")
    }

    static func set(_ fd: Int32, level: Int32, option: Int32, value: Int32, name: String) throws(SocketError) {
        var value = value
        _ = try Syscall.call("setsockopt(\(name))") {
            setsockopt(fd, level, option, &value, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    /// The pending error of a non-blocking connect (SO_ERROR).
    static func pendingError(_ fd: Int32) throws(SocketError) -> Int32 {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        _ = try Syscall.call("getsockopt(SO_ERROR)") { getsockopt(fd, SOL_SOCKET, SO_ERROR, &value, &length) }
        return value
    }

    /// Octets in the send queue not yet acknowledged (Linux SIOCOUTQ).
    static func unsentOctets(_ fd: Int32) throws(SocketError) -> Int32 {
        var value: Int32 = 0
        let siocoutq: UInt = 0x5411  // SIOCOUTQ == TIOCOUTQ on Linux
        _ = try Syscall.call("ioctl(SIOCOUTQ)") { ioctl(fd, siocoutq, &value) }
        return value
    }

    /// SO_LINGER with a zero timeout: `close` then sends RST instead of FIN.
    static func setLingerZero(_ fd: Int32) {
        var option = linger(l_onoff: 1, l_linger: 0)
        _ = Syscall.valueOrErrno { setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size)) }
    }
}
