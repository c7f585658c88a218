//! gen-intents: exit codes, schema of every record, determinism across --jobs and runs,
//! byte-identical output with SOURCE_DATE_EPOCH, edge-case coverage, uniqueness.

use assert_cmd::Command;
use dsforge::intents::edge::EDGE_TYPES;
use dsforge::intents::{AUDIENCES, COMPLEXITIES, INTENTS};
use dsforge::validate::metrics::DistinctCounter;
use serde_json::Value;
use std::collections::HashSet;
use std::path::Path;

fn gen(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("gen-intents").unwrap();
    c.current_dir(dir).env_remove("SOURCE_DATE_EPOCH");
    c
}

fn read(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn run_test_batch(dir: &Path, extra: &[&str]) -> Value {
    gen(dir)
        .args(["--test", "-o", "out.json"])
        .args(extra)
        .assert()
        .success();
    read(&dir.join("out.json"))
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).to_string()
}

fn examples(v: &Value) -> &Vec<Value> {
    v["examples"].as_array().expect("examples array")
}

fn is_edge(e: &Value) -> bool {
    e["metadata"].get("edge_case_type").is_some()
}

fn check_unit_interval(what: &str, v: &Value) {
    match v {
        Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| check_unit_interval(&format!("{what}.{k}"), x)),
        Value::Number(n) => {
            let x = n.as_f64().unwrap();
            assert!((0.0..=1.0).contains(&x), "{what} = {x} is outside [0, 1]");
        }
        other => panic!("{what} is not a number: {other}"),
    }
}

