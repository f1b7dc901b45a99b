import Foundation
import Platform
import Synchronization
import Transport
import Wire

/// The built-in reference server: a correct, strict RFC 6455 + RFC 7692 echo server (or, with
/// a `Fault`, one that misbehaves in exactly one named way), so that a new user sees a full
/// run without a server of their own, and every catalogue case can be shown to fail.
///
/// One thread accepts; each connection is served by a thread of its own with blocking reads
/// under deadlines, so a slow client never stalls the others.
public final class ReferenceServer: Sendable {
    /// Turns an accepted TCP connection into the stream the server speaks over (TLS, or as is).
    public typealias Upgrade = @Sendable (TCPConnection) throws -> any Connection

    public let configuration: ServerConfiguration
    private let listener: TCPListener
    private let upgrade: Upgrade
    private let onCrash: @Sendable () -> Void
    private let state = Mutex(State())

    private struct State: ~Copyable {
        var connections: [Int: any Connection] = [:]
        var nextID = 0
        var stopped = false
        /// `shutDown` began: no new connections, and each open one is closed with 1001.
        var goingAway = false
        var hung = false
        var crashed = false
        var accepted = 0
    }

    /// Binds `host:port` (port 0 picks a free one). `onCrash` runs for the `crash-on-input`
    /// fault; by default the server stops at once, dropping every connection.
    public init(
        configuration: ServerConfiguration = ServerConfiguration(), host: String = "127.0.0.1", port: UInt16 = 0,
        upgrade: @escaping Upgrade = { $0 }, onCrash: (@Sendable () -> Void)? = nil
    ) throws(SocketError) {
        self.configuration = configuration
        self.listener = try TCPListener(host: host, port: port)
        self.upgrade = upgrade
        self.onCrash = onCrash ?? {}
    }

    /// The port the server listens on.
    public var port: UInt16 { listener.port }
    /// The address it listens on, e.g. "127.0.0.1:9001".
    public var address: String { listener.localAddress.description }
    /// True once the `crash-on-input` fault fired.
    public var hasCrashed: Bool { state.withLock { $0.crashed } }
    /// True once the `hang-on-input` fault fired.
    public var isHung: Bool { state.withLock { $0.hung } }
    /// Connections accepted so far.
    public var acceptedConnections: Int { state.withLock { $0.accepted } }

    /// Starts accepting on a thread of its own; returns at once.
    public func start() {
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "wsconform-accept"
        thread.start()
    }

    /// Stops accepting and closes every open connection.
    public func stop() {
        let open = state.withLock { state -> [any Connection] in
            state.stopped = true
            return Array(state.connections.values)
        }
        listener.close()
        for connection in open { connection.close(abortive: true) }
    }

    /// Shuts down as RFC 6455 §7.4.1 has a server that is going down do it: no new
    /// connections, and a Close with 1001 (going away) on each open one, which then has
    /// `grace` in all to finish the closing handshake; whatever is still open after that is
    /// cut (`stop`). Returns once every connection is gone. Under `drop-on-shutdown` every
    /// connection is cut at once, with no Close.
    public func shutDown(grace: Duration) {
        if configuration.fault == .dropOnShutdown { return stop() }
        // Each connection's thread, waiting in a read, wakes to end of stream and sees why.
        let open = state.withLock { state -> [any Connection] in
            state.goingAway = true
            return Array(state.connections.values)
        }
        for connection in open { connection.shutdownRead() }
        let deadline = ContinuousClock.now + grace
        while ContinuousClock.now < deadline, state.withLock({ !$0.connections.isEmpty }) { Syscall.pause(.milliseconds(10)) }
        stop()
    }

    private var isStopped: Bool { state.withLock { $0.stopped } }
    private var isGoingAway: Bool { state.withLock { $0.goingAway } }

    private func acceptLoop() {
        while !isStopped {
            waitWhileHung()
            guard let tcp = try? listener.accept(deadline: .after(.milliseconds(250))) else { continue }
            if isGoingAway {
                tcp.close(abortive: true)
                continue
            }
            let id = state.withLock { state -> Int? in
                guard !state.stopped else { return nil }
                state.nextID += 1
                state.accepted += 1
                state.connections[state.nextID] = tcp
                return state.nextID
            }
            guard let id else {
                tcp.close(abortive: true)
                break
            }
            let thread = Thread { [self] in serve(tcp, id: id) }
            thread.name = "wsconform-conn-\(id)"
            thread.start()
        }
    }

    /// The `hang-on-input` fault: stop serving until the server is stopped.
    private func waitWhileHung() {
        while state.withLock({ $0.hung && !$0.stopped }) { Syscall.pause(.milliseconds(20)) }
    }

