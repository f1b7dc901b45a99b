import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

extension Syscall {
    /// Reads a pseudo-file of `/proc` (whose size `stat` reports as 0) up to `limit` octets;
    /// nil when it cannot be opened (the process is gone, or another user's).
    package static func readProcFile(_ path: String, limit: Int = 64 << 10) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { _ = close(fd) }
        var octets = [UInt8](repeating: 0, count: limit)
        var filled = 0
        while filled < limit {
            let count = octets.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, limit - filled) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            filled += count
        }
        return Array(octets.prefix(filled))
    }

    /// The entries of a `/proc` directory (process ids, descriptor numbers); empty when it
    /// cannot be read.
    package static func procEntries(_ path: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    }

    /// The size of a memory page, for `statm`'s counts.
    package static var pageSize: Int { Int(sysconf(Int32(_SC_PAGESIZE))) }
}
