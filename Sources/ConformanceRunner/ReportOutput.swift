import Foundation
import Reports

/// Writes the run's reports in the chosen formats into the report directory.
struct ReportOutput {
    let settings: RunSettings

    /// Writes the reports and prints their paths; returns an error text when they could not be written.
    func write(_ report: RunReport) -> String? {
        let directory = directory(startedAt: report.startedAt)
        do {
            let written = try ReportWriter<RunReport>(formats: settings.formats).write(report, to: directory)
            for file in written { say("report: \(file.path)") }
            return nil
        } catch {
            return "cannot write the report into \(directory.path): \(error.localizedDescription)"
        }
    }

    /// The report directory: `--report-dir`, or `reports/<start time>`.
    func directory(startedAt: String) -> URL {
        URL(fileURLWithPath: settings.reportDirectory ?? "reports/" + startedAt.replacingOccurrences(of: ":", with: "-"))
    }
}
