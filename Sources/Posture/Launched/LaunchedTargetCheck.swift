import Cases
import Platform

/// The checks only a target wsconform launched itself (`--exec`) allows: its memory and
/// descriptors from `/proc` while the cases run, what a connection costs it and whether closed
/// ones leak, and, last, its shutdown on SIGTERM with connections open.
public enum LaunchedTargetCheck {
    /// Every measurement id of a launched target, in report order.
    public static let ids = ["process.peak-resident-octets"] + ConnectionCostProbe.ids + ShutdownProbe.ids

    /// Started with the target, before its cases: the sampler behind the peak.
    public struct Running: Sendable {
        let sampler: ResourceSampler?
        let process: TargetProcess
    }

    /// Starts sampling the launched `process`.
    public static func start(_ process: TargetProcess) -> Running {
        Running(sampler: process.processID.map { ResourceSampler(group: $0) }, process: process)
    }
}

extension LaunchedTargetCheck.Running {
    /// After the cases: the peak, the connection costs, then the shutdown, which stops the
    /// target; the measurements and how the process ended.
    public func finish(_ context: PostureContext, grace: Duration) -> ([Measurement], TargetExit?) {
        let (peak, samples) = sampler?.stop() ?? (nil, 0)
        let id = "process.peak-resident-octets"
        let title = "Peak resident memory during the run"
        var measurements: [Measurement] = [
            peak.map {
                Measurement(
                    id: id, title: title, value: Double($0.residentOctets), unit: .octets,
                    observed: "\(ConnectionCostProbe.size($0.residentOctets)) in \($0.processes) process\($0.processes == 1 ? "" : "es"), \($0.descriptors) descriptors; \(samples) sample\(samples == 1 ? "" : "s") every \(Int(sampler?.interval.roundedMilliseconds ?? 0)) ms",
                    advice: "the most the target held while the cases ran, sampled from /proc")
            } ?? .notMeasured(id: id, title: title, unit: .octets, advice: ConnectionCostProbe.noProc)
        ]
        if let group = process.processID, process.status == .running {
            measurements += ConnectionCostProbe.run(context, group: group)
        } else {
            let why = "the target was no longer running after the cases"
            measurements += ConnectionCostProbe.ids.map { Measurement.notMeasured(id: $0, title: $0, unit: .octets, advice: why) }
        }
        let (shutdown, exit) = ShutdownProbe.run(context, process: process, grace: grace)
        return (measurements + shutdown, exit)
    }
}
