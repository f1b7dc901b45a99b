import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// Blocks until SIGINT or SIGTERM, so `serve` stops cleanly when a test kills it by PID.
enum ServeSignals {
    /// With `ignoringTermination` (the `ignore-sigterm` fault) SIGTERM is ignored and only
    /// SIGINT (or SIGKILL) ends the wait.
    static func waitForTermination(ignoringTermination: Bool = false) {
        let done = DispatchSemaphore(value: 0)
        var sources: [any DispatchSourceSignal] = []
        if ignoringTermination { signal(SIGTERM, SIG_IGN) }
        for number in ignoringTermination ? [SIGINT] : [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { done.signal() }
            source.resume()
            sources.append(source)
        }
        done.wait()
        for source in sources { source.cancel() }
    }
}
