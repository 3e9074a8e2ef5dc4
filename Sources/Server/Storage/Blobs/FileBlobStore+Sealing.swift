import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension FileBlobStore {
    /// Seals every file of the folder still in plain text (written before sealing) and, with
    /// `resealing`, seals again every file sealed under another key than the one that seals
    /// now (after a rotation). Each file is rewritten beside itself and renamed over the old
    /// one, so a crash leaves either. Returns how many files it sealed.
    ///
    /// Without `resealing`, a folder already checked whole (the `.sealed` mark) is not read again.
    @discardableResult
    public func sealFiles(resealing: Bool = false) async throws -> Int {
        try await onPool { try sealFilesNow(resealing: resealing) }
    }

    /// ``sealFiles(resealing:)`` for the plain files only, on the caller's thread (the server
    /// runs it once as it starts, before it serves).
    public func sealPlainFiles() throws -> Int { try sealFilesNow(resealing: false) }

    private func sealFilesNow(resealing: Bool) throws -> Int {
        let mark = root.appendingPathComponent(".sealed")
        let manager = FileManager.default
        if !resealing, manager.fileExists(atPath: mark.path) { return 0 }
        let cipher = keys.cipher
        var sealed = 0
        let files = manager.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = files?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true, url != mark,
                !url.lastPathComponent.hasPrefix(".reseal-")
            else { continue }
            let plain: Data
            if try SealedBlobFile.isSealed(url) {
                guard resealing, try withFile(url, { try $0.kids() }).subtracting([cipher.sealingKid()]).isEmpty == false else {
                    continue
                }
                var bytes = Data()
                try withFile(url) { try $0.forEachChunk { bytes.append($0) } }
                plain = bytes
            } else {
                plain = try Data(contentsOf: url)
            }
            let temporary = url.deletingLastPathComponent().appendingPathComponent(".reseal-\(url.lastPathComponent)")
            try? manager.removeItem(at: temporary)
            try SealedBlobFile.create(temporary)
            try withFile(temporary) { try $0.write(plain, at: 0) }
            guard rename(temporary.path, url.path) == 0 else {
                throw ConfigurationError(message: "cannot replace \(url.path): \(String(cString: strerror(errno)))")
            }
            sealed += 1
        }
        if !manager.fileExists(atPath: mark.path) { try PrivateFiles.create(mark) }
        return sealed
    }
}
