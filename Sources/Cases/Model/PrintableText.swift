extension String {
    /// Text from the target (a `Server` field, a reason phrase) as a report or a terminal may
    /// show it: control characters, escape sequences among them, become "?".
    public var printable: String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "?" : $0 }))
    }
}
