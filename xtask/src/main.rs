//! `cargo xtask codegen` regenerates every SDK listed in `codegen.toml`;
//! `cargo xtask codegen --check` fails when a checked-in SDK is stale.
//! `cargo xtask corpus [DIR…]` generates and compiles every spec in the folders.
//! `cargo xtask compile-bench` times the compile of generated crates beside
//! progenitor's; `cargo xtask bench-report` prints the table of the last
//! `cargo bench`.

mod bench_report;
mod codegen;
mod compile_bench;
mod corpus;

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
    },
    /// Times `cargo check` and `cargo build` of the crates generated from
    /// Authlete 3.0.16, nexus and GitHub (all features, and one tag's), and of
    /// progenitor's nexus crate, in one workspace under target/compile-bench.
    CompileBench {
        /// Times each compile this many times and keeps the median.
        #[arg(long, default_value_t = 1)]
        runs: usize,
    },
    /// Prints the table of BENCHMARKS.md from the last
    /// `cargo bench -p sdkgen --bench pipeline`.
    BenchReport,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Codegen { check } => codegen::run(&codegen::workspace_root(), check),
        Command::Corpus { dirs, doctests } => run_corpus(dirs, doctests),
        Command::CompileBench { runs } => compile_bench::run(&codegen::workspace_root(), runs),
        Command::BenchReport => bench_report::run(&codegen::workspace_root()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run_corpus(dirs: Vec<std::path::PathBuf>, doctests: bool) -> Result<(), String> {
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
        doctests,
    )?;
    println!("{}", corpus::table(&rows));
    let failed: Vec<&str> = rows
        .iter()
        .filter(|r| {
            r.check.is_err()
                || r.doc_warnings.as_ref().is_some_and(|w| !w.is_empty())
                || r.doctests.is_some_and(|(passed, total)| passed != total)
        })
        .map(|r| r.spec.as_str())
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "did not generate, compile, document without warnings, or pass its doctests: {}",
            failed.join(", ")
        ))
    }
}
