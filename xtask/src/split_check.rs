//! `generate --split` proven by the tests written for the unsplit crates:
//! four fixtures are generated as split workspaces, each is held to clippy
//! `-D warnings` (client-shapes also with no tag's feature, with one, and
//! with `full-serde`), and the wire tests of `tests/` (client shapes,
//! pagination, streaming, production) are compiled against the facades,
//! unchanged, and run against their servers on 127.0.0.1. The facade must
//! offer every path those tests name, and behave the same.

use std::path::Path;
use std::process::Command;

/// The fixtures split, by crate name (the tests' crate names) and the
/// features the tests turn on (as in `tests/Cargo.toml`).
const SPLIT: &[(&str, &str)] = &[
    ("client-shapes", "\"blocking\""),
    ("pagination", "\"blocking\""),
    ("streaming", "\"blocking\""),
    ("production", "\"blocking\", \"tracing\""),
];

/// Writes the split workspaces and the test crate under `work`, and runs
/// the checks, building in `target`.
pub fn run(root: &Path, work: &Path, target: &Path) -> Result<String, String> {
    let mut report = String::new();
    for (name, _) in SPLIT {
        let spec = root.join(format!("tests/fixtures/{name}.yaml"));
        let config = sdkgen::Config {
            crate_name: Some((*name).to_owned()),
            split: true,
            ..sdkgen::Config::default()
        };
        let output = sdkgen::generate_file(&spec, &config).map_err(|e| e.to_string())?;
        let files = output.into_crate_files();
        let crates = files
            .files
            .keys()
            .filter(|path| path.ends_with("Cargo.toml"))
            .count();
        report.push_str(&format!("{name}: {crates} crates\n"));
        files.write(&work.join(name)).map_err(|e| e.to_string())?;
    }
    // The library targets only: a generated crate has no tests of its own,
    // and `--all-targets` would check each crate twice.
    let clippy = ["clippy", "--quiet", "--workspace"];
    for (name, _) in SPLIT {
        cargo(&work.join(name), target, &clippy, &[])?;
    }
    // The facade's features: none, one tag, and `full-serde` forwarded to
    // the crates that are there (the blocking client is in the wire tests).
    let shapes = work.join("client-shapes");
    for features in ["", "files", "full-serde,files"] {
        let args = [
            "clippy",
            "--quiet",
            "--no-default-features",
            "--features",
            features,
        ];
        cargo(&shapes, target, &args, &[])?;
    }
    let wire = work.join("wire");
    crate::conformance::write(&wire.join("Cargo.toml"), &wire_manifest(root))?;
    crate::conformance::write(&wire.join("src/lib.rs"), "")?;
    // One test reads the fixture beside its own manifest to check
    // generation's warnings, not the client: it stays in `tests/`.
    let out = cargo(
        &wire,
        target,
        &[
            "test",
            "--quiet",
            "--",
            "--skip",
            "the_repairs_are_warned_about",
        ],
        &[("RUST_BACKTRACE", "0")],
    )?;
    report.push_str(&out);
    Ok(report)
}

/// Runs cargo in `dir`; its output, or an error with it.
fn cargo(
    dir: &Path,
    target: &Path,
    args: &[&str],
    envs: &[(&str, &str)],
) -> Result<String, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .args(args);
    if args[0] == "clippy" {
        command.args(["--", "--deny", "warnings"]);
    }
    for (key, value) in envs {
        command.env(key, value);
    }
    let result = command.output().map_err(|e| format!("cargo: {e}"))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
    if result.status.success() {
        Ok(text)
    } else {
        Err(format!(
            "cargo {} in {} failed:\n{text}",
            args.join(" "),
            dir.display()
        ))
    }
}

/// The crate of the wire tests: `tests/`'s own files and helpers, the
/// split facades in place of the goldens.
fn wire_manifest(root: &Path) -> String {
    let mut text = String::from(
        "[package]\nname = \"split-wire\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [workspace]\n\n[dev-dependencies]\n",
    );
    for (name, features) in SPLIT {
        text.push_str(&format!(
            "{name} = {{ path = \"../{name}\", features = [{features}] }}\n"
        ));
    }
    let tests = root.join("tests");
    text.push_str(&format!(
        "sdkgen-tests = {{ path = {:?} }}\nsdkgen = {{ path = {:?} }}\n",
        tests.display().to_string(),
        root.join("generator").display().to_string()
    ));
    text.push_str(
        "base64 = \"0.22\"\nchrono = { version = \"0.4.20\", default-features = false, features = [\"std\"] }\n\
         form_urlencoded = \"1\"\nfutures-util = \"0.3\"\nhmac = \"0.12\"\nreqwest = { version = \"0.12\", default-features = false }\n\
         serde = \"1\"\nserde_json = \"1\"\nsha2 = \"0.10\"\n\
         tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }\n\
         tempfile = \"3\"\ntracing = \"0.1\"\ntracing-subscriber = { version = \"0.3\", default-features = false, features = [\"registry\"] }\n\
         uuid = \"1\"\nwiremock = \"0.6\"\n",
    );
    text.push_str(crate::corpus::DEV_PROFILE);
    for (name, _) in SPLIT {
        let file = name.replace('-', "_");
        text.push_str(&format!(
            "\n[[test]]\nname = \"{file}\"\npath = {:?}\n",
            tests.join(format!("{file}.rs")).display().to_string()
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn split_workspaces_pass_the_unsplit_crates_wire_tests() {
        let root = crate::codegen::workspace_root();
        let target = root.join("target");
        let report = super::run(
            &root,
            &target.join("split"),
            &target.join("conformance-target"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        // The four test files ran tests, and none failed (the empty lib
        // and its doctests report none).
        let ran = report
            .lines()
            .filter(|line| line.starts_with("test result: ok.") && !line.contains(" 0 passed"))
            .count();
        assert_eq!(ran, 4, "{report}");
        assert!(!report.contains("FAILED"), "{report}");
        assert!(report.contains("client-shapes: 5 crates"), "{report}");
    }
}
