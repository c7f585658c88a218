//! gen-intents: synthetic intent-classification data from templates (see commands::gen_intents).

use clap::Parser;
use dsforge::commands::gen_intents as cmd;
use dsforge::{finish, Ui};

fn main() -> std::process::ExitCode {
    let args = cmd::Args::parse();
    let ui = Ui::new("gen-intents", &args.common);
    finish("gen-intents", cmd::run(&args, &ui))
}
