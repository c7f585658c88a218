//! LeetCode problems: reading LeetCodeDataset records, running Python references, translating calls to q (pull-leetcode).
//!
//! - [`record`]: both record layouts into one [`record::Problem`];
//! - [`signature`]: parameter names and Python types from the starter code;
//! - [`qcall`]: the q call translator (pure);
//! - [`harness`]: sol.py / test_case_N.py text and the Python harness run under the sandbox;
//! - [`pull`]: one problem from record to directory;
//! - [`source`]: files, URLs, gzip;
//! - [`select`]: the selection flags;
//! - [`summary`]: the summary.json of a run.

pub mod harness;
pub mod pull;
pub mod qcall;
pub mod record;
pub mod select;
pub mod signature;
pub mod source;
pub mod summary;
