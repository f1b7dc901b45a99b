import Foundation

/// Which backend renders each `--format` for a conformance run: every format has one.
extension ReportWriter where Report == RunReport {
    /// The backends of `formats`, in that order.
    public init(formats: [ReportFormat]) { self.init(reporters: formats.map(Self.reporter(for:))) }

    /// The conformance backend of `format`.
    public static func reporter(for format: ReportFormat) -> any Reporter<RunReport> {
        switch format {
        case .json: return JSONReporter()
        case .html: return HTMLReporter()
        case .junit: return JUnitReporter()
        case .md: return MarkdownReporter()
        case .autobahn: return AutobahnIndexReporter()
        case .openmetrics: return OpenMetricsReporter()
        }
    }
}

/// Which backend renders each `--format` for a fuzz campaign: Autobahn's index lists cases, so
/// a campaign has none for `autobahn`.
extension ReportWriter where Report == FuzzReport {
    /// The backends of `formats`, in that order; formats without a fuzz backend are left out.
    public init(formats: [ReportFormat]) { self.init(reporters: formats.compactMap(Self.reporter(for:))) }

    /// The fuzz backend of `format`, or nil when the format has none.
    public static func reporter(for format: ReportFormat) -> (any Reporter<FuzzReport>)? {
        switch format {
        case .json: return FuzzJSONReporter()
        case .html: return FuzzHTMLReporter()
        case .junit: return FuzzJUnitReporter()
        case .md: return FuzzMarkdownReporter()
        case .openmetrics: return FuzzOpenMetricsReporter()
        case .autobahn: return nil
        }
    }
}
