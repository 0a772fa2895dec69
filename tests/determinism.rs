//! Two runs of the generator on the same spec give byte-identical crates, and
//! the output does not depend on the folder the spec was read from.

use sdkgen_tests::{repo_root, shared_dir};

fn generate(path: &std::path::Path) -> sdkgen::GeneratedCrate {
    sdkgen::generate_file(path, &sdkgen::Config::default())
        .unwrap()
        .crate_files()
}

/// Our spec, Authlete's three, and the corpus files up to 100 KB (the big ones
/// are generated twice by `cargo xtask corpus`'s users, not here, to keep the
/// default suite quick).
fn specs() -> Vec<std::path::PathBuf> {
    let mut specs = vec![repo_root().join("spec/authlete.yaml")];
    for dir in ["specs/authlete", "specs/corpus"] {
        let mut found: Vec<_> = std::fs::read_dir(shared_dir().join(dir))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| {
                matches!(
                    path.extension().and_then(|e| e.to_str()),
                    Some("yaml" | "yml" | "json")
                )
            })
            .filter(|path| {
                dir == "specs/authlete" || std::fs::metadata(path).unwrap().len() <= 100_000
            })
            .collect();
        found.sort();
        specs.extend(found);
    }
    specs
}

#[test]
fn two_runs_are_byte_identical() {
    let specs = specs();
    assert!(specs.len() >= 15, "{specs:?}");
    for spec in specs {
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
