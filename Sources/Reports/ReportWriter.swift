import Foundation
import Platform

/// Writes one report into a directory in each of its backends' formats, each file atomically
/// and durably (`AtomicFile`: a temporary file, `fsync`, rename, the directory `fsync`ed, the
/// same writer the corpus uses), so a crash or a run killed mid-write never leaves a
/// half-written report. The one way every kind of report reaches the disk.
public struct ReportWriter<Report>: Sendable {
    /// The backends, in the order their files are written.
    public var reporters: [any Reporter<Report>]

    /// A writer for these backends.
    public init(reporters: [any Reporter<Report>]) { self.reporters = reporters }

    /// Writes every backend's rendering of `report` into `directory` (created if needed), in
    /// backend order; returns the paths written.
    @discardableResult
    public func write(_ report: Report, to directory: URL) throws -> [URL] {
        try AtomicFile.ensureDirectory(directory)
        return try reporters.map { reporter in
            let url = directory.appendingPathComponent(reporter.fileName)
            try AtomicFile.write(try reporter.render(report), to: url)
            return url
        }
    }
}
