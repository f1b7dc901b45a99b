import Cases
import Foundation
import Synchronization

/// Runs many cases against one target on `jobs` threads of their own (blocking I/O never
/// runs on Swift's cooperative pool). Results come back in catalogue order, the same as a
/// sequential run apart from timings.
public struct CatalogueRunner: Sendable {
    public let runner: CaseRunner
    public let jobs: Int

    /// A sensible default: cases mostly wait on the network, so several per core.
    public static var defaultJobs: Int { max(8, ProcessInfo.processInfo.activeProcessorCount * 8) }

    public init(runner: CaseRunner, jobs: Int = CatalogueRunner.defaultJobs) {
        self.runner = runner
        self.jobs = max(1, jobs)
    }

    /// Frame size above which a case runs alone among the heavy ones, so that several
    /// 4–16 MiB frames (each encoded once, masked, and echoed) never sit in memory at once.
    static let heavyThreshold = 2 << 20

    /// Runs `cases`; `progress` is called (from worker threads) after each one.
    public func run(_ cases: [TestCase], progress: @escaping @Sendable (CaseResult) -> Void = { _ in }) -> [CaseResult] {
        let results = Mutex<[CaseResult?]>(Array(repeating: nil, count: cases.count))
        let next = Atomic<Int>(0)
        // Cases that must wait (pauses, fail-fast checkpoints) start first, so they overlap
        // with everything else instead of ending the run alone; results keep catalogue order.
        let order = cases.indices.sorted { Self.waiting(in: cases[$0]) > Self.waiting(in: cases[$1]) }
        let heavy = DispatchSemaphore(value: 1)
        let group = DispatchGroup()
        for worker in 0..<min(jobs, max(1, cases.count)) {
            group.enter()
            let thread = Thread { [runner] in
                defer { group.leave() }
                while true {
                    let position = next.add(1, ordering: .relaxed).oldValue
                    guard position < cases.count else { return }
                    let index = order[position]
                    let testCase = cases[index]
                    let isHeavy = Self.weight(of: testCase) > Self.heavyThreshold
                    if isHeavy { heavy.wait() }
                    let result = runner.run(testCase)
                    if isHeavy { heavy.signal() }
                    results.withLock { $0[index] = result }
                    progress(result)
                }
            }
            thread.name = "wsconform-case-\(worker)"
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        return results.withLock { $0.map { $0! } }
    }

    /// How long a case waits on purpose (pauses and checkpoints), whatever the server does.
    static func waiting(in testCase: TestCase) -> Duration {
        testCase.steps.reduce(.zero) { total, step in
            switch step {
            case .pause(let duration): return total + duration
            case .checkpoint(_, let timeout): return total + timeout
            default: return total
            }
        }
    }

    /// Octets a case holds in memory at its largest: the biggest frame it encodes (a message
    /// sent by `.sendMessage` is produced fragment by fragment, and echoes are compared by
    /// digest, so neither is held whole).
    static func weight(of testCase: TestCase) -> Int {
        var largest = 0
        for step in testCase.steps {
            switch step {
            case .send(let frames, _): largest = max(largest, frames.map(\.payload.count).max() ?? 0)
            case .sendRaw(let bytes, _): largest = max(largest, bytes.count)
            case .roundTrips(let frame, _): largest = max(largest, frame.payload.count)
            case .sendMessage(_, let payload, let size, _): largest = max(largest, min(size, payload.count))
            case .startClose(let frame): largest = max(largest, frame.payload.count)
            case .pause, .checkpoint, .awaitEvents: break
            }
        }
        return largest
    }
}
