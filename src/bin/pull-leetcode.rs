//! pull-leetcode: LeetCode problems with expected answers computed by running the
//! Python reference solutions (see `dsforge::commands::pull_leetcode`).

use clap::Parser;
use dsforge::commands::pull_leetcode as cmd;
use dsforge::{finish, Ui};

fn main() -> std::process::ExitCode {
    let args = cmd::Args::parse();
    let ui = Ui::new("pull-leetcode", &args.common);
    finish("pull-leetcode", cmd::run(&args, &ui))
}
