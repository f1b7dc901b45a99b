extension FaultPairs {
    /// Masking: a server that accepts unmasked frames echoes, pongs or closes normally. The
    /// valid keyings have no fault of their own yet; a server that masks its echo fails them.
    static let masking: [String: String] = [
        "masking.unmasked.text": "accept-unmasked", "masking.unmasked.ping": "accept-unmasked", "masking.unmasked.close": "accept-unmasked",
        "masking.unmasked.continuation-after-masked-start": "accept-unmasked", "masking.unmasked.binary-65536": "accept-unmasked",
        "masking.key.all-zero": "mask-frames", "masking.key.distinct-per-message": "mask-frames",
        "masking.key.distinct-per-fragment": "mask-frames", "masking.key.reused-per-message": "mask-frames",
        "masking.key.reused-per-fragment": "mask-frames",
    ]
}
