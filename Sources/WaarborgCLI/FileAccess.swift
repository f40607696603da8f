import Foundation
import WaarborgSyntax

/// Reading inputs and writing outputs, each failure a diagnostic with the path and what
/// to do, never a crash. Outputs are written atomically: a temporary file in the same
/// folder, then a rename, so a reader never sees half a file.
enum FileAccess {
    /// Larger inputs are refused with an error instead of read: no plan or rule file
    /// comes near this, and it bounds the work a broken or hostile file can cause.
    static let maxInputBytes = 16 * 1024 * 1024

    static func read(_ path: String, what: String) -> Result<SourceFile, Diagnostic> {
        // Every command reads all rule files, so the common case is three system calls
        // (open, fstat, read); only a failure asks the file system why, for the message.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(whyUnreadable(path, what: what, error: errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(whyUnreadable(path, what: what, error: errno)) }
        if status.st_mode & S_IFMT == S_IFDIR {
            return .failure(.error("WB602", "\(path) is a folder, not a \(what) file", at: nil))
        }
        if Int(status.st_size) > maxInputBytes { return .failure(tooLarge(path, what: what)) }
        // Read to the end (a file may grow while it is read), never more than the limit.
        var bytes = [UInt8](repeating: 0, count: max(Int(status.st_size), 4096) + 1)
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
                return .failure(.error("WB604", "\(path): reading the \(what) failed (\(reason))", at: nil))
            }
            count += read
        }
        if count > maxInputBytes { return .failure(tooLarge(path, what: what)) }
        bytes.removeSubrange(count...)
        return .success(SourceFile(path: path, bytes: bytes))
    }

    private static func tooLarge(_ path: String, what: String) -> Diagnostic {
        .error("WB605", "\(path) is larger than \(maxInputBytes / 1024 / 1024) MB; a \(what) is a small text file", at: nil)
    }

    /// Why `open` failed, in the words of the fix.
    private static func whyUnreadable(_ path: String, what: String, error: Int32) -> Diagnostic {
        switch error {
        case ENOENT, ENOTDIR:
            return .error("WB601", "\(path): no such \(what); check the path", at: nil)
        case EACCES, EPERM:
            return .error("WB603", "\(path): permission denied; the \(what) cannot be read", at: nil)
        case EISDIR:
            return .error("WB602", "\(path) is a folder, not a \(what) file", at: nil)
        default:
            return .error("WB603", "\(path): the \(what) cannot be opened (\(String(cString: strerror(error))))", at: nil)
        }
    }

    /// The `.wbr` files of a folder and its subfolders, sorted by path so that the order
    /// on disk never changes a result.
    static func ruleFiles(in directory: String) -> Result<[String], Diagnostic> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            return .failure(.error("WB606", "\(directory): no such rules folder; pass the folder with `--rules DIR`", at: nil))
        }
        guard isDirectory.boolValue else {
            return .failure(.error("WB607", "\(directory) is a file; `--rules` takes the folder that holds the .wbr files", at: nil))
        }
        // Listed with opendir/readdir: every command lists the rules folder, and
        // Foundation's enumerator cost more than reading the cached rule set.
        let root = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var files: [String] = []
        var folders = [root]
        var readable = false
        while let folder = folders.popLast() {
            guard let stream = opendir(folder) else { continue }
            defer { closedir(stream) }
            readable = true
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard name != ".", name != ".." else { continue }
                let path = folder + "/" + name
                // Folders are entered, links to folders are not (no loops), as before.
                var isFolder = Int32(entry.pointee.d_type) == DT_DIR
                if Int32(entry.pointee.d_type) == DT_UNKNOWN {
                    var status = stat()
                    isFolder = lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
                }
                if isFolder {
                    folders.append(path)
                } else if name.hasSuffix(".wbr") {
                    files.append(path)
                }
            }
        }
        guard readable else {
            return .failure(.error("WB603", "\(directory): the rules folder cannot be read", at: nil))
        }
        guard !files.isEmpty else {
            return .failure(.error("WB608", "\(directory) holds no .wbr rule files", at: nil))
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
                return .failure(.error("WB601", "\(argument): no such file or folder", at: nil))
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
    static func writeAtomically(_ text: String, to path: String) -> Diagnostic? {
        writeAtomically(Array(text.utf8), to: path)
    }

    /// Writes bytes (a DOCX, say) to `path` atomically, or returns what went wrong.
    static func writeAtomically(_ bytes: [UInt8], to path: String) -> Diagnostic? {
        switch AtomicFile.create(path) {
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
    /// the one place where Waarborg appends instead of replacing.
    static func append(_ text: String, to path: String) {
        guard let handle = FileHandle(forWritingAtPath: path) else {
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
            return
        }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data(text.utf8))
    }
}
