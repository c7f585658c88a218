//! q-verify: sandboxed, deterministic verification of q solutions (see `q-verify --help`).

use clap::Parser;
use dsforge::commands::q_verify as cmd;
use dsforge::{finish, Ui};

fn main() -> std::process::ExitCode {
    let args = cmd::Args::parse();
    let ui = Ui::new("q-verify", &args.common);
    finish("q-verify", cmd::run(&args, &ui))
}
