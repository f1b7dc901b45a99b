extension FaultPairs {
    /// Close handling: a wrong reply code, no reply, frames processed after the close, a broken
    /// close frame accepted; informational cases fail only when the server breaks a sending rule.
    /// Every valid code fails when answered with another code (neither it nor 1000) and when
    /// not answered at all; a Close answered with a TCP drop breaks §5.5.1's MUST.
    static let closing: [String: [String]] = [
        "close.basic.after-echo": ["wrong-close-code", "drop-tcp"], "close.basic.second-close": ["process-after-close"],
        "close.basic.ping-after-close": ["process-after-close"], "close.basic.text-after-close": ["process-after-close"],
        "close.basic.inside-fragmented-message": ["process-after-close"], "close.basic.after-large-message": ["process-after-close"],
        "close.payload.empty": ["no-close-reply", "drop-tcp"], "close.payload.one-byte": ["accept-malformed-close"],
        "close.payload.code-only": ["wrong-close-code"], "close.payload.code-and-reason": ["wrong-close-code", "drop-tcp"],
        "close.payload.length-125": ["wrong-close-code"], "close.payload.length-126": ["accept-oversized-control"],
        "close.reason.invalid-utf8": ["skip-utf8"],
        "close.code.valid-1000": ["wrong-close-code"], "close.code.valid-1001": ["wrong-close-code", "no-close-reply"],
        "close.code.valid-1002": ["wrong-close-code", "no-close-reply"], "close.code.valid-1003": ["wrong-close-code", "no-close-reply"],
        "close.code.valid-1007": ["wrong-close-code", "no-close-reply"], "close.code.valid-1008": ["wrong-close-code", "no-close-reply"],
        "close.code.valid-1009": ["wrong-close-code", "no-close-reply"], "close.code.valid-1010": ["wrong-close-code", "no-close-reply"],
        "close.code.valid-1011": ["wrong-close-code", "no-close-reply"], "close.code.valid-1012": ["wrong-close-code", "no-close-reply"],
        "close.code.valid-1013": ["wrong-close-code", "no-close-reply"], "close.code.valid-1014": ["wrong-close-code", "no-close-reply"],
        "close.code.valid-3000": ["wrong-close-code", "no-close-reply"], "close.code.valid-3999": ["wrong-close-code", "no-close-reply"],
        "close.code.valid-4000": ["wrong-close-code", "no-close-reply"], "close.code.valid-4999": ["wrong-close-code", "no-close-reply"],
        "close.code.invalid-0": ["accept-invalid-close-codes"], "close.code.invalid-999": ["accept-invalid-close-codes"],
        "close.code.invalid-1004": ["accept-invalid-close-codes"], "close.code.invalid-1005": ["accept-invalid-close-codes"],
        "close.code.invalid-1006": ["accept-invalid-close-codes"], "close.code.invalid-1015": ["accept-invalid-close-codes"],
        "close.code.invalid-1016": ["accept-invalid-close-codes"], "close.code.invalid-1100": ["accept-invalid-close-codes"],
        "close.code.invalid-2000": ["accept-invalid-close-codes"], "close.code.invalid-2999": ["accept-invalid-close-codes"],
        "close.code.above-range-5000": ["accept-invalid-close-codes"], "close.code.above-range-65535": ["accept-invalid-close-codes"],
    ]
}
