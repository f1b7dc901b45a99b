import Foundation
import Wire

/// Keeps secrets out of every report and log: values of headers that carry credentials are
/// replaced before anything is written.
public enum Redaction {
    /// The placeholder written instead of a secret.
    public static let placeholder = HeaderFields.redactedValue

    /// True when a header of this name may carry a secret (the rule is `HeaderFields.isSecret`).
    public static func isSecret(headerName: String) -> Bool { HeaderFields.isSecret(name: headerName) }

    /// "Name: value" with the value redacted when the name is secret.
    public static func redact(header: String) -> String {
        guard let colon = header.firstIndex(of: ":") else { return header }
        let name = String(header[..<colon]).trimmingCharacters(in: .whitespaces)
        return isSecret(headerName: name) ? "\(header[..<colon]): \(placeholder)" : header
    }

    /// A command line with the value of every secret `--header 'K: V'` redacted.
    public static func redact(commandLine arguments: [String]) -> [String] {
        var result: [String] = []
        var headerNext = false
        var commandNext = false
        for argument in arguments {
            if commandNext {
                result.append(redact(shellCommand: argument))
                commandNext = false
            } else if argument == "--exec" {
                result.append(argument)
                commandNext = true
            } else if argument.hasPrefix("--exec=") {
                result.append("--exec=" + redact(shellCommand: String(argument.dropFirst("--exec=".count))))
            } else if headerNext {
                result.append(redact(header: argument))
                headerNext = false
            } else if argument == "--header" {
                result.append(argument)
                headerNext = true
            } else if argument.hasPrefix("--header=") {
                result.append("--header=" + redact(header: String(argument.dropFirst("--header=".count))))
            } else {
                result.append(argument)
            }
        }
        return result
    }

    /// Words of a name that holds a secret in a shell command (`API_TOKEN=…`, `--password …`).
    static let secretWords = ["password", "passwd", "secret", "token", "key", "auth", "credential", "cookie", "session"]

    /// An `--exec` command with the values of secret-looking assignments and options
    /// redacted: `DB_PASSWORD=x ./server --api-key y --port 9001` becomes
    /// `DB_PASSWORD=<redacted> ./server --api-key <redacted> --port 9001`. Words are split on
    /// spaces, which is enough for the values: a quoted secret with spaces loses its first word.
    public static func redact(shellCommand command: String) -> String {
        func secret(_ name: Substring) -> Bool {
            let lowered = name.lowercased()
            return secretWords.contains { lowered.contains($0) }
        }
        var valueNext = false
        return command.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            if valueNext, !word.isEmpty {
                valueNext = false
                return word.hasPrefix("-") ? String(word) : placeholder
            }
            if let equals = word.firstIndex(of: "="), secret(word[..<equals]) { return word[...equals] + placeholder }
            if word.hasPrefix("-"), secret(word) { valueNext = true }
            return String(word)
        }.joined(separator: " ")
    }
}
