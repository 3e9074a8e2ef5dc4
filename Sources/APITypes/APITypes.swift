// The types generated from openapi/openapi.yaml (the `types` half of the generator) live in
// this target so the server, the typed client, the simulator and the tests share them.
