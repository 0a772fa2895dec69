//! Generates a client module from each real spec the wire tests use, straight
//! from ../shared/specs (never copied into the repository).

use std::path::Path;

/// `(spec under ../shared/specs, module name)`.
const SPECS: &[(&str, &str)] = &[
    ("authlete/authlete-3.0.16.yaml", "authlete_3_0_16"),
    ("authlete/authlete-2.3.12.yaml", "authlete_2_3_12"),
    ("corpus/apisguru_walmart.json", "walmart"),
    ("corpus/oai_uspto.yaml", "uspto"),
];

fn main() {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let shared = Path::new(&manifest_dir).join("../../../shared/specs");
    for (spec, module) in SPECS {
        let path = shared.join(spec);
        println!("cargo:rerun-if-changed={}", path.display());
        // The specs' warnings are known (the corpus run lists them); printing
        // them on every build would only bury real ones.
        let output = sdkgen::generate_module_file(&path, &sdkgen::Config::default())
            .unwrap_or_else(|error| panic!("{error}"));
        let target = Path::new(&out_dir).join(format!("{module}.rs"));
        std::fs::write(&target, output.source)
            .unwrap_or_else(|error| panic!("{}: {error}", target.display()));
    }
}
