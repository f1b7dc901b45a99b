extension FaultPairs {
    /// The opening handshake: a server that upgrades any version fails the case that needs a
    /// refusal; one that refuses without naming its versions fails both (the draft-8 case also
    /// accepts an upgrade, so only the missing field can fail it).
    static let openingHandshake: [String: [String]] = [
        "handshake.version.unsupported-12": ["accept-any-version", "426-without-version"],
        "handshake.version.draft-8": ["426-without-version"],
        "handshake.subprotocol.offered": ["answer-unoffered-subprotocol"],
    ]
}
