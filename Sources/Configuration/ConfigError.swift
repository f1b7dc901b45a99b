/// A config file that cannot be used, in one line that names the file and the JSON path of the
/// problem (`config.json: targets[1].url: expected a string, found a number`), so the fix is
/// found without reading a stack of context.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// Where in the document, e.g. `targets[1].url`; empty for the file as a whole.
    public var path: String
    public var message: String

    public init(file: String, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)" }
}
