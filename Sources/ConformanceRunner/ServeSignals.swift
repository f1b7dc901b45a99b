import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// Blocks until SIGINT or SIGTERM, so `serve` stops cleanly when a test kills it by PID.
enum ServeSignals {
    static func waitForTermination() {
        let done = DispatchSemaphore(value: 0)
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
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
