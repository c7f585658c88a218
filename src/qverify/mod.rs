//! Sandboxed, deterministic verification of q solutions against expected answers (q-verify).
//!
//! - [`script`]: the run protocol as text (cleaning sol.q, runner.q, splitting output);
//! - [`compare`]: structural JSON comparison with a numeric tolerance;
//! - [`engine`]: running a q binary in the sandbox, batch first, one process per test
//!   when the batch does not finish;
//! - [`python`]: re-running the Python reference to catch stale expected answers;
//! - [`problem`]: one problem directory: load, cache key, verdicts, output copy;
//! - [`summary`]: totals over a run.

pub mod compare;
pub mod config;
pub mod engine;
pub mod problem;
pub mod python;
pub mod script;
pub mod summary;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The verdict on one test case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The answer matches the expected one.
    Pass,
    /// An answer was printed, and it differs (or is not JSON).
    WrongAnswer,
    /// The call raised a q error.
    QError,
    /// It ran past the per-test time limit.
    Timeout,
    /// It ran out of memory (the address-space limit, `'wsfull`, a failed allocation).
    Memory,
    /// The interpreter died (a signal, a panic).
    Crash,
    /// The process ended (e.g. `exit` inside the solution) without printing an answer.
    NoOutput,
}

impl Verdict {
    /// Every verdict, in report order.
    pub const ALL: [Verdict; 7] = [
        Verdict::Pass,
        Verdict::WrongAnswer,
        Verdict::QError,
        Verdict::Timeout,
        Verdict::Memory,
        Verdict::Crash,
        Verdict::NoOutput,
    ];

    /// The name used in JSON reports.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::WrongAnswer => "wrong_answer",
            Verdict::QError => "q_error",
            Verdict::Timeout => "timeout",
            Verdict::Memory => "memory",
            Verdict::Crash => "crash",
            Verdict::NoOutput => "no_output",
        }
    }
}

/// One test case's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestResult {
    /// N of q_test_case_N.q.
    pub test: usize,
    pub verdict: Verdict,
    /// q's error message, why the run ended, or where a wrong answer differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// For a wrong answer: the expected value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<Value>,
    /// For a wrong answer: the value q printed (a string when it was not JSON).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub got: Option<Value>,
}

impl TestResult {
    /// A result with only a verdict and a message.
    pub fn new(test: usize, verdict: Verdict, message: Option<String>) -> Self {
        TestResult {
            test,
            verdict,
            message,
            expected: None,
            got: None,
        }
    }
}

/// A problem's overall status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every test passes (and the Python reference agrees with the expected answers).
    Valid,
    /// The q solution fails at least one test.
    Invalid,
    /// The problem could not be verified: a broken directory, a stale expected answer,
    /// a Python reference that fails.
    Error,
    /// Nothing to verify: no sol.q.
    Skipped,
}

impl Status {
    /// The name used in JSON reports.
    pub fn name(self) -> &'static str {
        match self {
            Status::Valid => "valid",
            Status::Invalid => "invalid",
            Status::Error => "error",
            Status::Skipped => "skipped",
        }
    }
}
