//! q-verify: the real binary on problem directories in a fresh temp dir, under qlite.
//! Fixtures: tests/fixtures/q_verify/problems/ (a shared LeetCode problem with our own
//! Python reference and test inputs) and solutions/ (q solutions that misbehave in one
//! way each, most only on test 2, so the rest of the batch must still run).

use crate::common::fixture;
use assert_cmd::Command;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const PROBLEM: &str = "3285_find-indices-of-stable-mountains";

fn q_verify() -> Command {
    let mut c = Command::cargo_bin("q-verify").unwrap();
    c.env_remove("Q_INTERPRETER_PATH")
        .env_remove("DSFORGE_LOG_LEVEL");
    c
}

/// The qlite built with this package, beside q-verify (where q-verify looks for it by
/// default); the tests that run q code skip without it.
fn qlite() -> Option<PathBuf> {
    let q_verify = PathBuf::from(q_verify().get_program());
    let qlite = q_verify.parent()?.join("qlite");
    if qlite.is_file() {
        Some(qlite)
    } else {
        eprintln!(
            "skipping: {} is not built (qlite has not landed)",
            qlite.display()
        );
        None
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

/// input/<PROBLEM>-<variant>/ for each variant, with solutions/<variant>.q as sol.q.
fn make_input(root: &Path, variants: &[&str]) -> PathBuf {
    let input = root.join("input");
    for v in variants {
        let dir = input.join(format!("{PROBLEM}-{v}"));
        copy_dir(&fixture(&format!("q_verify/problems/{PROBLEM}")), &dir);
        std::fs::copy(
            fixture(&format!("q_verify/solutions/{v}.q")),
            dir.join("sol.q"),
        )
        .unwrap();
    }
    input
}

/// Runs q-verify in `dir` on `input/` into `verified/`, with `extra` arguments.
fn verify_in(dir: &Path, extra: &[&str]) -> std::process::Output {
    q_verify()
        .current_dir(dir)
        .args(["--input", "input", "--output", "verified"])
        .args(extra)
        .output()
        .unwrap()
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn verdicts(report: &Value) -> Vec<String> {
    report["tests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["verdict"].as_str().unwrap().to_string())
        .collect()
}

fn report(input: &Path, variant: &str) -> Value {
    read_json(&input.join(format!("{PROBLEM}-{variant}/verification.json")))
}

#[test]
fn missing_input_folder_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let out = q_verify()
        .current_dir(tmp.path())
        .args(["--input", "nope", "--q-bin", "/bin/sh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("q-verify: error: nope: input folder"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn output_into_the_input_folder_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("in")).unwrap();
    let out = q_verify()
        .current_dir(tmp.path())
        .args(["--input", "in", "--output", "./in/", "--q-bin", "/bin/sh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is the input folder"), "{err}");
}

#[test]
fn missing_q_binary_exits_2_with_a_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("in")).unwrap();
    let out = q_verify()
        .current_dir(tmp.path())
        .args(["--input", "in", "--q-bin", "/nonexistent/q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("q binary not found: /nonexistent/q"), "{err}");
    // The environment variable is used when the flag is absent.
    let out = q_verify()
        .current_dir(tmp.path())
        .env("Q_INTERPRETER_PATH", "/nonexistent/q2")
        .args(["--input", "in"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/q2"));
    // The flag beats the variable.
    let out = q_verify()
        .current_dir(tmp.path())
        .env("Q_INTERPRETER_PATH", "/nonexistent/q2")
        .args(["--input", "in", "--q-bin", "/nonexistent/q3"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/q3"));
}

#[test]
fn an_empty_q_interpreter_path_counts_as_unset() {
    let Some(_) = qlite() else { return };
    let tmp = tempfile::tempdir().unwrap();
    make_input(tmp.path(), &["right"]);
    let out = q_verify()
        .current_dir(tmp.path())
        .env("Q_INTERPRETER_PATH", "")
        .args([
            "--input",
            "input",
            "--output",
            "verified",
            "--no-python",
            "--strict",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = read_json(&tmp.path().join("verified/verification_summary.json"));
    assert_eq!(s["engine"]["name"], "qlite");
    assert_eq!(s["totals"]["valid"], 1);
}

#[test]
fn dsforge_toml_names_the_q_binary_and_its_errors() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("in")).unwrap();
    std::fs::write(tmp.path().join("dsforge.toml"), "# cfg\n\nq_bin = 3\n").unwrap();
    let out = q_verify()
        .current_dir(tmp.path())
        .args(["--input", "in"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("dsforge.toml:3: q_bin"), "{err}");
    std::fs::write(
        tmp.path().join("dsforge.toml"),
        "[q-verify]\nq_bin = \"/opt/none/q\"\n",
    )
    .unwrap();
    let out = q_verify()
        .current_dir(tmp.path())
        .args(["--input", "in"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/opt/none/q"));
    // A flag beats the file.
    let out = q_verify()
        .current_dir(tmp.path())
        .args(["--input", "in", "--q-bin", "/opt/flag/q"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("/opt/flag/q"));
}

#[test]
fn bad_limits_are_usage_errors() {
    let out = q_verify().args(["--timeout", "soon"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = q_verify().args(["--memory-limit", "1k"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_misbehaviour_gets_its_verdict_and_the_batch_goes_on() {
    let Some(_) = qlite() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let variants = [
        "right",
        "fenced",
        "wrong",
        "q_error",
        "loop",
        "alloc",
        "system",
        "garbage",
        "exit",
        "wrong_name",
        "load_error",
    ];
    let input = make_input(tmp.path(), &variants);
    let output = tmp.path().join("verified");
    let out = verify_in(tmp.path(), &["--timeout", "1s", "--jobs", "2"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(out.stdout.is_empty());

    let p = |v: &str| report(&input, v);
    let pass4 = ["pass", "pass", "pass", "pass"];
    assert_eq!(verdicts(&p("right")), pass4);
    assert_eq!(p("right")["status"], "valid");
    assert_eq!(p("right")["python"]["agreed"], 4);
    assert_eq!(verdicts(&p("fenced")), pass4);

    let wrong = p("wrong");
    assert_eq!(
        verdicts(&wrong),
        ["wrong_answer", "pass", "wrong_answer", "pass"]
    );
    assert_eq!(
        wrong["tests"][0]["message"],
        "at $: expected a list of 2, got a list of 3"
    );
    assert_eq!(wrong["status"], "invalid");
    assert_eq!(wrong["tests"][2]["expected"], json!([]));
    assert_eq!(wrong["tests"][2]["got"], json!([1, 3]));

    let q_error = p("q_error");
    assert_eq!(verdicts(&q_error), ["pass", "q_error", "pass", "pass"]);
    assert_eq!(q_error["tests"][1]["message"], "boom");

    let looped = p("loop");
    assert_eq!(verdicts(&looped), ["pass", "timeout", "pass", "pass"]);
    assert_eq!(looped["fallback"], true);

    assert_eq!(verdicts(&p("alloc")), ["pass", "memory", "pass", "pass"]);
    assert_eq!(verdicts(&p("system")), ["pass", "q_error", "pass", "pass"]);

    let garbage = p("garbage");
    assert_eq!(verdicts(&garbage), ["pass", "wrong_answer", "pass", "pass"]);
    assert_eq!(garbage["tests"][1]["got"], "done");

    assert_eq!(verdicts(&p("exit")), ["pass", "no_output", "pass", "pass"]);

    let named = p("wrong_name");
    assert_eq!(
        verdicts(&named),
        ["q_error", "q_error", "q_error", "q_error"]
    );
    assert!(
        named["tests"][0]["message"]
            .as_str()
            .unwrap()
            .contains("solve"),
        "{named}"
    );

    let load = p("load_error");
    assert_eq!(
        verdicts(&load),
        ["q_error", "q_error", "q_error", "q_error"]
    );
    assert_eq!(
        load["tests"][0]["message"],
        "the solution failed to load: 'precompute"
    );
    assert_eq!(load["processes"], 1);

    // Only the valid problems are published, with a cleaned sol.q.
    let mut published: Vec<String> = std::fs::read_dir(&output)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(PROBLEM))
        .collect();
    published.sort();
    assert_eq!(
        published,
        [format!("{PROBLEM}-fenced"), format!("{PROBLEM}-right")]
    );
    let cleaned = std::fs::read_to_string(output.join(format!("{PROBLEM}-fenced/sol.q"))).unwrap();
    assert_eq!(
        cleaned,
        "solve:{[height;threshold]\n  1+where threshold<-1_height}\n"
    );
    assert!(output
        .join(format!("{PROBLEM}-fenced/q_test_case_4.q"))
        .is_file());

    let summary = read_json(&output.join("verification_summary.json"));
    assert_eq!(summary["totals"]["problems"], 11);
    assert_eq!(summary["totals"]["valid"], 2);
    assert_eq!(summary["totals"]["invalid"], 9);
    assert_eq!(summary["totals"]["error"], 0);
    assert_eq!(summary["totals"]["tests"], 44);
    assert_eq!(summary["verdicts"]["pass"], 4 + 4 + 2 + 6 * 3);
    assert_eq!(summary["verdicts"]["q_error"], 2 + 4 + 4);
    assert_eq!(summary["verdicts"]["timeout"], 1);
    assert_eq!(summary["verdicts"]["memory"], 1);
    assert_eq!(summary["verdicts"]["no_output"], 1);
    assert_eq!(summary["verdicts"]["wrong_answer"], 3);
    assert_eq!(summary["engine"]["name"], "qlite");
    assert!(summary["engine"]["version"].is_string());

    // --strict fails the run; every problem now comes from the cache.
    let out = verify_in(tmp.path(), &["--strict", "--timeout", "1s"]);
    assert_eq!(out.status.code(), Some(1));
    let summary = read_json(&output.join("verification_summary.json"));
    assert_eq!(summary["totals"]["cached"], 11);
    assert_eq!(summary["totals"]["invalid"], 9);
}

#[test]
fn cache_reruns_only_what_changed() {
    let Some(_) = qlite() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let input = make_input(tmp.path(), &["right", "wrong"]);
    let run = |extra: &[&str]| {
        let out = verify_in(tmp.path(), &[&["--no-python"][..], extra].concat());
        assert_eq!(out.status.code(), Some(0));
        read_json(&tmp.path().join("verified/verification_summary.json"))
    };
    let cached = |s: &Value| -> Vec<bool> {
        s["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["cached"].as_bool().unwrap())
            .collect()
    };
    assert_eq!(cached(&run(&[])), [false, false]);
    assert_eq!(cached(&run(&[])), [true, true]);
    // A new solution for "wrong" (now right): only it runs again, and it is published.
    std::fs::copy(
        fixture("q_verify/solutions/right.q"),
        input.join(format!("{PROBLEM}-wrong/sol.q")),
    )
    .unwrap();
    let s = run(&[]);
    assert_eq!(cached(&s), [true, false]);
    assert_eq!(s["totals"]["valid"], 2);
    assert!(tmp
        .path()
        .join(format!("verified/{PROBLEM}-wrong/sol.q"))
        .is_file());
    // A different limit is a different verdict: everything runs again; so does --force.
    assert_eq!(cached(&run(&["--timeout", "3s"])), [false, false]);
    assert_eq!(
        cached(&run(&["--timeout", "3s", "--force"])),
        [false, false]
    );
    // A problem that turns invalid leaves the verified folder.
    std::fs::copy(
        fixture("q_verify/solutions/wrong.q"),
        input.join(format!("{PROBLEM}-right/sol.q")),
    )
    .unwrap();
    let s = run(&[]);
    assert_eq!(s["totals"]["invalid"], 1);
    assert!(!tmp
        .path()
        .join(format!("verified/{PROBLEM}-right"))
        .exists());
}

#[test]
fn a_stale_expected_answer_is_caught_by_the_python_check() {
    let Some(_) = qlite() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let input = make_input(tmp.path(), &["right"]);
    // A stale expected answer: the right q solution now "fails" test 3. Only the Python
    // re-check can tell that the expected file, not the solution, is at fault.
    std::fs::write(
        input.join(format!("{PROBLEM}-right/test_case_3_expected.json")),
        "[1, 3]",
    )
    .unwrap();
    let out = verify_in(tmp.path(), &["--strict"]);
    assert_eq!(out.status.code(), Some(1));
    let r = report(&input, "right");
    assert_eq!(r["status"], "error");
    assert_eq!(r["python"]["agreed"], 3);
    assert_eq!(r["python"]["disagreements"][0]["test"], 3);
    assert_eq!(r["python"]["disagreements"][0]["python"], json!([]));
    assert!(r["reason"].as_str().unwrap().contains("test 3"), "{r}");
    // Without the Python check the solution takes the blame.
    let out = verify_in(tmp.path(), &["--no-python"]);
    assert_eq!(out.status.code(), Some(0));
    let r = report(&input, "right");
    assert_eq!(r["status"], "invalid");
    assert_eq!(verdicts(&r), ["pass", "pass", "wrong_answer", "pass"]);
    assert!(!tmp
        .path()
        .join(format!("verified/{PROBLEM}-right"))
        .exists());
}

#[test]
fn broken_and_unsolved_directories_are_reported_not_fatal() {
    let Some(_) = qlite() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let input = make_input(tmp.path(), &["right"]);
    // No sol.q yet: skipped. A broken expected file: an error naming the file.
    let unsolved = input.join("9999_unsolved");
    copy_dir(&fixture(&format!("q_verify/problems/{PROBLEM}")), &unsolved);
    let broken = input.join("9998_broken");
    copy_dir(&fixture(&format!("q_verify/problems/{PROBLEM}")), &broken);
    std::fs::copy(fixture("q_verify/solutions/right.q"), broken.join("sol.q")).unwrap();
    std::fs::write(broken.join("test_case_2_expected.json"), "[1,").unwrap();
    let out = verify_in(tmp.path(), &["--no-python"]);
    assert_eq!(out.status.code(), Some(0));
    let s = read_json(&tmp.path().join("verified/verification_summary.json"));
    assert_eq!(s["totals"]["valid"], 1);
    assert_eq!(s["totals"]["error"], 1);
    assert_eq!(s["totals"]["skipped"], 1);
    let broken_report = read_json(&broken.join("verification.json"));
    assert!(broken_report["reason"]
        .as_str()
        .unwrap()
        .contains("test_case_2_expected.json:1: not JSON"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("9998_broken: error"), "{stderr}");
}

#[test]
fn shards_split_the_problems_and_keep_separate_summaries() {
    let Some(_) = qlite() else { return };
    let tmp = tempfile::tempdir().unwrap();
    make_input(tmp.path(), &["right", "wrong", "fenced", "q_error"]);
    let mut seen = Vec::new();
    for k in 1..=2 {
        let out = verify_in(tmp.path(), &["--no-python", "--shard", &format!("{k}/2")]);
        assert_eq!(out.status.code(), Some(0));
        let s = read_json(
            &tmp.path()
                .join(format!("verified/verification_summary.shard-{k}-of-2.json")),
        );
        for p in s["problems"].as_array().unwrap() {
            seen.push(p["problem"].as_str().unwrap().to_string());
        }
    }
    seen.sort();
    assert_eq!(seen.len(), 4, "{seen:?}");
    seen.dedup();
    assert_eq!(seen.len(), 4);
    // --max-problems takes the first N by name.
    let out = q_verify()
        .current_dir(tmp.path())
        .args([
            "--input",
            "input",
            "--output",
            "v2",
            "--no-python",
            "--max-problems",
            "1",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = read_json(&tmp.path().join("v2/verification_summary.json"));
    assert_eq!(s["totals"]["problems"], 1);
    assert_eq!(s["problems"][0]["problem"], format!("{PROBLEM}-fenced"));
}

/// A binary built beside q-verify (e.g. pull-leetcode), if it has landed.
fn sibling(name: &str) -> Option<PathBuf> {
    let q_verify = PathBuf::from(q_verify().get_program());
    let bin = q_verify.parent()?.join(name);
    if bin.is_file() {
        Some(bin)
    } else {
        eprintln!(
            "skipping: {} is not built ({name} has not landed)",
            bin.display()
        );
        None
    }
}

#[test]
fn end_to_end_pull_leetcode_then_q_verify() {
    let Some(_) = qlite() else { return };
    let Some(pull) = sibling("pull-leetcode") else {
        return;
    };
    let Some(shared) = crate::common::shared() else {
        return;
    };
    let source = shared.join("data/leetcode/LeetCodeDataset-v0.3.1-test.jsonl.gz");
    let tmp = tempfile::tempdir().unwrap();
    // Our q solutions for four shared problems; 3370's is wrong on purpose.
    let solutions = fixture("q_verify/e2e");
    let mut names: Vec<String> = std::fs::read_dir(&solutions)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let out = std::process::Command::new(&pull)
        .current_dir(tmp.path())
        .arg("--source")
        .arg(&source)
        .args([
            "--output",
            "final",
            "--jobs",
            "2",
            "--ids",
            &names.join(","),
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let final_dir = tmp.path().join("final");
    let mut tests = 0;
    for name in &names {
        let dir = final_dir.join(name);
        assert!(
            dir.join("q_test_case_1.q").is_file(),
            "{name} was not pulled"
        );
        std::fs::copy(solutions.join(name).join("sol.q"), dir.join("sol.q")).unwrap();
        tests += (1..)
            .take_while(|n| dir.join(format!("q_test_case_{n}.q")).is_file())
            .count();
    }

    let out = q_verify()
        .current_dir(tmp.path())
        .args(["--input", "final", "--output", "verified", "--strict"])
        .args(["--jobs", "2"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // One problem is invalid, so --strict fails the run.
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let summary = read_json(&tmp.path().join("verified/verification_summary.json"));
    assert_eq!(summary["totals"]["problems"], 4, "{summary}");
    assert_eq!(summary["totals"]["valid"], 3, "{summary}");
    assert_eq!(summary["totals"]["invalid"], 1);
    assert_eq!(summary["totals"]["error"], 0);
    assert_eq!(summary["totals"]["tests"], tests);
    assert!(summary["python_check"].as_bool().unwrap());

    let wrong =
        read_json(&final_dir.join("3370_smallest-number-with-all-set-bits/verification.json"));
    assert_eq!(wrong["status"], "invalid");
    assert!(verdicts(&wrong).iter().any(|v| v == "wrong_answer"));
    let python_agreed: u64 = names
        .iter()
        .map(|n| {
            read_json(&final_dir.join(n).join("verification.json"))["python"]["agreed"]
                .as_u64()
                .unwrap()
        })
        .sum();
    assert_eq!(python_agreed as usize, tests);

    let verified = tmp.path().join("verified");
    for name in &names {
        let published = verified.join(name).join("sol.q").is_file();
        assert_eq!(published, !name.starts_with("3370"), "{name}");
    }
    let cleaned =
        std::fs::read_to_string(verified.join("3285_find-indices-of-stable-mountains/sol.q"))
            .unwrap();
    assert!(!cleaned.contains("```"), "{cleaned}");
    let cleaned =
        std::fs::read_to_string(verified.join("3467_transform-array-by-parity/sol.q")).unwrap();
    assert!(!cleaned.contains("exit 0"), "{cleaned}");
    assert!(verified
        .join("3467_transform-array-by-parity/entry.json")
        .is_file());
}
