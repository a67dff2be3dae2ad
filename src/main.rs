//! The `zkstack` command-line tool. See README.md for its subcommands and their JSON output.

mod cli;

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("zkstack: error: {error}");
            ExitCode::FAILURE
        }
    }
}