/// Every record has the fields of DESIGN.md's intent dataset with allowed values.
fn check_schema(v: &Value) {
    let meta = &v["metadata"];
    for k in [
        "generated_at",
        "total_examples",
        "config",
        "statistics",
        "diversity_metrics",
    ] {
        assert!(meta.get(k).is_some(), "metadata.{k} missing");
    }
    let ex = examples(v);
    assert_eq!(meta["total_examples"].as_u64().unwrap() as usize, ex.len());
    let styles: Vec<&str> = meta["config"]["styles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(styles.len() >= 6);
    for (i, e) in ex.iter().enumerate() {
        let at = format!("example {i}: {e}");
        let text = e["text"].as_str().expect(&at);
        assert!(!text.trim().is_empty(), "{at}");
        assert!(INTENTS.contains(&e["intent"].as_str().unwrap()), "{at}");
        assert!(AUDIENCES.contains(&e["audience"].as_str().unwrap()), "{at}");
        assert!(
            COMPLEXITIES.contains(&e["complexity"].as_str().unwrap()),
            "{at}"
        );
        let c = e["confidence"].as_f64().expect(&at);
        assert!((0.3..=0.99).contains(&c), "{at}");
        let m = &e["metadata"];
        assert_eq!(m["generation_method"], "template", "{at}");
        assert!(styles.contains(&m["style"].as_str().unwrap()), "{at}");
        let level = m["technical_level"].as_u64().expect(&at);
        assert!((1..=5).contains(&level), "{at}");
        assert!(m["topic"].is_string(), "{at}");
        assert!(m["provenance"]["template_id"].is_string(), "{at}");
        assert!(m["provenance"]["slots"].is_object(), "{at}");
        assert_eq!(e["generated_at"], meta["generated_at"], "{at}");
        if let Some(t) = m.get("edge_case_type") {
            assert!(EDGE_TYPES.contains(&t.as_str().unwrap()), "{at}");
        }
    }
    let d = &meta["diversity_metrics"];
    for k in [
        "audience_distribution",
        "complexity_distribution",
        "uniqueness_score",
        "topic_coverage",
        "style_variety",
    ] {
        assert!(d.get(k).is_some(), "diversity_metrics.{k} missing");
    }
    check_unit_interval("diversity_metrics", d);
    for intent in INTENTS {
        assert!(
            meta["statistics"][intent]["count"].as_u64().unwrap() > 0,
            "{intent}"
        );
    }
}

#[test]
fn test_batch_has_schema_and_every_edge_case_type() {
    let dir = tempfile::tempdir().unwrap();
    let v = run_test_batch(dir.path(), &[]);
    check_schema(&v);
    let ex = examples(&v);
    assert_eq!(ex.len(), 10 * 10 + 20);
    let types: HashSet<&str> = ex
        .iter()
        .filter_map(|e| e["metadata"]["edge_case_type"].as_str())
        .collect();
    for t in EDGE_TYPES {
        assert!(types.contains(t), "edge case type {t} missing");
    }
    for e in ex.iter().filter(|e| is_edge(e)) {
        let m = &e["metadata"];
        match m["edge_case_type"].as_str().unwrap() {
            "ambiguous" => {
                let both = m["ambiguous_intents"].as_array().unwrap();
                assert_eq!(both.len(), 2);
                assert_eq!(both[0], e["intent"]);
                assert_ne!(both[0], both[1]);
            }
            "multilingual" | "code_switched" => assert!(m["language"].is_string(), "{e}"),
            "typo" => assert!(!m["transforms"].as_array().unwrap().is_empty(), "{e}"),
            _ => {}
        }
    }
}

#[test]
fn output_is_identical_across_jobs_and_runs() {
    let dir = tempfile::tempdir().unwrap();
    let mut outs = Vec::new();
    for (jobs, name) in [("1", "a.json"), ("4", "b.json"), ("4", "c.json")] {
        gen(dir.path())
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .args([
                "--examples-per-intent",
                "300",
                "--edge-cases",
                "200",
                "--jobs",
                jobs,
                "-o",
                name,
            ])
            .assert()
            .success();
        outs.push(std::fs::read(dir.path().join(name)).unwrap());
    }
    assert_eq!(outs[0], outs[1], "--jobs 1 and --jobs 4 differ");
    assert_eq!(outs[1], outs[2], "two runs differ");
    let v: Value = serde_json::from_slice(&outs[0]).unwrap();
    assert_eq!(v["metadata"]["generated_at"], "2023-11-14T22:13:20Z");
    // without SOURCE_DATE_EPOCH only the timestamps may differ
    gen(dir.path())
        .args([
            "--examples-per-intent",
            "300",
            "--edge-cases",
            "200",
            "--jobs",
            "2",
            "-o",
            "d.json",
        ])
        .assert()
        .success();
    let d = read(&dir.path().join("d.json"));
    let texts = |v: &Value| -> Vec<String> {
        examples(v)
            .iter()
            .map(|e| e["text"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(texts(&v), texts(&d));
}

#[test]
fn jsonl_matches_json_and_has_a_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    for (fmt, name) in [("json", "d.json"), ("jsonl", "d.jsonl")] {
        gen(dir.path())
            .env("SOURCE_DATE_EPOCH", "0")
            .args(["--test", "--seed", "0", "--format", fmt, "-o", name])
            .assert()
            .success();
    }
    let json = read(&dir.path().join("d.json"));
    let lines: Vec<Value> = std::fs::read_to_string(dir.path().join("d.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(&lines, examples(&json));
    let meta = read(&dir.path().join("d.jsonl.meta.json"));
    assert_eq!(meta["total_examples"], 120);
    assert_eq!(meta["config"]["seed"], 0);
    assert_eq!(meta["config"]["format"], "jsonl");
    assert_eq!(
        meta["diversity_metrics"],
        json["metadata"]["diversity_metrics"]
    );
}

#[test]
fn seeds_change_the_examples() {
    let dir = tempfile::tempdir().unwrap();
    let a = run_test_batch(dir.path(), &["--seed", "0"]);
    let b = run_test_batch(dir.path(), &["--seed", "1"]);
    assert_eq!(a["metadata"]["config"]["seed"], 0);
    assert_ne!(examples(&a), examples(&b));
}

#[test]
fn stdout_carries_only_the_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let out = gen(dir.path())
        .args(["--test", "-o", "-"])
        .assert()
        .success();
    let o = out.get_output();
    let v: Value = serde_json::from_slice(&o.stdout).expect("stdout is the JSON dataset");
    check_schema(&v);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("wrote 120 examples"), "{err}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no file written"
    );
    // JSONL on stdout: one record per line
    let out = gen(dir.path())
        .args(["--test", "--format", "jsonl", "-o", "-", "-q"])
        .assert()
        .success();
    let o = out.get_output();
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 120);
    assert!(o.stderr.is_empty(), "-q prints nothing");
}

#[test]
fn bad_flags_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["--format", "xml"],
        vec!["--examples-per-intent", "-3"],
        vec!["--seed", "abc"],
        vec!["--no-such-flag"],
    ] {
        gen(dir.path()).args(&args).assert().code(2);
    }
    gen(dir.path())
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .args(["--test", "-o", "x.json"])
        .assert()
        .code(2);
    // (checked below with the message)
    let out = gen(dir.path())
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .args(["--test", "-o", "x.json"])
        .assert()
        .code(2);
    assert!(stderr(&out).contains("SOURCE_DATE_EPOCH"));
    assert!(!dir.path().join("x.json").exists());
}

