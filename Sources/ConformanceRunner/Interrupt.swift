import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Ctrl-C during a run: the first stops new cases from starting, lets the running ones end by
/// their deadlines and writes the report of what ran, marked incomplete; a second quits at once.
final class Interrupt: Sendable {
    /// Signals seen so far, shared with the signal handlers.
    private final class Count: Sendable {
        let value = Atomic<Int>(0)
    }

    private let count = Count()
    private nonisolated(unsafe) let sources: [any DispatchSourceSignal]

    /// Takes over SIGINT and SIGTERM for the life of the value.
    init(onFirst: @escaping @Sendable () -> Void) {
        var sources: [any DispatchSourceSignal] = []
        let count = self.count
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if count.value.add(1, ordering: .relaxed).newValue == 1 {
                    onFirst()
                } else {
                    _exit(ExitCode.interrupted.rawValue)
                }
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    /// True once a stop was asked for.
    var requested: Bool { count.value.load(ordering: .relaxed) > 0 }

    deinit {
        for source in sources { source.cancel() }
    }
}
