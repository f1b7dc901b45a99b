import Cases

/// One case's wire transcript as a table: time, direction, what it was (decoded frame, octets
/// written or read, a note) and the first octets in hex. Long transcripts keep their start and
/// end (`HTMLElision`) and each entry's hex is capped, so the page stays small enough to attach.
enum HTMLTranscript {
    static func render(_ transcript: [TranscriptEntry]) -> String {
        guard !transcript.isEmpty else { return "<p class=\"none\">No transcript recorded.</p>" }
        let elision = HTMLElision(count: transcript.count, first: HTMLElision.transcriptFirst, last: HTMLElision.transcriptLast)
        let rows = elision.map({ row(transcript[$0]) }) { omitted in
            "<tr class=\"gap\"><td colspan=\"5\">… \(omitted) entries omitted …</td></tr>"
        }
        return
            "<table class=\"transcript\"><thead><tr><th>ms</th><th>event</th><th>offset</th><th>what</th><th>octets (hex)</th></tr></thead>"
            + "<tbody>\(rows)</tbody></table>"
    }

    static func row(_ entry: TranscriptEntry) -> String {
        var what = entry.text
        if let cuts = entry.cuts, !cuts.isEmpty { what += " (cut at \(cuts.map(String.init).joined(separator: ", ")))" }
        let offset = entry.offset.map(String.init) ?? ""
        let hex = entry.hex.map { self.hex($0, octets: entry.octets) } ?? ""
        return "<tr class=\"\(kindClass(entry.kind))\"><td>\(milliseconds(entry.micros))</td><td>\(kindLabel(entry.kind))</td>"
            + "<td>\(offset)</td><td>\(HTMLEscape.text(what, limit: HTMLElision.textCharacters))</td><td>\(hex)</td></tr>"
    }

    /// Microseconds as milliseconds with three decimals, by integer arithmetic so the output
    /// never depends on a locale.
    static func milliseconds(_ micros: Int64) -> String {
        let fraction = String(abs(micros) % 1000)
        return "\(micros < 0 ? "-" : "")\(abs(micros) / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }

    /// Hex in groups of four octets, at most `HTMLElision.hexOctets` of them, with "…" when the
    /// entry carried more octets than are shown.
    static func hex(_ hex: String, octets: Int?) -> String {
        let characters = Array(hex.prefix(HTMLElision.hexOctets * 2))
        let groups = stride(from: 0, to: characters.count, by: 8).map { String(characters[$0..<min($0 + 8, characters.count)]) }
        let shown = characters.count / 2
        let more = hex.count > characters.count || (octets ?? 0) > shown
        return HTMLEscape.text(groups.joined(separator: " ")) + (more ? " …" : "")
    }

    static func kindLabel(_ kind: TranscriptEntry.Kind) -> String {
        switch kind {
        case .sent: "→ wrote"
        case .received: "← read"
        case .frameSent: "→ frame"
        case .frameReceived: "← frame"
        case .note: "· note"
        }
    }

    static func kindClass(_ kind: TranscriptEntry.Kind) -> String {
        switch kind {
        case .sent: "tx"
        case .received: "rx"
        case .frameSent: "fs"
        case .frameReceived: "fr"
        case .note: "nt"
        }
    }
}
