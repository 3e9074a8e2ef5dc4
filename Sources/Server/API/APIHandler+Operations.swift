import APITypes
import Foundation
import Logging
import OpenAPIRuntime
import Prometheus

extension APIHandler {
    func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
        .ok(.init(body: .json(.init(status: .ok, version: ServerInfo.version))))
    }

    func getReadiness(_ input: Operations.GetReadiness.Input) async throws -> Operations.GetReadiness.Output {
        do {
            try await store.ping()
        } catch {
            logger.error("readiness check failed", metadata: ["store": "\(store.kind)"])
            throw Problem.unavailable
        }
        return .ok(.init(body: .json(.init(status: .ok, version: ServerInfo.version, store: store.kind))))
    }

    func getMetrics(_ input: Operations.GetMetrics.Input) async throws -> Operations.GetMetrics.Output {
        var buffer: [UInt8] = []
        metrics.emit(into: &buffer)
        return .ok(.init(body: .plainText(HTTPBody(buffer))))
    }
}

/// Facts about this build.
public enum ServerInfo {
    public static let version = "0.1.0"
}
