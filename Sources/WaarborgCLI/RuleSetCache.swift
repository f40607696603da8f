import Foundation
import WaarborgModel
import WaarborgSyntax

/// Keeps checked rule sets on disk between runs, so `waarborg check` starts without
/// lexing, parsing and checking every rule file again.
///
/// The cache is only a shortcut: an entry is keyed by this program's build and by the
/// paths and lengths of the rule files (`RuleSetArchive.key`), and its MAC binds their
/// bytes, so an edited rule, a renamed file or a rebuilt `waarborg` simply misses, and the
/// rules are checked from text as always. Only
/// rule sets that checked without any diagnostic are stored, so a hit has nothing to
/// report. Reading or writing failures are silent: without a cache, a run is slower,
/// never different.
///
/// Entries are trusted only if this user's program wrote them: each carries an
/// HMAC-SHA256 under a per-user secret, the folders are created 0700, and a folder,
/// secret or entry that another user owns or can write is ignored. The secret is kept
/// apart from the entries (`cache-secret` in a state folder, mode 0600): a cache folder is
/// what CI systems save and restore between jobs and branches, and a restored folder that
/// brought its own secret could bring entries forged with it. See the README ("Rule-set cache").
///
/// Where: `$WAARBORG_CACHE_DIR`, else `$XDG_CACHE_HOME/waarborg`, else
/// `~/.cache/waarborg`; the secret in `$WAARBORG_CACHE_SECRET_DIR`, else
/// `$XDG_STATE_HOME/waarborg`, else `~/.local/state/waarborg`, never inside the cache
/// folder (there is then no cache). `WAARBORG_CACHE=off` turns it off.
struct RuleSetCache {
    /// Entries kept; older ones are removed when a new one is written.
    static let keptEntries = 8
    static let prefix = "rules-"
    static let suffix = ".wbcache"

    /// The entries' folder; nil: no cache.
    let directory: String?
    /// The folder of the secret that authenticates them.
    let secretFolder: String?

    init(environment: [String: String]) {
        func folder(explicit: String, xdg: String, home: String) -> String? {
            if let value = environment[explicit], !value.isEmpty { return value }
            if let value = environment[xdg], !value.isEmpty { return value + "/waarborg" }
            if let value = environment["HOME"], !value.isEmpty { return value + home }
            return nil
        }
        let off = environment["WAARBORG_CACHE"].map { ["off", "0", "no", "false"].contains($0.lowercased()) } ?? false
        let directory = off ? nil : folder(explicit: "WAARBORG_CACHE_DIR", xdg: "XDG_CACHE_HOME", home: "/.cache/waarborg")
        let secretFolder = folder(explicit: "WAARBORG_CACHE_SECRET_DIR", xdg: "XDG_STATE_HOME", home: "/.local/state/waarborg")
        if let directory, let secretFolder, !RuleSetCache.isApart(secretFolder, from: directory) {
            // A secret saved and restored with the entries authenticates nothing.
            (self.directory, self.secretFolder) = (nil, nil)
        } else {
            (self.directory, self.secretFolder) = (directory, secretFolder)
        }
    }

    /// Whether `secret` is neither the cache folder nor inside it (nor the cache inside it),
    /// compared as absolute paths with `.` and `..` resolved.
    static func isApart(_ secret: String, from cache: String) -> Bool {
        func components(_ path: String) -> [String] { URL(fileURLWithPath: path).standardizedFileURL.pathComponents }
        let (a, b) = (components(secret), components(cache))
        return !a.starts(with: b) && !b.starts(with: a)
    }

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

