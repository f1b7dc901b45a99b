/// Zeller's ddmin over a list, with a budget: the smallest sublist (1-minimal when the budget
/// allows) for which `test` still holds. Generic so the minimiser uses it for steps and for
/// payload octets alike.
struct DeltaDebugging {
    /// Predicate calls left; each `test` call spends one.
    var budget: Int

    /// A sublist of `items` that still passes `test`, assuming `items` itself passes.
    mutating func minimize<Element>(_ items: [Element], _ test: ([Element]) -> Bool) -> [Element] {
        var current = items
        var granularity = 2
        while current.count >= 2, budget > 0 {
            let chunks = Self.split(current.count, into: granularity)
            var reduced = false
            // Try each chunk alone, then each complement (the chunk removed).
            for chunk in chunks where budget > 0 && chunk.count < current.count {
                let candidate = Array(current[chunk])
                if spend(test, candidate) {
                    current = candidate
                    granularity = 2
                    reduced = true
                    break
                }
            }
            if !reduced {
                for chunk in chunks where budget > 0 {
                    let candidate = Array(current[..<chunk.lowerBound] + current[chunk.upperBound...])
                    if spend(test, candidate) {
                        current = candidate
                        granularity = max(granularity - 1, 2)
                        reduced = true
                        break
                    }
                }
            }
            if !reduced {
                if granularity >= current.count { break }
                granularity = min(current.count, granularity * 2)
            }
        }
        if current.count == 1, budget > 0, spend(test, []) { return [] }
        return current
    }

    private mutating func spend<Element>(_ test: ([Element]) -> Bool, _ candidate: [Element]) -> Bool {
        budget -= 1
        return test(candidate)
    }

    /// `count` indices cut into `parts` nearly equal ranges.
    static func split(_ count: Int, into parts: Int) -> [Range<Int>] {
        let parts = max(1, min(parts, count))
        var ranges: [Range<Int>] = []
        var start = 0
        for part in 0..<parts {
            let end = start + (count - start) / (parts - part)
            ranges.append(start..<end)
            start = end
        }
        return ranges
    }
}
