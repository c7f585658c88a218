//! Running a problem's Python reference: the harness (harness.py, embedded) runs every
//! test of one problem in one python3 subprocess under the sandbox, each test under its
//! own time limit, and reports one JSON event per test; [`sol`] writes the Python files.

mod sol;

pub use sol::{sol_source, test_case_source, DEFAULT_PRELUDE};

use crate::sandbox::{self, Ending, Limits};
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;

/// The harness script (runs in the problem's working folder next to sol.py).
pub const SCRIPT: &str = include_str!("harness.py");

/// What the harness reported about one test case (`index` into the request's tests).
#[derive(Debug, Clone, PartialEq)]
pub enum TestEvent {
    /// The answer agreed with the record: the arguments (JSON, Python literals), what
    /// print showed, and `json.dumps` of the answer.
    Kept {
        index: usize,
        args: Vec<Value>,
        args_py: Vec<String>,
        printed: String,
        answer: String,
    },
    /// Dropped, and why.
    Dropped { index: usize, reason: String },
}

impl TestEvent {
    /// The position of the test in the request.
    pub fn index(&self) -> usize {
        match self {
            TestEvent::Kept { index, .. } | TestEvent::Dropped { index, .. } => *index,
        }
    }
}

/// Everything one harness run reported.
#[derive(Debug, Clone, PartialEq)]
pub struct HarnessReport {
    /// sol.py did not load (syntax error, exception at import, no solve, prints).
    pub load_error: Option<String>,
    /// sol.py loaded and solve was found (the harness said `loaded`).
    pub loaded: bool,
    /// One event per test run, in order.
    pub tests: Vec<TestEvent>,
    /// The harness reported `done`; when false, the run was cut short and `cut_reason` says how.
    pub finished: bool,
    /// How a run that did not finish ended (timeout, signal, exit code).
    pub cut_reason: Option<String>,
}

/// The limits of one harness run.
#[derive(Debug, Clone)]
pub struct RunLimits {
    /// The alarm each test runs under, inside Python.
    pub per_test_seconds: f64,
    /// The limits of the whole python3 process.
    pub sandbox: Limits,
}

/// Runs the harness in `dir` (which holds sol.py) over `tests` (pairs of recorded input
/// and output), stopping once `max_kept` tests agree. Errors only when python3 cannot start.
pub fn run(
    python: &Path,
    dir: &Path,
    params: &[String],
    tests: &[(String, String)],
    max_kept: usize,
    limits: &RunLimits,
) -> std::io::Result<HarnessReport> {
    let request = json!({
        "params": params,
        "tests": tests.iter().map(|(i, o)| json!({"input": i, "output": o})).collect::<Vec<_>>(),
        "max_kept": max_kept,
        "timeout": limits.per_test_seconds,
        "load_timeout": limits.per_test_seconds.max(5.0),
    });
    let mut cmd = Command::new(python);
    cmd.arg("-B").arg("-s").arg("-c").arg(SCRIPT);
    cmd.current_dir(dir);
    cmd.env_clear();
    if let Some(path) = std::env::var_os("PATH") {
        cmd.env("PATH", path);
    }
    cmd.env("PYTHONHASHSEED", "0")
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONUTF8", "1")
        .env("LC_ALL", "C.UTF-8");
    let out = sandbox::run(cmd, Some(request.to_string().as_bytes()), &limits.sandbox)?;
    let mut report = parse_events(&out.stdout);
    if !report.finished && report.load_error.is_none() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last = stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        report.cut_reason = Some(match out.ending {
            Ending::TimedOut => format!(
                "the problem ran past its {}s time limit",
                limits.sandbox.wall.as_secs_f64()
            ),
            Ending::Signaled(9) => "killed (SIGKILL, likely out of memory)".to_string(),
            Ending::Signaled(s) => format!("killed by signal {s}"),
            Ending::Exited(_) if out.stdout_truncated => {
                "the harness output passed its size limit".to_string()
            }
            Ending::Exited(c) if last.is_empty() => format!("python3 exited with code {c}"),
            Ending::Exited(c) => format!("python3 exited with code {c}: {}", clip(last, 200)),
        });
    }
    Ok(report)
}

