//! Integration tests: one target, a module per binary, each test running the real
//! binary in a fresh temp dir.

mod common;
mod llm;
mod llm_server;
mod q_verify;
mod validate_dataset;
