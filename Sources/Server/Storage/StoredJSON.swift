import Foundation
import Sync

/// How every store encodes the values it keeps as JSON (records, results, audit entries): the
/// one configuration (``JSONCoding``), so a row reads the same whichever store wrote it.
enum StoredJSON {
    static var encoder: JSONEncoder { JSONCoding.encoder }
    static var decoder: JSONDecoder { JSONCoding.decoder }
}
