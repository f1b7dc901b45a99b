import Testing

/// `wsconform list` as a user reads it: one case a line, in columns.
@Suite("CLI: list")
struct ListCommandTests {
    @Test("each line holds the id, alias, whole section and level in columns: a long section is never cut into the level")
    func columns() throws {
        let outcome = try CLI.run(["list", "--cases", "compression.*"])
        #expect(outcome.status == 0)
        let rows = outcome.output.split(separator: "\n").map(String.init).filter { $0.hasPrefix("compression.") }
        #expect(rows.count >= 5)
        let takeover = try #require(rows.first { $0.hasPrefix("compression.round-trip.text-context-takeover ") })
        #expect(takeover.contains(" RFC 7692 §6.2, §7.2.1, §7.2.2 "), "\(takeover)")
        for row in rows { #expect(row.contains(" MUST ") || row.contains(" SHOULD "), "\(row)") }
    }
}
