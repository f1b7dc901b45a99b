import CZlib
import Wire

/// A failure of our own use of zlib (bad arguments, no memory): not a peer's fault, so a
/// small typed error rather than a problem value. `code` is zlib's return code.
public struct ZlibError: Error, Hashable, Sendable, CustomStringConvertible {
    /// zlib's return code, e.g. Z_STREAM_ERROR (-2) or Z_MEM_ERROR (-4).
    public var code: Int32
    /// What was being done and zlib's message.
    public var message: String

    public init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "zlib error \(code): \(message)" }
}

extension ZlibError {
    /// An error for `code` returned while `doing` something, in zlib's own words: the stream's
    /// `msg` when zlib set one, else `zError`.
    init(_ code: Int32, doing: String, stream: UnsafeMutablePointer<z_stream>) {
        self.init(code: code, message: "\(doing): \(Self.zlibMessage(code, stream: stream))")
    }

    /// zlib's text for `code` on `stream`.
    static func zlibMessage(_ code: Int32, stream: UnsafeMutablePointer<z_stream>) -> String {
        if let message = stream.pointee.msg { return String(cString: message) }
        return String(cString: zError(code))
    }
}
