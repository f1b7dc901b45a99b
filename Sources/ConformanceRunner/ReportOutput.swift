import Foundation
import Reports

/// Writes the run's reports in the chosen formats into the report directory.
struct ReportOutput {
    let settings: RunSettings

    /// Writes the reports and prints their paths; returns an error text when they could not be written.
    func write(_ report: RunReport) -> String? {
        let stamp = report.startedAt.replacingOccurrences(of: ":", with: "-")
        let directory = URL(fileURLWithPath: settings.reportDirectory ?? "reports/" + stamp)
        do {
            let written = try ReportWriter<RunReport>(formats: settings.formats).write(report, to: directory)
            for file in written { say("report: \(file.path)") }
            return nil
        } catch {
            return "cannot write the report into \(directory.path): \(error.localizedDescription)"
        }
    }
}
