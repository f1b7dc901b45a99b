extension FaultPairs {
    /// Fragmentation: reassembled echoes fail when text comes back as binary, octet-by-octet
    /// writes when the server assumes whole frames per read, Pings between fragments when they
    /// go unanswered, and structure breaks when the server accepts them (a fragmented Pong is
    /// caught because `accept-fragmented-control` completes it with the continuation, so the
    /// server never fails the connection).
    static let fragmentation: [String: [String]] = [
        "fragmentation.control.fragmented-ping": ["accept-fragmented-control"],
        "fragmentation.control.fragmented-pong": ["accept-fragmented-control"],
        "fragmentation.text.two-fragments": ["text-as-binary"],
        "fragmentation.text.two-fragments-flushed": ["text-as-binary"],
        "fragmentation.text.two-fragments-octet-writes": ["whole-frame-reads"],
        "fragmentation.ping-inside.message": ["no-pong"],
        "fragmentation.ping-inside.message-flushed": ["no-pong"],
        "fragmentation.ping-inside.message-octet-writes": ["whole-frame-reads"],
        "fragmentation.orphan.final": ["accept-bad-fragmentation"],
        "fragmentation.orphan.final-flushed": ["accept-bad-fragmentation"],
        "fragmentation.orphan.final-octet-writes": ["accept-bad-fragmentation"],
        "fragmentation.orphan.non-final": ["accept-bad-fragmentation"],
        "fragmentation.orphan.non-final-flushed": ["accept-bad-fragmentation"],
        "fragmentation.orphan.non-final-octet-writes": ["accept-bad-fragmentation"],
        "fragmentation.orphan.after-message": ["accept-bad-fragmentation"],
        "fragmentation.orphan.non-final-then-message": ["accept-bad-fragmentation"],
        "fragmentation.orphan.final-then-message": ["accept-bad-fragmentation"],
        "fragmentation.interleaved.text-inside-text": ["accept-bad-fragmentation"],
        "fragmentation.ping-inside.paused-message": ["no-pong"],
        "fragmentation.ping-inside.paused-message-flushed": ["no-pong"],
        "fragmentation.text.auto-fragmented-65536": ["text-as-binary"],
    ]
}
