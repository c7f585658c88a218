//! One problem, start to end: read its signature, run its reference on the recorded
//! tests, translate each kept test to a q call, and write the problem directory
//! (built in a temp folder, renamed into place, so a directory is complete or absent).

use super::harness::{self, RunLimits, TestEvent};
use super::qcall;
use super::record::Problem;
use super::signature::{parse_starter, Signature};
use crate::error::Error;
use crate::io::{write_atomic, write_json_atomic};
use serde::Serialize;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// How problems are run and written.
#[derive(Debug, Clone)]
pub struct Options {
    /// The Python interpreter.
    pub python: PathBuf,
    /// Verified test cases to keep per problem.
    pub max_tests: usize,
    /// Write unsupported problems too (Python files only).
    pub include_unsupported: bool,
    /// Per-test and per-run limits.
    pub limits: RunLimits,
    /// Harness restarts after a run is cut short (a hang the per-test alarm missed).
    pub max_restarts: usize,
}

/// What became of one problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Its directory was written with this many verified test cases.
    Written,
    /// Skipped: its types have no q form yet (with --include-unsupported it is written,
    /// status `written`, `supported: false`, and has no q_test_case files).
    Unsupported,
    /// Every test case was dropped; nothing written.
    NoTests,
    /// The record or its reference is broken (bad starter code, sol.py does not load).
    Failed,
}

/// A dropped test case and why.
#[derive(Debug, Clone, Serialize)]
pub struct Dropped {
    /// 0-based position in the record's input_output.
    pub source_index: usize,
    /// Why it was dropped, for people.
    pub reason: String,
}

/// The report of one problem, for the summary.
#[derive(Debug, Clone, Serialize)]
pub struct ProblemReport {
    /// The directory name, `<question_id>_<task_id>`.
    pub problem: String,
    pub difficulty: String,
    pub status: Status,
    /// Why it is unsupported, failed or has no test.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Whether its types have a q form.
    pub supported: bool,
    /// Test cases run (kept + dropped).
    pub attempted: usize,
    /// Test cases written.
    pub kept: usize,
    pub dropped: Vec<Dropped>,
    /// Wall time spent on it.
    pub seconds: f64,
}

