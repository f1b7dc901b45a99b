/// The caps on every length and count a script may hold.
///
/// Corpus files come from other machines and other people, so a script read from JSON is
/// hostile until checked: each cap is enforced while decoding, before anything is allocated
/// for the value it bounds. Mutators keep within the same caps, so every generated input can
/// be saved and read back.
public enum ScriptLimits {
    /// The largest payload of one frame, and the largest raw chunk: 16 MiB.
    public static let maxPayload = 16 << 20
    /// The most steps in one script.
    public static let maxSteps = 10_000
    /// The most octets all steps together may carry: 64 MiB.
    public static let maxTotalBytes = 64 << 20
    /// The most header fields in a handshake (or overrides of the standard one).
    public static let maxHeaderFields = 512
    /// The longest header name or value, and the longest request-line part.
    public static let maxHeaderText = 64 << 10
    /// The largest serialised handshake head: 256 KiB, enough to test a server's head limit.
    public static let maxHandshakeBytes = 256 << 10
    /// The longest line ending (it is meant to be CR LF or LF; a few others are tried).
    public static let maxLineEnding = 4
    /// The longest pause before a step, in milliseconds.
    public static let maxDelayMilliseconds = 10_000
    /// The longest note.
    public static let maxNote = 4096
    /// The longest message a compressed frame records as what it was compressed from
    /// (`ScriptFrame.compressedFrom`): longer ones (a decompression bomb) record nothing.
    public static let maxCompressedFrom = 64 << 10
}

/// Why a script could not be read: the JSON path of the offending value and what is wrong.
public struct ScriptFormatError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the problem is, e.g. "steps[3].frame.payload".
    public var path: String
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { path.isEmpty ? problem : "\(path): \(problem)" }
}
