/// Faults of the opening handshake, RFC 6455 §4.2: what the server answers before any frame.
extension Fault {
    /// Every fault of this family, in `serve --list-faults` order.
    static let openingHandshake: [Fault] = [.acceptAnyVersion, .refuseVersionWithoutField, .slowHandshake]

    public static let acceptAnyVersion = Fault(
        name: "accept-any-version", summary: "upgrades a request whatever its Sec-WebSocket-Version",
        section: "RFC 6455 §4.2.2 item 4, §4.4 (MUST abort the handshake on a version it does not understand)")
    public static let refuseVersionWithoutField = Fault(
        name: "426-without-version", summary: "refuses an unsupported version with 426 but no Sec-WebSocket-Version field",
        section: "RFC 6455 §4.4 (MUST respond with a Sec-WebSocket-Version field listing the versions it supports)")
    public static let slowHandshake = Fault(
        name: "slow-handshake", summary: "waits 1.2 s before answering each opening handshake",
        section: "no rule: the handshake.round-trip measurement reports it (fail above 1000 ms)")
}
