extension FaultPairs {
    /// Limits: large, many-fragment and round-trip echoes compare only type and length
    /// (Autobahn's 9.x rule), so they fail under the echo faults that change the length
    /// (`FaultPairs.echoFaults`); messages written in small pieces fail when the server assumes
    /// whole frames per read.
    static let limits: [String: [String]] = [
        "limits.chopped-text.write-64": ["whole-frame-reads"],
        "limits.chopped-text.write-128": ["whole-frame-reads"],
        "limits.chopped-text.write-256": ["whole-frame-reads"],
        "limits.chopped-text.write-512": ["whole-frame-reads"],
        "limits.chopped-text.write-1024": ["whole-frame-reads"],
        "limits.chopped-text.write-2048": ["whole-frame-reads"],
        "limits.chopped-binary.write-64": ["whole-frame-reads"],
        "limits.chopped-binary.write-128": ["whole-frame-reads"],
        "limits.chopped-binary.write-256": ["whole-frame-reads"],
        "limits.chopped-binary.write-512": ["whole-frame-reads"],
        "limits.chopped-binary.write-1024": ["whole-frame-reads"],
        "limits.chopped-binary.write-2048": ["whole-frame-reads"],
    ]
}
