import Cases
import Foundation

extension RunPlan {
    /// Reads the config file at `path`, in either format (`ConfigFormat.detect`). Case globs are
    /// checked against `catalogue`.
    public init(contentsOfFile path: String, catalogue: [TestCase] = Catalogue.all) throws(ConfigError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigError(file: path, path: "", message: "cannot read the file: no such file")
        }
        guard !isDirectory.boolValue else { throw ConfigError(file: path, path: "", message: "cannot read the file: it is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, path: "", message: "cannot read the file: permission denied or I/O error")
        }
        try self.init(parsing: Array(data), file: path, catalogue: catalogue)
    }

    /// Reads a config from its bytes; `file` names it in messages.
    public init(parsing bytes: [UInt8], file: String, catalogue: [TestCase] = Catalogue.all) throws(ConfigError) {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw ConfigError(file: file, path: "", message: error.description)
        }
        let root = ConfigNode(value: document, path: "", file: file)
        guard case .object = document else { throw root.error("expected a JSON object at the top, found \(document.kind)") }
        switch ConfigFormat.detect(document) {
        case .wsconform: self = try WSConformConfigReader(catalogue: catalogue).read(root)
        case .autobahn: self = try AutobahnConfigReader(catalogue: catalogue).read(root)
        }
    }
}

extension ConfigFormat {
    /// Keys only an Autobahn `fuzzingclient.json` has.
    static let autobahnKeys: Set = ["servers", "outdir", "exclude-cases", "exclude-agent-cases"]
    /// Keys only our format has.
    static let wsconformKeys: Set = ["schemaVersion", "targets"]

    /// Which format a top-level object is in, by its keys: Autobahn when it has an
    /// Autobahn-only key (`servers`, `outdir`, `exclude-cases`, `exclude-agent-cases`) and none
    /// of ours (`schemaVersion`, `targets`); ours otherwise, so a misspelt key in our format
    /// gets a "did you mean" rather than a silent import.
    public static func detect(_ document: JSONValue) -> ConfigFormat {
        guard case .object(let members) = document else { return .wsconform }
        let keys = Set(members.map(\.key))
        return !keys.isDisjoint(with: autobahnKeys) && keys.isDisjoint(with: wsconformKeys) ? .autobahn : .wsconform
    }
}
