import Cases

/// A script's opening handshake in a corpus file, with every size capped before it is
/// accepted (a hostile file fails with a clear message).
extension OpeningRequest: Codable {
    private enum CodingKeys: String, CodingKey {
        case standard, method, target, version, fields, lineEnding
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.standard) {
            let overrides = try container.decode([HeaderOverride].self, forKey: .standard)
            guard overrides.count <= ScriptLimits.maxHeaderFields else {
                throw container.corrupt(.standard, "\(overrides.count) overrides, over the cap of \(ScriptLimits.maxHeaderFields)")
            }
            let sizes = overrides.map { $0.name.utf8.count + ($0.value?.utf8.count ?? 0) }
            if sizes.contains(where: { $0 > ScriptLimits.maxHeaderText }) {
                throw container.corrupt(.standard, "a field over \(ScriptLimits.maxHeaderText) octets")
            }
            guard sizes.reduce(0, +) <= ScriptLimits.maxHandshakeBytes else {
                throw container.corrupt(.standard, "overrides over \(ScriptLimits.maxHandshakeBytes) octets in all")
            }
            self = .standard(overrides: overrides)
            return
        }
        let limit = ScriptLimits.maxHeaderText
        let fields = try container.decode([HeaderField].self, forKey: .fields)
        guard fields.count <= ScriptLimits.maxHeaderFields else {
            throw container.corrupt(.fields, "\(fields.count) fields, over the cap of \(ScriptLimits.maxHeaderFields)")
        }
        for field in fields where field.name.utf8.count + field.value.utf8.count > limit {
            throw container.corrupt(.fields, "a field over \(limit) octets")
        }
        let head = RequestHead(
            method: try container.decodeText(.method, limit: limit), target: try container.decodeText(.target, limit: limit),
            version: try container.decodeText(.version, limit: limit), fields: fields,
            lineEnding: try container.decodeText(.lineEnding, limit: ScriptLimits.maxLineEnding))
        let size = head.fields.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
        guard size <= ScriptLimits.maxHandshakeBytes else {
            throw container.corrupt(.fields, "a head of \(size) octets, over the cap of \(ScriptLimits.maxHandshakeBytes)")
        }
        self = .explicit(head)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .standard(let overrides):
            try container.encode(overrides, forKey: .standard)
        case .explicit(let head):
            try container.encode(head.method, forKey: .method)
            try container.encode(head.target, forKey: .target)
            try container.encode(head.version, forKey: .version)
            try container.encode(head.fields, forKey: .fields)
            try container.encode(head.lineEnding, forKey: .lineEnding)
        }
    }
}
