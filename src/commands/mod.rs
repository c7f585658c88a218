//! One module per binary: its `Args` (clap derive; doc comments are the --help text)
//! and `run(&args, &ui) -> Result<Outcome, Error>`.
pub mod gen_intents;
pub mod pull_leetcode;
pub mod q_verify;
pub mod validate_dataset;
