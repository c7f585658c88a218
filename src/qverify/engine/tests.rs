//! These tests drive the runner with a STAND-IN for q: a small shell script that
//! reads runner.q and answers canned calls (it does not interpret q). It exists only
//! to test marker parsing, timeouts, the per-test fallback and verdict mapping
//! before a real interpreter is available; the integration tests use qlite.

use std::os::unix::fs::PermissionsExt;

use serde_json::json;

use super::*;
use crate::qverify::Verdict;

/// The stand-in: for each `@[...;"CALL";...]` line, `solve[ok]` prints 42,
/// `solve[err]` prints the error marker, `solve[loop]` sleeps, `solve[exit]` exits,
/// `solve[abort]` kills itself with SIGABRT after an allocation message,
/// `solve[big]` prints 2 MB, anything else prints "not json"; a solution line
/// `LOAD-ERROR`, `LOAD-EXIT` or `LOAD-LOOP` fails, exits or hangs while loading.
const FAKE_Q: &str = r#"#!/bin/sh
# STAND-IN FOR q, FOR UNIT TESTS ONLY: answers canned calls, interprets nothing.
[ "$2" = "-q" ] || exit 9
[ -z "$DSFORGE_SECRET" ] || { echo "env leaked"; exit 8; }
while IFS= read -r line; do
  case "$line" in
'-1 "@@dsforge-version '*) echo "@@dsforge-version 9.9" ;;
'-1 "'*) m=${line#-1 \"}; echo "${m%%\"*}" ;;
*'"solve[ok]"'*) echo 42 ;;
*'"solve[err]"'*) echo "@@dsforge-error type" ;;
*'"solve[loop]"'*) sleep 30 ;;
*'"solve[exit]"'*) exit 0 ;;
*'"solve[abort]"'*) echo "memory allocation of 999999999 bytes failed" >&2; kill -ABRT $$ ;;
*'"solve[big]"'*) head -c 2000000 /dev/zero | tr '\0' 'x'; echo ;;
*'"solve['*) echo "not json" ;;
'LOAD-ERROR') echo "'nyi"; exit 0 ;;
'LOAD-EXIT') exit 0 ;;
'LOAD-LOOP') sleep 30 ;;
'exit 0') exit 0 ;;
  esac
done < "$1"
"#;

fn fake_q(dir: &Path) -> Engine {
    let path = dir.join("fakeq.sh");
    std::fs::write(&path, FAKE_Q).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    probe(&path, &limits()).unwrap()
}

fn limits() -> RunLimits {
    RunLimits {
        timeout: Duration::from_millis(500),
        memory_bytes: None,
        max_output_bytes: 1 << 20,
    }
}

fn calls(names: &[&str]) -> Vec<TestCall> {
    names
        .iter()
        .enumerate()
        .map(|(i, c)| TestCall {
            n: i + 1,
            call: format!("solve[{c}]"),
            expected: json!(42),
        })
        .collect()
}

fn verdicts(run: &EngineRun) -> Vec<Verdict> {
    run.results.iter().map(|r| r.verdict).collect()
}

#[test]
fn probe_reads_the_version() {
    let dir = tempfile::tempdir().unwrap();
    let e = fake_q(dir.path());
    assert_eq!(e.version, "9.9");
    assert_eq!(e.name, "fakeq.sh");
    assert_eq!(e.fingerprint.len(), 16);
}

#[test]
fn one_process_when_the_batch_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let e = fake_q(dir.path());
    std::env::set_var("DSFORGE_SECRET", "x");
    let run = run_tests(&e, "solve:{x}\n", &calls(&["ok", "err", "junk"]), &limits()).unwrap();
    assert_eq!(
        verdicts(&run),
        [Verdict::Pass, Verdict::QError, Verdict::WrongAnswer]
    );
    assert_eq!(run.processes, 1);
    assert!(!run.fallback);
    assert_eq!(run.results[1].message.as_deref(), Some("type"));
    assert_eq!(run.results[2].got, Some(json!("not json")));
}

#[test]
fn a_loop_costs_one_timeout_and_the_rest_still_runs() {
    let dir = tempfile::tempdir().unwrap();
    let e = fake_q(dir.path());
    let run = run_tests(&e, "", &calls(&["ok", "loop", "ok", "err"]), &limits()).unwrap();
    assert_eq!(
        verdicts(&run),
        [
            Verdict::Pass,
            Verdict::Timeout,
            Verdict::Pass,
            Verdict::QError
        ]
    );
    assert!(run.fallback);
    // The batch, then tests 2, 3 and 4 alone; test 1 finished in the batch.
    assert_eq!(run.processes, 4);
}

#[test]
fn exiting_early_and_aborting_are_told_apart() {
    let dir = tempfile::tempdir().unwrap();
    let e = fake_q(dir.path());
    let run = run_tests(&e, "", &calls(&["exit", "abort", "ok"]), &limits()).unwrap();
    assert_eq!(
        verdicts(&run),
        [Verdict::NoOutput, Verdict::Memory, Verdict::Pass]
    );
    assert!(run.results[0]
        .message
        .as_deref()
        .unwrap()
        .contains("exited with code 0"));
}

#[test]
fn output_past_the_cap_is_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let e = fake_q(dir.path());
    let run = run_tests(&e, "", &calls(&["big", "ok"]), &limits()).unwrap();
    assert_eq!(verdicts(&run)[1], Verdict::Pass);
    // The 2 MB line is cut at the 1 MB cap: what is left is not an answer.
    assert_ne!(verdicts(&run)[0], Verdict::Pass);
}

#[test]
fn a_solution_that_does_not_load_is_judged_once() {
    let dir = tempfile::tempdir().unwrap();
    let e = fake_q(dir.path());
    let tests = calls(&["ok", "ok", "ok"]);
    let run = run_tests(&e, "LOAD-ERROR\n", &tests, &limits()).unwrap();
    assert_eq!(verdicts(&run), [Verdict::QError; 3]);
    assert_eq!(
        run.results[0].message.as_deref(),
        Some("the solution failed to load: 'nyi")
    );
    assert_eq!(run.processes, 1);
    let run = run_tests(&e, "LOAD-EXIT\n", &tests, &limits()).unwrap();
    assert_eq!(verdicts(&run), [Verdict::NoOutput; 3]);
    assert_eq!(run.processes, 1);
    let short = RunLimits {
        timeout: Duration::from_millis(100),
        ..limits()
    };
    let run = run_tests(&e, "LOAD-LOOP\n", &tests, &short).unwrap();
    assert_eq!(verdicts(&run), [Verdict::Timeout; 3]);
    assert_eq!(run.processes, 1);
}

#[test]
fn a_q_that_cannot_start_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken-q");
    std::fs::write(&path, "#!/bin/sh\necho 'licence expired' >&2\nexit 1\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = probe(&path, &limits()).unwrap_err();
    assert!(
        err.contains("cannot start: it exited with code 1: licence expired"),
        "{err}"
    );
}

#[test]
fn a_missing_binary_is_reported() {
    let err = resolve_binary(Path::new("/nonexistent/q")).unwrap_err();
    assert!(err.contains("q binary not found"), "{err}");
    assert!(resolve_binary(Path::new("sh")).is_ok());
}
