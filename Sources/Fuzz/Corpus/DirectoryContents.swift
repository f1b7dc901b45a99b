import Foundation

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
