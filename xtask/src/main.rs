//! `cargo xtask codegen` regenerates every SDK listed in `codegen.toml`;
//! `cargo xtask codegen --check` fails when a checked-in SDK is stale.

mod codegen;

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Codegen { check } => codegen::run(&codegen::workspace_root(), check),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
