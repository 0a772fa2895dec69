//! Mutated specs, the other half of sdkgen's guarantee for odd input: a spec
//! sdkgen accepts gives a crate that compiles. The build script generates a
//! fixed set of mutants of our own specs into [`mutants`]; this crate builds
//! only if every one of them compiles, and CI's clippy run holds them to
//! `-D warnings`. `tests/mutations.rs` checks the other outcome over many
//! more: a spec sdkgen refuses gets an error with a location, never a panic.

pub mod mutate;

/// The generated clients of the mutants, one module each.
pub mod mutants {
    include!(concat!(env!("OUT_DIR"), "/mutants.rs"));
}
