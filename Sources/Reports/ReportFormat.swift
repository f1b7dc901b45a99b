/// The formats one run can write; a run writes all of them unless told otherwise.
public enum ReportFormat: String, Hashable, Sendable, CaseIterable, Codable {
    /// Machine-readable results with a versioned schema.
    case json
    /// One self-contained page for people, to attach to a ticket.
    case html
    /// JUnit XML, for the test views of CI systems.
    case junit
    /// A Markdown summary to paste into a release ticket.
    case md
}
