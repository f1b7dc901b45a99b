import Foundation

/// A report backend (swift-log's API/backend split): renders one report in one format. Every
/// kind of report — a conformance run, a fuzz campaign — has its backends behind this one
/// protocol, so a new kind of report needs renderers only, never another writer. Backends are
/// pure renderers; `ReportWriter` puts their output on disk atomically.
public protocol Reporter<Report>: Sendable {
    /// The kind of report it renders (`RunReport`, `FuzzReport`).
    associatedtype Report
    /// The format it writes.
    var format: ReportFormat { get }
    /// The file name inside the report directory.
    var fileName: String { get }
    /// The rendered report.
    func render(_ report: Report) throws -> Data
}
