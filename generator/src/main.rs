//! The `sdkgen` command: generate a crate from a spec, or check one is current.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// See the `mimalloc` feature in Cargo.toml: half the time in the allocator.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Generates an async Rust SDK crate from an OpenAPI 3.0 or 3.1 document.
#[derive(Parser)]
#[command(name = "sdkgen", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Writes a whole crate (Cargo.toml, README.md, src/…) generated from SPEC.
    Generate {
        /// The OpenAPI document, YAML or JSON.
        spec: PathBuf,
        /// The crate folder to write; it is replaced whole.
        #[arg(long)]
        out: PathBuf,
        /// The package name (default: from the spec's title).
        #[arg(long)]
        crate_name: Option<String>,
        /// Write nothing; exit non-zero listing the files that differ.
        #[arg(long)]
        check: bool,
        /// Treat every warning (a construct passed over or repaired) as an error.
        #[arg(long)]
        strict: bool,
        /// How the API signs its webhooks (over the spec's
        /// `x-webhook-signature`): standard-webhooks, hub-signature or
        /// timestamped.
        #[arg(long)]
        webhook_signature: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Generate {
            spec,
            out,
            crate_name,
            check,
            strict,
            webhook_signature,
        } => {
            let config = sdkgen::Config {
                crate_name,
                strict,
                webhook_signature,
            };
            match run(&spec, &out, &config, check) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("error: {error}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn run(
    spec: &std::path::Path,
    out: &std::path::Path,
    config: &sdkgen::Config,
    check: bool,
) -> sdkgen::Result<()> {
    let output = sdkgen::generate_file(spec, config)?;
    for warning in &output.warnings {
        eprintln!(
            "warning: {}:{}: {}",
            spec.display(),
            warning.location,
            warning.message
        );
    }
    let files = output.crate_files();
    if check {
        files.check(out)?;
        eprintln!("{} is up to date", out.display());
    } else {
        files.write(out)?;
        eprintln!("wrote {} files to {}", files.files.len(), out.display());
    }
    Ok(())
}
