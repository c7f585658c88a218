//! validate-dataset: record rules, dataset metrics and near-duplicates; the CI gate.

use clap::Parser;
use dsforge::commands::validate_dataset as cmd;
use dsforge::{finish, Ui};

fn main() -> std::process::ExitCode {
    let args = cmd::Args::parse();
    let ui = Ui::new("validate-dataset", &args.common);
    finish("validate-dataset", cmd::run(&args, &ui))
}
