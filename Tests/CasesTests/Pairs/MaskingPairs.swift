extension FaultPairs {
    /// Masking: a server that accepts unmasked frames echoes, pongs or closes normally. The
    /// valid keyings have no fault of their own yet; a server that masks its echo fails them.
    static let masking: [String: [String]] = [
        "masking.unmasked.text": ["accept-unmasked"], "masking.unmasked.ping": ["accept-unmasked"], "masking.unmasked.close": ["accept-unmasked"],
        "masking.unmasked.continuation-after-masked-start": ["accept-unmasked"], "masking.unmasked.binary-65536": ["accept-unmasked"],
        "masking.key.all-zero": ["zero-key-as-unmasked"], "masking.key.distinct-per-message": ["mask-offset-across-frames"],
        "masking.key.distinct-per-fragment": ["mask-offset-across-frames"], "masking.key.reused-per-message": ["mask-offset-across-frames"],
        "masking.key.reused-per-fragment": ["mask-offset-across-frames"],
    ]
}
