extension FaultPairs {
    /// Data frames: text echoes fail when echoed as binary, binary echoes when echoed as text,
    /// chopped frames when the server assumes whole frames per read; a server that masks its
    /// frames breaks §5.1's framing rule, caught on any echo (here the 125-octet ones).
    static let dataFrames: [String: [String]] = [
        "framing.text.length-0": ["text-as-binary"], "framing.text.length-125": ["text-as-binary", "mask-frames"],
        "framing.text.length-126": ["text-as-binary"], "framing.text.length-127": ["text-as-binary"],
        "framing.text.length-128": ["text-as-binary"], "framing.text.length-65535": ["text-as-binary"],
        "framing.text.length-65536": ["text-as-binary"], "framing.text.length-65536-chopped": ["whole-frame-reads"],
        "framing.binary.length-0": ["binary-as-text"], "framing.binary.length-125": ["binary-as-text", "mask-frames"],
        "framing.binary.length-126": ["binary-as-text"], "framing.binary.length-127": ["binary-as-text"],
        "framing.binary.length-128": ["binary-as-text"], "framing.binary.length-65535": ["binary-as-text"],
        "framing.binary.length-65536": ["binary-as-text"], "framing.binary.length-65536-chopped": ["whole-frame-reads"],
    ]
}
