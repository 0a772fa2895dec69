//! docs/errors.md lists bad inputs and the exact message the CLI prints for
//! each. This runs every row and compares, so the table stays true.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

/// `(file, flags, message)` of each row of the table.
fn rows() -> Vec<(String, Vec<String>, String)> {
    let text = std::fs::read_to_string(repo_root().join("docs/errors.md")).unwrap();
    text.lines()
        .filter(|line| line.starts_with("| `"))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
            assert_eq!(cells.len(), 4, "a row of four cells: {line}");
            let file = cells[0].trim_matches('`').to_owned();
            let flags = cells[2]
                .split_whitespace()
                .map(|f| f.trim_matches('`').to_owned())
                .collect();
            let message = cells[3]
                .strip_prefix("`` ")
                .and_then(|m| m.strip_suffix(" ``"))
                .unwrap_or_else(|| panic!("message in `` … ``: {line}"))
                .to_owned();
            (file, flags, message)
        })
        .collect()
}

#[test]
fn every_row_of_the_errors_table_is_what_the_cli_prints() {
    let rows = rows();
    assert!(rows.len() >= 15, "the table lost rows: {}", rows.len());
    let tmp = tempfile::tempdir().unwrap();
    for (file, flags, expected) in rows {
        let out = tmp.path().join("out");
        let spec = repo_root().join("tests/fixtures/bad").join(&file);
        let output = Command::new(env!("CARGO_BIN_EXE_sdkgen"))
            .arg("generate")
            .arg(&spec)
            .arg("--out")
            .arg(&out)
            .args(&flags)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{file}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.trim(), expected, "{file}");
        assert!(!out.exists(), "{file}: a failed run wrote output");
        // build.rs users get the same words through the library's error type.
        let config = sdkgen::Config {
            crate_name: None,
            strict: flags.iter().any(|f| f == "--strict"),
            webhook_signature: None,
            ..sdkgen::Config::default()
        };
        let error = sdkgen::generate_file(&spec, &config).unwrap_err();
        assert_eq!(format!("error: {error}"), expected, "{file}");
    }
}

#[test]
fn usage_mistakes_exit_with_2() {
    let output = Command::new(env!("CARGO_BIN_EXE_sdkgen"))
        .args(["generate", "spec.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--out"));
}
