import Client
import Engine
import Foundation
import PerMessageDeflate
import Platform
import Synchronization
import Transport
import Wire

/// One load run: the ramp (openers dial and upgrade each connection at its time, then hand it
/// to a worker), the hold, the close phase; a progress callback once a second; the merged
/// counts at the end. Bounded in time: it ends by `ramp + hold + closeWithin` plus one
/// handshake deadline, whatever the target does.
public enum LoadRun {
    /// What a run measured.
    public struct Result: Sendable {
        public var stats: LoadStats
        /// Connections open at each second of the run (this shard's).
        public var heldPerSecond: [Int]
        public var duration: Duration
        /// The descriptor limit in force (raised when it could be).
        public var descriptorLimit: Int
    }

    /// A snapshot for the progress line.
    public struct Progress: Sendable {
        public var elapsed: Duration
        public var open: Int
        public var echoes: Int
        public var errors: Int
    }

    public static func run(
        _ target: TargetURL, options: RunOptions, plan: LoadPlan, stop: @escaping @Sendable () -> Bool = { false },
        progress: @escaping @Sendable (Progress) -> Void = { _ in }
    ) throws(SocketCallError) -> Result {
        let indices = plan.shardConnections
        // Each connection is a descriptor; the run needs a few more of its own.
        let limit = Syscall.raiseDescriptorLimit(to: indices.count + 64)
        let counters = LoadCounters()
        let pool = PayloadPool(largest: plan.largestMessage)
        let start = ContinuousClock.now
        let workers = try (0..<max(1, plan.workers)).map { _ throws(SocketCallError) in
            try LoadWorker(plan: plan, pool: pool, start: start, counters: counters)
        }
        for (number, worker) in workers.enumerated() { worker.startThread(number) }
        let queue = Mutex(indices[...])
        let openerStats = Mutex(LoadStats())
        let openersDone = DispatchGroup()
        let rampEnd = start + plan.ramp
        for number in 0..<max(1, min(plan.openers, indices.count)) {
            openersDone.enter()
            let thread = Thread {
                var stats = LoadStats()
                while let index = queue.withLock({ $0.popFirst() }), !counters.stop.load(ordering: .relaxed), ContinuousClock.now < rampEnd + plan.hold {
                    let due = start + plan.ramp * (Double(index) / Double(max(1, plan.connections)))
                    if due > ContinuousClock.now { Syscall.pause(due - ContinuousClock.now) }
                    // A fresh request each time: its own key and trace id.
                    let request = options.standardRequest(
                        for: target, extensions: plan.deflate ? [LoadPlan.deflateOffer] : [], userAgent: "wsconform-load"
                    ).serialized()
                    if let connection = open(index, target, options: options, request: request, plan: plan, stats: &stats, start: start) {
                        counters.open.add(1, ordering: .relaxed)
                        workers[index % workers.count].adopt(connection)
                    } else {
                        counters.errors.add(1, ordering: .relaxed)
                    }
                }
                openerStats.withLock { $0.merge(stats) }
                openersDone.leave()
            }
            thread.name = "wsconform-load-open-\(number)"
            thread.stackSize = 1 << 20
            thread.start()
        }
        // Once a second: connections held, and the progress line.
        var held: [Int] = []
        let end = start + plan.ramp + plan.hold + plan.closeWithin + plan.handshakeTimeout + .seconds(1)
        var finished = false
        while !finished {
            let next = start + .seconds(held.count + 1)
            while ContinuousClock.now < next {
                if stop() { counters.stop.store(true, ordering: .relaxed) }
                Syscall.pause(min(.milliseconds(50), max(.zero, next - ContinuousClock.now)))
            }
            held.append(counters.open.load(ordering: .relaxed))
            progress(
                Progress(
                    elapsed: ContinuousClock.now - start, open: held.last ?? 0, echoes: counters.echoes.load(ordering: .relaxed),
                    errors: counters.errors.load(ordering: .relaxed)))
            finished = openersDone.wait(timeout: .now()) == .success && counters.open.load(ordering: .relaxed) == 0
                && ContinuousClock.now >= start + plan.ramp + plan.hold
            if ContinuousClock.now > end { finished = true }
        }
        openersDone.wait()
        for worker in workers { worker.openersFinished() }
        var stats = openerStats.withLock { $0 }
        // Connections whose turn never came (the hold ended first, or the run was stopped).
        let untried = queue.withLock { $0.count }
        if untried > 0 { stats.errors["not-opened", default: 0] += untried }
        for worker in workers { stats.merge(worker.join()) }
        return Result(stats: stats, heldPerSecond: held, duration: ContinuousClock.now - start, descriptorLimit: limit)
    }

