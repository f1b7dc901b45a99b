import Foundation
import Reports

/// Writes the run's reports in the chosen formats into the report directory.
struct ReportOutput {
    let settings: RunSettings

    /// The writer of each format.
    static func reporter(for format: ReportFormat) -> any Reporter {
        switch format {
        case .json: return JSONReporter()
        case .html: return HTMLReporter()
        case .junit: return JUnitReporter()
        case .md: return MarkdownReporter()
        case .autobahn: return AutobahnIndexReporter()
        }
    }

    /// Writes the reports and prints their paths; returns an error text when they could not be written.
    func write(_ report: RunReport) -> String? {
        let stamp = report.startedAt.replacingOccurrences(of: ":", with: "-")
        let directory = URL(fileURLWithPath: settings.reportDirectory ?? "reports/" + stamp)
        do {
            let written = try ReportWriter(reporters: settings.formats.map(Self.reporter(for:))).write(report, to: directory)
            for file in written { say("report: \(file.path)") }
            return nil
        } catch {
            return "cannot write the report into \(directory.path): \(error.localizedDescription)"
        }
    }
}
