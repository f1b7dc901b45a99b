import Foundation
import PerMessageDeflate
import Platform
import Synchronization
import Transport
import Wire

/// One thread's share of a load run's connections, on one event loop (`EventPoll`): it sends
/// each connection's messages on schedule (or the next as soon as an echo is back), reads what
/// is ready, checks every echo, answers pings, and in the close phase lets the echoes in
/// flight come back, then runs each closing handshake. Nothing here blocks on one connection
/// longer than a write's deadline.
final class LoadWorker: @unchecked Sendable {
    // @unchecked: the worker's own state is touched only by its thread; `inbox` is locked.
    let plan: LoadPlan
    let pool: PayloadPool
    let start: ContinuousClock.Instant
    let holdEnd: ContinuousClock.Instant
    let closeEnd: ContinuousClock.Instant
    let counters: LoadCounters
    private let poll: EventPoll
    private let inbox = Mutex<(connections: [LoadConnection], openersDone: Bool)>(([], false))
    private var connections: [Int: LoadConnection] = [:]
    private var schedule = SendSchedule()
    private(set) var stats = LoadStats()
    private var closing = false
    /// One channel per answer to the offer: contexts start fresh both ways, so every
    /// connection with that answer can share it (one thread uses it).
    private var channels: [String: DeflateChannel] = [:]
    private let done = DispatchSemaphore(value: 0)

    init(plan: LoadPlan, pool: PayloadPool, start: ContinuousClock.Instant, counters: LoadCounters) throws(SocketCallError) {
        self.plan = plan
        self.pool = pool
        self.start = start
        holdEnd = start + plan.ramp + plan.hold
        closeEnd = holdEnd + plan.closeWithin
        self.counters = counters
        poll = try EventPoll(capacity: 512)
    }

    /// Hands an upgraded connection over (from an opener thread).
    func adopt(_ connection: LoadConnection) { inbox.withLock { $0.connections.append(connection) } }

    /// No more connections will come.
    func openersFinished() { inbox.withLock { $0.openersDone = true } }

    func startThread(_ number: Int) {
        let thread = Thread { [self] in
            run()
            done.signal()
        }
        thread.name = "wsconform-load-\(number)"
        thread.start()
    }

    /// Waits for the thread; its counts.
    func join() -> LoadStats {
        done.wait()
        return stats
    }

    private var second: Int { LoadStats.second(ContinuousClock.now - start) }

    private func run() {
        var lastScan = ContinuousClock.now
        while true {
            let now = ContinuousClock.now
            let (arrived, openersDone) = inbox.withLock { state in
                defer { state.connections = [] }
                return (state.connections, state.openersDone)
            }
            for connection in arrived { welcome(connection, now: now) }
            if !closing, now >= holdEnd || counters.stop.load(ordering: .relaxed) { beginClosing(now: now) }
            if closing, connections.isEmpty, openersDone { break }
            if now >= closeEnd {
                for connection in Array(connections.values) { drop(connection, error: "close-timeout") }
                if openersDone { break }
            }
            sendDue(now: now)
            if now - lastScan >= .milliseconds(100) {
                lastScan = now
                scanForTimeouts(now: now)
            }
            var wait = Duration.milliseconds(20)
            if let next = schedule.earliest, !closing { wait = min(wait, max(.zero, next - now)) }
            for token in poll.wait(timeout: wait) {
                guard let connection = connections[Int(token)] else { continue }
                service(connection)
            }
        }
    }

    private func welcome(_ connection: LoadConnection, now: ContinuousClock.Instant) {
        do {
            try poll.add(connection.descriptor, token: UInt64(connection.index))
        } catch {
            stats.error("event-loop", at: second)
            connection.connection.close(abortive: true)
            counters.open.subtract(1, ordering: .relaxed)
            return
        }
        connections[connection.index] = connection
        if let answer = connection.agreedDeflate {
            guard let channel = channel(for: answer) else { return drop(connection, error: "deflate-negotiation") }
            connection.use(channel)
        }
        if !connection.unread.isEmpty {
            for event in connection.absorb(connection.unread, pool: pool, now: now) where connections[connection.index] != nil {
                handle(event, on: connection, now: now)
            }
            connection.unread = []
            guard connections[connection.index] != nil else { return }
        }
        if closing { return close(connection, now: now) }
        if plan.rate > 0 {
            schedule.schedule(connection.index, at: connection.nextSend)
        } else {
            for _ in 0..<plan.inFlight { send(connection, now: now) }
        }
    }

    private func channel(for answer: String) -> DeflateChannel? {
        if let channel = channels[answer] { return channel }
        let channel = try? DeflateChannel.client(offered: [LoadPlan.deflateOffer], response: [answer])
        channels[answer] = channel
        return channel
    }