#[test]
fn unwritable_output_exits_2_and_keeps_old_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plain"), "a file").unwrap();
    let out = gen(dir.path())
        .args(["--test", "-o", "plain/out.json"])
        .assert()
        .code(2);
    assert!(
        stderr(&out).contains("gen-intents: error: plain"),
        "{}",
        stderr(&out)
    );
    // a failing run leaves the previous dataset untouched
    std::fs::write(dir.path().join("keep.json"), "old").unwrap();
    gen(dir.path())
        .args(["--test", "--templates", "missing", "-o", "keep.json"])
        .assert()
        .code(2);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("keep.json")).unwrap(),
        "old"
    );
}

fn copy_templates(to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    let from = crate::common::root().join("templates/intents");
    for f in std::fs::read_dir(from).unwrap() {
        let f = f.unwrap();
        std::fs::copy(f.path(), to.join(f.file_name())).unwrap();
    }
}

#[test]
fn bad_templates_name_file_and_problem() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("t");
    let cases: Vec<(&str, Box<dyn Fn(&str) -> String>, &str)> = vec![
        (
            "summarization.json",
            Box::new(|s: &str| s.replacen("{doc}", "{no_such_slot}", 1)),
            "slot {no_such_slot} is not defined",
        ),
        (
            "reasoning.json",
            Box::new(|s: &str| s[..s.len() / 2].to_string()),
            "reasoning.json:",
        ),
        (
            "translation.json",
            Box::new(|s: &str| s.replacen("\"keywords\": [", "\"keywords\": [\"Upper\", ", 1)),
            "keyword \"Upper\" must be non-empty and lowercase",
        ),
        (
            "conversation.json",
            Box::new(|s: &str| s.replacen("\"patterns\"", "\"paterns\"", 1)),
            "conversation.json",
        ),
    ];
    for (file, breaker, expect) in cases {
        let _ = std::fs::remove_dir_all(&t);
        copy_templates(&t);
        let p = t.join(file);
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, breaker(&text)).unwrap();
        let out = gen(dir.path())
            .args(["--test", "--templates", "t", "-o", "x.json"])
            .assert()
            .code(2);
        let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(err.contains(file), "{file}: {err}");
        assert!(err.contains(expect), "{file}: expected {expect:?} in {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    // a missing intent file is named
    let _ = std::fs::remove_dir_all(&t);
    copy_templates(&t);
    std::fs::remove_file(t.join("data_analysis.json")).unwrap();
    let out = gen(dir.path())
        .args(["--test", "--templates", "t", "-o", "x.json"])
        .assert()
        .code(2);
    assert!(
        stderr(&out).contains("data_analysis.json"),
        "{}",
        stderr(&out)
    );
}

/// The validator's rules on texts: 3..=1000 chars, no content word more than 8 times,
/// unique-word ratio at least 0.4 on texts of 8+ words, and template examples carry a
/// keyword of their intent (templates/intents/<intent>.json "keywords").
#[test]
fn texts_pass_the_validator_rules() {
    let dir = tempfile::tempdir().unwrap();
    let v = run_test_batch(
        dir.path(),
        &["--examples-per-intent", "200", "--edge-cases", "400"],
    );
    let mut keywords = std::collections::HashMap::new();
    for intent in INTENTS {
        let t = read(&crate::common::root().join(format!("templates/intents/{intent}.json")));
        let k: Vec<String> = t["keywords"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap().to_string())
            .collect();
        keywords.insert(intent, k);
    }
    let stop = [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "how", "i", "in", "is",
        "it", "me", "my", "of", "on", "or", "that", "the", "this", "to", "was", "what", "with",
        "you", "your",
    ];
    for e in examples(&v) {
        let text = e["text"].as_str().unwrap();
        let n = text.trim().chars().count();
        assert!((3..=1000).contains(&n), "{n} chars: {text:?}");
        let words: Vec<String> = text
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect();
        let mut counts = std::collections::HashMap::new();
        for w in &words {
            *counts.entry(w.as_str()).or_insert(0) += 1;
        }
        if words.len() >= 8 {
            let ratio = counts.len() as f64 / words.len() as f64;
            assert!(ratio >= 0.4, "unique-word ratio {ratio}: {text:?}");
        }
        for (w, c) in &counts {
            assert!(*c <= 8 || stop.contains(w), "{w} x{c}: {text:?}");
        }
        let kind = e["metadata"]["edge_case_type"].as_str();
        if kind.is_none() {
            let intent = e["intent"].as_str().unwrap();
            let lower = text.to_lowercase();
            assert!(
                keywords[intent].iter().any(|k| lower.contains(k.as_str())),
                "no {intent} keyword in {text:?}"
            );
        }
        match kind {
            Some("very_short") => assert!(n <= 12, "{text:?}"),
            Some("very_long") => assert!(n >= 900, "{n} chars: {text:?}"),
            Some("all_caps") => assert_eq!(text, text.to_uppercase()),
            Some("no_punctuation") => {
                assert!(
                    !text.chars().any(|c| c.is_ascii_punctuation() && c != '\''),
                    "{text:?}"
                )
            }
            Some("whitespace_noise") => assert!(
                text.contains("  ")
                    || text.contains('\t')
                    || text.contains('\n')
                    || text != text.trim(),
                "{text:?}"
            ),
            _ => {}
        }
    }
}

