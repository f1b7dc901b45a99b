/// A JSON value together with where it sits in its file, so every type check can say which
/// member was wrong. Readers of both config formats take values only through these accessors.
struct ConfigNode {
    let value: JSONValue
    let path: String
    let file: String

    /// A path component: plain names as `a.b`, names with other characters quoted as `a["x y"]`.
    func child(_ key: String) -> ConfigNode {
        let plain =
            !key.isEmpty
            && key.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
        let component = plain ? (path.isEmpty ? key : "\(path).\(key)") : "\(path)[\"\(key)\"]"
        return ConfigNode(value: self[key] ?? .null, path: component, file: file)
    }

    subscript(key: String) -> JSONValue? { value[key] }

    func error(_ message: String) -> ConfigError { ConfigError(file: file, path: path, message: message) }

    private func mismatch(_ expected: String) -> ConfigError { error("expected \(expected), found \(value.kind)") }

    func object() throws(ConfigError) -> [(key: String, node: ConfigNode)] {
        guard case .object(let members) = value else { throw mismatch("an object") }
        return members.map { ($0.key, child($0.key)) }
    }

    func array() throws(ConfigError) -> [ConfigNode] {
        guard case .array(let elements) = value else { throw mismatch("an array") }
        return elements.enumerated().map { ConfigNode(value: $1, path: "\(path)[\($0)]", file: file) }
    }

    func string() throws(ConfigError) -> String {
        guard case .string(let text) = value else { throw mismatch("a string") }
        return text
    }

    func strings() throws(ConfigError) -> [String] {
        var result: [String] = []
        for element in try array() { result.append(try element.string()) }
        return result
    }

    func bool() throws(ConfigError) -> Bool {
        guard case .bool(let flag) = value else { throw mismatch("true or false") }
        return flag
    }

    func integer() throws(ConfigError) -> Int {
        guard case .number(let text) = value else { throw mismatch("an integer") }
        guard let number = Int(text) else { throw error("expected an integer, found \(text)") }
        return number
    }

    func number() throws(ConfigError) -> Double {
        guard case .number(let text) = value, let number = Double(text) else { throw mismatch("a number") }
        return number
    }

    /// The member's node when the member is present (an explicit `null` counts as absent).
    func optional(_ key: String) -> ConfigNode? {
        guard let member = self[key], member != .null else { return nil }
        return child(key)
    }
}
