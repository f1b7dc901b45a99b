extension FaultPairs {
    /// Reserved bits: a server that ignores them echoes the frame (or answers the close
    /// normally). The empty close with RSV=7 looks the same from a server that ignores RSV as
    /// from one that fails without a code, so it pairs with the fault that hangs on RSV3.
    static let reservedBits: [String: String] = [
        "rsv.text.rsv3": "ignore-rsv", "rsv.text.rsv2-after-valid": "ignore-rsv", "rsv.text.rsv2-rsv3-after-valid-flushed": "ignore-rsv",
        "rsv.text.rsv1-after-valid-chopped": "ignore-rsv", "rsv.binary.rsv1-rsv3": "ignore-rsv", "rsv.binary.rsv1-rsv2": "ignore-rsv",
        "rsv.close.rsv1-rsv2-rsv3": "hang-on-input", "rsv.close.rsv1-rsv2-rsv3-code-1000": "ignore-rsv", "rsv.ping.rsv1": "ignore-rsv",
    ]
}
