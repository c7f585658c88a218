//! Our q solutions (data/q-solutions/) run under qlite against the answers computed
//! from the Python references: pull-leetcode writes the problems from the shared
//! LeetCodeDataset file, each sol.q is dropped in, q-verify judges them.

use crate::common::{root, shared};
use assert_cmd::Command;
use serde_json::Value;

/// Solutions that real q runs but qlite cannot yet: each is a qlite gap, named in
/// README's qlite section. The test fails if any other solution is not valid, and if
/// one of these starts passing (so the list cannot go stale).
const KNOWN_QLITE_GAPS: &[&str] = &[];

#[test]
fn every_q_solution_passes_its_tests_under_qlite() {
    let Some(shared) = shared() else { return };
    let source = shared.join("data/leetcode/LeetCodeDataset-v0.3.1-test.jsonl.gz");
    let solutions = root().join("data/q-solutions");
    let mut names: Vec<String> = std::fs::read_dir(&solutions)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("sol.q").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 30, "only {} q solutions", names.len());

    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("initial");
    let output = tmp.path().join("verified");
    Command::cargo_bin("pull-leetcode")
        .unwrap()
        .current_dir(tmp.path())
        .args([
            "--source",
            source.to_str().unwrap(),
            "--output",
            input.to_str().unwrap(),
        ])
        .args(["--ids", &names.join(","), "--jobs", "2", "-q"])
        .assert()
        .success();
    for name in &names {
        let dir = input.join(name);
        assert!(dir.is_dir(), "pull-leetcode wrote no directory for {name}");
        std::fs::copy(solutions.join(name).join("sol.q"), dir.join("sol.q")).unwrap();
    }
    Command::cargo_bin("q-verify")
        .unwrap()
        .current_dir(tmp.path())
        .env_remove("Q_INTERPRETER_PATH")
        .args([
            "--input",
            input.to_str().unwrap(),
            "--output",
            output.to_str().unwrap(),
        ])
        .args(["--no-python", "--jobs", "2", "-q"])
        .assert()
        .success();

    let summary: Value =
        serde_json::from_slice(&std::fs::read(output.join("verification_summary.json")).unwrap())
            .unwrap();
    let mut unexpected = Vec::new();
    for name in &names {
        let valid = output.join(name).join("sol.q").is_file();
        let known_gap = KNOWN_QLITE_GAPS.contains(&name.as_str());
        if valid == known_gap {
            let report = std::fs::read_to_string(input.join(name).join("verification.json"))
                .unwrap_or_default();
            unexpected.push(format!(
                "{name}: valid={valid}, listed as a qlite gap={known_gap}\n{report}"
            ));
        }
    }
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n"));
    let totals = &summary["totals"];
    assert_eq!(totals["problems"].as_u64(), Some(names.len() as u64));
    assert_eq!(
        totals["valid"].as_u64(),
        Some((names.len() - KNOWN_QLITE_GAPS.len()) as u64)
    );
}