/// The default dataset (10 x 1000 template examples + 2000 edge cases): no exact
/// duplicate text (lowercased, whitespace collapsed), and the
/// reported uniqueness is the DistinctCounter's distinct-3 over the file.
#[test]
fn default_size_has_no_duplicates_and_reports_uniqueness() {
    let dir = tempfile::tempdir().unwrap();
    gen(dir.path())
        .args(["-o", "full.json", "-q"])
        .assert()
        .success();
    let v = read(&dir.path().join("full.json"));
    let ex = examples(&v);
    assert_eq!(ex.len(), 12_000);
    let mut seen = HashSet::new();
    let mut templates = DistinctCounter::new();
    let mut all = DistinctCounter::new();
    for e in ex {
        let text = e["text"].as_str().unwrap();
        all.add(text);
        let key = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        assert!(seen.insert(key), "duplicate text: {text:?}");
        if !is_edge(e) {
            templates.add(text);
        }
    }
    let reported = v["metadata"]["diversity_metrics"]["uniqueness_score"]
        .as_f64()
        .unwrap();
    assert!(
        (reported - all.distinct(3)).abs() < 1e-4,
        "{reported} vs {}",
        all.distinct(3)
    );
    let cov = v["metadata"]["diversity_metrics"]["topic_coverage"]
        .as_f64()
        .unwrap();
    assert_eq!(cov, 1.0, "every topic of the templates is used");
    eprintln!("template distinct-3 = {:.4}", templates.distinct(3));
    assert!(
        templates.distinct(3) >= MIN_TEMPLATE_UNIQUENESS,
        "template distinct-3 {:.4} < {MIN_TEMPLATE_UNIQUENESS}",
        templates.distinct(3)
    );
}

/// The uniqueness the shipped templates reach at default size (see README).
const MIN_TEMPLATE_UNIQUENESS: f64 = 0.73; // measured 0.737-0.739 over seeds 42, 1, 7 (0.679 before); the issue asks 0.85: not reached, see README

/// --validate-only runs validate-dataset's code on an existing file: 0 passed,
/// 1 rules failed, 2 unreadable; same summary as validate-dataset itself.
#[test]
fn validate_only_runs_the_validator() {
    let dir = tempfile::tempdir().unwrap();
    gen(dir.path())
        .args(["--test", "-o", "d.json", "-q"])
        .assert()
        .success();
    let ours = gen(dir.path())
        .args(["--validate-only", "d.json"])
        .assert()
        .code(0);
    let theirs = Command::cargo_bin("validate-dataset")
        .unwrap()
        .current_dir(dir.path())
        .arg("d.json")
        .assert()
        .code(0);
    let strip_time = |s: String| -> String {
        s.lines()
            .filter(|l| !l.starts_with("passed"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip_time(stderr(&ours)), strip_time(stderr(&theirs)));
    let bad = crate::common::fixture("gen_intents/bad.jsonl");
    let out = gen(dir.path())
        .arg("--validate-only")
        .arg(&bad)
        .assert()
        .code(1);
    assert!(stderr(&out).contains("confidence"), "{}", stderr(&out));
    gen(dir.path())
        .args(["--validate-only", "missing.json"])
        .assert()
        .code(2);
    gen(dir.path())
        .args(["--validate-only", "d.json", "--test"])
        .assert()
        .code(2);
}

/// A full disk (here /dev/full as stdout) is an error naming stdout, exit 2.
#[test]
fn full_disk_on_stdout_exits_2() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipping: /dev/full is absent");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("gen-intents"))
        .current_dir(dir.path())
        .args(["--format", "jsonl", "-o", "-"])
        .stdout(full)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("<stdout>: no space left"), "{err}");
}