/// Reads the harness's JSON lines; a line that is not an event is ignored.
pub fn parse_events(stdout: &[u8]) -> HarnessReport {
    let mut report = HarnessReport {
        load_error: None,
        loaded: false,
        tests: Vec::new(),
        finished: false,
        cut_reason: None,
    };
    for line in stdout.split(|b| *b == b'\n') {
        let Ok(v) = serde_json::from_slice::<Value>(line) else {
            continue;
        };
        let str_of = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        match v.get("event").and_then(Value::as_str) {
            Some("load_error") => {
                report.load_error = Some(str_of("reason").unwrap_or_default());
                report.finished = true;
            }
            Some("loaded") => report.loaded = true,
            Some("done") => report.finished = true,
            Some("test") => {
                let Some(index) = v.get("index").and_then(Value::as_u64) else {
                    continue;
                };
                let index = index as usize;
                match v.get("status").and_then(Value::as_str) {
                    Some("kept") => {
                        let args = v
                            .get("args")
                            .and_then(Value::as_array)
                            .cloned()
                            .unwrap_or_default();
                        let args_py = v
                            .get("args_py")
                            .and_then(Value::as_array)
                            .map(|a| {
                                a.iter()
                                    .filter_map(|x| x.as_str().map(str::to_string))
                                    .collect()
                            })
                            .unwrap_or_default();
                        match (str_of("printed"), str_of("answer")) {
                            (Some(printed), Some(answer)) => report.tests.push(TestEvent::Kept {
                                index,
                                args,
                                args_py,
                                printed,
                                answer,
                            }),
                            _ => report.tests.push(TestEvent::Dropped {
                                index,
                                reason: "harness reported no answer".into(),
                            }),
                        }
                    }
                    _ => report.tests.push(TestEvent::Dropped {
                        index,
                        reason: str_of("reason").unwrap_or_else(|| "dropped".into()),
                    }),
                }
            }
            _ => {}
        }
    }
    report
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}...", s.chars().take(n).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::leetcode::signature::parse_starter;

    fn run_sol(completion: &str, starter: &str, tests: &[(&str, &str)]) -> HarnessReport {
        let sig = parse_starter(starter, None).unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("sol.py"),
            sol_source(None, completion, &sig, "test"),
        )
        .unwrap();
        let params: Vec<String> = sig.params.iter().map(|p| p.name.clone()).collect();
        let tests: Vec<(String, String)> = tests
            .iter()
            .map(|(i, o)| (i.to_string(), o.to_string()))
            .collect();
        let limits = RunLimits {
            per_test_seconds: 2.0,
            sandbox: Limits {
                wall: std::time::Duration::from_secs(30),
                ..Limits::default()
            },
        };
        run(
            Path::new("python3"),
            dir.path(),
            &params,
            &tests,
            10,
            &limits,
        )
        .unwrap()
    }

    fn kept(r: &HarnessReport, i: usize) -> (&Vec<Value>, &str, &str) {
        match &r.tests[i] {
            TestEvent::Kept {
                args,
                printed,
                answer,
                ..
            } => (args, printed.as_str(), answer.as_str()),
            other => panic!("test {i}: {other:?}"),
        }
    }

    fn dropped(r: &HarnessReport, i: usize) -> &str {
        match &r.tests[i] {
            TestEvent::Dropped { reason, .. } => reason,
            other => panic!("test {i}: {other:?}"),
        }
    }

    #[test]
    fn harness_reads_every_input_form() {
        let starter = "class Solution:\n    def f(self, a: List[int], b: str) -> List[int]:\n";
        let completion =
            "class Solution:\n    def f(self, a: List[int], b: str) -> List[int]:\n        return a + [len(b)]\n";
        let r = run_sol(
            completion,
            starter,
            &[
                ("a = [1,-2], b = \"xy\"", "[1, -2, 2]"),
                ("{\"a\": [5], \"b\": \"\"}", "[5, 0]"),
                ("b = 'q', a = []", "[1]"),
                ("x = [], y = 'q'", "[1]"),
                ("[3], 'ab'", "[3, 2]"),
                ("a = [10**3, -2**2], b = 'é'", "[1000, -4, 1]"),
                ("a = [1,2], b = open('x')", "[0]"),
                ("a = [1], b = 'x', c = 2", "[0]"),
            ],
        );
        assert!(r.finished && r.load_error.is_none());
        assert_eq!(kept(&r, 0).0, &vec![json!([1, -2]), json!("xy")]);
        assert_eq!(kept(&r, 0).2, "[1, -2, 2]");
        assert_eq!(kept(&r, 1).0, &vec![json!([5]), json!("")]);
        assert_eq!(
            kept(&r, 2).0,
            &vec![json!([]), json!("q")],
            "named out of order"
        );
        assert_eq!(
            kept(&r, 3).0,
            &vec![json!([]), json!("q")],
            "other names, by position"
        );
        assert_eq!(kept(&r, 4).0, &vec![json!([3]), json!("ab")], "positional");
        assert_eq!(kept(&r, 5).0, &vec![json!([1000, -4]), json!("é")]);
        assert!(dropped(&r, 6).starts_with("cannot read input"));
        assert!(dropped(&r, 7).contains("do not match"));
    }

    #[test]
    fn harness_cross_checks_answers() {
        let starter = "class Solution:\n    def f(self, x: float, s: str) -> List[float]:\n";
        let completion = "class Solution:\n    def f(self, x: float, s: str) -> List[float]:\n        if s == 'str':\n            return s.upper()\n        if s == 'none':\n            return None\n        if s == 'big':\n            return 2 ** 70\n        if s == 'set':\n            return {1}\n        if s == 'raise':\n            raise KeyError('k')\n        if s == 'inf':\n            return [x, float('inf')]\n        return [x / 3, True]\n";
        let r = run_sol(
            completion,
            starter,
            &[
                ("x = 1, s = 'a'", "[0.333333333, True]"),
                ("x = 1, s = 'a2'", "[0.34, True]"),
                ("x = 3, s = 'str'", "STR"),
                ("x = 3, s = 'none'", "None"),
                ("x = 3, s = 'big'", "1180591620717411303424"),
                ("x = 3, s = 'set'", "{1}"),
                ("x = 3, s = 'raise'", "0"),
                ("x = 3, s = 'a3'", "Execution timed out"),
                ("x = null, s = 'inf'", "[None, inf]"),
                ("x = 3, s = 'a4'", "[1, 1]"),
            ],
        );
        assert!(r.finished);
        assert_eq!(
            kept(&r, 0).2,
            "[0.3333333333333333, true]",
            "float tolerance"
        );
        assert!(dropped(&r, 1).starts_with("disagrees with the recorded output"));
        assert_eq!(kept(&r, 2).1, "STR\n");
        assert_eq!(kept(&r, 2).2, "\"STR\"");
        assert_eq!(kept(&r, 3).2, "null");
        assert!(dropped(&r, 4).contains("does not fit a 64-bit integer"));
        assert!(dropped(&r, 5).contains("no JSON form"));
        assert_eq!(dropped(&r, 6), "reference crashed: KeyError: 'k'");
        assert!(dropped(&r, 7).starts_with("recorded output is not an answer"));
        assert!(dropped(&r, 8).contains("not a finite number"));
        assert!(
            dropped(&r, 9).starts_with("disagrees"),
            "bool True is not the int 1"
        );
    }

    #[test]
    fn harness_marks_arguments_q_cannot_hold() {
        let starter = "class Solution:\n    def f(self, x: List[float]) -> int:\n";
        let completion =
            "class Solution:\n    def f(self, x: List[float]) -> int:\n        return len(x)\n";
        let r = run_sol(
            completion,
            starter,
            &[
                ("x = [inf, -inf, 1.5]", "3"),
                ("x = [9223372036854775807]", "1"),
                ("x = [-9223372036854775807]", "1"),
            ],
        );
        assert_eq!(
            kept(&r, 0).0,
            &vec![json!([{"$float": "inf"}, {"$float": "-inf"}, 1.5])]
        );
        assert!(dropped(&r, 1).contains("64-bit"));
        assert_eq!(kept(&r, 2).0, &vec![json!([-9223372036854775807i64])]);
    }

    #[test]
    fn harness_reports_load_errors() {
        let starter = "class Solution:\n    def f(self, x: int) -> int:\n";
        let r = run_sol("raise SystemExit(3)\n", starter, &[("x = 1", "1")]);
        assert!(r.load_error.unwrap().contains("SystemExit"));
        let r = run_sol("print('hello')\n", starter, &[("x = 1", "1")]);
        assert!(r.load_error.unwrap().contains("writes to stdout"));
        let r = run_sol(
            "class Solution:\n  def f(self, x):\n    return x\n",
            starter,
            &[],
        );
        assert!(r.finished && r.tests.is_empty() && r.load_error.is_none());
    }

    #[test]
    fn reads_events_and_ignores_noise() {
        let out = b"{\"event\": \"loaded\"}\nnoise\n{\"event\": \"test\", \"index\": 0, \"status\": \"kept\", \"args\": [[1]], \"args_py\": [\"[1]\"], \"printed\": \"1\\n\", \"answer\": \"1\"}\n{\"event\": \"test\", \"index\": 1, \"status\": \"dropped\", \"reason\": \"timeout after 4s\"}\n";
        let r = parse_events(out);
        assert!(!r.finished);
        assert!(r.loaded);
        assert_eq!(r.tests.len(), 2);
        assert_eq!(r.tests[1].index(), 1);
        match &r.tests[0] {
            TestEvent::Kept {
                printed, answer, ..
            } => {
                assert_eq!(printed, "1\n");
                assert_eq!(answer, "1");
            }
            other => panic!("{other:?}"),
        }
        let r = parse_events(b"{\"event\": \"load_error\", \"reason\": \"bad\"}\n");
        assert_eq!(r.load_error.as_deref(), Some("bad"));
    }
}