/// Runs `p` and writes `out_dir/<question_id>_<task_id>/`. Errors only for what stops
/// the whole run (python3 missing, the output folder not writable).
pub fn process(p: &Problem, out_dir: &Path, opts: &Options) -> Result<ProblemReport, Error> {
    let start = Instant::now();
    let name = p.dir_name();
    let mut report = ProblemReport {
        problem: name.clone(),
        difficulty: p.difficulty.clone(),
        status: Status::Failed,
        reason: None,
        supported: false,
        attempted: 0,
        kept: 0,
        dropped: Vec::new(),
        seconds: 0.0,
    };
    let finish = |mut r: ProblemReport, status: Status, reason: Option<String>| {
        r.status = status;
        r.reason = reason;
        r.seconds = start.elapsed().as_secs_f64();
        Ok(r)
    };
    let Some(method) = p.method() else {
        return finish(
            report,
            Status::Failed,
            Some(format!("entry point {:?} names no method", p.entry_point)),
        );
    };
    let sig = match parse_starter(&p.starter_code, Some(method)) {
        Ok(s) => s,
        Err(e) => return finish(report, Status::Failed, Some(format!("starter code: {e}"))),
    };
    let unsupported = unsupported_reason(p, &sig);
    report.supported = unsupported.is_none();
    if let Some(why) = &unsupported {
        if !opts.include_unsupported {
            return finish(report, Status::Unsupported, Some(why.clone()));
        }
    }

    let tmp = tempfile::Builder::new()
        .prefix(&format!(".tmp-{name}-"))
        .tempdir_in(out_dir)
        .map_err(|e| Error::io(out_dir, e))?;
    let dir = tmp.path();
    let header = format!(
        "dsforge pull-leetcode: reference solution of {name}, exposing solve({})",
        sig.params
            .iter()
            .map(|x| x.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let sol = harness::sol_source(p.prelude.as_deref(), &p.completion, &sig, &header);
    write_atomic(&dir.join("sol.py"), sol.as_bytes())?;
    // The reference runs in a scratch folder of its own, so whatever files it creates
    // never land in the problem directory.
    let scratch = tempfile::Builder::new()
        .prefix("dsforge-pull-")
        .tempdir()
        .map_err(|e| Error::io(std::env::temp_dir(), e))?;
    write_atomic(&scratch.path().join("sol.py"), sol.as_bytes())?;

    // Run the harness; when a run is cut short, drop the test it was on and go on after it.
    let params: Vec<String> = sig.params.iter().map(|x| x.name.clone()).collect();
    let all: Vec<(String, String)> = p
        .tests
        .iter()
        .map(|t| (t.input.clone(), t.output.clone()))
        .collect();
    let mut events: Vec<TestEvent> = Vec::new();
    let mut offset = 0;
    let mut restarts = 0;
    loop {
        let kept_so_far = events
            .iter()
            .filter(|e| matches!(e, TestEvent::Kept { .. }))
            .count();
        let rep = harness::run(
            &opts.python,
            scratch.path(),
            &params,
            &all[offset..],
            opts.max_tests - kept_so_far,
            &opts.limits,
        )
        .map_err(|e| Error::Other(format!("cannot run {}: {e}", opts.python.display())))?;
        if let Some(e) = rep.load_error {
            return finish(report, Status::Failed, Some(e));
        }
        if !rep.loaded {
            // Cut short before sol.py even loaded: restarting would only repeat that.
            let why = rep.cut_reason.unwrap_or_else(|| "harness stopped".into());
            return finish(
                report,
                Status::Failed,
                Some(format!("sol.py did not load: {why}")),
            );
        }
        let next = rep.tests.iter().map(|t| t.index() + 1).max().unwrap_or(0) + offset;
        events.extend(rep.tests.into_iter().map(|t| shift(t, offset)));
        if rep.finished {
            break;
        }
        let cut = rep.cut_reason.unwrap_or_else(|| "harness stopped".into());
        if next >= all.len() {
            break;
        }
        events.push(TestEvent::Dropped {
            index: next,
            reason: cut,
        });
        offset = next + 1;
        restarts += 1;
        let kept_now = events
            .iter()
            .filter(|e| matches!(e, TestEvent::Kept { .. }))
            .count();
        if restarts > opts.max_restarts || offset >= all.len() || kept_now >= opts.max_tests {
            break;
        }
    }

    // Translate and write the kept tests; q-untranslatable ones are dropped here.
    let mut cases = Vec::new();
    for ev in &events {
        report.attempted += 1;
        match ev {
            TestEvent::Dropped { index, reason } => report.dropped.push(Dropped {
                source_index: *index,
                reason: reason.clone(),
            }),
            TestEvent::Kept {
                index,
                args,
                args_py,
                printed,
                answer,
            } => {
                let q = if report.supported {
                    match qcall::call(args, &sig.params) {
                        Ok(q) => Some(q),
                        Err(e) => {
                            report.dropped.push(Dropped {
                                source_index: *index,
                                reason: format!("no q form: {e}"),
                            });
                            continue;
                        }
                    }
                } else {
                    None
                };
                let n = cases.len() + 1;
                write_atomic(
                    &dir.join(format!("test_case_{n}.py")),
                    harness::test_case_source(args_py).as_bytes(),
                )?;
                write_atomic(
                    &dir.join(format!("test_case_{n}_correct_ans.txt")),
                    printed.as_bytes(),
                )?;
                write_atomic(
                    &dir.join(format!("test_case_{n}_expected.json")),
                    format!("{answer}\n").as_bytes(),
                )?;
                if let Some(q) = &q {
                    write_atomic(
                        &dir.join(format!("q_test_case_{n}.q")),
                        format!("{q}\n").as_bytes(),
                    )?;
                }
                cases.push(json!({
                    "n": n,
                    "source_index": index,
                    "input": p.tests[*index].input,
                    "recorded_output": p.tests[*index].output,
                }));
            }
        }
    }
    report.kept = cases.len();
    if cases.is_empty() {
        let why = match report.dropped.first() {
            Some(d) => format!("every test case was dropped (first: {})", d.reason),
            None => "the record has no test case to run".into(),
        };
        return finish(report, Status::NoTests, Some(why));
    }

    write_atomic(
        &dir.join("problem_description.txt"),
        p.description.as_bytes(),
    )?;
    let mut entry = p.record.clone();
    // Older records keep these under `meta`; lift them so every entry.json has them.
    for (key, value) in [
        ("question_id", json!(p.question_id)),
        ("difficulty", json!(p.difficulty)),
        ("tags", json!(p.tags)),
        ("question_title", json!(p.title)),
        ("starter_code", json!(p.starter_code)),
    ] {
        if !entry.contains_key(key) && !value.is_null() {
            entry.insert(key.into(), value);
        }
    }
    entry.insert(
        "signature".into(),
        serde_json::to_value(&sig).unwrap_or(Value::Null),
    );
    entry.insert("supported".into(), json!(unsupported.is_none()));
    if let Some(why) = &unsupported {
        entry.insert("unsupported_reason".into(), json!(why));
    }
    entry.insert("test_cases".into(), Value::Array(cases));
    entry.insert(
        "dropped_test_cases".into(),
        serde_json::to_value(&report.dropped).unwrap_or(Value::Null),
    );
    entry.insert(
        "pulled_by".into(),
        json!(format!(
            "dsforge pull-leetcode {}",
            env!("CARGO_PKG_VERSION")
        )),
    );
    write_json_atomic(&dir.join("entry.json"), &entry)?;

    // Swap the finished folder into place.
    let final_dir = out_dir.join(&name);
    let staged = tmp.keep();
    if final_dir.exists() {
        std::fs::remove_dir_all(&final_dir).map_err(|e| Error::io(&final_dir, e))?;
    }
    if let Err(e) = std::fs::rename(&staged, &final_dir) {
        let _ = std::fs::remove_dir_all(&staged);
        return Err(Error::io(&final_dir, e));
    }
    finish(report, Status::Written, unsupported)
}

/// Whether a finished directory for `p` is already in `out_dir`.
pub fn is_complete(p: &Problem, out_dir: &Path) -> bool {
    out_dir.join(p.dir_name()).join("entry.json").is_file()
}

fn unsupported_reason(p: &Problem, sig: &Signature) -> Option<String> {
    let entry = p.entry_point.trim();
    if entry != format!("Solution().{}", sig.name) {
        return Some(format!(
            "entry point {entry} is not a method of Solution (design problem)"
        ));
    }
    sig.unsupported_reason()
}

fn shift(t: TestEvent, offset: usize) -> TestEvent {
    match t {
        TestEvent::Kept {
            index,
            args,
            args_py,
            printed,
            answer,
        } => TestEvent::Kept {
            index: index + offset,
            args,
            args_py,
            printed,
            answer,
        },
        TestEvent::Dropped { index, reason } => TestEvent::Dropped {
            index: index + offset,
            reason,
        },
    }
}
