//! Generates the Authlete client into OUT_DIR at build time.

use std::path::Path;

fn main() {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let spec = Path::new(&manifest_dir).join("../../spec/authlete.yaml");
    if let Err(error) = sdkgen::build_rs(&spec, "authlete") {
        // The message names the spec, the place in it and what is wrong.
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}
