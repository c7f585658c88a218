//! Running a problem's tests: one process for the batch, then one per test it did not finish,
//! so an infinite loop costs one timeout, not all.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::judge::{judge_section, judge_unfinished};
use super::{Engine, EngineRun, RunLimits, TestCall, KEPT_ENV, STARTUP_MARGIN};
use crate::qverify::script::{build_runner, split_sections};
use crate::qverify::TestResult;
use crate::sandbox::{self, RunOutput};

/// Writes `script` as runner.q into a fresh empty directory and runs `BIN runner.q -q`
/// there: stdin /dev/null, a clean environment, the wall and memory limits.
pub fn run_script(
    bin: &Path,
    script: &str,
    wall: Duration,
    limits: &RunLimits,
) -> std::io::Result<RunOutput> {
    let dir = tempfile::Builder::new()
        .prefix("dsforge-qverify-")
        .tempdir()?;
    std::fs::write(dir.path().join("runner.q"), script)?;
    let mut cmd = Command::new(bin);
    cmd.arg("runner.q")
        .arg("-q")
        .current_dir(dir.path())
        .env_clear();
    for key in KEPT_ENV {
        if let Some(v) = std::env::var_os(key) {
            cmd.env(key, v);
        }
    }
    let sandbox_limits = sandbox::Limits {
        wall,
        memory_bytes: limits.memory_bytes,
        max_output_bytes: limits.max_output_bytes,
    };
    sandbox::run(cmd, None, &sandbox_limits)
}

/// Runs `tests` against `solution` (cleaned sol.q): the batch first, then one process
/// per test the batch did not finish.
pub fn run_tests(
    engine: &Engine,
    solution: &str,
    tests: &[TestCall],
    limits: &RunLimits,
) -> std::io::Result<EngineRun> {
    let mut results: Vec<Option<TestResult>> = vec![None; tests.len()];
    let calls: Vec<(usize, &str)> = tests.iter().map(|t| (t.n, t.call.as_str())).collect();
    let order: Vec<usize> = tests.iter().map(|t| t.n).collect();
    let wall = limits.timeout * (tests.len().max(1) as u32) + STARTUP_MARGIN;
    let batch = run_script(&engine.path, &build_runner(solution, &calls), wall, limits)?;
    let mut processes = 1;
    let stdout = String::from_utf8_lossy(&batch.stdout);
    let (sections, _) = split_sections(&stdout, &order);
    if sections.is_empty() {
        // Not one test started: the solution itself did not load (a q error, `exit`, a
        // loop or a crash while loading). Every test would meet the same fate alone.
        let results = tests
            .iter()
            .map(|t| judge_unfinished(t.n, &batch, &stdout, limits, true))
            .collect();
        return Ok(EngineRun {
            results,
            fallback: false,
            processes,
        });
    }
    for (n, section) in &sections {
        if let Some(i) = tests.iter().position(|t| t.n == *n) {
            if section.closed {
                results[i] = Some(judge_section(&tests[i], section));
            }
        }
    }
    let fallback = results.iter().any(Option::is_none);
    for (i, test) in tests.iter().enumerate() {
        if results[i].is_some() {
            continue;
        }
        let script = build_runner(solution, &[(test.n, test.call.as_str())]);
        let single = run_script(
            &engine.path,
            &script,
            limits.timeout + STARTUP_MARGIN,
            limits,
        )?;
        processes += 1;
        let text = String::from_utf8_lossy(&single.stdout);
        let (sections, _) = split_sections(&text, &[test.n]);
        results[i] = Some(match sections.first() {
            Some((_, s)) if s.closed => judge_section(test, s),
            Some(_) => judge_unfinished(test.n, &single, &text, limits, false),
            None => judge_unfinished(test.n, &single, &text, limits, true),
        });
    }
    Ok(EngineRun {
        results: results.into_iter().flatten().collect(),
        fallback,
        processes,
    })
}
