import Foundation
import Platform

extension RunJournal {
    /// Appends lines to a journal file, one `write` each, from any thread. A line is written
    /// whole or not at all as far as a reader cares: `recover` drops a last line cut short.
    /// A journal that cannot be written is given up on (the run goes on without it).
    public final class Writer: Sendable {
        public let url: URL
        private let handle: SleepingLock<FileHandle?>
        private let start = ContinuousClock.now

        /// Creates (or truncates) the journal in `directory`; nil when it cannot.
        public init?(directory: URL) {
            url = directory.appendingPathComponent(RunJournal.fileName)
            do {
                try AtomicFile.ensureDirectory(directory)
                guard FileManager.default.createFile(atPath: url.path, contents: nil) else { return nil }
                handle = SleepingLock(try FileHandle(forWritingTo: url))
            } catch {
                return nil
            }
        }

        public func append(_ line: Line) {
            var line = line
            line.at = (ContinuousClock.now - start).seconds
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            guard var data = try? encoder.encode(line) else { return }
            data.append(0x0A)
            handle.withLock { handle in
                do {
                    try handle?.write(contentsOf: data)
                } catch {
                    try? handle?.close()
                    handle = nil
                }
            }
        }

        /// Closes and deletes the journal: the reports it stood in for are written.
        public func remove() {
            handle.withLock { handle in
                try? handle?.close()
                handle = nil
            }
            try? FileManager.default.removeItem(at: url)
        }
    }
}
