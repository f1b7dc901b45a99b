import Foundation
import Platform
import Synchronization

/// `corpus/findings/`: one durable file per unique finding.
///
/// Findings are deduplicated by signature — the file name is `Finding.fileName` — and a second
/// finding with a known signature replaces the first only when its reproducer is smaller
/// (fewer steps, then fewer octets), so the directory converges on the smallest reproducer of
/// each bug whatever order shards and runs find them in. Every write is atomic and durable
/// (`AtomicFile`): when `save` returns, the finding survives a `kill -9` of the fuzzer.
public final class FindingStore: Sendable {
    /// What `save` did with a finding.
    public enum Outcome: String, Hashable, Sendable {
        /// A new signature: the file was created.
        case added
        /// A known signature with a smaller reproducer (or an unreadable old file): replaced.
        case replaced
        /// A known signature whose stored reproducer is as small or smaller: left as it was.
        case kept
    }

    /// Where a saved finding lives and what happened.
    public struct Saved: Hashable, Sendable {
        public var url: URL
        public var outcome: Outcome

        /// True when the signature was not in the store before: a finding to report.
        public var isNew: Bool { outcome == .added }
    }

    public let directory: URL
    /// One save at a time in this process: the compare-then-replace must not interleave.
    private let saving = Mutex(())

    public init(directory: URL) { self.directory = directory }

    /// The file a finding with this signature is stored in.
    public func url(for finding: Finding) -> URL { directory.appendingPathComponent(finding.fileName) }

    /// Stores `finding` unless a finding with its signature and an as-small reproducer is
    /// stored already. Durable when it returns.
    @discardableResult
    public func save(_ finding: Finding) throws(FileError) -> Saved {
        let url = url(for: finding)
        return try saving.withLock { _ throws(FileError) -> Saved in
            var outcome = Outcome.added
            if FileManager.default.fileExists(atPath: url.path) {
                outcome = .replaced
                if let stored = try? Finding.decode(json: Syscall.readFile(url.path, limit: Finding.maxFileBytes)),
                    stored.signature == finding.signature, !finding.hasSmallerReproducer(than: stored)
                {
                    return Saved(url: url, outcome: .kept)
                }
            }
            try AtomicFile.write(finding.jsonData(), to: url)
            return Saved(url: url, outcome: outcome)
        }
    }

    /// Every finding stored, in file-name order; files that cannot be read or decoded are
    /// listed in `skipped`. A missing directory holds no findings. Leftover temporary files of
    /// dead writers are removed.
    public func load() throws(FileError) -> DirectoryContents<Finding> {
        guard FileManager.default.fileExists(atPath: directory.path) else { return DirectoryContents() }
        return try DirectoryContents<Finding>.load(from: directory, limit: Finding.maxFileBytes) { data in try Finding.decode(json: data) }
    }
}
