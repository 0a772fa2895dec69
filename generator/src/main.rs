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
        /// The `sdkgen.toml` to read (default: the one beside SPEC, if any).
        #[arg(long = "config", value_name = "FILE")]
        config_path: Option<PathBuf>,
        /// The spec of the previous release: after generating, print what
        /// changed in the crate's API and the version bump it needs (as
        /// `sdkgen diff`).
        #[arg(long, value_name = "OLD_SPEC")]
        previous: Option<PathBuf>,
        /// Write a workspace: a crate of the types, one crate per tag's
        /// operations and, at the root, a crate re-exporting them under the
        /// paths of the unsplit crate (big APIs build in parallel, and a
        /// change to one tag rebuilds its crate only).
        #[arg(long)]
        split: bool,
        /// Keep formatted code in FILE between runs: code unchanged since
        /// the last run with the same FILE is not formatted again. FILE is
        /// replaced by this run's (also with --check).
        #[arg(long, value_name = "FILE")]
        cache: Option<PathBuf>,
    },
    /// Compares the crates generated from two specs: prints each change to
    /// the API with its semver class, and the version the new crate needs.
    Diff {
        /// The spec of the previous release.
        old: PathBuf,
        /// The new spec.
        new: PathBuf,
        /// `text`, or `json` for scripts.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Exit 1 when the new spec's `info.version` is below the version
        /// the changes need (a breaking change without a major bump).
        #[arg(long)]
        check_version: bool,
        /// The `sdkgen.toml` both crates are generated with (default: the
        /// one beside NEW, if any).
        #[arg(long = "config", value_name = "FILE")]
        config_path: Option<PathBuf>,
    },
}

/// How `diff` prints its report.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
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
            config_path,
            previous,
            split,
            cache,
        } => {
            let custom_code = sdkgen::write::has_custom_code(&out);
            let settings = match sdkgen::config::Settings::for_spec(&spec, config_path.as_deref()) {
                Ok((settings, _)) => settings,
                Err(error) => {
                    eprintln!("error: {error}");
                    return ExitCode::FAILURE;
                }
            };
            let config = sdkgen::Config {
                crate_name,
                strict,
                webhook_signature,
                settings,
                custom_code,
                split,
                format_cache: cache,
                // The CLI reports no examples.
                example_cases: false,
            };
            let result = run(&spec, &out, &config, check).and_then(|()| match previous {
                Some(previous) => {
                    let report = sdkgen::diff_specs(&previous, &spec, &config)?;
                    eprint!("{}", sdkgen::diff::text(&report));
                    Ok(())
                }
                None => Ok(()),
            });
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("error: {error}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Diff {
            old,
            new,
            format,
            check_version,
            config_path,
        } => match sdkgen::config::Settings::for_spec(&new, config_path.as_deref()).and_then(
            |(settings, _)| {
                let config = sdkgen::Config {
                    settings,
                    ..sdkgen::Config::default()
                };
                sdkgen::diff_specs(&old, &new, &config)
            },
        ) {
            Ok(report) => {
                match format {
                    Format::Text => print!("{}", sdkgen::diff::text(&report)),
                    Format::Json => println!("{:#}", sdkgen::diff::json(&report)),
                }
                if check_version && !report.version_suffices() {
                    eprintln!(
                        "error: the changes need version {} or later; the new spec's version gives {}",
                        report.suggested_version(),
                        report.new_version
                    );
                    return ExitCode::FAILURE;
                }
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::FAILURE
            }
        },
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
    if let Some(reuse) = output.format_cache {
        eprintln!(
            "{} of {} formatted parts taken from the cache",
            reuse.reused, reuse.parts
        );
    }
    let files = output.into_crate_files();
    if check {
        files.check(out)?;
        eprintln!("{} is up to date", out.display());
    } else {
        files.write(out)?;
        eprintln!("wrote {} files to {}", files.files.len(), out.display());
    }
    Ok(())
}
