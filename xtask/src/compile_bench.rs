//! `cargo xtask compile-bench`: how long the crates sdkgen generates take to
//! compile, beside progenitor's crate for the same spec. Every crate is a
//! member of one workspace under `target/compile-bench` with one target
//! folder, whose dependencies are built first: each figure is the crate's own
//! compile, as a user who changed the spec waits for it. A measurement, not a
//! test: nothing fails on a time.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// A crate to compile: its package name and how it is made.
struct Subject {
    package: &'static str,
    spec: &'static str,
    maker: Maker,
    /// Features to compile with instead of the defaults (per-tag runs).
    features: Option<&'static str>,
}

enum Maker {
    Sdkgen,
    Progenitor,
}

const AUTHLETE: &str = "../shared/specs/authlete/authlete-3.0.16.yaml";
const NEXUS: &str = "../shared/specs/corpus/omicron_nexus.json";
const GITHUB: &str = "../shared/specs/corpus/github_api.github.com.json";

const SUBJECTS: &[Subject] = &[
    Subject {
        package: "sdkgen-authlete",
        spec: AUTHLETE,
        maker: Maker::Sdkgen,
        features: None,
    },
    Subject {
        package: "sdkgen-nexus",
        spec: NEXUS,
        maker: Maker::Sdkgen,
        features: None,
    },
    Subject {
        package: "progenitor-nexus",
        spec: NEXUS,
        maker: Maker::Progenitor,
        features: None,
    },
    Subject {
        package: "sdkgen-nexus",
        spec: NEXUS,
        maker: Maker::Sdkgen,
        features: Some("instances"),
    },
    Subject {
        package: "sdkgen-github",
        spec: GITHUB,
        maker: Maker::Sdkgen,
        features: None,
    },
    Subject {
        package: "sdkgen-github",
        spec: GITHUB,
        maker: Maker::Sdkgen,
        features: Some("repos"),
    },
];

