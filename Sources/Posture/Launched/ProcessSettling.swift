import Platform

/// A sample of the launched target once it has settled: after connections open or close, a
/// server frees their resources over a few event-loop turns (a closed socket's descriptor, a
/// garbage collector's sweep), so a single immediate sample would count work in flight as kept.
enum ProcessSettling {
    /// Samples every 50 ms until the descriptor count holds for three samples and resident
    /// memory moves less than 64 KiB across them, or `bound` passes; the last sample, or nil
    /// when `/proc` shows no process of the group.
    static func sample(group: Int32, bound: Duration = .seconds(2)) -> ProcessGroupSample? {
        let deadline = Deadline.after(bound)
        var recent: [ProcessGroupSample] = []
        while true {
            guard let sample = ProcessGroupSample.take(group: group) else { return nil }
            recent = Array((recent + [sample]).suffix(3))
            if recent.count == 3, Set(recent.map(\.descriptors)).count == 1,
                let low = recent.map(\.residentOctets).min(), let high = recent.map(\.residentOctets).max(), high - low < 64 << 10
            {
                return sample
            }
            if deadline.hasPassed { return sample }
            Syscall.pause(.milliseconds(50))
        }
    }
}
