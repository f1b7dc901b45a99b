import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The file system calls that make writes durable (Foundation has no `fsync` of a directory),
/// in the one funnel: failures come back as `FileError` naming the path.
extension Syscall {
    /// As `valueOrErrno`, throwing a `FileError` naming `operation` and `path` on failure.
    private static func call<R: FixedWidthInteger>(_ operation: String, _ path: String, _ body: () -> R) throws(FileError) -> R {
        switch valueOrErrno(body) {
        case .success(let value): return value
        case .failure(let code): throw FileError(path: path, problem: "\(operation): \(code)")
        }
    }

    /// Creates `path` (which must not exist), writes `data`, and `fsync`s it before closing:
    /// once this returns, the octets are on disk whatever happens to the process or machine.
    package static func writeNewFile(_ path: String, _ data: Data) throws(FileError) {
        let fd = try call("open", path) { open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644) }
        do throws(FileError) {
            var offset = 0
            while offset < data.count {
                let written = try call("write", path) { data.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) } }
                offset += written
            }
            _ = try call("fsync", path) { fsync(fd) }
        } catch {
            _ = close(fd)
            throw error
        }
        _ = try call("close", path) { close(fd) }
    }

    /// Replaces `destination` with `source` in one step (rename(2) is atomic within a file
    /// system: a reader sees the old file or the new one, never a mixture).
    package static func rename(_ source: String, to destination: String) throws(FileError) {
        _ = try call("rename", destination) { Glibc.rename(source, destination) }
    }

    /// `fsync`s a directory, which makes the names created or renamed in it durable.
    package static func syncDirectory(_ path: String) throws(FileError) {
        let fd = try call("open", path) { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        defer { _ = close(fd) }
        _ = try call("fsync", path) { fsync(fd) }
    }

    /// Removes `path`; a file already gone is not an error.
    package static func remove(_ path: String) {
        _ = unlink(path)
    }

    /// Reads a regular file of at most `limit` octets. The size is checked before anything is
    /// read (a hostile corpus may hold a huge or endless file), and reading stops past the limit.
    package static func readFile(_ path: String, limit: Int) throws(FileError) -> Data {
        let fd = try call("open", path) { open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK) }
        defer { _ = close(fd) }
        var info = stat()
        _ = try call("fstat", path) { fstat(fd, &info) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw FileError(path: path, problem: "not a regular file") }
        guard Int(info.st_size) <= limit else {
            throw FileError(path: path, problem: "a file of \(info.st_size) octets, over the cap of \(limit)")
        }
        var data = Data(count: Int(info.st_size) + 1)
        var filled = 0
        while filled < data.count {
            let count = try call("read", path) { data.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) } }
            if count == 0 { break }
            filled += count
        }
        guard filled <= Int(info.st_size) else { throw FileError(path: path, problem: "the file grew while it was read") }
        return data.prefix(filled)
    }
}

extension Syscall {
    /// Opens `/dev/null` for reading, without close-on-exec: the reference server's
    /// `leak-descriptor` fault, whose descriptor is never closed. -1 on failure.
    package static func openNullDevice() -> Int32 { open("/dev/null", O_RDONLY) }
}