    private func serve(_ tcp: TCPConnection, id: Int) {
        defer { _ = state.withLock { $0.connections.removeValue(forKey: id) } }
        guard let connection = try? upgrade(tcp) else { return tcp.close(abortive: false) }
        state.withLock { state in if !state.stopped { state.connections[id] = connection } }
        guard var session = handshake(connection) else { return }
        ResourceLeak.connectionServed(fault: configuration.fault)
        var heartbeat = Heartbeat(configuration: configuration, now: .now)
        while true {
            waitWhileHung()
            if isGoingAway { return goAway(&session, on: connection) }
            switch (try? connection.read(maxBytes: 256 << 10, deadline: Deadline(heartbeat.nextDeadline))) ?? .reset {
            case .bytes(let bytes):
                heartbeat.heard(at: .now)
                if !perform(session.receive(bytes), on: connection) { return }
            case .timedOut:
                guard ContinuousClock.now >= heartbeat.nextDeadline else { continue }
                guard let octets = heartbeat.due(at: .now) else { return connection.close(abortive: false) }
                if !octets.isEmpty, !perform([.send(octets)], on: connection) { return }
                if heartbeat.peerIsDead { return closeGracefully(connection) }
            case .endOfStream, .reset:
                // `shutDown` ends reading to wake this thread: the server is going away.
                if isGoingAway { return goAway(&session, on: connection) }
                return connection.close(abortive: false)
            }
        }
    }

    /// The server is going down: a Close with 1001 (RFC 6455 §7.4.1), then TCP closed. The
    /// read side is already shut (that is what woke the thread), so the client's Close is not
    /// waited for.
    private func goAway(_ session: inout EchoSession, on connection: any Connection) {
        for action in session.goAway() {
            guard case .send(let octets) = action else { continue }
            _ = try? connection.write(octets, deadline: .after(.seconds(1)))
        }
        connection.shutdownWrite()
        connection.close(abortive: false)
    }

    /// Runs the opening handshake; returns the session with any early frames already consumed,
    /// or nil when the connection is done.
    private func handshake(_ connection: any Connection) -> EchoSession? {
        var handshake = ServerHandshake(configuration: configuration)
        let deadline = Deadline.after(configuration.handshakeTimeout)
        while true {
            guard case .bytes(let bytes) = (try? connection.read(maxBytes: 16 << 10, deadline: deadline)) ?? .reset else {
                connection.close(abortive: false)
                return nil
            }
            switch handshake.receive(bytes) {
            case .needMore:
                continue
            case .reject(let response, _):
                _ = try? connection.write(response, deadline: .after(.seconds(5)))
                closeGracefully(connection)
                return nil
            case .accept(let response, var session, let remainder, _):
                if configuration.fault == .slowHandshake { Syscall.pause(.milliseconds(1200)) }
                guard case .written = (try? connection.write(response, deadline: .after(.seconds(10)))) ?? .timedOut(written: 0) else {
                    connection.close(abortive: false)
                    return nil
                }
                if !remainder.isEmpty, !perform(session.receive(remainder), on: connection) { return nil }
                return session
            }
        }
    }

    /// Performs a session's actions; false when the connection is finished.
    private func perform(_ actions: [SessionAction], on connection: any Connection) -> Bool {
        for action in actions {
            switch action {
            case .send(let bytes) where configuration.fault == .unsynchronisedWriters:
                if !UnsynchronisedWriter.write(bytes, on: connection) {
                    connection.close(abortive: false)
                    return false
                }
            case .send(let bytes):
                guard case .written = (try? connection.write(bytes, deadline: .after(.seconds(60)))) ?? .timedOut(written: 0) else {
                    connection.close(abortive: false)
                    return false
                }
            case .closeTCP:
                closeGracefully(connection)
                return false
            case .dropTCP:
                connection.close(abortive: false)
                return false
            case .crashServer:
                state.withLock { $0.crashed = true }
                onCrash()
                stop()
                return false
            case .hangServer:
                state.withLock { $0.hung = true }
                waitWhileHung()
                return false
            }
        }
        return true
    }

    /// Half-closes, then reads (and discards) until the peer closes or `closeLinger` passes,
    /// so our last frame is not lost to an RST from unread data.
    private func closeGracefully(_ connection: any Connection) {
        connection.shutdownWrite()
        let deadline = Deadline.after(configuration.closeLinger)
        while case .bytes = (try? connection.read(maxBytes: 64 << 10, deadline: deadline)) ?? .reset {}
        connection.close(abortive: false)
    }
}
