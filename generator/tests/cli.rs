//! The `sdkgen` binary: generate, --check, and a bad spec.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

fn sdkgen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sdkgen"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn generate_then_check() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("authlete");
    let spec = repo_root().join("spec/authlete.yaml");
    let (spec, out_arg) = (spec.to_str().unwrap(), out.to_str().unwrap());
    let args = [
        "generate",
        spec,
        "--out",
        out_arg,
        "--crate-name",
        "authlete",
    ];

    let written = sdkgen(&args);
    assert!(written.status.success(), "{}", stderr(&written));
    // The CLI writes what the checked-in crate holds.
    for file in ["Cargo.toml", "src/lib.rs", "src/models.rs", "src/client.rs"] {
        assert_eq!(
            std::fs::read_to_string(out.join(file)).unwrap(),
            std::fs::read_to_string(repo_root().join("generated").join(file)).unwrap(),
            "{file}"
        );
    }

    let check = [&args[..], &["--check"]].concat();
    let fresh = sdkgen(&check);
    assert!(fresh.status.success(), "{}", stderr(&fresh));

    std::fs::write(out.join("src/models.rs"), "// edited\n").unwrap();
    std::fs::write(out.join("src/extra.rs"), "// stray\n").unwrap();
    let stale = sdkgen(&check);
    assert_eq!(stale.status.code(), Some(1));
    let message = stderr(&stale);
    assert!(message.contains("src/models.rs"), "{message}");
    assert!(message.contains("src/extra.rs"), "{message}");
    // --check wrote nothing.
    assert_eq!(
        std::fs::read_to_string(out.join("src/models.rs")).unwrap(),
        "// edited\n"
    );
}

#[test]
fn bad_spec_is_located_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = tmp.path().join("bad.yaml");
    std::fs::write(
        &spec,
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /pets/{id:\n    get:\n      responses:\n        '200': {description: ok}\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let result = sdkgen(&[
        "generate",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(result.status.code(), Some(1));
    assert_eq!(
        stderr(&result).trim(),
        "error: bad.yaml:6:7: #/paths/~1pets~1{id/get: path `/pets/{id` has an unclosed `{`"
    );
    assert!(!out.exists(), "a failed run wrote {}", out.display());
}

#[test]
fn a_crate_name_that_is_not_one_is_refused_before_anything_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let spec = repo_root().join("spec/authlete.yaml");
    for (name, message) in [
        (
            "a.b",
            "error: crate name \"a.b\" may hold only ASCII letters, digits, `-` and `_`, not '.'",
        ),
        (
            "1st",
            "error: crate name \"1st\" must start with an ASCII letter",
        ),
        ("self", "error: crate name \"self\" is a Rust keyword"),
    ] {
        let result = sdkgen(&[
            "generate",
            spec.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--crate-name",
            name,
        ]);
        assert_eq!(result.status.code(), Some(1), "{name}");
        assert_eq!(stderr(&result).trim(), message);
        assert!(!out.exists());
    }
}

#[test]
fn output_does_not_depend_on_the_working_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = repo_root().join("spec/authlete.yaml");
    let mut crates = Vec::new();
    for (cwd, name) in [(tmp.path().to_owned(), "a"), (repo_root(), "b")] {
        let out = tmp.path().join(name);
        let status = Command::new(env!("CARGO_BIN_EXE_sdkgen"))
            .current_dir(cwd)
            .arg("generate")
            .arg(&spec)
            .arg("--out")
            .arg(&out)
            .status()
            .unwrap();
        assert!(status.success());
        crates.push(out);
    }
    for file in [
        "Cargo.toml",
        "README.md",
        "src/lib.rs",
        "src/client.rs",
        "src/models.rs",
    ] {
        assert_eq!(
            std::fs::read(crates[0].join(file)).unwrap(),
            std::fs::read(crates[1].join(file)).unwrap(),
            "{file}"
        );
    }
}

/// A run killed at any moment leaves the output folder either as it was or
/// holding the whole new crate, never a mix.
#[test]
fn a_killed_run_leaves_the_old_crate_or_the_new_one() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let old_spec = repo_root().join("spec/authlete.yaml");
    let new_spec = repo_root().join("../shared/specs/corpus/spotify_fixed.yml");
    let generate = |spec: &Path, check: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_sdkgen"));
        command.arg("generate").arg(spec).arg("--out").arg(&out);
        if check {
            command.arg("--check");
        }
        command
    };
    for delay_ms in [0u64, 5, 20, 60, 150, 400] {
        assert!(generate(&old_spec, false).status().unwrap().success());
        let mut child = generate(&new_spec, false)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let old_intact = generate(&old_spec, true).output().unwrap().status.success();
        let new_whole = generate(&new_spec, true).output().unwrap().status.success();
        assert!(
            old_intact || new_whole,
            "killed after {delay_ms} ms: the folder is neither crate"
        );
    }
}
