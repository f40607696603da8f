import Foundation
import WaarborgModel
import WaarborgSyntax

/// Keeps checked rule sets on disk between runs, so `waarborg check` starts without
/// lexing, parsing and checking every rule file again.
///
/// The cache is only a shortcut: an entry is keyed by this program's build and by the
/// bytes of every rule file (`RuleSetArchive.key`), so an edited rule, a renamed file or a
/// rebuilt `waarborg` simply misses, and the rules are checked from text as always. Only
/// rule sets that checked without any diagnostic are stored, so a hit has nothing to
/// report. Reading or writing failures are silent: without a cache, a run is slower,
/// never different.
///
/// Where: `$WAARBORG_CACHE_DIR`, else `$XDG_CACHE_HOME/waarborg`, else
/// `~/.cache/waarborg`. `WAARBORG_CACHE=off` turns it off.
struct RuleSetCache {
    /// Entries kept; older ones are removed when a new one is written.
    static let keptEntries = 8
    static let prefix = "rules-"
    static let suffix = ".wbcache"

    let directory: String?

    init(environment: [String: String]) {
        if let setting = environment["WAARBORG_CACHE"]?.lowercased(), ["off", "0", "no", "false"].contains(setting) {
            directory = nil
        } else if let explicit = environment["WAARBORG_CACHE_DIR"], !explicit.isEmpty {
            directory = explicit
        } else if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            directory = xdg + "/waarborg"
        } else if let home = environment["HOME"], !home.isEmpty {
            directory = home + "/.cache/waarborg"
        } else {
            directory = nil
        }
    }

    /// What identifies this build of the checker: its version and its executable file.
    /// What identifies this build of the checker: its version and its executable file
    /// (path, size, modification time). Nil when the executable cannot be found: without
    /// it, a rebuilt `waarborg` could read its predecessor's archives, so there is no cache.
    static let program: String? = {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        let executable = String(decoding: buffer[0..<length], as: UTF8.self)
        var status = stat()
        guard stat(executable, &status) == 0 else { return nil }
        return "waarborg \(WaarborgCLI.version) \(executable) \(status.st_size) \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
    }()

    func path(for key: String) -> String? {
        directory.map { $0 + "/" + RuleSetCache.prefix + key + RuleSetCache.suffix }
    }

    func load(key: String, files: [SourceFile]) -> RuleSet? {
        guard let path = path(for: key), let data = FileManager.default.contents(atPath: path) else { return nil }
        return RuleSetArchive.unarchive([UInt8](data), files: files, key: key)
    }

    func store(_ ruleSet: RuleSet, key: String, files: [SourceFile]) {
        guard let directory, let path = path(for: key),
            (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)) != nil,
            case let bytes = RuleSetArchive.archive(ruleSet, files: files, key: key)
        else { return }
        guard FileAccess.writeAtomically(bytes, to: path) == nil else { return }
        prune(keeping: path)
    }

    /// Removes all but the newest entries, so a folder of rules edited every day does not
    /// fill the disk with archives of old versions.
    private func prune(keeping newest: String) {
        guard let directory, let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        var entries: [(path: String, modified: Date)] = []
        for name in names where name.hasPrefix(RuleSetCache.prefix) && name.hasSuffix(RuleSetCache.suffix) {
            let path = directory + "/" + name
            guard path != newest else { continue }
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            entries.append((path, attributes?[.modificationDate] as? Date ?? .distantPast))
        }
        entries.sort { $0.modified != $1.modified ? $0.modified > $1.modified : $0.path < $1.path }
        for (path, _) in entries.dropFirst(RuleSetCache.keptEntries - 1) { try? FileManager.default.removeItem(atPath: path) }
    }
}
