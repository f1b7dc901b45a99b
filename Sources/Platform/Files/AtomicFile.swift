import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Durable, all-or-nothing file writes for the corpus and its findings.
///
/// The octets go to a temporary file in the same directory, which is `fsync`ed, renamed over
/// the final name (atomic within a file system) and the directory `fsync`ed. A `kill -9` or a
/// power cut at any moment leaves the old file or the new one whole, never a part; and once
/// `write` returns, the file survives a crash — so a finding the fuzzer reports is never lost.
///
/// Temporary files are named `.NAME.PID.N.tmp`: hidden, never `*.json`, so loads ignore them,
/// and carrying the writer's PID, so a leftover from a writer that died can be told from one
/// another process is still writing.
public enum AtomicFile {
    private static let counter = Mutex(0)

    /// Writes `data` to `url` atomically and durably, creating the directory if needed.
    public static func write(_ data: Data, to url: URL) throws(FileError) {
        let directory = url.deletingLastPathComponent()
        try ensureDirectory(directory)
        let number = counter.withLock { value in
            value += 1
            return value
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(number).tmp").path
        do throws(FileError) {
            try Syscall.writeNewFile(temporary, data)
            try Syscall.rename(temporary, to: url.path)
        } catch {
            Syscall.remove(temporary)
            throw error
        }
        try Syscall.syncDirectory(directory.path)
    }

    /// Creates `directory` (and its parents) if missing, making each new name durable.
    public static func ensureDirectory(_ directory: URL) throws(FileError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw FileError(path: directory.path, problem: "not a directory") }
            return
        }
        let parent = directory.deletingLastPathComponent()
        if parent.path != directory.path { try ensureDirectory(parent) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        } catch {
            // Another writer may have created it meanwhile.
            guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw FileError(path: directory.path, problem: "cannot create the directory: \(error.localizedDescription)")
            }
            return
        }
        try Syscall.syncDirectory(parent.path)
    }

    /// True for the name of a temporary file (ours or a dead writer's).
    public static func isTemporary(_ name: String) -> Bool { name.hasPrefix(".") && name.hasSuffix(".tmp") }

    /// Removes temporary files whose writer no longer runs (a writer killed mid-write); those of
    /// live writers, this process included, are left alone. Returns the names removed.
    @discardableResult
    public static func removeLeftovers(in directory: URL, names: [String]) -> [String] {
        names.filter { name in
            guard isTemporary(name) else { return false }
            let parts = name.split(separator: ".")
            let writer = parts.count >= 3 ? Int32(parts[parts.count - 3]) : nil
            if let writer, writer == getpid() || Syscall.processExists(writer) { return false }
            Syscall.remove(directory.appendingPathComponent(name).path)
            return true
        }
    }

    /// The names in `directory`, or a `FileError` when it cannot be read.
    public static func names(in directory: URL) throws(FileError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else {
            throw FileError(path: directory.path, problem: "no such directory")
        }
        guard isDirectory.boolValue else { throw FileError(path: directory.path, problem: "not a directory") }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw FileError(path: directory.path, problem: "cannot read the directory: \(error.localizedDescription)")
        }
    }

    /// The `*.json` names among `names`, sorted by their UTF-8 octets so the order is the same
    /// on every machine and in every locale.
    public static func jsonNames(_ names: [String]) -> [String] {
        names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
