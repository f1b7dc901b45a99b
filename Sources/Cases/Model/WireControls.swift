/// How octets are put on the wire: Autobahn's "chop" and "sync" controls and an explicit pause,
/// the one vocabulary for every write (a case's `Delivery`, a fuzz script's step, the probe).
/// The client core (`ClientConnection.write`) carries them out.
public struct WireControls: Hashable, Sendable {
    /// Cut the octets into writes of at most this many octets (`nil`: one write).
    public var chopSize: Int?
    /// Wait until the kernel's send queue is empty between writes, and after a single uncut
    /// write (Autobahn's "sync"), so the server's reads see the pieces apart.
    public var flushEachWrite: Bool
    /// An explicit pause before the first write (a fuzz step's delay), reading meanwhile.
    public var pauseBefore: Duration?
    /// An explicit pause after each write but the last, reading meanwhile.
    public var delayBetweenWrites: Duration?

    /// Controls from their parts; the defaults are one write, no sync, no pause.
    public init(chopSize: Int? = nil, flushEachWrite: Bool = false, pauseBefore: Duration? = nil, delayBetweenWrites: Duration? = nil) {
        self.chopSize = chopSize
        self.flushEachWrite = flushEachWrite
        self.pauseBefore = pauseBefore
        self.delayBetweenWrites = delayBetweenWrites
    }

    /// One write, no flush, no pause.
    public static let whole = WireControls()
}
