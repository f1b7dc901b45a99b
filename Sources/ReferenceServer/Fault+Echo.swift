/// Faults that change what is echoed, not how the protocol runs: the opcode, framing and
/// closing handshake stay correct, so a case fails under one of them only if it compares the
/// octets, the length or the order of what comes back (RFC 6455 §5.6: the payload is the
/// application's data; an echo server returns it unchanged and in order).
extension Fault {
    /// Every fault of this family, in `serve --list-faults` order.
    static let echoContent: [Fault] = [.corruptEcho, .truncateEcho, .appendToEcho, .reorderEchoes, .staleEcho, .flakyEcho]

    public static let corruptEcho = Fault(
        name: "corrupt-echo",
        summary: "flips the lowest bit of the last octet of every echo (valid UTF-8 stays valid)",
        section: "an echo target's contract: each message back unchanged (its Application data, RFC 6455 §5.6)")
    public static let truncateEcho = Fault(
        name: "truncate-echo",
        summary: "echoes every message without its last octet (binary) or last character (text)",
        section: "an echo target's contract: each message back unchanged (its Application data, RFC 6455 §5.6)")
    public static let appendToEcho = Fault(
        name: "append-to-echo", summary: "echoes every message with one octet ('!') appended",
        section: "an echo target's contract: each message back unchanged (its Application data, RFC 6455 §5.6)")
    public static let reorderEchoes = Fault(
        name: "reorder-echoes",
        summary: "echoes messages in swapped pairs: holds each odd message and sends it after the next (or before its Close)",
        section: "an echo target's contract: messages back in the order received (RFC 6455 §6.2 delivers them in order)")
    public static let flakyEcho = Fault(
        name: "flaky-echo",
        summary: "corrupts the first echo of each payload (as corrupt-echo), echoes it unchanged ever after: a verdict that changes when a case runs again",
        section: "an echo target's contract: each message back unchanged (its Application data, RFC 6455 §5.6)")
    public static let staleEcho = Fault(
        name: "stale-echo",
        summary: "echoes every message after the first with the payload of the message before it",
        section: "an echo target's contract: each message back unchanged (its Application data, RFC 6455 §5.6)")
}
