import Cases
import Client
import Platform
import Transport

extension Connection {
    /// Writes `bytes` under `controls` through the client core over this connection, reading
    /// nothing meanwhile; the outcome and the offsets where the writes were cut.
    func send(_ bytes: [UInt8], controls: WireControls, deadline: Deadline) throws -> (outcome: WriteOutcome, cuts: [Int]) {
        let client = ClientConnection(connection: self, transcript: TranscriptRecorder(start: .now, limit: 8), awaitingResponse: false)
        let result = try client.write(bytes, controls: controls, deadline: deadline) { _ in true }
        let cuts = client.transcript?.entries.last?.cuts ?? []
        switch result {
        case .written: return (.written, cuts)
        case .peerClosed(let written), .stopped(let written): return (.peerClosed(written: written), cuts)
        case .timedOut(let written): return (.timedOut(written: written), cuts)
        }
    }
}
