import PerMessageDeflate
import Wire

/// The frames of one probe message, fragmented and compressed as asked.
enum ProbeFrames {
    static func frames(opcode: Opcode, payload: [UInt8], fragmentSize: Int?, deflate: DeflateChannel?) -> [Frame] {
        let body = deflate?.compress(payload) ?? payload
        let rsv: ReservedBits = deflate == nil ? [] : .rsv1
        guard let size = fragmentSize, body.count > size else { return [Frame(rsv: rsv, opcode: opcode, payload: body)] }
        var frames: [Frame] = []
        var offset = 0
        while offset < body.count {
            let end = min(body.count, offset + size)
            frames.append(
                Frame(
                    fin: end == body.count, rsv: offset == 0 ? rsv : [], opcode: offset == 0 ? opcode : .continuation,
                    payload: Array(body[offset..<end])))
            offset = end
        }
        return frames
    }
}
