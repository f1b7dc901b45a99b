/// The classic bug of hand-written hubs: two threads (a reader echoing, a pinger or a
/// broadcaster) write to one connection without a lock, and a frame written in pieces gets
/// another frame's octets in its middle. No single exchange shows it; the interleaving probe
/// of `check` (concurrency.interleaved-frames) does, by keeping the server busy with large
/// echoes, pings and small messages at once.
extension Fault {
    public static let unsynchronisedWriters = Fault(
        name: "unsynchronised-writers",
        summary: "writes pongs from a second thread, without a lock, while the connection's thread writes echoes in 1 KiB pieces",
        section: "RFC 6455 §5.2, §5.4 (a frame's octets are contiguous; fragments of a message are not interleaved with another message)")
}
