import Foundation
import WaarborgSyntax

/// A file written piece by piece and put in place at once: the pieces go to a temporary
/// file in the target's folder, which `commit` renames over the target. A reader never
/// sees half a file, a failure leaves the old file as it was, and a large report need not
/// be held in memory whole before it is written.
///
/// Only a regular file is ever replaced (or created). A device (`/dev/null`, `/dev/full`)
/// or a FIFO is opened and written, never replaced; a symbolic link is followed and the
/// file it points at is replaced, the link kept. The temporary file has an unpredictable
/// name and is created with `O_CREAT|O_EXCL|O_NOFOLLOW`, so a link planted in a shared
/// folder cannot redirect the write; its mode is the replaced file's (set on the open
/// descriptor) or, for a new file, what the umask leaves of `newFileMode`. No input of
/// the run is ever written over.
final class AtomicFile {
    /// How an existing file may be replaced.
    enum Policy {
        /// An output named by the user (`--output`): inputs of the run are refused.
        case output
        /// The file is rewritten in place on purpose (`annex --update` on a draft): it must
        /// be writable, and its owner and hard links must survive, or the write is refused.
        case rewrite
        /// A private file of the program (a rule-set cache entry): always `newFileMode`,
        /// whatever the file it replaces had.
        case privateFile
    }

    private enum Destination {
        /// A temporary file renamed over `target` at commit.
        case replace(temporary: String, target: String, slot: Int?)
        /// A device or FIFO, written directly.
        case direct
    }

    let path: String
    private let destination: Destination
    private var descriptor: Int32
    /// The first failure; every later write is skipped and `commit` reports it.
    private var failure: String?

    private init(path: String, destination: Destination, descriptor: Int32) {
        self.path = path
        self.destination = destination
        self.descriptor = descriptor
    }

    deinit { abandon() }

