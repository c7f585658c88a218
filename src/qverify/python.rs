//! Re-running the Python reference on a problem's tests, so a stale
//! test_case_N_expected.json is caught before it condemns (or excuses) a q solution.
//!
//! One sandboxed `python3` process per problem runs a small harness in an empty
//! temporary directory holding copies of sol.py and the test_case_N.py files. The
//! harness imports `sol`, wraps `sol.solve` so the value of the outermost call is
//! recorded, runs each test_case_N.py as it is (whatever it prints is swallowed), and
//! prints that value as JSON. A test file that never calls `sol.solve` falls back to
//! what it printed (read as JSON, else as a Python literal, else as text). Each test
//! is guarded: an exception becomes that test's error and the others still run.

use crate::sandbox::{self, Ending};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The marker before each harness result line.
pub const PY_MARKER: &str = "@@dsforge-py ";

/// The harness; its arguments are the test numbers.
pub const HARNESS: &str = r#"import ast, contextlib, io, json, sys
MARK = "@@dsforge-py "

def plain(v):
    if isinstance(v, (set, frozenset)):
        return sorted(v, key=repr)
    if isinstance(v, tuple):
        return list(v)
    return str(v)

def main():
    out = sys.stdout
    sink = io.StringIO()
    try:
        with contextlib.redirect_stdout(sink):
            import sol
        real = sol.solve
    except BaseException as e:
        for n in sys.argv[1:]:
            out.write(MARK + n + " error cannot import sol.solve: " + type(e).__name__ + ": " + str(e)[:300] + "\n")
        return
    state = {"depth": 0, "values": []}
    def solve(*a, **k):
        state["depth"] += 1
        try:
            r = real(*a, **k)
        finally:
            state["depth"] -= 1
        if state["depth"] == 0:
            state["values"].append(r)
        return r
    sol.solve = solve
    for n in sys.argv[1:]:
        state["values"] = []
        state["depth"] = 0
        buf = io.StringIO()
        try:
            name = "test_case_" + n + ".py"
            with open(name) as f:
                src = f.read()
            with contextlib.redirect_stdout(buf):
                exec(compile(src, name, "exec"), {"__name__": "__main__"})
            if state["values"]:
                v = state["values"][-1]
            else:
                printed = buf.getvalue().strip()
                try:
                    v = json.loads(printed)
                except Exception:
                    try:
                        v = ast.literal_eval(printed)
                    except Exception:
                        v = printed
            line = json.dumps(v, default=plain)
            out.write(MARK + n + " value " + line + "\n")
        except BaseException as e:
            out.write(MARK + n + " error " + type(e).__name__ + ": " + str(e).replace("\n", " ")[:300] + "\n")
        out.flush()

main()
"#;

/// The interpreter behind `python` (`sys.executable`), so that a version-manager shim
/// (pyenv's `python3` is a shell script) is not started again for every problem.
/// Falls back to `python` itself.
pub fn real_executable(python: &Path) -> PathBuf {
    let mut cmd = Command::new(python);
    cmd.arg("-c").arg("import sys; print(sys.executable)");
    let limits = sandbox::Limits {
        wall: Duration::from_secs(20),
        memory_bytes: None,
        max_output_bytes: 1 << 12,
    };
    match sandbox::run(cmd, None, &limits) {
        Ok(out) if out.ending == Ending::Exited(0) => {
            let path = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
            if path.is_absolute() && path.is_file() {
                path
            } else {
                python.to_path_buf()
            }
        }
        _ => python.to_path_buf(),
    }
}

/// What the reference said for one test.
#[derive(Debug, Clone, PartialEq)]
pub enum PyAnswer {
    Value(Value),
    Error(String),
}