    /// Dials and upgrades connection `index`; nil (the error counted) when it fails.
    static func open(
        _ index: Int, _ target: TargetURL, options: RunOptions, request: [UInt8], plan: LoadPlan, stats: inout LoadStats,
        start: ContinuousClock.Instant
    ) -> LoadConnection? {
        let began = ContinuousClock.now
        let second = LoadStats.second(began - start)
        let deadline = Deadline.after(plan.handshakeTimeout)
        let client = ClientConnection()
        do {
            try client.dial(target, dialer: options.dialer, deadline: deadline)
        } catch {
            stats.error(Self.kind(of: error), at: second)
            return nil
        }
        let answer: ClientConnection.Received?
        do {
            answer = try client.openingHandshake(request, deadline: deadline)
        } catch {
            client.close(abortive: true)
            stats.error(Self.kind(of: error), at: second)
            return nil
        }
        switch answer {
        case .response(let head, let remainder)? where head.statusCode == 101:
            guard let connection = client.connection, let descriptor = connection.readinessDescriptor else {
                stats.error("connect-error", at: second)
                return nil
            }
            // The answer to the offer, checked as RFC 7692 §7 has a client check it.
            let answer = head.fields.values("Sec-WebSocket-Extensions")
            var agreed: String?
            if plan.deflate {
                do {
                    if try DeflateChannel.clientAgreement(offered: [LoadPlan.deflateOffer], response: answer) != nil {
                        agreed = answer.joined(separator: ", ")
                    }
                } catch {
                    client.close(abortive: true)
                    stats.error("deflate-negotiation", at: second)
                    return nil
                }
            } else if !answer.isEmpty {
                client.close(abortive: true)
                stats.error("unoffered-extension", at: second)
                return nil
            }
            stats.handshake(ContinuousClock.now - began)
            let firstSend = ContinuousClock.now + (plan.rate > 0 ? .seconds(Double(index % 997) / 997 / plan.rate) : .zero)
            let upgraded = LoadConnection(
                index: index, connection: connection, descriptor: descriptor, maxPayload: plan.largestMessage + 4096, firstSend: firstSend)
            upgraded.unread = remainder
            upgraded.agreedDeflate = agreed
            if agreed != nil { stats.compressedConnections += 1 }
            return upgraded
        case .response(let head, _)?:
            stats.error("handshake-status-\(head.statusCode ?? 0)", at: second)
        case .ended(let ending)?:
            stats.error(ending == .fin ? "closed-during-handshake" : "reset", at: second)
        case .unreadableResponse?:
            stats.error("handshake-unreadable", at: second)
        case .timedOut?, .octets?, nil:
            stats.error("timeout", at: second)
        }
        client.close(abortive: true)
        return nil
    }

    /// The error kind of a failed dial: by its errno, or TLS's own account.
    static func kind(of error: ClientError) -> String {
        if error.timedOut { return "timeout" }
        switch error {
        case .socket(let socket): return kind(of: socket)
        case .tls(let tls): return tls.peerReset ? "reset" : tls.socketError.map { kind(of: $0) } ?? "tls-error"
        default: return "connect-error"
        }
    }

    /// The error kind of a failed socket operation, by its errno.
    static func kind(of error: SocketError) -> String {
        switch error.errno {
        case .connectionRefused?: return "refused"
        case .connectionReset?, .brokenPipe?: return "reset"
        case .timedOut?: return "timeout"
        default: return "connect-error"
        }
    }
}
