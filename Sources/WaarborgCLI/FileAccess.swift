import Foundation
import WaarborgSyntax

/// Reading inputs and writing outputs, each failure a diagnostic with the path and what
/// to do, never a crash. Outputs are written atomically: a temporary file in the same
/// folder, then a rename, so a reader never sees half a file.
enum FileAccess {
    /// Larger inputs are refused with an error instead of read: it bounds the work a
    /// broken or hostile file can cause. A plan of 10,000 activities (an umbrella
    /// organisation's, or the bench's) is about 17 MB, so the bound is well above that.
    static let maxInputBytes = 64 * 1024 * 1024

    /// `-` (and `/dev/stdin`) as an input: standard input, read once to its end.
    static func isStandardInput(_ path: String) -> Bool { path == "-" || path == "/dev/stdin" }

    /// `-` (and `/dev/stdout`) as an output: standard output, not a file of that name.
    static func isStandardOutput(_ path: String) -> Bool {
        path == "-" || path == "/dev/stdout" || path == "/dev/fd/1" || path == "/proc/self/fd/1"
    }

    /// The name diagnostics give standard input.
    static let standardInputName = "<stdin>"

    /// What an input is, as its messages name it: the English noun ("plan"), the Dutch
    /// with its article ("het plan"); `bare(_:)` gives the Dutch noun alone ("geen plan").
    enum What {
        static let plan = Bilingual("plan", nl: "het plan")
        static let ruleFile = Bilingual("rule file", nl: "het regelbestand")
        static let baseline = Bilingual("baseline", nl: "de baseline")
        static let answersFile = Bilingual("answers file", nl: "het antwoordbestand")
        static let catalogue = Bilingual("catalogue", nl: "de catalogus")
        static let fileToFormat = Bilingual("file to format", nl: "het te formatteren bestand")
        static let expectedVerdicts = Bilingual("expected verdicts", nl: "het bestand met verwachte oordelen")
        static let agreementDraft = Bilingual("agreement draft", nl: "de conceptovereenkomst")

        /// The Dutch noun without its article: "een plan", "geen regelbestand".
        static func bare(_ what: Bilingual) -> String {
            for article in ["de ", "het "] where what.nl.hasPrefix(article) { return String(what.nl.dropFirst(article.count)) }
            return what.nl
        }
    }

