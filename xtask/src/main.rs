//! `cargo xtask codegen` regenerates every SDK listed in `codegen.toml`;
//! `cargo xtask codegen --check` fails when a checked-in SDK is stale.
//! `cargo xtask corpus [DIR…]` generates and compiles every spec in the folders.
//! `cargo xtask scale-spec` writes a real spec repeated N times, for
//! measuring how generation grows with a spec's size.
//! `cargo xtask compile-bench` times the compile of generated crates beside
//! progenitor's; `cargo xtask bench-report` prints the table of the last
//! `cargo bench`.

mod bench_report;
mod codegen;
mod compile_bench;
mod conformance;
mod corpus;
mod fastapi;
mod instances;
mod roundtrip;
mod scale_spec;
mod semver_check;
mod spec_json;
mod split_check;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerates the SDKs listed in codegen.toml.
    Codegen {
        /// Write nothing; fail when a checked-in SDK differs from what the
        /// generator writes.
        #[arg(long)]
        check: bool,
    },
    /// Generates a crate for every spec in DIRs (default: ../shared/specs/authlete,
    /// corpus and openapi-3.1), compiles them in one workspace under
    /// target/corpus, and prints a table. Fails when one does not generate or
    /// compile, or rustdoc warns about it.
    Corpus {
        /// Folders of specs.
        dirs: Vec<std::path::PathBuf>,
        /// Also compile every example of each crate's docs and pages
        /// (`cargo test --doc`; GitHub's crate has about 3,000).
        #[arg(long)]
        doctests: bool,
        /// Random values drawn for each component schema and read into its
        /// generated type and back (0: none).
        #[arg(long, default_value_t = roundtrip::Settings::default().per_schema)]
        instances: usize,
        /// The seed of the random values.
        #[arg(long, default_value_t = roundtrip::Settings::default().seed)]
        seed: u64,
    },
    /// Times `cargo check` and `cargo build` of the crates generated from
    /// Authlete 3.0.16, nexus and GitHub (all features, and one tag's), and of
    /// progenitor's nexus crate, in one workspace under target/compile-bench.
    CompileBench {
        /// Times each compile this many times and keeps the median.
        #[arg(long, default_value_t = 1)]
        runs: usize,
        /// Then `cargo check` of GitHub's crate with each tag's feature
        /// alone (about 40 more compiles).
        #[arg(long)]
        tags: bool,
    },
    /// Runs Stoplight Prism (pinned in xtask/prism, installed into
    /// target/prism) as a mock of each SPEC (default: Authlete 3.0.16,
    /// petstore3, nexus, GitHub and the fixtures) and calls every operation
    /// of the generated client through it, then prints what Prism accepted
    /// and what came back.
    Conformance {
        /// Spec files.
        specs: Vec<std::path::PathBuf>,
        /// Only install Prism (what .ci/run does before the tests).
        #[arg(long)]
        install: bool,
    },
    /// Starts the FastAPI app of tests/servers/fastapi (a venv from its
    /// pinned requirements, in target/fastapi-venv), generates a crate from
    /// the OpenAPI document it serves, and runs the client test
    /// tests/servers/fastapi/roundtrip.rs against it.
    Fastapi {
        /// Only make the venv (what .ci/run does before the tests).
        #[arg(long)]
        install: bool,
    },
    /// Generates four fixtures as split workspaces (`generate --split`)
    /// under target/split, holds them to clippy, and runs the wire tests of
    /// tests/ (written for the unsplit crates) against their facades.
    SplitCheck,
    /// Prints the table of BENCHMARKS.md from the last
    /// `cargo bench -p sdkgen --bench pipeline`.
    BenchReport,
    /// Writes progenitor's crate for SPEC (a JSON document) into OUT, as
    /// compile-bench makes it: for timing its check after a spec change
    /// (BENCHMARKS.md).
    ProgenitorCrate {
        spec: std::path::PathBuf,
        out: std::path::PathBuf,
    },
    /// Writes SPEC's paths and components repeated TIMES times under
    /// prefixes (`/s0/…`, `s0-…`), each copy's `$ref`s into its own copy:
    /// a synthetic spec for measuring generation at scale.
    ScaleSpec {
        /// The spec to repeat (default: GitHub's).
        #[arg(
            long,
            default_value = "../shared/specs/corpus/github_api.github.com.json"
        )]
        spec: std::path::PathBuf,
        /// How many copies.
        #[arg(long, default_value_t = 10)]
        times: usize,
        /// Where to write the JSON (default: target/scale/github-{TIMES}x.json).
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    /// Checks `sdkgen diff`'s verdict with cargo-semver-checks (pinned,
    /// installed into target/semver-tools) on the crates generated from
    /// pairs of specs: OLD NEW OLD NEW … (default: the evolution fixtures,
    /// v1 → v2 and v2 → v3).
    SemverCheck {
        /// Spec files, in pairs.
        specs: Vec<std::path::PathBuf>,
        /// Only install cargo-semver-checks.
        #[arg(long)]
        install: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Codegen { check } => codegen::run(&codegen::workspace_root(), check),
        Command::Corpus {
            dirs,
            doctests,
            instances,
            seed,
        } => {
            let options = corpus::Options {
                batch: false,
                doctests,
                roundtrip: (instances > 0).then_some(roundtrip::Settings {
                    per_schema: instances,
                    seed,
                }),
            };
            run_corpus(dirs, options)
        }
        Command::CompileBench { runs, tags } => {
            compile_bench::run(&codegen::workspace_root(), runs, tags)
        }
        Command::BenchReport => bench_report::run(&codegen::workspace_root()),
        Command::Conformance { specs, install } => run_conformance(specs, install),
        Command::Fastapi { install } => run_fastapi(install),
        Command::SplitCheck => {
            let root = codegen::workspace_root();
            let target = root.join("target");
            split_check::run(
                &root,
                &target.join("split"),
                &target.join("conformance-target"),
            )
            .map(|report| print!("{report}"))
        }
        Command::SemverCheck { specs, install } => run_semver_check(specs, install),
        Command::ProgenitorCrate { spec, out } => compile_bench::progenitor_crate(&spec, &out),
        Command::ScaleSpec { spec, times, out } => {
            let root = codegen::workspace_root();
            let out =
                out.unwrap_or_else(|| root.join(format!("target/scale/github-{times}x.json")));
            scale_spec::run(&root.join(spec), times, &out)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run_semver_check(specs: Vec<std::path::PathBuf>, install: bool) -> Result<(), String> {
    let root = codegen::workspace_root();
    if install {
        return semver_check::install(&root);
    }
    let specs = if specs.is_empty() {
        ["v1", "v2", "v2", "v3"]
            .iter()
            .map(|v| root.join(format!("tests/fixtures/evolution-{v}.yaml")))
            .collect()
    } else {
        specs
    };
    if specs.len() % 2 != 0 {
        return Err("specs come in pairs: OLD NEW …".to_owned());
    }
    let pairs: Vec<_> = specs
        .chunks(2)
        .map(|pair| (pair[0].clone(), pair[1].clone()))
        .collect();
    semver_check::run(&root, &pairs)
}

fn run_corpus(dirs: Vec<std::path::PathBuf>, options: corpus::Options) -> Result<(), String> {
    let root = codegen::workspace_root();
    let dirs = if dirs.is_empty() {
        vec![
            root.join("../shared/specs/authlete"),
            root.join("../shared/specs/corpus"),
            root.join("../shared/specs/openapi-3.1"),
        ]
    } else {
        dirs
    };
    let specs = corpus::specs_in(&dirs);
    let target = root.join("target");
    let rows = corpus::run(
        &specs,
        &target.join("corpus"),
        &target.join("corpus-target"),
        options,
    )?;
    println!("{}", corpus::table(&rows));
    let failed: Vec<&str> = rows
        .iter()
        .filter(|r| {
            r.check.is_err()
                || r.doc_warnings.as_ref().is_some_and(|w| !w.is_empty())
                || r.doctests.is_some_and(|(passed, total)| passed != total)
                || r.roundtrip
                    .as_ref()
                    .is_some_and(|t| !t.lost.is_empty() || !t.refused.is_empty())
        })
        .map(|r| r.spec.as_str())
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "did not generate, compile, document without warnings, pass its doctests, or \
             round-trip every random value: {}",
            failed.join(", ")
        ))
    }
}

