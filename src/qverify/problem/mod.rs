//! One problem directory: its report types, loading its files, and the cache key of its verdicts.

mod publish;
mod verify;

pub use publish::{publish, remove_stale};
pub use verify::{not_loaded_report, verify, verify_dir};

use super::engine::{Engine, RunLimits, TestCall};
use super::script::{clean_solution, extract_call};
use super::{Status, TestResult};
use crate::seed::fnv1a64;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The per-problem report file, written into the problem directory.
pub const REPORT_FILE: &str = "verification.json";

/// What decides verdicts besides the problem's own files.
#[derive(Debug, Clone)]
pub struct Context {
    pub engine: Engine,
    pub limits: RunLimits,
    /// The Python used to re-check expected answers; `None` with --no-python.
    pub python: Option<PathBuf>,
    /// Ignore cached reports.
    pub force: bool,
    /// Where valid problems are copied.
    pub output: PathBuf,
}

/// The limits as reports show them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LimitsReport {
    pub timeout_ms: u64,
    pub memory_bytes: Option<u64>,
}

impl From<&RunLimits> for LimitsReport {
    fn from(l: &RunLimits) -> Self {
        LimitsReport {
            timeout_ms: l.timeout.as_millis() as u64,
            memory_bytes: l.memory_bytes,
        }
    }
}

/// One test on which the Python reference and the expected file disagree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PyDisagreement {
    pub test: usize,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub python: Option<Value>,
}

/// The Python re-check of a problem's expected answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PythonCheck {
    /// Tests whose expected answer the reference reproduced.
    pub agreed: usize,
    pub disagreements: Vec<PyDisagreement>,
    /// Why the reference could not be run at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// verification.json: a problem's verdicts and everything that decided them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProblemReport {
    pub problem: String,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub passed: usize,
    pub total: usize,
    pub tests: Vec<TestResult>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub python: Option<PythonCheck>,
    pub engine: Engine,
    pub limits: LimitsReport,
    /// Whether unfinished tests were re-run one process each.
    pub fallback: bool,
    /// q processes started.
    pub processes: usize,
    pub cache_key: String,
    /// Taken from an earlier run's report (not written to the file).
    #[serde(skip)]
    pub cached: bool,
}

/// A problem's inputs, read and checked.
#[derive(Debug, Clone)]
pub struct Problem {
    pub name: String,
    pub dir: PathBuf,
    /// sol.q after cleaning.
    pub solution: String,
    pub tests: Vec<TestCall>,
}

/// Why a directory cannot be verified: skipped (nothing to verify) or broken.
#[derive(Debug, Clone, PartialEq)]
pub struct NotLoaded {
    pub status: Status,
    pub reason: String,
}

/// Reads `dir`: sol.q, q_test_case_N.q for N = 1, 2, ... and each
/// test_case_N_expected.json.
pub fn load(dir: &Path) -> Result<Problem, NotLoaded> {
    let name = dir_name(dir);
    let broken = |reason: String| NotLoaded {
        status: Status::Error,
        reason,
    };
    let sol_path = dir.join("sol.q");
    let raw = match std::fs::read(&sol_path) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(NotLoaded {
                status: Status::Skipped,
                reason: "no sol.q".into(),
            })
        }
        Err(e) => return Err(broken(format!("{}: {e}", sol_path.display()))),
    };
    let solution = clean_solution(&raw);
    let mut tests = Vec::new();
    for n in 1.. {
        let call_path = dir.join(format!("q_test_case_{n}.q"));
        let source = match std::fs::read(&call_path) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => break,
            Err(e) => return Err(broken(format!("{}: {e}", call_path.display()))),
        };
        let call =
            extract_call(&source).map_err(|m| broken(format!("{}: {m}", call_path.display())))?;
        let exp_path = dir.join(format!("test_case_{n}_expected.json"));
        let text = std::fs::read_to_string(&exp_path)
            .map_err(|e| broken(format!("{}: {e}", exp_path.display())))?;
        let expected: Value = serde_json::from_str(&text).map_err(|e| {
            broken(format!(
                "{}:{}: not JSON: {e}",
                exp_path.display(),
                e.line()
            ))
        })?;
        tests.push(TestCall { n, call, expected });
    }
    if tests.is_empty() {
        return Err(broken(format!(
            "{}: missing (no test cases)",
            dir.join("q_test_case_1.q").display()
        )));
    }
    Ok(Problem {
        name,
        dir: dir.to_path_buf(),
        solution,
        tests,
    })
}

fn dir_name(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| dir.display().to_string())
}

