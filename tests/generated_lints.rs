//! The checked-in generated crates document without rustdoc warnings. That
//! they (and the build.rs example, whose module is generated at build time)
//! compile with zero warnings and are clippy-clean with `-D warnings`, all
//! targets, is proven by `.ci/run`'s `cargo clippy --workspace --all-targets
//! -- -D warnings`: they are workspace members, and linting them here too
//! would lint them twice.

use sdkgen_tests::cargo_clean_run;

/// rustdoc has nothing to warn about in the checked-in generated crates: spec
/// descriptions are rewritten where rustdoc would warn (see
/// `generator/src/emit/rustdoc.rs`); `cargo xtask corpus` checks the same on
/// every shared spec.
#[test]
fn generated_crates_document_without_warnings() {
    cargo_clean_run(
        &[
            "doc",
            "--quiet",
            "--no-deps",
            "--package",
            "authlete",
            "--package",
            "authlete-ciba-inline",
            "--package",
            "names-and-enums",
            "--package",
            "schema-constructs",
            "--package",
            "openapi-31-constructs",
            "--package",
            "fidelity",
        ],
        &[("RUSTDOCFLAGS", "--deny warnings")],
    );
}
