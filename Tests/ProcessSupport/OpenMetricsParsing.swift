import Foundation

/// A metrics file read by independent parsers: `prometheus_client`'s OpenMetrics parser and
/// its Prometheus text-format (0.0.4) parser, from PyPI (Tests/InteropTests/python/
/// requirements.txt). Both must accept the file and read the same samples.
public enum OpenMetricsParsing {
    public struct Sample: Decodable, Sendable {
        public var name: String
        public var labels: [String: String]
        public var value: Double
    }

    static let script = """
        import json, sys
        from prometheus_client.parser import text_string_to_metric_families as prometheus
        from prometheus_client.openmetrics.parser import text_string_to_metric_families as openmetrics
        text = open(sys.argv[1], encoding="utf-8").read()
        def samples(families):
            found = [{"name": s.name, "labels": dict(s.labels), "value": s.value} for f in families for s in f.samples]
            return sorted(found, key=lambda s: json.dumps(s, sort_keys=True))
        strict = samples(openmetrics(text))
        lenient = samples(prometheus(text))
        if strict != lenient:
            sys.exit("the two parsers read different samples")
        print(json.dumps(strict))
        """

    /// The samples of the file at `path`; throws with the parsers' complaint when either
    /// rejects it or they disagree.
    public static func samples(_ path: String) throws -> [Sample] {
        try Tools.requirePython()
        let process = try Subprocess(Tools.python, ["-c", script, path])
        defer { process.stop() }
        guard let status = process.waitForExit(timeout: 60) else { throw SetupError("the metrics parsers did not finish") }
        let printed = process.printed
        guard status == 0, let line = printed.split(separator: "\n").last else {
            throw SetupError("the metrics parsers rejected \(path): \(printed)")
        }
        return try JSONDecoder().decode([Sample].self, from: Data(line.utf8))
    }
}

extension [OpenMetricsParsing.Sample] {
    /// The sum of the samples of `name` whose labels include `labels`.
    public func sum(_ name: String, _ labels: [String: String] = [:]) -> Double {
        filter { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }.map(\.value).reduce(0, +)
    }
}