    static func create(
        _ path: String, inputs: RunInputs? = nil, policy: Policy = .output, newFileMode: mode_t = 0o666
    ) -> Result<AtomicFile, Diagnostic> {
        guard !path.isEmpty else {
            return .failure(.error("WB611", "the output file has no name; write `--output FILE`", nl: "het uitvoerbestand heeft geen naam; schrijf `--output FILE`", at: nil))
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            let error = errno
            var link = stat()
            if error == ENOENT, lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
                return .failure(.error(
                    "WB611", "this is a symbolic link to a file that does not exist; write to the file itself",
                    nl: "dit is een symbolische link naar een bestand dat niet bestaat; schrijf naar het bestand zelf", file: path))
            }
            guard error == ENOENT else {
                let reason = String(cString: strerror(error))
                return .failure(.error("WB611", "cannot write (\(reason))", nl: "kan niet schrijven (\(reason))", file: path))
            }
            return createReplacing(path, target: path, existing: nil, policy: policy, newFileMode: newFileMode)
        }
        if policy != .rewrite, let input = inputs?.input(matching: status) {
            let same = input.path == path ? "" : " (read as \(input.path))"
            let sameNL = input.path == path ? "" : " (gelezen als \(input.path))"
            return .failure(.error(
                "WB612", "this is the \(input.what.en) of this run\(same); writing the output there would destroy it, so name another file",
                nl: "dit is \(input.what.nl) van deze run\(sameNL); de uitvoer daarheen schrijven zou dat bestand vernietigen, dus geef een ander bestand op",
                file: path))
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            // Replace the file a link points at, not the link.
            guard let resolved = realpath(path, nil) else {
                let reason = String(cString: strerror(errno))
                return .failure(.error("WB611", "cannot resolve the path (\(reason))", nl: "kan het pad niet herleiden (\(reason))", file: path))
            }
            defer { free(resolved) }
            return createReplacing(path, target: String(cString: resolved), existing: status, policy: policy, newFileMode: newFileMode)
        case S_IFDIR:
            return .failure(.error("WB611", "this is a folder; name a file to write", nl: "dit is een map; geef een bestand op om naar te schrijven", file: path))
        case S_IFCHR, S_IFIFO, S_IFBLK:
            guard policy == .output else {
                return .failure(.error(
                    "WB611", "this is not a regular file; it cannot be rewritten", nl: "dit is geen gewoon bestand; het kan niet worden herschreven", file: path))
            }
            return openDirectly(path)
        default:
            return .failure(.error(
                "WB611", "this is not a regular file, a device or a FIFO; name a file to write",
                nl: "dit is geen gewoon bestand, apparaat of FIFO; geef een bestand op om naar te schrijven", file: path))
        }
    }

    /// A device or a FIFO: opened for writing, never created, truncated or replaced. A FIFO
    /// without a reader is an error instead of a wait that never ends.
    private static func openDirectly(_ path: String) -> Result<AtomicFile, Diagnostic> {
        let descriptor = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = errno == ENXIO ? Bilingual("nothing reads from it", nl: "niets leest ervan") : Bilingual(verbatim: String(cString: strerror(errno)))
            return .failure(.error("WB611", "cannot write (\(reason.en))", nl: "kan niet schrijven (\(reason.nl))", file: path))
        }
        // Writes block as usual once it is open.
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        return .success(AtomicFile(path: path, destination: .direct, descriptor: descriptor))
    }

    private static func createReplacing(
        _ path: String, target: String, existing: stat?, policy: Policy, newFileMode: mode_t
    ) -> Result<AtomicFile, Diagnostic> {
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            return .failure(.error(
                "WB610", "the folder \(folder) does not exist; create it first", nl: "de map \(folder) bestaat niet; maak haar eerst aan", file: path))
        }
        let existing = policy == .privateFile ? nil : existing
        if let existing {
            // Read-only means read-only, for root too (who passes every permission check).
            if existing.st_mode & 0o222 == 0 || access(target, W_OK) != 0 {
                return .failure(.error(
                    "WB611", "the file is read-only; make it writable (chmod u+w) or write elsewhere",
                    nl: "het bestand is alleen-lezen; maak het schrijfbaar (chmod u+w) of schrijf ergens anders heen", file: path))
            }
            if policy == .rewrite, existing.st_nlink > 1 {
                return .failure(.error(
                    "WB611",
                    "the file has \(existing.st_nlink) hard links; replacing it would leave the other names with the old text, so copy it to a file of its own first",
                    nl: "het bestand heeft \(existing.st_nlink) harde links; bij vervangen zouden de andere namen de oude tekst houden, dus kopieer het eerst naar een eigen bestand",
                    file: path))
            }
        }
        var descriptor: Int32 = -1
        var temporary = ""
        var slot: Int?
        for _ in 0..<8 {
            temporary = folder + "/." + url.lastPathComponent + "." + randomName() + ".tmp"
            // Registered before it exists, so a signal never leaves it behind.
            slot = TemporaryFiles.register(temporary)
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, existing == nil ? newFileMode : 0o600)
            if descriptor >= 0 { break }
            let error = errno
            TemporaryFiles.unregister(slot)
            errno = error
            if error != EEXIST { break }
        }
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            return .failure(.error("WB611", "cannot write in \(folder) (\(reason))", nl: "kan niet schrijven in \(folder) (\(reason))", file: path))
        }
        if let existing {
            // The replaced file's permissions and owner, set on the descriptor, never by path.
            var problem: Bilingual?
            if fchmod(descriptor, existing.st_mode & 0o777) != 0 { problem = Bilingual("its permissions", nl: "zijn toegangsrechten") }
            if existing.st_uid != geteuid() || existing.st_gid != getegid(), fchown(descriptor, existing.st_uid, existing.st_gid) != 0,
                policy == .rewrite
            {
                problem = Bilingual("its owner", nl: "zijn eigenaar")
            }
            if let problem {
                close(descriptor)
                unlink(temporary)
                TemporaryFiles.unregister(slot)
                return .failure(.error(
                    "WB611", "the rewritten file could not keep \(problem.en); it was left unchanged",
                    nl: "het herschreven bestand kon \(problem.nl) niet behouden; het is ongewijzigd gelaten", file: path))
            }
        }
        return .success(AtomicFile(path: path, destination: .replace(temporary: temporary, target: target, slot: slot), descriptor: descriptor))
    }

    /// 128 random bits in hex: no other user can guess the temporary file's name.
    private static func randomName() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    func write(_ text: String) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    func write(_ bytes: [UInt8]) { bytes.withUnsafeBytes { write($0) } }

    private func write(_ buffer: UnsafeRawBufferPointer) {
        guard failure == nil, descriptor >= 0 else { return }
        if let error = FileAccess.writeFully(buffer, to: descriptor) { failure = String(cString: strerror(error)) }
    }

    /// Puts the file in place, or returns what went wrong (the old file then stays).
    func commit() -> Diagnostic? {
        guard descriptor >= 0 else {
            return .error("WB611", "the file was already written or abandoned", nl: "het bestand is al geschreven of afgebroken", file: path)
        }
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        descriptor = -1
        switch destination {
        case .direct:
            return failure.map { .error("WB611", "writing failed (\($0))", nl: "schrijven is mislukt (\($0))", file: path) }
        case .replace(let temporary, let target, let slot):
            defer { TemporaryFiles.unregister(slot) }
            if let failure {
                unlink(temporary)
                return .error(
                    "WB611", "writing failed (\(failure)); the old file, if any, is unchanged",
                    nl: "schrijven is mislukt (\(failure)); het oude bestand, als dat er was, is ongewijzigd", file: path)
            }
            if rename(temporary, target) != 0 {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                return .error("WB611", "cannot replace the file (\(reason))", nl: "kan het bestand niet vervangen (\(reason))", file: path)
            }
            return nil
        }
    }

    /// Removes the temporary file without touching `path`.
    func abandon() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        if case .replace(let temporary, _, let slot) = destination {
            unlink(temporary)
            TemporaryFiles.unregister(slot)
        }
    }
}