    /// Reads a whole input file. Only regular files are read (and `-`, standard input): a
    /// FIFO or a device would block or never end, so it is an error that says what to do.
    /// - Parameter what: what the file is, for the messages (`What.plan`).
    /// - Parameter inputs: where the run records what it read (so no output overwrites it).
    static func read(_ path: String, what: Bilingual, inputs: RunInputs? = nil) -> Result<SourceFile, Diagnostic> {
        if isStandardInput(path) { return readToEnd(0, path: standardInputName, what: what, expected: 0) }
        // Every command reads all rule files, so the common case is three system calls
        // (open, fstat, read); only a failure asks the file system why, for the message.
        // O_NONBLOCK: opening a FIFO without a writer would otherwise wait for ever.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(whyUnreadable(path, what: what, error: errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(whyUnreadable(path, what: what, error: errno)) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(folder(path, what: what))
        case S_IFIFO, S_IFSOCK:
            return .failure(.error(
                "WB609", "this is a pipe, not a file; a \(what.en) is read from a file, or from standard input with `-` (`… | waarborg check -`)",
                nl: "dit is een pipe, geen bestand; een \(What.bare(what)) wordt gelezen uit een bestand, of van de standaardinvoer met `-` (`… | waarborg check -`)",
                file: path))
        default:
            return .failure(.error(
                "WB609", "this is a device, not a file; a \(what.en) is read from a regular file",
                nl: "dit is een apparaat, geen bestand; een \(What.bare(what)) wordt gelezen uit een gewoon bestand", file: path))
        }
        inputs?.record(status, path: path, what: what)
        if Int(status.st_size) > maxInputBytes { return .failure(tooLarge(path, what: what)) }
        return readToEnd(descriptor, path: path, what: what, expected: Int(status.st_size))
    }

    /// Reads to the end (a file may grow while it is read), never more than the limit.
    private static func readToEnd(_ descriptor: Int32, path: String, what: Bilingual, expected: Int) -> Result<SourceFile, Diagnostic> {
        var bytes = [UInt8](repeating: 0, count: max(expected, 4096) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard count <= maxInputBytes else { return .failure(tooLarge(path, what: what)) }
                bytes += [UInt8](repeating: 0, count: min(bytes.count, maxInputBytes + 1 - count))
            }
            let read = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if read == 0 { break }
            if read < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                return .failure(.error("WB604", "reading the \(what.en) failed (\(reason))", nl: "het lezen van \(what.nl) is mislukt (\(reason))", file: path))
            }
            count += read
        }
        if count > maxInputBytes { return .failure(tooLarge(path, what: what)) }
        bytes.removeSubrange(count...)
        return .success(SourceFile(path: path, bytes: bytes))
    }

    private static func tooLarge(_ path: String, what: Bilingual) -> Diagnostic {
        .error(
            "WB605", "the file is larger than \(maxInputBytes / 1024 / 1024) MB; a \(what.en) is a small text file",
            nl: "het bestand is groter dan \(maxInputBytes / 1024 / 1024) MB; een \(What.bare(what)) is een klein tekstbestand", file: path)
    }

    private static func folder(_ path: String, what: Bilingual) -> Diagnostic {
        .error("WB602", "this is a folder, not a \(what.en)", nl: "dit is een map, geen \(What.bare(what))", file: path)
    }

    /// Why `open` failed, in the words of the fix.
    private static func whyUnreadable(_ path: String, what: Bilingual, error: Int32) -> Diagnostic {
        switch error {
        case ENOENT, ENOTDIR:
            // A name that is not UTF-8 reaches Swift with U+FFFD in place of its bad bytes, so
            // no such file exists; say why instead of "no such file".
            if path.unicodeScalars.contains("\u{FFFD}") {
                return .error(
                    "WB601", "the file name is not valid UTF-8, so Waarborg cannot name the file; rename it with UTF-8 characters",
                    nl: "de bestandsnaam is geen geldige UTF-8, dus Waarborg kan het bestand niet bij naam noemen; geef het een naam met UTF-8-tekens",
                    file: path)
            }
            return .error("WB601", "no such \(what.en); check the path", nl: "\(what.nl) bestaat niet; controleer het pad", file: path)
        case EACCES, EPERM:
            return .error(
                "WB603", "permission denied; the \(what.en) cannot be read", nl: "geen toegangsrecht; \(what.nl) kan niet worden gelezen", file: path)
        case EISDIR:
            return folder(path, what: what)
        default:
            let reason = String(cString: strerror(error))
            return .error("WB603", "the \(what.en) cannot be opened (\(reason))", nl: "\(what.nl) kan niet worden geopend (\(reason))", file: path)
        }
    }

    /// The `.wbr` files of a folder and its subfolders, sorted by path so that the order
    /// on disk never changes a result. Anything that would make rules go missing without a
    /// word is an error: a subfolder that cannot be read, a symbolic link (to a file or a
    /// folder), a folder reached twice (a loop through a bind mount), or a FIFO, device or
    /// socket. Other regular files (notes, a README) are not rule files and are left alone.
    static func ruleFiles(in directory: String) -> Result<[String], Diagnostic> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            return .failure(.error(
                "WB606", "no such rules folder; pass the folder with `--rules DIR`",
                nl: "deze regelmap bestaat niet; geef de map op met `--rules DIR`", file: directory))
        }
        guard isDirectory.boolValue else {
            return .failure(.error(
                "WB607", "this is a file; `--rules` takes the folder that holds the .wbr files",
                nl: "dit is een bestand; `--rules` neemt de map met de .wbr-bestanden", file: directory))
        }
        // Listed with opendir/readdir: every command lists the rules folder, and
        // Foundation's enumerator cost more than reading the cached rule set.
        let root = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        var files: [String] = []
        var folders = [root]
        var visited = Set<[UInt64]>()
        while let folder = folders.popLast() {
            guard let stream = opendir(folder) else {
                let reason = String(cString: strerror(errno))
                return .failure(.error(
                    "WB603", "the rules folder cannot be read (\(reason)); its rules would be missing, so nothing is checked",
                    nl: "de regelmap kan niet worden gelezen (\(reason)); de regels erin zouden ontbreken, dus er wordt niets gecontroleerd", file: folder))
            }
            defer { closedir(stream) }
            var status = stat()
            if fstat(dirfd(stream), &status) == 0, !visited.insert([UInt64(status.st_dev), UInt64(status.st_ino)]).inserted {
                return .failure(.error(
                    "WB609", "this folder is reached twice in the rules folder (a loop); remove the loop",
                    nl: "deze map wordt twee keer bereikt in de regelmap (een lus); verwijder de lus", file: folder))
            }
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard name != ".", name != ".." else { continue }
                let path = folder + "/" + name
                var kind = Int32(entry.pointee.d_type)
                if kind == DT_UNKNOWN {
                    var status = stat()
                    guard lstat(path, &status) == 0 else { continue }
                    switch status.st_mode & S_IFMT {
                    case S_IFDIR: kind = Int32(DT_DIR)
                    case S_IFREG: kind = Int32(DT_REG)
                    case S_IFLNK: kind = Int32(DT_LNK)
                    default: kind = Int32(DT_FIFO)
                    }
                }
                switch kind {
                case Int32(DT_DIR): folders.append(path)
                case Int32(DT_REG): if name.hasSuffix(".wbr") { files.append(path) }
                case Int32(DT_LNK):
                    return .failure(.error(
                        "WB609",
                        "this is a symbolic link; the rules folder must hold its rule files and folders themselves (a link can point anywhere, or loop). Copy the file in, or name the real folder with `--rules`",
                        nl: "dit is een symbolische link; de regelmap moet de regelbestanden en mappen zelf bevatten (een link kan overal heen wijzen, of een lus vormen). Kopieer het bestand naar de map, of geef de echte map op met `--rules`",
                        file: path))
                default:
                    return .failure(.error(
                        "WB609", "this is not a file or folder (a FIFO, device or socket); remove it from the rules folder",
                        nl: "dit is geen bestand of map (een FIFO, apparaat of socket); verwijder het uit de regelmap", file: path))
                }
            }
        }
        guard !files.isEmpty else {
            return .failure(.error("WB608", "the rules folder holds no .wbr rule files", nl: "de regelmap bevat geen .wbr-regelbestanden", file: directory))
        }
        return .success(files.sorted())
    }

    /// The files named, and for each folder named the files in it (with `recursive`, in its
    /// subfolders too) whose names `matches` accepts, sorted per folder; `impact` and `fmt`
    /// take plans and rule files this way.
    static func expand(_ arguments: [String], recursive: Bool, matches: (String) -> Bool) -> Result<[String], Diagnostic> {
        var found: [String] = []
        for argument in arguments {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) else {
                return .failure(.error("WB601", "no such file or folder", nl: "dit bestand of deze map bestaat niet", file: argument))
            }
            guard isFolder.boolValue else {
                found.append(argument)
                continue
            }
            let root = argument.hasSuffix("/") ? String(argument.dropLast()) : argument
            let names = (recursive ? FileManager.default.subpaths(atPath: root) : try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
            found += names.filter(matches).sorted().map { root + "/" + $0 }
        }
        return .success(found)
    }

    /// Writes `text` to `path` atomically, or returns what went wrong.
    static func writeAtomically(_ text: String, to path: String, inputs: RunInputs? = nil) -> Diagnostic? {
        writeAtomically(Array(text.utf8), to: path, inputs: inputs)
    }

    /// Writes bytes (a DOCX, say) to `path` atomically, or returns what went wrong.
    static func writeAtomically(_ bytes: [UInt8], to path: String, inputs: RunInputs? = nil, policy: AtomicFile.Policy = .output) -> Diagnostic? {
        switch AtomicFile.create(path, inputs: inputs, policy: policy) {
        case .failure(let diagnostic):
            return diagnostic
        case .success(let file):
            file.write(bytes)
            return file.commit()
        }
    }

    /// Writes all of `buffer` to a file descriptor, resuming after interruptions; the
    /// error number when writing fails.
    static func writeFully(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if written == 0 { return EIO }
            offset += written
        }
        return nil
    }

    /// Appends to a file another program reads progressively (`$GITHUB_STEP_SUMMARY`):
    /// the one place where Waarborg appends instead of replacing. What went wrong, if anything.
    static func append(_ text: String, to path: String) -> Diagnostic? {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOCTTY | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            return .error("WB611", "cannot append the job summary (\(reason))", nl: "kan de samenvatting van de job niet toevoegen (\(reason))", file: path)
        }
        var text = text
        var failure = text.withUTF8 { writeFully(UnsafeRawBufferPointer($0), to: descriptor) }
        if close(descriptor) != 0, failure == nil { failure = errno }
        return failure.map {
            let reason = String(cString: strerror($0))
            return .error("WB611", "appending the job summary failed (\(reason))", nl: "het toevoegen van de samenvatting van de job is mislukt (\(reason))", file: path)
        }
    }
}
