import Cases
import Foundation
import Platform
import Synchronization

/// Runs many cases against one target on `jobs` threads of their own (blocking I/O never
/// runs on Swift's cooperative pool). Results come back in catalogue order, the same as a
/// sequential run apart from timings, each compacted (`CaseResult.compacted`); `progress`
/// sees each whole.
public struct CatalogueRunner: Sendable {
    public let runner: CaseRunner
    public let jobs: Int
    /// How many more times a judged case that did not pass is run, to tell a timing-dependent
    /// verdict from a steady one (`--confirm`); 0: never.
    public var confirmations = 0
    /// The most cases confirmed in one run: against a target failing hundreds, the first ones.
    public var maxConfirmed = 64

    /// A sensible default: cases mostly wait on the network, so several per core.
    public static var defaultJobs: Int { max(8, ProcessInfo.processInfo.activeProcessorCount * 8) }

    public init(runner: CaseRunner, jobs: Int = CatalogueRunner.defaultJobs) {
        self.runner = runner
        self.jobs = max(1, jobs)
    }

    /// Size above which a case is heavy: at most two heavy cases run at once, so that 4–16 MiB
    /// frames never pile up in memory, and a target is never flooded with several multi-MiB
    /// messages at once (a single-threaded server would then time out everyone's handshakes).
    static let heavyThreshold = 2 << 20

    /// Runs `cases`; `progress` is called (from worker threads) after each one.
    public func run(_ cases: [TestCase], progress: @escaping @Sendable (CaseResult) -> Void = { _ in }) -> [CaseResult] {
        run(cases, stop: { false }, progress: progress).map { $0! }
    }

    /// Runs `cases` until `stop` says so (Ctrl-C): no case starts after that, the running ones
    /// finish within their own deadlines. Cases that never started are nil.
    ///
    /// With `health`, a target that stops answering holds the workers while it is checked again;
    /// once it is gone no case starts (those left are nil), and when it came back, the cases
    /// that could not reach it meanwhile, and any that did not pass (they may have met the
    /// outage), run once more.
    ///
    /// A judged case that did not pass runs `confirmations` more times right after its first
    /// run, on the same worker, while the others go on (see `Confirmations`).
    public func run(
        _ cases: [TestCase], stop: @escaping @Sendable () -> Bool, health: TargetHealth? = nil,
        progress: @escaping @Sendable (CaseResult) -> Void
    ) -> [CaseResult?] {
        let confirming = Confirmations(runs: confirmations, limit: maxConfirmed)
        var results = runOnce(cases, Array(cases.indices), stop: stop, health: health, confirming: confirming, progress: progress)
        if let health {
            let recovered = health.recovered
            let missed = results.indices.filter { index in
                guard let result = results[index] else { return false }
                return TargetHealth.lostTarget(result) || (recovered && !result.passes(strict: true))
            }
            if !missed.isEmpty, health.gone == nil, !stop() {
                // Verdicts seen during the outage say nothing about timing.
                confirming.forget(missed)
                let again = runOnce(cases, missed, stop: stop, health: health, confirming: confirming, progress: { _ in })
                for index in missed where again[index] != nil { results[index] = again[index] }
            }
        }
        confirming.apply(to: &results)
        return results
    }