fn run_conformance(specs: Vec<std::path::PathBuf>, install: bool) -> Result<(), String> {
    let root = codegen::workspace_root();
    if install {
        let prism = conformance::install_prism(&root)?;
        println!("{}", prism.display());
        return Ok(());
    }
    let specs = if specs.is_empty() {
        let shared = root.join("../shared/specs");
        let mut specs = vec![
            shared.join("authlete/authlete-3.0.16.yaml"),
            shared.join("corpus/swagger_petstore3.yaml"),
            shared.join("corpus/omicron_nexus.json"),
            shared.join("corpus/github_api.github.com.json"),
        ];
        specs.extend(corpus::specs_in(&[root.join("tests/fixtures")]));
        specs
    } else {
        specs
    };
    let target = root.join("target");
    let rows = conformance::run(
        &specs,
        &root,
        &target.join("conformance"),
        &target.join("conformance-target"),
    )?;
    println!("{}", conformance::table(&rows));
    Ok(())
}

fn run_fastapi(install: bool) -> Result<(), String> {
    let root = codegen::workspace_root();
    if install {
        let python = fastapi::install(&root)?;
        println!("{}", python.display());
        return Ok(());
    }
    let target = root.join("target");
    let outcome = fastapi::run(
        &root,
        &target.join("fastapi"),
        &target.join("conformance-target"),
    )?;
    println!(
        "{} operations of FastAPI's document; the client test:\n{}",
        outcome.operations, outcome.report
    );
    Ok(())
}
