//! Verdicts: a finished test against its expected value, or why an unfinished one stopped.

use serde_json::Value;

use super::{show_duration, RunLimits, TestCall};
use crate::qverify::compare::compare;
use crate::qverify::script::{read_section, Printed, Section};
use crate::qverify::{TestResult, Verdict};
use crate::sandbox::{Ending, RunOutput};

/// The verdict on a test whose section finished.
pub fn judge_section(test: &TestCall, section: &Section) -> TestResult {
    match read_section(&section.text) {
        Printed::Error(msg) => {
            let verdict = if msg.contains("wsfull") {
                Verdict::Memory
            } else {
                Verdict::QError
            };
            TestResult::new(test.n, verdict, Some(msg))
        }
        Printed::Nothing => TestResult::new(
            test.n,
            Verdict::NoOutput,
            Some("the call printed nothing".into()),
        ),
        Printed::Line(line) => match serde_json::from_str::<Value>(&line) {
            Ok(got) => match compare(&test.expected, &got) {
                Ok(()) => TestResult::new(test.n, Verdict::Pass, None),
                Err(m) => TestResult {
                    test: test.n,
                    verdict: Verdict::WrongAnswer,
                    message: Some(format!("at {}: {}", m.path, m.reason)),
                    expected: Some(test.expected.clone()),
                    got: Some(got),
                },
            },
            Err(_) => TestResult {
                test: test.n,
                verdict: Verdict::WrongAnswer,
                message: Some("the printed answer is not JSON".into()),
                expected: Some(test.expected.clone()),
                got: Some(Value::String(cut(&line, 2000))),
            },
        },
    }
}

/// The verdict on a test whose process ended before its section finished. `at_load`:
/// no test marker was printed at all, so the solution stopped while loading.
pub fn judge_unfinished(
    n: usize,
    out: &RunOutput,
    stdout: &str,
    limits: &RunLimits,
    at_load: bool,
) -> TestResult {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let reason = stderr_reason(&stderr);
    let with_reason = |m: String| match &reason {
        Some(t) => format!("{m}: {t}"),
        None => m,
    };
    let load = if at_load {
        " while loading the solution"
    } else {
        ""
    };
    if out.ending == Ending::TimedOut {
        let limit = if at_load {
            "time limit".to_string()
        } else {
            format!("{} limit", show_duration(limits.timeout))
        };
        return TestResult::new(
            n,
            Verdict::Timeout,
            Some(format!("ran past the {limit}{load}")),
        );
    }
    if looks_like_memory(out) {
        return TestResult::new(
            n,
            Verdict::Memory,
            Some(with_reason(format!("ran out of memory{load}"))),
        );
    }
    match out.ending {
        Ending::Signaled(s) => TestResult::new(
            n,
            Verdict::Crash,
            Some(with_reason(format!("killed by signal {s}{load}"))),
        ),
        Ending::Exited(101) => TestResult::new(
            n,
            Verdict::Crash,
            Some(with_reason(format!("the interpreter panicked{load}"))),
        ),
        Ending::Exited(code) => {
            // q reports an error while loading a script as `'msg` and stops the script.
            let load_error = at_load
                .then(|| {
                    stdout
                        .lines()
                        .chain(stderr.lines())
                        .map(str::trim)
                        .find(|l| l.starts_with('\''))
                })
                .flatten();
            if let Some(e) = load_error {
                return TestResult::new(
                    n,
                    Verdict::QError,
                    Some(format!("the solution failed to load: {}", cut(e, 300))),
                );
            }
            let why = if out.stdout_truncated {
                format!(
                    "printed more than {} bytes; the answer was cut",
                    limits.max_output_bytes
                )
            } else {
                format!("q exited with code {code} before printing an answer{load}")
            };
            TestResult::new(n, Verdict::NoOutput, Some(with_reason(why)))
        }
        // Returned above; kept so the match stays total without a panic.
        Ending::TimedOut => TestResult::new(n, Verdict::Timeout, None),
    }
}

/// `  3: dsforge::q::eval::...`: a numbered frame of a Rust backtrace.
fn is_backtrace_frame(line: &str) -> bool {
    line.split_once(':')
        .is_some_and(|(head, _)| head.trim().parse::<u32>().is_ok())
}

/// The telling line of an interpreter's stderr: an allocation failure or panic message
/// (before Rust's `note:` and backtrace lines), else the last other line.
pub(super) fn stderr_reason(stderr: &str) -> Option<String> {
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let telling = [
        "memory allocation of",
        "wsfull",
        "panicked",
        "overflowed its stack",
        "out of memory",
    ];
    if let Some(l) = lines.iter().find(|l| {
        let low = l.to_lowercase();
        telling.iter().any(|t| low.contains(t))
    }) {
        return Some(cut(l, 300));
    }
    lines
        .iter()
        .rev()
        .find(|l| {
            !l.starts_with("note:")
                && !l.starts_with("stack backtrace")
                && !l.starts_with("at ")
                && !is_backtrace_frame(l)
        })
        .map(|l| cut(l, 300))
}

/// Signs of an exhausted memory limit: q's `wsfull`, Rust's or C's allocation-failure
/// messages, or a SIGKILL we did not send (the kernel's out-of-memory killer).
fn looks_like_memory(out: &RunOutput) -> bool {
    let text = String::from_utf8_lossy(&out.stderr).to_lowercase();
    let stdout_tail =
        String::from_utf8_lossy(&out.stdout[out.stdout.len().saturating_sub(512)..]).to_lowercase();
    let hints = [
        "wsfull",
        "memory allocation of",
        "out of memory",
        "cannot allocate memory",
        "bad_alloc",
        "memoryerror",
    ];
    hints
        .iter()
        .any(|h| text.contains(h) || stdout_tail.contains(h))
        || out.ending == Ending::Signaled(libc::SIGKILL)
}

fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut c: String = s.chars().take(max).collect();
        c.push_str("...");
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stderr_reasons_skip_rust_notes_and_backtraces() {
        let err = "memory allocation of 12000000000 bytes failed\nstack backtrace:\n   0: std::alloc::rust_oom\nnote: run with `RUST_BACKTRACE=1`\n";
        assert_eq!(
            stderr_reason(err).as_deref(),
            Some("memory allocation of 12000000000 bytes failed")
        );
        let err = "warming up\nsomething broke\nnote: run with `RUST_BACKTRACE=1`\n";
        assert_eq!(stderr_reason(err).as_deref(), Some("something broke"));
        assert_eq!(stderr_reason("\n"), None);
    }
}