    /// The rule files' digest (`RuleSetArchive.digest`), and the entry for them if this
    /// user's program wrote it and it is intact. The two long hashes, of the files and of
    /// the entry, are independent and run on a core each: on a hit they are most of the
    /// run's time.
    func load(key: String, files: [SourceFile]) -> (digest: [UInt8], ruleSet: RuleSet?) {
        enum Part: Sendable {
            case digest([UInt8])
            case entry(bytes: [UInt8], secret: [UInt8], payloadHash: [UInt8])
            case none
        }
        let parts = ParallelMap.map([0, 1]) { part -> Part in
            if part == 0 { return .digest(RuleSetArchive.digest(files: files)) }
            guard let directory, let path = path(for: key), RuleSetCache.isPrivate(folder: directory),
                let secretFolder, RuleSetCache.isPrivate(folder: secretFolder),
                let secret = RuleSetCache.secret(in: secretFolder, create: false),
                let bytes = RuleSetCache.readPrivateFile(path, maxBytes: 64 * 1024 * 1024),
                let payloadHash = RuleSetArchive.payloadHash(bytes)
            else { return .none }
            return .entry(bytes: bytes, secret: secret, payloadHash: payloadHash)
        }
        guard case .digest(let digest) = parts[0] else { return (RuleSetArchive.digest(files: files), nil) }
        guard case .entry(let bytes, let secret, let payloadHash) = parts[1] else { return (digest, nil) }
        return (digest, RuleSetArchive.unarchive(bytes, files: files, digest: digest, payloadHash: payloadHash, key: key, secret: secret))
    }

    func store(_ ruleSet: RuleSet, key: String, files: [SourceFile], digest: [UInt8]) {
        guard let directory, let path = path(for: key), RuleSetCache.makePrivateFolder(directory),
            let secretFolder, RuleSetCache.makePrivateFolder(secretFolder),
            let secret = RuleSetCache.secret(in: secretFolder, create: true)
        else { return }
        let bytes = RuleSetArchive.archive(ruleSet, files: files, digest: digest, key: key, secret: secret)
        switch AtomicFile.create(path, policy: .privateFile, newFileMode: 0o600) {
        case .failure: return
        case .success(let file):
            file.write(bytes)
            guard file.commit() == nil else { return }
        }
        prune(keeping: path)
    }

    // MARK: Who may have written the cache

    /// The folder is this user's and nobody else can write in it: otherwise another user
    /// could plant or swap entries (and the secret), so the cache is not used at all.
    static func isPrivate(folder: String) -> Bool {
        var status = stat()
        guard stat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return false }
        return status.st_uid == geteuid() && status.st_mode & 0o022 == 0
    }

    /// Creates the folder (0700) if needed; whether it may be used.
    static func makePrivateFolder(_ folder: String) -> Bool {
        if !FileManager.default.fileExists(atPath: folder) {
            let parent = URL(fileURLWithPath: folder).deletingLastPathComponent().path
            try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            _ = mkdir(folder, 0o700)
        }
        return isPrivate(folder: folder)
    }

    static let secretName = "cache-secret"
    static let secretLength = 32

    /// The per-user secret that authenticates entries: 32 random bytes in a file of mode
    /// 0600 owned by this user, created once (with `O_EXCL`, so a planted file is never
    /// taken over). Nil if it is missing (and not to be created) or not private.
    static func secret(in folder: String, create: Bool) -> [UInt8]? {
        let path = folder + "/" + secretName
        if let secret = readPrivateFile(path, maxBytes: secretLength), secret.count == secretLength, statusIsPrivate(path, forSecret: true) {
            return secret
        }
        guard create, !FileManager.default.fileExists(atPath: path) else { return nil }
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<secretLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        let failed = secret.withUnsafeBytes { FileAccess.writeFully($0, to: descriptor) } != nil
        if close(descriptor) != 0 || failed {
            unlink(path)
            return nil
        }
        return secret
    }

    private static func statusIsPrivate(_ path: String, forSecret: Bool) -> Bool {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_uid == geteuid() else { return false }
        return status.st_mode & (forSecret ? 0o077 : 0o022) == 0
    }

    /// A regular file (not a link) owned by this user and writable by nobody else, read
    /// whole; nil otherwise or if larger than `maxBytes`.
    static func readPrivateFile(_ path: String, maxBytes: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_uid == geteuid(),
            status.st_mode & 0o022 == 0, Int(status.st_size) <= maxBytes
        else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var count = 0
        while count < bytes.count {
            let read = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if read < 0, errno == EINTR { continue }
            guard read > 0 else { return nil }
            count += read
        }
        return bytes
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
