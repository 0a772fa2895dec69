//! `cargo xtask semver-check`: cargo-semver-checks, a tool we did not write,
//! judges the crates sdkgen generates from pairs of specs, and its verdict
//! must be `sdkgen diff`'s. Off the default suite: installing the tool
//! compiles it (about 15 minutes on two cores), and each pair builds two
//! crates' rustdoc.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The version installed into `target/semver-tools` (`--locked`).
const VERSION: &str = "0.51.0";

/// Where the tool is installed.
fn tool(root: &Path) -> PathBuf {
    root.join("target/semver-tools/bin/cargo-semver-checks")
}

/// Installs the pinned cargo-semver-checks unless it is there.
pub fn install(root: &Path) -> Result<(), String> {
    if tool(root).is_file() {
        return Ok(());
    }
    let status = Command::new("cargo")
        .args([
            "install",
            "--locked",
            "cargo-semver-checks",
            "--version",
            VERSION,
            "--root",
        ])
        .arg(root.join("target/semver-tools"))
        .status()
        .map_err(|e| format!("cargo install: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| "installing cargo-semver-checks failed".to_owned())
}

/// Each pair of specs: sdkgen's verdict and cargo-semver-checks' on the two
/// crates (named alike, as releases of one crate are), which must agree on
/// whether the change is breaking.
pub fn run(root: &Path, pairs: &[(PathBuf, PathBuf)]) -> Result<(), String> {
    install(root)?;
    let work = root.join("target/semver-check");
    let mut disagreements = Vec::new();
    println!("| old | new | sdkgen diff | cargo-semver-checks |\n|---|---|---|---|");
    for (old, new) in pairs {
        let report =
            sdkgen::diff_specs(old, new, &sdkgen::Config::default()).map_err(|e| e.to_string())?;
        let ours_major = report.bump() == Some(sdkgen::diff::Class::Major);
        let mut crates = Vec::new();
        for (side, spec) in [("old", old), ("new", new)] {
            let out = work.join(side).join("sdk");
            let config = sdkgen::Config {
                crate_name: Some("sdk".to_owned()),
                ..sdkgen::Config::default()
            };
            sdkgen::generate_file(spec, &config)
                .and_then(|output| output.crate_files().write(&out))
                .map_err(|e| e.to_string())?;
            // A workspace of its own: inside ours, cargo would take it for
            // one of our members.
            let manifest = work.join(side).join("Cargo.toml");
            std::fs::write(
                &manifest,
                "[workspace]\nmembers = [\"sdk\"]\nresolver = \"2\"\n",
            )
            .map_err(|e| format!("{}: {e}", manifest.display()))?;
            crates.push(out);
        }
        let output = Command::new(tool(root))
            .args(["semver-checks", "check-release", "--release-type", "minor"])
            .arg("--manifest-path")
            .arg(crates[1].join("Cargo.toml"))
            .arg("--baseline-root")
            .arg(&crates[0])
            .env("CARGO_TARGET_DIR", work.join("target"))
            .output()
            .map_err(|e| format!("cargo-semver-checks: {e}"))?;
        let text = String::from_utf8_lossy(&output.stderr).into_owned()
            + &String::from_utf8_lossy(&output.stdout);
        let theirs_major = text.contains("semver requires new major version");
        if !output.status.success() && !theirs_major {
            return Err(format!(
                "cargo-semver-checks failed on {}:\n{text}",
                new.display()
            ));
        }
        let name = |p: &Path| {
            p.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        };
        let verdict = |major: bool| if major { "major" } else { "not major" };
        println!(
            "| {} | {} | {} | {} |",
            name(old),
            name(new),
            report.bump().map_or("none", |b| b.as_str()),
            verdict(theirs_major)
        );
        if ours_major != theirs_major {
            disagreements.push(format!(
                "{} → {}: sdkgen says {}, cargo-semver-checks {}\n{text}",
                old.display(),
                new.display(),
                verdict(ours_major),
                verdict(theirs_major)
            ));
        }
    }
    if disagreements.is_empty() {
        Ok(())
    } else {
        Err(disagreements.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    /// cargo-semver-checks' verdict on the evolution fixtures is sdkgen's.
    /// Off the default suite (`cargo test -p xtask -- --ignored`): it
    /// installs the tool first, which compiles it.
    #[test]
    #[ignore = "installs and runs cargo-semver-checks: minutes"]
    fn cargo_semver_checks_agrees_with_sdkgen_diff() {
        let root = crate::codegen::workspace_root();
        let fixture = |v: &str| root.join(format!("tests/fixtures/evolution-{v}.yaml"));
        let pairs = [
            (fixture("v1"), fixture("v2")),
            (fixture("v2"), fixture("v3")),
        ];
        super::run(&root, &pairs).unwrap();
    }
}
