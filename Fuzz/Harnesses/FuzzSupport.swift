// Compiled into every fuzz target.

/// Stops the fuzzer with `message` (a crash libFuzzer keeps the input of) unless `condition`
/// holds. Unlike `precondition`, the message survives an optimised build.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
