import Reports

/// Applies `--baseline FILE` to a finished run.
enum BaselineStep {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    static func apply(_ path: String, to report: inout RunReport) -> Result<Void, Problem> {
        .failure(Problem(description: "--baseline \(path): baselines are not read yet"))
    }
}
