import Foundation
import HTTPTypes
import Yams

/// The operations of `openapi/openapi.yaml`, read from the file itself, so tests that must cover
/// every route fail when a route is added without them.
struct Contract {
    struct Operation: Hashable, CustomStringConvertible {
        var id: String
        var method: HTTPRequest.Method
        /// As the contract writes it: `/v1/office/claims/{claimId}/pay`.
        var path: String
        /// `security: []`: no token needed.
        var isPublic: Bool
        /// `x-body-limit`: bytes, or `Tus-Max-Size`.
        var bodyLimit: String?
        /// The response statuses it declares.
        var statuses: Set<Int>
        /// The headers its 2xx and 3xx responses declare, lower-cased.
        var successHeaders: Set<String>
        var hasBody: Bool

        var description: String { "\(method.rawValue) \(path) (\(id))" }
    }

    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("openapi/openapi.yaml")

    static let operations: [Operation] = {
        let text = try! String(contentsOf: file, encoding: .utf8)
        let root = try! Yams.load(yaml: text) as! [String: Any]
        let paths = root["paths"] as! [String: Any]
        var operations: [Operation] = []
        for (path, item) in paths {
            for (method, value) in item as! [String: Any] {
                guard let method = HTTPRequest.Method(method.uppercased()), let operation = value as? [String: Any] else { continue }
                let responses = operation["responses"] as? [String: Any] ?? [:]
                var headers: Set<String> = []
                for (status, response) in responses where status.hasPrefix("2") || status.hasPrefix("3") {
                    let declared = (response as? [String: Any])?["headers"] as? [String: Any] ?? [:]
                    headers.formUnion(declared.keys.map { $0.lowercased() })
                }
                operations.append(
                    Operation(
                        id: operation["operationId"] as! String,
                        method: method,
                        path: path,
                        isPublic: (operation["security"] as? [Any])?.isEmpty == true,
                        bodyLimit: operation["x-body-limit"].map { "\($0)" },
                        statuses: Set(responses.keys.compactMap { Int($0) }),
                        successHeaders: headers,
                        hasBody: operation["requestBody"] != nil
                    )
                )
            }
        }
        return operations.sorted { ($0.path, $0.method.rawValue) < ($1.path, $1.method.rawValue) }
    }()
}
