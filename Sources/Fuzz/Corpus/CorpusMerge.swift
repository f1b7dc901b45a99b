import Foundation
import Platform

/// Joins the corpora and findings of several shards or machines into one (`wsconform corpus
/// merge`): scripts deduplicated by content hash, findings by signature keeping the smaller
/// reproducer. Merging is idempotent and order-independent in what it keeps, so CI can merge
/// whatever artifacts arrived, in any order, as often as it likes.
public enum CorpusMerge {
    /// What a merge did.
    public struct Counts: Hashable, Sendable {
        public var scriptsAdded = 0
        /// Scripts already in the destination (or met twice among the sources).
        public var scriptsPresent = 0
        public var findingsAdded = 0
        /// Findings that replaced a stored one with a larger reproducer.
        public var findingsReplaced = 0
        /// Findings whose stored counterpart was as small or smaller.
        public var findingsKept = 0
        /// Files in the sources that could not be read or decoded (left out).
        public var skipped: [SkippedFile] = []

        public init() {}
    }

    /// Merges every corpus in `sources` (scripts and `findings/`) into `destination`, which is
    /// created if missing. Every source is checked to be a readable directory before anything
    /// is written; a `FileError` names the first that is not.
    public static func merge(_ sources: [URL], into destination: URL) throws(FileError) -> Counts {
        for source in sources { _ = try AtomicFile.names(in: source) }
        let target = CorpusDirectory(directory: destination)
        try AtomicFile.ensureDirectory(destination)
        _ = try target.load()
        let store = target.findings
        var counts = Counts()
        for source in sources {
            let corpus = CorpusDirectory(directory: source)
            let scripts = try corpus.load()
            let findings = try corpus.findings.load()
            counts.skipped += scripts.skipped + findings.skipped
            for script in scripts.values {
                if try target.add(script).isNew { counts.scriptsAdded += 1 } else { counts.scriptsPresent += 1 }
            }
            for finding in findings.values {
                switch try store.save(finding).outcome {
                case .added: counts.findingsAdded += 1
                case .replaced: counts.findingsReplaced += 1
                case .kept: counts.findingsKept += 1
                }
            }
        }
        return counts
    }
}
