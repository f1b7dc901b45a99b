import Platform
import Synchronization

/// What the `leak-memory` and `leak-descriptor` faults keep for ever: one allocation or one
/// descriptor per connection served, never released. Bounded only by the process's life, as
/// a real leak is.
enum ResourceLeak {
    /// Octets kept per connection by `leak-memory`.
    static let octetsPerConnection = 64 << 10

    private static let kept = Mutex<(memory: [[UInt8]], descriptors: [Int32])>(([], []))

    /// Leaks what `fault` leaks for one connection (nothing for other faults).
    static func connectionServed(fault: Fault?) {
        switch fault {
        case .leakMemoryPerConnection?:
            // Written, so every page is resident, as memory a server fills in is.
            let block = [UInt8](repeating: 0x5A, count: octetsPerConnection)
            kept.withLock { $0.memory.append(block) }
        case .leakDescriptorPerConnection?:
            let descriptor = Syscall.openNullDevice()
            if descriptor >= 0 { kept.withLock { $0.descriptors.append(descriptor) } }
        default:
            break
        }
    }
}
