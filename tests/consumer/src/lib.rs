//! A user's code, written once against the first release of a generated
//! SDK (`tests/fixtures/evolution-v1.yaml`) and compiled, unchanged,
//! against it and against the next release (`evolution-v2.yaml`), which adds
//! an optional field to every kind of model, a value to an enum, an
//! alternative to a union, a parameter and an operation. That the second
//! module compiles is the proof that such a regeneration is not breaking:
//! the generated types are `#[non_exhaustive]` and built through `new` and
//! setters, so nothing here names the whole of a type.

/// The code against the first release.
pub mod v1 {
    use evolution_v1 as api;
    include!("orders.rs");
}

/// The same code against the second release. It deprecates `limit` and
/// `Order::total`, which this code uses: a warning for its users, not a
/// break, and allowed here so that the workspace's lint run stays clean.
#[allow(deprecated)]
pub mod v2 {
    use evolution_v2 as api;
    include!("orders.rs");
}
