//! Running a q binary (kdb+ q or qlite) on a problem's tests inside the sandbox: one
//! process for the whole batch, and one process per unfinished test when the batch
//! times out, crashes or stops early, so an infinite loop costs one timeout, not all.

use super::compare::compare;
use super::script::{build_runner, read_section, split_sections, Printed, Section};
use super::{TestResult, Verdict};
use crate::sandbox::{self, Ending, RunOutput};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// Added to every wall-clock limit for the interpreter's start-up.
pub const STARTUP_MARGIN: Duration = Duration::from_secs(1);

/// Environment variables a q process keeps; everything else is cleared.
pub const KEPT_ENV: [&str; 4] = ["PATH", "HOME", "QHOME", "QLIC"];

/// The q binary in use, as reports name it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Engine {
    /// The binary, absolute.
    pub path: PathBuf,
    /// Its file name (`q`, `qlite`).
    pub name: String,
    /// What `string .z.K` and `string .z.k` printed, or `unknown (binary FINGERPRINT)`.
    pub version: String,
    /// A hash of the binary's path, size and modification time: a rebuilt interpreter
    /// is a different engine for the cache even when it reports the same version.
    pub fingerprint: String,
}

/// The limits of one run.
#[derive(Debug, Clone, PartialEq)]
pub struct RunLimits {
    /// Per test.
    pub timeout: Duration,
    /// Address-space limit of the q process, `None` for none.
    pub memory_bytes: Option<u64>,
    /// Bytes of stdout kept per process.
    pub max_output_bytes: usize,
}

/// One test to run.
#[derive(Debug, Clone)]
pub struct TestCall {
    pub n: usize,
    /// The q expression, e.g. `solve[1 2 3;"ab"]`.
    pub call: String,
    pub expected: Value,
}

/// The results of a problem's run, in test order.
#[derive(Debug, Clone)]
pub struct EngineRun {
    pub results: Vec<TestResult>,
    /// Whether tests had to be re-run one process each.
    pub fallback: bool,
    /// How many q processes were started.
    pub processes: usize,
}

/// Finds the q binary: a path with a `/` must exist; a bare name is looked up in PATH.
pub fn resolve_binary(spec: &Path) -> Result<PathBuf, String> {
    let text = spec.to_string_lossy();
    if text.is_empty() {
        return Err("the q binary path is empty".into());
    }
    let found = if text.contains('/') {
        Some(spec.to_path_buf()).filter(|p| p.is_file())
    } else {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(spec))
                .find(|p| p.is_file())
        })
    };
    let path = found.ok_or_else(|| {
        format!(
            "q binary not found: {} (give --q-bin, Q_INTERPRETER_PATH or q_bin in dsforge.toml, or build qlite with `cargo build --release`)",
            spec.display()
        )
    })?;
    path.canonicalize()
        .map_err(|e| format!("q binary {}: {e}", path.display()))
}

/// Asks the binary for its version (`.z.K` and `.z.k`) and fingerprints it. `Err` when
/// it cannot be started at all.
pub fn probe(path: &Path, limits: &RunLimits) -> Result<Engine, String> {
    // Each field guarded: an interpreter without .z.K still reports what it has.
    let script = "-1 \"@@dsforge-version \",@[{string .z.K};::;{\"\"}];\n\
                  -1 \"@@dsforge-release \",@[{string .z.k};::;{\"\"}];\n\
                  exit 0\n";
    let out = run_script(path, script, Duration::from_secs(10), limits)
        .map_err(|e| format!("cannot run the q binary {}: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&out.stdout);
    if out.ending != Ending::Exited(0) && !text.contains("@@dsforge-") {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let why = match out.ending {
            Ending::TimedOut => "did not finish a one-line script in 10s".to_string(),
            Ending::Signaled(s) => format!("was killed by signal {s}"),
            Ending::Exited(c) => format!("exited with code {c}"),
        };
        let limit = match limits.memory_bytes {
            Some(b) => format!(" under --memory-limit {}m", b >> 20),
            None => String::new(),
        };
        return Err(format!(
            "the q binary {} cannot start{limit}: it {why}{}",
            path.display(),
            stderr_reason(&stderr)
                .map(|t| format!(": {t}"))
                .unwrap_or_default()
        ));
    }
    let field = |tag: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(tag))
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let version = match (field("@@dsforge-version "), field("@@dsforge-release ")) {
        (Some(v), Some(r)) => format!("{v} {r}"),
        (Some(v), None) => v,
        (None, Some(r)) => r,
        (None, None) => String::new(),
    };
    let fingerprint = fingerprint(path);
    // No version from q itself: the binary's fingerprint stands in for it.
    let version = if version.is_empty() {
        format!("unknown (binary {fingerprint})")
    } else {
        version
    };
    Ok(Engine {
        path: path.to_path_buf(),
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        version,
        fingerprint,
    })
}

fn fingerprint(path: &Path) -> String {
    let meta = std::fs::metadata(path).ok();
    let size = meta.as_ref().map(|m| m.len()).unwrap_or(0);
    let mtime = meta
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let key = format!("{}\0{size}\0{mtime}", path.display());
    format!("{:016x}", crate::seed::fnv1a64(key.as_bytes()))
}

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
fn stderr_reason(stderr: &str) -> Option<String> {
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

/// `2s`, `1.5s`, `250ms`.
pub fn show_duration(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{}s", d.as_secs())
    } else if d.as_secs() == 0 {
        format!("{}ms", d.as_millis())
    } else {
        format!("{}s", d.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    //! These tests drive the runner with a STAND-IN for q: a small shell script that
    //! reads runner.q and answers canned calls (it does not interpret q). It exists only
    //! to test marker parsing, timeouts, the per-test fallback and verdict mapping
    //! before a real interpreter is available; the integration tests use qlite.
    use super::*;
    use serde_json::json;
    use std::os::unix::fs::PermissionsExt;

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
}
