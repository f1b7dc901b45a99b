extension FaultPairs {
    /// The client's request, RFC 6455 §4.2.1: a server that skips a check upgrades what breaks
    /// it; one that drops a request it refuses sends no response at all; a too-strict reading
    /// refuses a valid form.
    static let clientHandshake: [String: [String]] = [
        "handshake.method.post": ["accept-any-method", "drop-bad-handshake"],
        "handshake.http-version.1.0": ["accept-http-1.0", "drop-bad-handshake"],
        "handshake.host.missing": ["skip-host-check", "drop-bad-handshake"],
        "handshake.host.repeated": ["skip-host-check", "drop-bad-handshake"],
        "handshake.upgrade.missing": ["skip-upgrade-check", "drop-bad-handshake"],
        "handshake.upgrade.other-protocol": ["skip-upgrade-check", "drop-bad-handshake"],
        "handshake.connection.missing": ["skip-connection-check", "drop-bad-handshake"],
        "handshake.connection.without-upgrade": ["skip-connection-check", "drop-bad-handshake"],
        "handshake.key.missing": ["skip-key-check", "drop-bad-handshake"],
        "handshake.key.not-base64": ["skip-key-check", "drop-bad-handshake"],
        "handshake.key.15-octets": ["skip-key-check", "drop-bad-handshake"],
        "handshake.key.repeated": ["skip-key-check", "drop-bad-handshake"],
        "handshake.version.missing": ["accept-any-version", "drop-bad-handshake"],
        "handshake.version.not-a-number": ["accept-any-version", "drop-bad-handshake"],
        "handshake.version.repeated": ["accept-any-version", "drop-bad-handshake"],
        "handshake.legacy.hixie-76": ["accept-hixie-76", "drop-bad-handshake"],
        "handshake.connection.list": ["exact-connection-value"],
        "handshake.connection.lower-case": ["exact-connection-value"],
        "handshake.upgrade.mixed-case": ["case-sensitive-upgrade"],
        "handshake.field-names.lower-case": ["case-sensitive-field-names"],
        "handshake.field-names.upper-case": ["case-sensitive-field-names"],
    ]
}
