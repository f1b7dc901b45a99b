/// Long lists are summarised, not inlined whole: a case that echoes a thousand messages would
/// otherwise make the page too large to open or attach. The start of a list says how things
/// began and its end says how they finished; the middle is counted.
struct HTMLElision {
    /// Indices shown before the gap.
    var head: Range<Int>
    /// How many entries the gap stands for.
    var omitted: Int
    /// Indices shown after the gap.
    var tail: Range<Int>

    /// The split of `count` entries keeping the first `first` and the last `last`.
    init(count: Int, first: Int, last: Int) {
        if count <= first + last {
            head = 0..<count
            omitted = 0
            tail = count..<count
        } else {
            head = 0..<first
            omitted = count - first - last
            tail = (count - last)..<count
        }
    }

    /// `render(index)` for every kept entry, with `gap(omitted)` where entries were left out.
    func map(_ render: (Int) -> String, gap: (Int) -> String) -> String {
        var html = head.map(render).joined()
        if omitted > 0 { html += gap(omitted) }
        html += tail.map(render).joined()
        return html
    }
}

extension HTMLElision {
    /// Transcript entries kept at the start and end of one case.
    static let transcriptFirst = 40
    static let transcriptLast = 10
    /// Events kept at the start and end of one expected outcome or of what was observed.
    static let eventsFirst = 40
    static let eventsLast = 10
    /// Octets of hex shown per transcript entry (the transcript itself keeps at most 64).
    static let hexOctets = 64
    /// Characters of one transcript line or event shown before it is cut.
    static let textCharacters = 240
}
