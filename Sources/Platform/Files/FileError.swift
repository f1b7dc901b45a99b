import Foundation

/// Our own failure reading or writing a file (a corpus entry, a finding, a report): the path
/// and what went wrong. (A hostile or broken file inside a corpus directory is not an error: it
/// is skipped and listed in `DirectoryContents.skipped`.)
public struct FileError: Error, LocalizedError, Hashable, Sendable, CustomStringConvertible {
    /// The file or directory the operation was on.
    public var path: String
    /// What went wrong, e.g. "rename: Permission denied".
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }

    /// The same text for `localizedDescription`, which the command line prints.
    public var errorDescription: String? { description }
}