    private func sendDue(now: ContinuousClock.Instant) {
        guard plan.rate > 0, !closing else { return }
        let interval = Duration.seconds(1 / plan.rate)
        while let index = schedule.popDue(now) {
            guard let connection = connections[index] else { continue }
            // A connection whose echoes lag keeps its schedule; the message waits for room.
            if connection.inFlight < plan.inFlight { send(connection, now: now) }
            connection.nextSend = max(connection.nextSend + interval, now - interval * 4)
            schedule.schedule(index, at: connection.nextSend)
        }
    }

    private func send(_ connection: LoadConnection, now: ContinuousClock.Instant) {
        let octets = connection.nextMessage(pool: pool, plan: plan, now: now)
        switch (try? connection.connection.write(octets, deadline: .after(.seconds(5)))) ?? .timedOut(written: 0) {
        case .written:
            stats.sent(octets.count, at: second)
        case .timedOut:
            drop(connection, error: "write-timeout")
        case .peerClosed:
            drop(connection, error: "reset")
        }
    }

    /// Reads everything ready (TLS may hold decrypted octets the socket no longer signals).
    private func service(_ connection: LoadConnection) {
        for _ in 0..<64 {
            let outcome = (try? connection.connection.read(maxBytes: 256 << 10, deadline: .after(.zero))) ?? .reset
            switch outcome {
            case .bytes(let octets):
                let now = ContinuousClock.now
                for event in connection.absorb(octets, pool: pool, now: now) {
                    guard connections[connection.index] != nil else { return }
                    handle(event, on: connection, now: now)
                }
                // Finished by what it read (its closing handshake done, or dropped).
                guard connections[connection.index] != nil else { return }
            case .timedOut:
                return
            case .endOfStream:
                return drop(connection, error: connection.closeSent != nil ? "closed-without-close" : "closed-by-server")
            case .reset:
                return drop(connection, error: "reset")
            }
        }
    }

    private func handle(_ event: LoadConnection.Event, on connection: LoadConnection, now: ContinuousClock.Instant) {
        switch event {
        case .echoed(let latency):
            stats.echo(latency, at: second)
            counters.echoes.add(1, ordering: .relaxed)
            if closing {
                if connection.inFlight == 0, connection.closeSent == nil { close(connection, now: now) }
            } else if plan.rate == 0 {
                send(connection, now: now)
            }
        case .wrongEcho(let why):
            drop(connection, error: "wrong-echo", detail: why)
        case .violation(let why):
            drop(connection, error: "protocol-violation", detail: why)
        case .ping(let payload):
            _ = try? connection.connection.write(connection.frame(.pong, payload), deadline: .after(.seconds(1)))
        case .serverClosed(let code):
            if connection.closeSent != nil {
                if code == 1000 { stats.closedCleanly += 1 } else { stats.error("close-\(code.map(String.init) ?? "without-code")", at: second) }
                finish(connection)
            } else {
                // The server ended a connection in the middle of the run.
                _ = try? connection.connection.write(connection.frame(.close, code.map { ClosePayload(code: CloseCode(rawValue: $0)).encoded() } ?? []), deadline: .after(.milliseconds(200)))
                drop(connection, error: "server-close-\(code.map(String.init) ?? "without-code")")
            }
        case .ended(let why):
            drop(connection, error: why)
        }
    }

    private func beginClosing(now: ContinuousClock.Instant) {
        closing = true
        for connection in Array(connections.values) where connection.inFlight == 0 { close(connection, now: now) }
    }

    /// Sends our Close (1000); the connection ends when the server's comes back.
    private func close(_ connection: LoadConnection, now: ContinuousClock.Instant) {
        connection.closeSent = now
        let octets = connection.frame(.close, ClosePayload(code: .normalClosure).encoded())
        if case .written = (try? connection.connection.write(octets, deadline: .after(.seconds(1)))) ?? .timedOut(written: 0) { return }
        drop(connection, error: "reset")
    }

    private func scanForTimeouts(now: ContinuousClock.Instant) {
        for connection in Array(connections.values) {
            if let oldest = connection.oldestFlight, now - oldest > plan.echoTimeout { drop(connection, error: "echo-timeout") }
        }
    }

    private func drop(_ connection: LoadConnection, error: String, detail: String? = nil) {
        stats.error(error, at: second, detail: detail.map { "connection \(connection.index): \($0)" })
        counters.errors.add(1, ordering: .relaxed)
        finish(connection, abortive: true)
    }

    private func finish(_ connection: LoadConnection, abortive: Bool = false) {
        guard connections.removeValue(forKey: connection.index) != nil else { return }
        poll.remove(connection.descriptor)
        connection.connection.close(abortive: abortive)
        counters.open.subtract(1, ordering: .relaxed)
    }
}
