//! qlite: the q-file suite (tests/q/*.q, `q)` inputs followed by expected console
//! output, one process per file) and command-line behaviour.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::common::root;

const MARK: &str = "@@qlite-test-step@@";

struct Step {
    line: usize,
    input: String,
    expected: Vec<String>,
}

fn parse_qfile(text: &str) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        if let Some(input) = raw.strip_prefix("q)") {
            steps.push(Step {
                line: i + 1,
                input: input.to_string(),
                expected: Vec::new(),
            });
        } else if raw.starts_with("//") {
            continue;
        } else if let Some(s) = steps.last_mut() {
            s.expected.push(raw.trim_end().to_string());
        }
    }
    for s in &mut steps {
        while s
            .expected
            .last()
            .map(|l| l.trim().is_empty())
            .unwrap_or(false)
        {
            s.expected.pop();
        }
    }
    steps
}

fn qlite() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("qlite")
}

/// Run one q file; the first mismatch as `file:line: ...`.
fn run_qfile(path: &std::path::Path) -> Result<usize, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let steps = parse_qfile(&text);
    let mut input = String::new();
    for (i, s) in steps.iter().enumerate() {
        input.push_str(&format!("-1 \"{MARK}{i}\";\n{}\n", s.input));
    }
    input.push_str(&format!("-1 \"{MARK}end\";\n\\\\\n"));
    let mut child = Command::new(qlite())
        .arg("-q")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    child
        .stdin
        .take()
        .ok_or("no stdin")?
        .write_all(input.as_bytes())
        .map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut got: Vec<Vec<String>> = vec![Vec::new(); steps.len()];
    let mut cur: Option<usize> = None;
    for l in stdout.lines() {
        if let Some(rest) = l.strip_prefix(MARK) {
            cur = rest.parse().ok();
            continue;
        }
        if let Some(c) = cur {
            got[c].push(l.trim_end().to_string());
        }
    }
    for (i, s) in steps.iter().enumerate() {
        let mut g = got[i].clone();
        while g.last().map(|l| l.trim().is_empty()).unwrap_or(false) {
            g.pop();
        }
        if g != s.expected {
            return Err(format!(
                "{}:{}: q){}\n  want: {}\n  got:  {}",
                path.display(),
                s.line,
                s.input,
                s.expected.join(" | "),
                g.join(" | ")
            ));
        }
    }
    Ok(steps.len())
}

#[test]
fn q_files() {
    let dir = root().join("tests/q");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/q exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().map(|x| x == "q").unwrap_or(false))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no tests/q/*.q files");
    let mut failures = Vec::new();
    let mut total = 0;
    for f in &files {
        match run_qfile(f) {
            Ok(n) => total += n,
            Err(e) => failures.push(e),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} q files failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
    assert!(total > 0);
}

fn run_with(args: &[&str], stdin: &str) -> (i32, String) {
    let mut child = Command::new(qlite())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("qlite runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn script_then_console_with_option_after_script() {
    let dir = tempfile::tempdir().expect("tempdir");
    let script = dir.path().join("runner.q");
    std::fs::write(
        &script,
        "solve:{[a;s;b]\n  r:sum a;\n  (r;count s;b)}\n-1 \"@@dsforge-test 1@@\";\n@[{-1 .j.j value x};\"solve[1 2 3;\\\"ab\\\";enlist 5]\";{-1 \"@@dsforge-error \",x}];\n@[{-1 .j.j value x};\"solve[1 2;`a;3;4]\";{-1 \"@@dsforge-error \",x}];\nexit 0\n",
    )
    .expect("write");
    let (code, out) = run_with(&[script.to_str().expect("utf8"), "-q"], "");
    assert_eq!(code, 0);
    assert_eq!(out, "@@dsforge-test 1@@\n[6,2,[5]]\n@@dsforge-error rank\n");
}

#[test]
fn exit_code_and_end_of_input() {
    let (code, out) = run_with(&["-q"], "1+1\nexit 7\n2+2\n");
    assert_eq!((code, out.as_str()), (7, "2\n"));
    let (code, out) = run_with(&["-q"], "til 3\n");
    assert_eq!((code, out.as_str()), (0, "0 1 2\n"));
}

#[test]
fn errors_print_and_evaluation_goes_on() {
    let (code, out) = run_with(&["-q"], "1+`a\nundefined_name\n2*3\n");
    assert_eq!(code, 0);
    assert_eq!(out, "'type\n'undefined_name\n6\n");
}

#[test]
fn deep_recursion_is_a_stack_error_not_a_crash() {
    let (code, out) = run_with(&["-q"], "f:{1+f x}\nf 1\n`ok\n");
    assert_eq!(code, 0);
    assert_eq!(out, "'stack\n`ok\n");
}

#[test]
fn missing_script_is_a_usage_error() {
    let (code, _) = run_with(&["/nonexistent/x.q", "-q"], "");
    assert_eq!(code, 2);
}
