import WaarborgEngine
import WaarborgModel

/// Stable identities for findings, so CI systems and baselines recognise a finding across
/// edits: the plan's name, the activity's id and kind, and the rules that decide it; never
/// line numbers, so moving unrelated lines changes nothing.
public enum Fingerprint {
    /// FNV-1a, 64 bits, as 16 hex digits: small, fast, the same on every platform.
    public static func hash(_ text: String) -> String {
        let hex = String(value(text.utf8), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// FNV-1a, 64 bits, of bytes (also what tells a plan read twice by `check` unchanged).
    public static func value(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        return value
    }

    public static func finding(planName: String, activity: String, kind: String, rules: [String]) -> String {
        hash([planName, activity, kind, rules.sorted().joined(separator: ",")].joined(separator: "\u{1F}"))
    }
}
