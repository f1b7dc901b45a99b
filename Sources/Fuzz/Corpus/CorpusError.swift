/// Our own failure reading or writing a corpus directory: the path and what went wrong.
/// (A hostile or broken file inside a directory is not an error: it is skipped and listed in
/// `DirectoryContents.skipped`.)
public struct CorpusError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}
