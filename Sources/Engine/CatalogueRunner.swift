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
    public static var defaultJobs: Int { max(4, ProcessInfo.processInfo.activeProcessorCount * 4) }

    public init(runner: CaseRunner, jobs: Int = CatalogueRunner.defaultJobs) {
        self.runner = runner
        self.jobs = max(1, jobs)
    }

    /// Octets a case sends or expects above which it runs alone among the heavy ones, so
    /// that several 16 MiB cases never hold memory at once.
    static let heavyThreshold = 1 << 20

    /// Runs `cases`; `progress` is called (from worker threads) after each one.
    public func run(_ cases: [TestCase], progress: @escaping @Sendable (CaseResult) -> Void = { _ in }) -> [CaseResult] {
        let results = Mutex<[CaseResult?]>(Array(repeating: nil, count: cases.count))
        let next = Atomic<Int>(0)
        let heavy = DispatchSemaphore(value: 1)
        let group = DispatchGroup()
        for worker in 0..<min(jobs, max(1, cases.count)) {
            group.enter()
            let thread = Thread { [runner] in
                defer { group.leave() }
                while true {
                    let index = next.add(1, ordering: .relaxed).oldValue
                    guard index < cases.count else { return }
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

    /// Octets a case sends plus octets it expects back.
    static func weight(of testCase: TestCase) -> Int {
        var total = 0
        for step in testCase.steps {
            switch step {
            case .send(let frames, _): total += frames.reduce(0) { $0 + $1.payload.count }
            case .sendRaw(let bytes, _): total += bytes.count
            case .roundTrips(let frame, let count): total += frame.payload.count * count
            default: break
            }
        }
        for outcome in testCase.expectation.outcomes {
            for case .message(_, let payload) in outcome.events { total += payload.count }
        }
        return total
    }
}