    /// Runs the cases at `indices` of `cases`; the result of each is at its index (the others
    /// nil).
    private func runOnce(
        _ cases: [TestCase], _ indices: [Int], stop: @escaping @Sendable () -> Bool, health: TargetHealth?,
        confirming: Confirmations, progress: @escaping @Sendable (CaseResult) -> Void
    ) -> [CaseResult?] {
        let results = Mutex<[CaseResult?]>(Array(repeating: nil, count: cases.count))
        // Where each stream of compressed messages first appears: its cases all go there.
        var firstOfStream: [EchoStream: Int] = [:]
        for index in indices {
            if let stream = Self.echoStream(of: cases[index]), firstOfStream[stream] == nil { firstOfStream[stream] = index }
        }
        let next = Atomic<Int>(0)
        // Cases that must wait (pauses, fail-fast checkpoints) start first, so they overlap
        // with everything else instead of ending the run alone (and their confirmations too);
        // results keep catalogue order. Heavy cases come next: they run at most two at a time,
        // so they are the long pole, but a worker waiting for a heavy slot must not keep a
        // waiting case from starting.
        // Cases that send the same compressed messages run side by side, so that one
        // compression serves them all (`CompressedMessageCache`); otherwise catalogue order.
        let order = indices.sorted {
            let (a, b) = (cases[$0], cases[$1])
            let (waitA, waitB) = (Self.waiting(in: a), Self.waiting(in: b))
            if waitA != waitB { return waitA > waitB }
            let (heavyA, heavyB) = (Self.weight(of: a) > Self.heavyThreshold, Self.weight(of: b) > Self.heavyThreshold)
            if heavyA != heavyB { return heavyA }
            let (streamA, streamB) = (Self.echoStream(of: a), Self.echoStream(of: b))
            if streamA != streamB { return (streamA.map { firstOfStream[$0]! } ?? $0) < (streamB.map { firstOfStream[$0]! } ?? $1) }
            return $0 < $1
        }
        let heavy = DispatchSemaphore(value: 2)
        let trimming = MallocArenas.Throttle(interval: .milliseconds(500))
        /// One run of a case: heavy ones two at a time, then what it freed goes back to the
        /// system, at most twice a second (without it the heaps keep every burst's high-water
        /// mark), and the target's health learns of it.
        let runCase = { @Sendable [runner] (testCase: TestCase) -> CaseResult in
            let isHeavy = Self.weight(of: testCase) > Self.heavyThreshold
            if isHeavy { heavy.wait() }
            let result = runner.run(testCase)
            if isHeavy { heavy.signal() }
            trimming.releaseFreed()
            health?.record(result)
            return result
        }
        let group = DispatchGroup()
        for worker in 0..<min(jobs, max(1, order.count)) {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                while !stop() {
                    let position = next.add(1, ordering: .relaxed).oldValue
                    guard position < order.count else { return }
                    let index = order[position]
                    let testCase = cases[index]
                    if let health, !health.admit() { return }
                    let result = runCase(testCase)
                    progress(result)
                    // Kept until the run ends, so only what its reports show.
                    results.withLock { $0[index] = result.compacted() }
                    guard confirming.admits(index, result) else { continue }
                    for _ in 0..<confirming.runs where !stop() {
                        if let health, !health.admit() { return }
                        confirming.record(index, runCase(testCase))
                    }
                }
            }
            thread.name = "wsconform-case-\(worker)"
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        CompressedMessageCache.shared.removeAll()
        MallocArenas.releaseFreed()
        return results.withLock { $0 }
    }

    /// The messages a compressed-echo case sends: its corpus and message size.
    struct EchoStream: Hashable {
        var corpus: String
        var size: Int
    }

    /// The stream of compressed messages of a case with an `echoCompressed` step.
    static func echoStream(of testCase: TestCase) -> EchoStream? {
        for step in testCase.steps {
            if case .echoCompressed(_, let corpus, let size, _, _, _) = step { return EchoStream(corpus: corpus.id, size: size) }
        }
        return nil
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

    /// The largest frame or message a case sends: its cost in memory (frames are encoded
    /// whole) and to the target (messages are reassembled whole).
    static func weight(of testCase: TestCase) -> Int {
        var largest = 0
        for step in testCase.steps {
            switch step {
            case .send(let frames, _): largest = max(largest, frames.map(\.payload.count).max() ?? 0)
            case .sendRaw(let bytes, _): largest = max(largest, bytes.count)
            case .sendCompressed(_, let payload, _): largest = max(largest, payload.count)
            case .roundTrips(let frame, _): largest = max(largest, frame.payload.count)
            case .echoCompressed(_, _, let size, _, _, let window): largest = max(largest, size * max(1, window))
            case .sendMessage(_, let payload, _, _): largest = max(largest, payload.count)
            case .startClose(let frame): largest = max(largest, frame.payload.count)
            case .pause, .checkpoint, .awaitEvents: break
            }
        }
        return largest
    }
}
