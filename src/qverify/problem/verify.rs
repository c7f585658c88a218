//! Verifying a problem: the Python re-check, then q; reports, also for directories that fail to load.

use std::path::Path;

use super::publish::{publish, remove_stale};
use super::{
    cache_key, cached_report, dir_name, load, Context, NotLoaded, Problem, ProblemReport,
    PyDisagreement, PythonCheck, REPORT_FILE,
};
use crate::qverify::compare::compare;
use crate::qverify::engine;
use crate::qverify::python::{self, PyAnswer};
use crate::qverify::{Status, Verdict};

/// Re-checks the expected answers with the Python reference.
fn python_check(problem: &Problem, python: &Path, ctx: &Context) -> PythonCheck {
    let order: Vec<usize> = problem.tests.iter().map(|t| t.n).collect();
    let wall = ctx.limits.timeout * (order.len() as u32) + std::time::Duration::from_secs(5);
    match python::run_reference(python, &problem.dir, &order, wall, ctx.limits.memory_bytes) {
        Err(e) => PythonCheck {
            agreed: 0,
            disagreements: Vec::new(),
            error: Some(e),
        },
        Ok(answers) => {
            let mut check = PythonCheck {
                agreed: 0,
                disagreements: Vec::new(),
                error: None,
            };
            for t in &problem.tests {
                let file = format!("test_case_{}_expected.json", t.n);
                match answers.get(&t.n) {
                    Some(PyAnswer::Value(v)) => match compare(&t.expected, v) {
                        Ok(()) => check.agreed += 1,
                        Err(m) => check.disagreements.push(PyDisagreement {
                            test: t.n,
                            message: format!("{file} at {}: {}", m.path, m.reason),
                            python: Some(v.clone()),
                        }),
                    },
                    Some(PyAnswer::Error(e)) => check.disagreements.push(PyDisagreement {
                        test: t.n,
                        message: format!("the reference failed: {e}"),
                        python: None,
                    }),
                    None => check.disagreements.push(PyDisagreement {
                        test: t.n,
                        message: "the reference printed no answer".into(),
                        python: None,
                    }),
                }
            }
            check
        }
    }
}

/// Verifies a loaded problem (no cache lookup; see [`verify_dir`]).
pub fn verify(problem: &Problem, key: String, ctx: &Context) -> ProblemReport {
    let python = ctx
        .python
        .as_deref()
        .map(|py| python_check(problem, py, ctx));
    let run = engine::run_tests(&ctx.engine, &problem.solution, &problem.tests, &ctx.limits);
    let (tests, fallback, processes, run_error) = match run {
        Ok(r) => (r.results, r.fallback, r.processes, None),
        Err(e) => (
            Vec::new(),
            false,
            0,
            Some(format!("cannot run {}: {e}", ctx.engine.path.display())),
        ),
    };
    let total = problem.tests.len();
    let passed = tests.iter().filter(|t| t.verdict == Verdict::Pass).count();
    let py_problem = python.as_ref().and_then(|p| {
        if let Some(e) = &p.error {
            Some(e.clone())
        } else {
            p.disagreements.first().map(|d| {
                format!(
                    "the Python reference disagrees with the expected answer of test {}: {}",
                    d.test, d.message
                )
            })
        }
    });
    let transient = run_error.is_some() || python.as_ref().is_some_and(|p| p.error.is_some());
    let (status, reason) = if let Some(e) = run_error {
        (Status::Error, Some(e))
    } else if let Some(p) = py_problem {
        (Status::Error, Some(p))
    } else if passed == total {
        (Status::Valid, None)
    } else {
        (
            Status::Invalid,
            Some(format!("{} of {total} tests fail", total - passed)),
        )
    };
    // A failure to start q or Python may pass; such a report is not cached.
    let key = if transient { String::new() } else { key };
    ProblemReport {
        problem: problem.name.clone(),
        status,
        reason,
        passed,
        total,
        tests,
        python,
        engine: ctx.engine.clone(),
        limits: (&ctx.limits).into(),
        fallback,
        processes,
        cache_key: key,
        cached: false,
    }
}

/// A report for a directory that could not be loaded.
pub fn not_loaded_report(dir: &Path, n: NotLoaded, ctx: &Context) -> ProblemReport {
    ProblemReport {
        problem: dir_name(dir),
        status: n.status,
        reason: Some(n.reason),
        passed: 0,
        total: 0,
        tests: Vec::new(),
        python: None,
        engine: ctx.engine.clone(),
        limits: (&ctx.limits).into(),
        fallback: false,
        processes: 0,
        cache_key: String::new(),
        cached: false,
    }
}

/// Verifies the problem in `dir` (or reuses its cached report), writes its
/// verification.json, and updates its copy in the output folder. Returns the report and
/// warnings (files that could not be written) for the caller to show.
pub fn verify_dir(dir: &Path, ctx: &Context) -> (ProblemReport, Vec<String>) {
    let mut warnings = Vec::new();
    let problem = match load(dir) {
        Ok(p) => p,
        Err(n) => {
            let skipped = n.status == Status::Skipped;
            let report = not_loaded_report(dir, n, ctx);
            if !skipped {
                if let Err(e) = crate::io::write_json_atomic(&dir.join(REPORT_FILE), &report) {
                    warnings.push(e.to_string());
                }
            }
            if let Err(e) = remove_stale(&ctx.output, &report.problem) {
                warnings.push(e.to_string());
            }
            return (report, warnings);
        }
    };
    let key = cache_key(&problem, ctx);
    let report = match (!ctx.force).then(|| cached_report(dir, &key)).flatten() {
        Some(r) => r,
        None => {
            let r = verify(&problem, key, ctx);
            if let Err(e) = crate::io::write_json_atomic(&dir.join(REPORT_FILE), &r) {
                warnings.push(format!("{e} (the result will not be cached)"));
            }
            r
        }
    };
    let published = if report.status == Status::Valid {
        publish(&problem, &report, &ctx.output)
    } else {
        remove_stale(&ctx.output, &problem.name)
    };
    if let Err(e) = published {
        warnings.push(e.to_string());
    }
    (report, warnings)
}
