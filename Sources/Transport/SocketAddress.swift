#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// An IPv4 or IPv6 socket address, as resolved by `getaddrinfo`.
public struct SocketAddress: Hashable, Sendable, CustomStringConvertible {
    /// The raw `sockaddr_storage` bytes, `length` of them meaningful.
    var storage: [UInt8]
    var length: socklen_t

    /// AF_INET or AF_INET6.
    public var family: Int32 {
        storage.withUnsafeBytes { Int32($0.load(as: sockaddr.self).sa_family) }
    }

    init(storage: [UInt8], length: socklen_t) {
        self.storage = storage
        self.length = length
    }

    init(pointer: UnsafePointer<sockaddr>, length: socklen_t) {
        self.storage = Array(UnsafeRawBufferPointer(start: pointer, count: Int(length)))
        self.length = length
    }

    /// Resolves `host` and `port` to TCP addresses, in the resolver's preferred order.
    public static func resolve(host: String, port: UInt16) throws(SocketError) -> [SocketAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_ADDRCONFIG
        var list: UnsafeMutablePointer<addrinfo>?
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let status = getaddrinfo(name, String(port), &hints, &list)
        if status != 0 {
            // AI_ADDRCONFIG hides loopback-only families on hosts without other addresses; retry without.
            hints.ai_flags = 0
            let retry = getaddrinfo(name, String(port), &hints, &list)
            if retry != 0 {
                throw SocketError("getaddrinfo", detail: "\(host): \(String(cString: gai_strerror(retry)))")
            }
        }
        defer { freeaddrinfo(list) }
        var addresses: [SocketAddress] = []
        var cursor = list
        while let entry = cursor {
            if let address = entry.pointee.ai_addr {
                let resolved = SocketAddress(pointer: address, length: entry.pointee.ai_addrlen)
                if !addresses.contains(resolved) { addresses.append(resolved) }
            }
            cursor = entry.pointee.ai_next
        }
        if addresses.isEmpty { throw SocketError("getaddrinfo", detail: "\(host): no addresses") }
        return addresses
    }

    /// "127.0.0.1:9001" or "[::1]:9001".
    public var description: String {
        storage.withUnsafeBytes { raw -> String in
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
            let status = getnameinfo(
                raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), length, &host, socklen_t(host.count),
                &service, socklen_t(service.count), NI_NUMERICHOST | NI_NUMERICSERV)
            guard status == 0 else { return "?" }
            let hostText = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let serviceText = String(decoding: service.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return family == AF_INET6 ? "[\(hostText)]:\(serviceText)" : "\(hostText):\(serviceText)"
        }
    }

    /// The port number.
    public var port: UInt16 {
        storage.withUnsafeBytes { raw in
            family == AF_INET6
                ? UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port)
                : UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port)
        }
    }
}