/// A hash of everything that decides the verdicts: the cleaned solution, the calls, the
/// expected answers, the engine (path, version, fingerprint), the limits, and, when the
/// Python check is on, the Python used, sol.py and the test_case_N.py files.
pub fn cache_key(problem: &Problem, ctx: &Context) -> String {
    let mut data: Vec<u8> = Vec::new();
    let mut put = |bytes: &[u8]| {
        data.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        data.extend_from_slice(bytes);
    };
    put(b"dsforge-qverify-v1");
    put(problem.solution.as_bytes());
    for t in &problem.tests {
        put(t.n.to_string().as_bytes());
        put(t.call.as_bytes());
        put(t.expected.to_string().as_bytes());
    }
    put(ctx.engine.path.to_string_lossy().as_bytes());
    put(ctx.engine.version.as_bytes());
    put(ctx.engine.fingerprint.as_bytes());
    put(&(ctx.limits.timeout.as_millis() as u64).to_le_bytes());
    put(&ctx.limits.memory_bytes.unwrap_or(0).to_le_bytes());
    put(&(ctx.limits.max_output_bytes as u64).to_le_bytes());
    match &ctx.python {
        None => put(b"no-python"),
        Some(py) => {
            put(py.to_string_lossy().as_bytes());
            put(&std::fs::read(problem.dir.join("sol.py")).unwrap_or_default());
            for t in &problem.tests {
                put(
                    &std::fs::read(problem.dir.join(format!("test_case_{}.py", t.n)))
                        .unwrap_or_default(),
                );
            }
        }
    }
    let a = fnv1a64(&data);
    let mut salted = b"salt".to_vec();
    salted.extend_from_slice(&data);
    let b = fnv1a64(&salted);
    format!("{a:016x}{b:016x}")
}

/// The earlier report in `dir` if it was made with `key`.
pub fn cached_report(dir: &Path, key: &str) -> Option<ProblemReport> {
    let text = std::fs::read_to_string(dir.join(REPORT_FILE)).ok()?;
    let report: ProblemReport = serde_json::from_str(&text).ok()?;
    (report.cache_key == key).then_some(ProblemReport {
        cached: true,
        ..report
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn ctx() -> Context {
        Context {
            engine: Engine {
                path: PathBuf::from("/bin/q"),
                name: "q".into(),
                version: "4.1".into(),
                fingerprint: "f".into(),
            },
            limits: RunLimits {
                timeout: Duration::from_secs(5),
                memory_bytes: Some(1 << 30),
                max_output_bytes: 1 << 20,
            },
            python: None,
            force: false,
            output: PathBuf::from("out"),
        }
    }

    fn write_problem(dir: &Path) {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("sol.q"), "```q\nsolve:{x+y}\n```\nexit 0\n").unwrap();
        std::fs::write(dir.join("q_test_case_1.q"), "-1 .j.j solve[1;2];\n").unwrap();
        std::fs::write(dir.join("test_case_1_expected.json"), "3").unwrap();
        std::fs::write(dir.join("q_test_case_2.q"), "-1 .j.j solve[1 2;3];\n").unwrap();
        std::fs::write(dir.join("test_case_2_expected.json"), "[4, 5]").unwrap();
    }

    #[test]
    fn loads_calls_and_expected_answers() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("1_two-sum");
        write_problem(&dir);
        let p = load(&dir).unwrap();
        assert_eq!(p.name, "1_two-sum");
        assert_eq!(p.solution, "solve:{x+y}\n");
        assert_eq!(p.tests.len(), 2);
        assert_eq!(p.tests[1].call, "solve[1 2;3]");
        assert_eq!(p.tests[1].expected, serde_json::json!([4, 5]));
    }

    #[test]
    fn broken_directories_say_which_file() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("p");
        write_problem(&dir);
        std::fs::write(dir.join("test_case_2_expected.json"), "[4,").unwrap();
        let n = load(&dir).unwrap_err();
        assert_eq!(n.status, Status::Error);
        assert!(
            n.reason.contains("test_case_2_expected.json:1: not JSON"),
            "{}",
            n.reason
        );
        std::fs::remove_file(dir.join("test_case_2_expected.json")).unwrap();
        assert!(load(&dir)
            .unwrap_err()
            .reason
            .contains("test_case_2_expected.json"));
        std::fs::remove_file(dir.join("sol.q")).unwrap();
        assert_eq!(load(&dir).unwrap_err().status, Status::Skipped);
    }

    #[test]
    fn cache_key_follows_every_input() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("p");
        write_problem(&dir);
        let p = load(&dir).unwrap();
        let base = cache_key(&p, &ctx());
        assert_eq!(base, cache_key(&p, &ctx()));
        let mut c = ctx();
        c.limits.timeout = Duration::from_secs(6);
        assert_ne!(base, cache_key(&p, &c));
        let mut c = ctx();
        c.engine.version = "4.0".into();
        assert_ne!(base, cache_key(&p, &c));
        let mut c = ctx();
        c.python = Some(PathBuf::from("python3"));
        assert_ne!(base, cache_key(&p, &c));
        let mut p2 = p.clone();
        p2.tests[0].expected = serde_json::json!(4);
        assert_ne!(base, cache_key(&p2, &ctx()));
        let mut p3 = p.clone();
        p3.solution.push(' ');
        assert_ne!(base, cache_key(&p3, &ctx()));
    }
}
