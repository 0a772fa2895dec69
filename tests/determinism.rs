//! Two runs of the generator on the same spec give byte-identical crates, and
//! the output does not depend on the folder the spec was read from.

use sdkgen_tests::{repo_root, shared_dir};

fn generate(path: &std::path::Path) -> sdkgen::GeneratedCrate {
    sdkgen::generate_file(path, &sdkgen::Config::default())
        .unwrap()
        .crate_files()
}

#[test]
fn two_runs_are_byte_identical() {
    for spec in [
        repo_root().join("spec/authlete.yaml"),
        shared_dir().join("specs/authlete/authlete-3.0.16.yaml"),
    ] {
        let first = generate(&spec);
        let second = generate(&spec);
        assert!(first.files.len() > 5, "{}", spec.display());
        assert_eq!(first, second, "{}", spec.display());
    }
}

#[test]
fn output_does_not_depend_on_the_spec_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("authlete.yaml");
    std::fs::copy(repo_root().join("spec/authlete.yaml"), &copy).unwrap();
    assert_eq!(
        generate(&copy),
        generate(&repo_root().join("spec/authlete.yaml"))
    );
}
