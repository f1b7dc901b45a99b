import Foundation
import Platform
import Synchronization

/// Samples a launched target's resident memory and descriptors every `interval` while the run
/// goes on, keeping only the peak and a count (bounded whatever the run's length), for
/// `process.peak-resident-octets`.
public final class ResourceSampler: Sendable {
    private struct State {
        var peak: ProcessGroupSample?
        var samples = 0
        var stopped = false
    }

    private let state = Mutex(State())
    private let done = DispatchSemaphore(value: 0)
    public let interval: Duration

    /// Starts sampling the group `group` on a thread of its own.
    public init(group: Int32, interval: Duration = .milliseconds(100)) {
        self.interval = interval
        let thread = Thread { [self] in
            while !state.withLock({ $0.stopped }) {
                if let sample = ProcessGroupSample.take(group: group) {
                    state.withLock { state in
                        state.samples += 1
                        if sample.residentOctets > state.peak?.residentOctets ?? -1 { state.peak = sample }
                    }
                }
                Syscall.pause(interval)
            }
            done.signal()
        }
        thread.name = "wsconform-sampler"
        thread.start()
    }

    /// Stops sampling; the largest sample and how many were taken.
    public func stop() -> (peak: ProcessGroupSample?, samples: Int) {
        state.withLock { $0.stopped = true }
        done.wait()
        return state.withLock { ($0.peak, $0.samples) }
    }
}
