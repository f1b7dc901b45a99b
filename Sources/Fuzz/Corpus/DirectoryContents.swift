import Foundation
import Platform

/// What a corpus or findings directory held: the files that decoded, in file-name order, and
/// those that did not, with the reason (a corpus from other machines is hostile until checked,
/// and one bad file must not stop a nightly run).
public struct DirectoryContents<Value: Sendable>: Sendable {
    /// One file that decoded.
    public struct Entry: Sendable {
        public var url: URL
        public var value: Value

        public init(url: URL, value: Value) {
            self.url = url
            self.value = value
        }
    }

    public var entries: [Entry]
    public var skipped: [SkippedFile]

    public init(entries: [Entry] = [], skipped: [SkippedFile] = []) {
        self.entries = entries
        self.skipped = skipped
    }

    /// The decoded values in file-name order.
    public var values: [Value] { entries.map(\.value) }

    /// Reads every `*.json` in `directory` in file-name order, each capped at `limit` octets
    /// before it is read and decoded with `decode`; what does not decode is listed in `skipped`.
    /// Leftover temporary files of dead writers are removed first.
    static func load(
        from directory: URL, limit: Int, decode: (Data) throws -> Value
    ) throws(FileError) -> DirectoryContents<Value> {
        let names = try AtomicFile.names(in: directory)
        AtomicFile.removeLeftovers(in: directory, names: names)
        var contents = DirectoryContents<Value>()
        for name in AtomicFile.jsonNames(names) {
            let url = directory.appendingPathComponent(name)
            do {
                contents.entries.append(.init(url: url, value: try decode(Syscall.readFile(url.path, limit: limit))))
            } catch let error as FileError {
                contents.skipped.append(SkippedFile(url: url, problem: error.problem))
            } catch {
                contents.skipped.append(SkippedFile(url: url, problem: "\(error)"))
            }
        }
        return contents
    }
}

/// A file that was left out of a load, and why.
public struct SkippedFile: Hashable, Sendable, CustomStringConvertible {
    public var url: URL
    public var problem: String

    public init(url: URL, problem: String) {
        self.url = url
        self.problem = problem
    }

    public var description: String { "\(url.path): \(problem)" }
}
