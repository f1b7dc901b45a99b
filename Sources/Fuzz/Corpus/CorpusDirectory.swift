import Foundation
import Platform
import Synchronization

/// The working corpus, `corpus/`: seed and feedback scripts as `*.json` directly in it (written
/// by `SessionScript.jsonData()`), and the findings in `corpus/findings/`.
///
/// Loading sorts by file name, so the corpus order — which `InputSource` draws parents and
/// donors from by index — is the same on every machine, and a seed reproduces anywhere. Files
/// are named by a content hash (`SessionScript.contentName`), so the same script is stored once
/// however many shards or runs add it.
public final class CorpusDirectory: Sendable {
    /// Where a script was stored and whether it was new.
    public struct Added: Hashable, Sendable {
        public var url: URL
        /// False when the same script (by content hash) was already in the corpus.
        public var isNew: Bool
    }

    public let directory: URL
    /// The content hashes of the scripts in the directory, read on first need.
    private let hashes = Mutex<Set<UInt64>?>(nil)

    public init(directory: URL) { self.directory = directory }

    /// `corpus/findings/`.
    public var findings: FindingStore { FindingStore(directory: directory.appendingPathComponent("findings")) }

    /// Every script in file-name order; files that cannot be read or decoded (over a cap, bad
    /// JSON, another schema version) are listed in `skipped`. Throws only when the directory
    /// itself cannot be read. Leftover temporary files of dead writers are removed.
    public func load() throws(FileError) -> DirectoryContents<SessionScript> {
        let contents = try DirectoryContents<SessionScript>.load(from: directory, limit: SessionScript.maxFileBytes) { data in
            try SessionScript.decode(json: data)
        }
        let known = Set(contents.values.map(\.contentHash))
        hashes.withLock { $0 = known }
        return contents
    }

    /// Stores `script` as `[label-]HASH.json` unless a script with the same content is in the
    /// corpus already (under any name). Atomic and durable when it returns.
    @discardableResult
    public func add(_ script: SessionScript, label: String? = nil) throws(FileError) -> Added {
        let hash = script.contentHash
        let url = directory.appendingPathComponent(script.contentName(label: label))
        if hashes.withLock({ $0 == nil }) {
            if FileManager.default.fileExists(atPath: directory.path) {
                _ = try load()
            } else {
                hashes.withLock { $0 = [] }
            }
        }
        // Claimed under the lock, so two threads adding one script store it once.
        guard hashes.withLock({ $0!.insert(hash).inserted }) else { return Added(url: url, isNew: false) }
        do throws(FileError) {
            try AtomicFile.write(script.jsonData(), to: url)
        } catch {
            _ = hashes.withLock { $0!.remove(hash) }
            throw error
        }
        return Added(url: url, isNew: true)
    }
}

extension SessionScript {
    /// FNV-1a 64 of the script's corpus file octets (`jsonData()`): stable across machines,
    /// since those octets are (keys sorted, hex lowercase).
    public var contentHash: UInt64 { ContentHash.fnv1a64(jsonData()) }

    /// The corpus file name: the content hash in hex, after an optional label made safe for
    /// any file system (e.g. "closed-1002-0123456789abcdef.json").
    public func contentName(label: String? = nil) -> String {
        let safe = label.map { String($0.prefix(64).map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") ? $0 : "_" }) }
        return (safe.map { $0.isEmpty ? "" : $0 + "-" } ?? "") + ContentHash.hex(contentHash) + ".json"
    }
}
