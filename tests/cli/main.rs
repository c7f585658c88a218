//! Integration tests: one target, a module per binary, each test running the real
//! binary in a fresh temp dir.

mod common;
mod gen_intents;
mod llm;
mod llm_gen_intents;
mod llm_server;
mod pull_leetcode;
mod q_solutions;
mod q_verify;
mod qlite;
mod validate_dataset;
