import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Files and folders only the server's own user may open: the database and its WAL, the
/// blobs, the key file. Files are created 0600 and folders 0700, whatever the process's umask.
public enum PrivateFiles {
    /// Creates `url` and the folders above it that are missing, each mode 0700. With
    /// `restrict`, an existing `url` is made 0700 too (a folder the server owns whole).
    public static func folder(_ url: URL, restrict: Bool = false) throws {
        let path = url.standardizedFileURL.path
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw ConfigurationError(message: "\(path) is not a folder") }
            if restrict { try self.restrict(path, mode: 0o700) }
            return
        }
        try folder(url.standardizedFileURL.deletingLastPathComponent())
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else {
            throw ConfigurationError(message: "cannot create the folder \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Creates a new file with `contents`, mode 0600, flushed to disk; fails when it exists.
    public static func create(_ url: URL, contents: Data = Data()) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ConfigurationError(message: "cannot create \(url.path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var written = 0
        try contents.withUnsafeBytes { buffer in
            while written < buffer.count {
                let result = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result < 0, errno == EINTR { continue }
                guard result > 0 else { throw ConfigurationError(message: "cannot write \(url.path): \(String(cString: strerror(errno)))") }
                written += result
            }
        }
        guard fsync(descriptor) == 0 else { throw ConfigurationError(message: "cannot flush \(url.path)") }
    }

    /// Takes away every permission of group and others from an existing file or folder (0600 or
    /// 0700 at most). A missing path is left alone.
    public static func restrict(_ path: String, mode: Int = 0o600) throws {
        guard let current = self.mode(path), current & 0o077 != 0 else { return }
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    /// The permission bits of a path, `nil` when it does not exist.
    public static func mode(_ path: String) -> Int? {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? NSNumber)?.intValue
    }
}