/// Runs the harness for `tests` of the problem in `dir`; the answers by test number.
/// `Err` when the harness could not run or did not finish (its message says why).
pub fn run_reference(
    python: &Path,
    dir: &Path,
    tests: &[usize],
    wall: Duration,
    memory_bytes: Option<u64>,
) -> Result<BTreeMap<usize, PyAnswer>, String> {
    let work = tempfile::Builder::new()
        .prefix("dsforge-qverify-py-")
        .tempdir()
        .map_err(|e| format!("cannot make a temporary directory: {e}"))?;
    let copy = |name: &str| {
        std::fs::copy(dir.join(name), work.path().join(name))
            .map(|_| ())
            .map_err(|e| format!("{}: {e}", dir.join(name).display()))
    };
    copy("sol.py")?;
    for n in tests {
        copy(&format!("test_case_{n}.py"))?;
    }
    std::fs::write(work.path().join("dsforge_harness.py"), HARNESS)
        .map_err(|e| format!("cannot write the harness: {e}"))?;
    let mut cmd = Command::new(python);
    cmd.arg("dsforge_harness.py")
        .args(tests.iter().map(|n| n.to_string()))
        .current_dir(work.path())
        .env_clear()
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONIOENCODING", "utf-8");
    for key in ["PATH", "HOME", "PYENV_ROOT", "PYENV_VERSION"] {
        if let Some(v) = std::env::var_os(key) {
            cmd.env(key, v);
        }
    }
    let limits = sandbox::Limits {
        wall,
        memory_bytes,
        max_output_bytes: 64 << 20,
    };
    let out = sandbox::run(cmd, None, &limits)
        .map_err(|e| format!("cannot run {}: {e}", python.display()))?;
    let answers = parse_harness(&String::from_utf8_lossy(&out.stdout));
    if answers.len() < tests.len() {
        let why = match out.ending {
            Ending::TimedOut => "timed out".to_string(),
            Ending::Signaled(s) => format!("was killed by signal {s}"),
            Ending::Exited(c) => format!("exited with code {c}"),
        };
        let stderr = String::from_utf8_lossy(&out.stderr);
        let tail = stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        return Err(format!(
            "the Python reference {why} after {} of {} tests {tail}",
            answers.len(),
            tests.len()
        )
        .trim_end()
        .to_string());
    }
    Ok(answers)
}

/// Reads the harness's result lines.
pub fn parse_harness(stdout: &str) -> BTreeMap<usize, PyAnswer> {
    let mut answers = BTreeMap::new();
    for line in stdout.lines() {
        let Some(rest) = line.strip_prefix(PY_MARKER) else {
            continue;
        };
        let mut parts = rest.splitn(3, ' ');
        let (Some(n), Some(kind), body) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let Ok(n) = n.parse::<usize>() else {
            continue;
        };
        let body = body.unwrap_or("");
        let answer = match kind {
            "value" => match serde_json::from_str::<Value>(body) {
                Ok(v) => PyAnswer::Value(v),
                Err(e) => PyAnswer::Error(format!("printed an answer that is not JSON: {e}")),
            },
            _ => PyAnswer::Error(body.to_string()),
        };
        answers.insert(n, answer);
    }
    answers
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn harness_lines_are_parsed() {
        let out = "noise\n@@dsforge-py 1 value [1, 2]\n@@dsforge-py 2 error ZeroDivisionError: division by zero\n@@dsforge-py 3 value NaN\n";
        let a = parse_harness(out);
        assert_eq!(a[&1], PyAnswer::Value(json!([1, 2])));
        assert_eq!(
            a[&2],
            PyAnswer::Error("ZeroDivisionError: division by zero".into())
        );
        assert!(matches!(a[&3], PyAnswer::Error(_)));
    }

    #[test]
    fn the_harness_runs_a_real_reference() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(
            d.join("sol.py"),
            "def solve(n, s):\n    if n == 0:\n        return 1 // n\n    return [n, s, solve(n - 1, s) if n > 1 else True]\n",
        )
        .unwrap();
        std::fs::write(
            d.join("test_case_1.py"),
            "from sol import solve\nprint(solve(2, 'ab'))\n",
        )
        .unwrap();
        std::fs::write(
            d.join("test_case_2.py"),
            "from sol import solve\nprint(solve(0, 'x'))\n",
        )
        .unwrap();
        // A test that prints its answer without calling sol.solve.
        std::fs::write(d.join("test_case_3.py"), "print([(1, 2)])\n").unwrap();
        let a = run_reference(
            Path::new("python3"),
            d,
            &[1, 2, 3],
            Duration::from_secs(20),
            Some(1 << 30),
        )
        .unwrap();
        // Only the outermost call of the recursive solve is recorded.
        assert_eq!(a[&1], PyAnswer::Value(json!([2, "ab", [1, "ab", true]])));
        assert!(matches!(&a[&2], PyAnswer::Error(m) if m.starts_with("ZeroDivisionError")));
        assert_eq!(a[&3], PyAnswer::Value(json!([[1, 2]])));
    }

    #[test]
    fn the_real_interpreter_is_found() {
        let real = real_executable(Path::new("python3"));
        assert!(real.is_absolute(), "{}", real.display());
        assert_eq!(
            real_executable(Path::new("/nonexistent/python")),
            PathBuf::from("/nonexistent/python")
        );
    }

    #[test]
    fn a_reference_that_hangs_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(
            d.join("sol.py"),
            "def solve():\n    while True:\n        pass\n",
        )
        .unwrap();
        std::fs::write(
            d.join("test_case_1.py"),
            "from sol import solve\nprint(solve())\n",
        )
        .unwrap();
        let err = run_reference(
            Path::new("python3"),
            d,
            &[1],
            Duration::from_millis(1500),
            None,
        )
        .unwrap_err();
        assert!(err.contains("timed out"), "{err}");
    }
}
