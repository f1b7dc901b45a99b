extension FaultPairs {
    /// Pings: pongs that never come or carry other data, an oversized ping that is answered,
    /// octet-by-octet delivery read as whole frames, unsolicited pongs answered.
    static let pings: [String: [String]] = [
        "ping.payload-0": ["no-pong"], "ping.payload-text": ["wrong-pong-payload"], "ping.payload-binary": ["wrong-pong-payload"],
        "ping.payload-125": ["wrong-pong-payload"], "ping.payload-126": ["accept-oversized-control"],
        "ping.payload-125-chopped": ["whole-frame-reads"], "ping.unsolicited-pong.empty": ["answer-unsolicited-pong"],
        "ping.unsolicited-pong.payload": ["answer-unsolicited-pong"], "ping.unsolicited-pong.then-ping": ["no-pong", "answer-unsolicited-pong"],
        "ping.burst-10": ["no-pong"], "ping.burst-10-chopped": ["whole-frame-reads"],
    ]
}