/// What progenitor's generated code needs, as its README lists it, plus what
/// nexus' websocket operation uses.
const PROGENITOR_MANIFEST: &str = r#"[package]
name = "progenitor-nexus"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
base64 = "0.22"
bytes = "1"
chrono = { version = "0.4", default-features = false, features = ["serde", "std"] }
futures = "0.3"
progenitor-client = "0.15"
rand = "0.9"
regress = "0.10"
reqwest = { version = "0.13", default-features = false, features = ["json", "query", "stream", "rustls"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
serde_urlencoded = "0.7"
uuid = { version = "1", features = ["serde", "v4"] }
"#;

/// Generates the crates, builds their dependencies, then times `cargo check`
/// and `cargo build` of each crate `runs` times and prints the medians. With
/// `tags`, then `cargo check` of GitHub's crate with each tag's feature
/// alone.
pub fn run(root: &Path, runs: usize, tags: bool) -> Result<(), String> {
    let dir = root.join("target/compile-bench");
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut members = Vec::new();
    for subject in SUBJECTS {
        if members.contains(&subject.package) {
            continue;
        }
        let spec = root.join(subject.spec);
        let out = dir.join(subject.package);
        match subject.maker {
            Maker::Sdkgen => {
                let config = sdkgen::Config {
                    crate_name: Some(subject.package.to_owned()),
                    ..sdkgen::Config::default()
                };
                let output = sdkgen::generate_file(&spec, &config).map_err(|e| e.to_string())?;
                output
                    .crate_files()
                    .write(&out)
                    .map_err(|e| e.to_string())?;
            }
            Maker::Progenitor => progenitor_crate(&spec, &out)?,
        }
        members.push(subject.package);
    }
    let manifest = format!(
        "# Written by `cargo xtask compile-bench`.\n[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
        members
            .iter()
            .map(|m| format!("\"{m}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    write(&dir.join("Cargo.toml"), &manifest)?;

    eprintln!("building dependencies (once)…");
    for mode in ["check", "build"] {
        cargo(&dir, &[mode, "--workspace", "--quiet"])?;
    }

    let mut table = String::from(
        "| crate | features | lines of Rust | `cargo check` | `cargo build` |\n|---|---|---:|---:|---:|\n",
    );
    let mut medians = Vec::new();
    for subject in SUBJECTS {
        let mut times = Vec::new();
        for mode in ["check", "build"] {
            let mut samples = Vec::new();
            for _ in 0..runs.max(1) {
                cargo(&dir, &["clean", "--quiet", "--package", subject.package])?;
                let mut args = vec![mode, "--quiet", "--package", subject.package];
                if let Some(features) = subject.features {
                    args.extend(["--no-default-features", "--features", features]);
                }
                let start = Instant::now();
                cargo(&dir, &args)?;
                samples.push(start.elapsed());
            }
            samples.sort();
            times.push(samples[samples.len() / 2]);
        }
        let lines = rust_lines(&dir.join(subject.package));
        let features = subject.features.unwrap_or("default");
        let _ = writeln!(
            table,
            "| {} | {features} | {lines} | {} | {} |",
            subject.package,
            seconds(times[0]),
            seconds(times[1])
        );
        eprintln!(
            "{} ({features}): check {:?}, build {:?}",
            subject.package, times[0], times[1]
        );
        medians.push((subject.package, subject.features, times));
    }
    let find = |package: &str| {
        medians
            .iter()
            .find(|(p, f, _)| *p == package && f.is_none())
            .map(|(_, _, t)| t.clone())
    };
    if let (Some(ours), Some(theirs)) = (find("sdkgen-nexus"), find("progenitor-nexus")) {
        let _ = writeln!(
            table,
            "\nnexus, ours/progenitor: check {:.2}, build {:.2}",
            ours[0].as_secs_f64() / theirs[0].as_secs_f64(),
            ours[1].as_secs_f64() / theirs[1].as_secs_f64()
        );
    }
    println!("{table}");
    if tags {
        println!("{}", tag_table(&dir, runs)?);
    }
    Ok(())
}

/// `cargo check` of GitHub's crate with one tag's feature (and rustls) at a
/// time, slowest first.
fn tag_table(dir: &Path, runs: usize) -> Result<String, String> {
    let package = "sdkgen-github";
    let manifest = dir.join(package).join("Cargo.toml");
    let text = fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    let doc: toml::Table = text
        .parse()
        .map_err(|e| format!("{}: {e}", manifest.display()))?;
    let tags: Vec<String> = doc["features"]["default"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f.as_str())
        .filter(|f| *f != "rustls-tls")
        .map(str::to_owned)
        .collect();
    let mut rows = Vec::new();
    for tag in &tags {
        let features = format!("rustls-tls,{tag}");
        let mut samples = Vec::new();
        for _ in 0..runs.max(1) {
            cargo(dir, &["clean", "--quiet", "--package", package])?;
            let start = Instant::now();
            cargo(
                dir,
                &[
                    "check",
                    "--quiet",
                    "--package",
                    package,
                    "--no-default-features",
                    "--features",
                    &features,
                ],
            )?;
            samples.push(start.elapsed());
        }
        samples.sort();
        let median = samples[samples.len() / 2];
        eprintln!("{package} ({tag}): check {median:?}");
        rows.push((median, tag));
    }
    rows.sort_by_key(|row| std::cmp::Reverse(row.0));
    let mut table = String::from("| GitHub tag | `cargo check` |\n|---|---:|\n");
    for (time, tag) in rows {
        let _ = writeln!(table, "| `{tag}` | {} |", seconds(time));
    }
    Ok(table)
}

/// progenitor's crate for `spec`, made as its build.rs users make it:
/// `Generator::generate_tokens`, formatted with prettyplease.
pub fn progenitor_crate(spec: &Path, out: &Path) -> Result<(), String> {
    let text = fs::read_to_string(spec).map_err(|e| format!("{}: {e}", spec.display()))?;
    let doc: openapiv3::OpenAPI =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", spec.display()))?;
    let mut generator =
        progenitor_impl::Generator::new(&progenitor_impl::GenerationSettings::default());
    let tokens = generator
        .generate_tokens(&doc)
        .map_err(|e| format!("progenitor: {e}"))?;
    let file: syn::File = syn::parse2(tokens).map_err(|e| format!("progenitor's code: {e}"))?;
    fs::create_dir_all(out.join("src")).map_err(|e| format!("{}: {e}", out.display()))?;
    write(&out.join("Cargo.toml"), PROGENITOR_MANIFEST)?;
    write(&out.join("src/lib.rs"), &prettyplease::unparse(&file))
}

fn cargo(dir: &Path, args: &[&str]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .current_dir(dir)
        // The workspace's own target folder, whatever the caller's is.
        .env_remove("CARGO_TARGET_DIR")
        .args(args)
        .status()
        .map_err(|e| format!("cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "cargo {} failed in {}",
            args.join(" "),
            dir.display()
        ))
    }
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Lines of the crate's `.rs` files.
fn rust_lines(dir: &Path) -> usize {
    let mut total = 0;
    let mut stack = vec![dir.join("src")];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                total += fs::read_to_string(&path).map_or(0, |t| t.lines().count());
            }
        }
    }
    total
}

fn seconds(time: Duration) -> String {
    format!("{:.1} s", time.as_secs_f64())
}
