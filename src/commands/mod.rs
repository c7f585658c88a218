//! One module per binary: its `Args` (clap derive; doc comments are the --help text)
//! and `run(&args, &ui) -> Result<Outcome, Error>`.
pub mod pull_leetcode;
