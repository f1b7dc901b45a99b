extension FaultPairs {
    /// The opening handshake: a server that upgrades any version fails the case that needs a
    /// refusal; one that refuses without naming its versions fails both (the draft-8 case also
    /// accepts an upgrade, so only the missing field can fail it).
    static let openingHandshake: [String: [String]] = [
        "handshake.response.standard": ["wrong-accept-key", "omit-upgrade-field", "answer-unoffered-extension"],
        "handshake.version.unsupported-12": ["accept-any-version", "426-without-version"],
        "handshake.version.unsupported-14": ["accept-any-version", "426-without-version"],
        "handshake.version.draft-8": ["426-without-version"],
        "handshake.subprotocol.offered": ["answer-unoffered-subprotocol"],
        "handshake.extension.unknown": ["accept-unknown-extension"],
        // HTTP field syntax: the reference server refuses both (400 for the fold, 431 for the
        // size); dropping them instead is what fails.
        "handshake.fields.obs-fold": ["drop-bad-handshake"],
        "handshake.fields.long-value": ["drop-bad-handshake"],
    ]
}
