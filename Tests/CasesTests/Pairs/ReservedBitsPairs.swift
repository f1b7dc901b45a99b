extension FaultPairs {
    /// Reserved bits: a server that ignores them echoes the frame (or answers the close
    /// normally). An empty close with RSV=7 answered with an empty close looks the same as a
    /// failure without a code, so that case pairs with a server that ignores RSV on closes and
    /// answers them with 1000.
    static let reservedBits: [String: [String]] = [
        "rsv.text.rsv3": ["ignore-rsv"], "rsv.text.rsv2-after-valid": ["ignore-rsv"], "rsv.text.rsv2-rsv3-after-valid-flushed": ["ignore-rsv"],
        "rsv.text.rsv1-after-valid-chopped": ["ignore-rsv"], "rsv.binary.rsv1-rsv3": ["ignore-rsv"], "rsv.binary.rsv1-rsv2": ["ignore-rsv"],
        "rsv.close.rsv1-rsv2-rsv3": ["ignore-rsv-on-close"], "rsv.close.rsv1-rsv2-rsv3-code-1000": ["ignore-rsv"], "rsv.ping.rsv1": ["ignore-rsv"],
    ]
}
