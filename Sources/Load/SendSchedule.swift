/// When each connection sends next, earliest first: a binary min-heap of (time, connection),
/// so a worker holding thousands of connections finds the due ones without scanning them all.
struct SendSchedule {
    private var heap: [(at: ContinuousClock.Instant, index: Int)] = []

    var isEmpty: Bool { heap.isEmpty }
    var earliest: ContinuousClock.Instant? { heap.first?.at }

    mutating func schedule(_ index: Int, at time: ContinuousClock.Instant) {
        heap.append((time, index))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].at < heap[parent].at else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest entry due by `now`.
    mutating func popDue(_ now: ContinuousClock.Instant) -> Int? {
        guard let first = heap.first, first.at <= now else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < heap.count, heap[left].at < heap[smallest].at { smallest = left }
                if right < heap.count, heap[right].at < heap[smallest].at { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first.index
    }
}
