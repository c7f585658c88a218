//! validate-dataset: exit codes 0/1/2, every input format, the rules (a crafted file
//! trips each one on a known record), malformed inputs, near-duplicate clusters, and
//! CLINC150 through the external-dataset options.

use crate::common::{fixture, shared};
use assert_cmd::Command;
use serde_json::Value;
use std::collections::HashSet;
use std::path::Path;

/// The binary, run in a fresh temp dir, with the fixture templates (keywords for
/// reasoning, translation, summarization) as its shipped folder.
fn cmd(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("validate-dataset").unwrap();
    c.current_dir(dir)
        .env("DSFORGE_HOME", fixture("validate_dataset/home"))
        .env_remove("DSFORGE_LOG_LEVEL");
    c
}

fn fx(name: &str) -> String {
    fixture(&format!("validate_dataset/{name}"))
        .to_string_lossy()
        .into_owned()
}

/// Runs with `--report`, returns (exit code, stderr, report).
fn run(args: &[&str]) -> (i32, String, Value) {
    let dir = tempfile::tempdir().unwrap();
    let out = cmd(dir.path())
        .args(args)
        .args(["--report", "report.json"])
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.stdout.is_empty(), "stdout must carry no messages");
    let report = std::fs::read(dir.path().join("report.json"))
        .ok()
        .map(|b| serde_json::from_slice(&b).unwrap())
        .unwrap_or(Value::Null);
    (code, stderr, report)
}

/// (record, rule) pairs of a report's findings.
fn findings(report: &Value) -> Vec<(u64, String, String)> {
    report["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["record"].as_u64().unwrap(),
                i["rule"].as_str().unwrap().to_string(),
                i["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn intent_json_passes() {
    let (code, err, r) = run(&[&fx("good.json")]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(r["passed"], true);
    assert_eq!(r["kind"], "intent");
    assert_eq!(r["format"], "json");
    assert_eq!(r["records"], 30);
    assert_eq!(r["valid_records"], 30);
    assert_eq!(r["labels_source"], "metadata");
    assert_eq!(r["metrics"]["labels"]["counts"]["reasoning"], 3);
    assert_eq!(r["metrics"]["exact_duplicates"]["records"], 0);
    // Keyword alignment ran with the fixture templates and every example matched.
    assert!(r["keywords"].as_str().unwrap().contains("templates"));
    assert_eq!(r["rules"]["keyword_mismatch"]["count"], 0);
    // Topic coverage: the fixture templates list 2 topics for each of 3 intents; the
    // examples of those intents cover 3 of the 6 (intent, topic) pairs.
    assert_eq!(r["metrics"]["topics_known"], 6);
    assert_eq!(r["metrics"]["topic_coverage"], 0.5);
    let d3 = r["metrics"]["distinct_3"].as_f64().unwrap();
    assert_eq!(r["metrics"]["uniqueness_score"].as_f64().unwrap(), d3);
    assert!(d3 > 0.3 && d3 <= 1.0, "{d3}");
    assert!(err.contains("passed"), "{err}");
    assert!(err.contains("30 records"), "{err}");
}

#[test]
fn intent_jsonl_with_sidecar_passes() {
    let (code, err, r) = run(&[&fx("good.jsonl")]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(r["format"], "jsonl");
    assert_eq!(r["records"], 30);
    assert_eq!(r["labels_source"], "metadata");
    // Same records as the JSON form: the same findings and metrics, through the direct
    // line parser on one side and the streaming document visitor on the other.
    let (_, _, j) = run(&[&fx("good.json")]);
    let mut a = r["metrics"].clone();
    let mut b = j["metrics"].clone();
    for m in [&mut a, &mut b] {
        let near = m["near_duplicates"].as_object_mut().unwrap();
        near.remove("pairs_seconds");
        near.remove("confirm_seconds");
    }
    assert_eq!(a, b);
    assert_eq!(r["rules"], j["rules"]);
}

#[test]
fn sidecar_labels_replace_the_default_intents() {
    let (code, err, r) = run(&[&fx("custom.jsonl")]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(r["labels_source"], "metadata");
    // Without the sidecar the labels are not among the ten intents.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("copy.jsonl");
    std::fs::copy(fx("custom.jsonl"), &p).unwrap();
    let out = cmd(dir.path()).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("[label_not_allowed]"), "{err}");
}

#[test]
fn bad_file_trips_every_rule_on_the_right_record() {
    let (code, err, r) = run(&[&fx("bad.jsonl")]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(r["passed"], false);
    assert_eq!(r["records"], 13);
    let f = findings(&r);
    let expect = [
        (1, "unreadable", "error"),
        (2, "unreadable", "error"),
        (3, "structure", "error"),
        (4, "empty_text", "error"),
        (5, "text_too_short", "error"),
        (6, "text_too_long", "error"),
        (7, "label_not_allowed", "error"),
        (8, "confidence_out_of_range", "error"),
        (9, "field_value", "error"),
        (10, "low_word_diversity", "warning"),
        (11, "repeated_word", "warning"),
        (12, "keyword_mismatch", "warning"),
    ];
    for (rec, rule, sev) in expect {
        assert!(
            f.contains(&(rec, rule.to_string(), sev.to_string())),
            "{rule} not reported on record {rec}: {f:?}"
        );
        // Each error rule fires on its record only.
        if sev == "error" {
            let on: Vec<u64> = f.iter().filter(|x| x.1 == rule).map(|x| x.0).collect();
            if rule != "unreadable" {
                assert_eq!(on, vec![rec], "{rule}");
            }
        }
    }
    // Every rule of the validator fired at least once.
    for (rule, c) in r["rules"].as_object().unwrap() {
        assert!(c["count"].as_u64().unwrap() >= 1, "{rule} never fired");
    }
    // Record 0 is clean.
    assert!(f.iter().all(|x| x.0 != 0), "{f:?}");
    assert_eq!(r["records_with_errors"], 9);
    // Line numbers follow the file (a blank line after record 5).
    let issues = r["issues"].as_array().unwrap();
    let line_of = |rec: u64| {
        issues.iter().find(|i| i["record"] == rec).unwrap()["line"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(line_of(5), 6);
    assert_eq!(line_of(6), 8);
    assert_eq!(line_of(12), 14);
    // Messages name file, line, record and reason.
    assert!(
        err.contains("bad.jsonl:8: record 6: text is 1005 chars, more than 1000 [text_too_long]"),
        "{err}"
    );
    assert!(
        err.contains("bad.jsonl:3: record 2: invalid UTF-8"),
        "{err}"
    );
    assert!(err.contains("validate-dataset: warning: "), "{err}");
}

#[test]
fn limits_are_configurable() {
    // Allowing every failing record type lets the same file pass except for structure.
    let (code, _, r) = run(&[
        &fx("bad.jsonl"),
        "--max-chars",
        "2000",
        "--min-chars",
        "1",
        "--max-confidence",
        "2",
        "--labels",
        "reasoning,weather",
    ]);
    assert_eq!(code, 1);
    let f = findings(&r);
    for rule in [
        "text_too_long",
        "text_too_short",
        "confidence_out_of_range",
        "label_not_allowed",
    ] {
        assert!(f.iter().all(|x| x.1 != rule), "{rule} still fired");
    }
    assert_eq!(r["labels_source"], "--labels");
    // --max-invalid-rate lets a few bad records through.
    let (code, _, _) = run(&[&fx("bad.jsonl"), "--max-invalid-rate", "0.8"]);
    assert_eq!(code, 0);
}

#[test]
fn warnings_fail_only_with_strict() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("w.jsonl");
    std::fs::write(
        &p,
        "{\"text\": \"write a poem about the sea\", \"intent\": \"reasoning\"}\n",
    )
    .unwrap();
    let out = cmd(dir.path()).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out = cmd(dir.path()).arg(&p).arg("--strict").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = cmd(dir.path())
        .arg(&p)
        .args(["--strict", "--no-keywords"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn thresholds_fail_with_exit_1() {
    let (code, err, r) = run(&[&fx("good.json"), "--min-uniqueness", "0.99"]);
    assert_eq!(code, 1, "{err}");
    let t = &r["thresholds"][0];
    assert_eq!(t["name"], "min-uniqueness");
    assert_eq!(t["passed"], false);
    assert!(err.contains("min-uniqueness 0.99 not met"), "{err}");
    let (code, _, _) = run(&[
        &fx("good.json"),
        "--min-uniqueness",
        "0.1",
        "--max-duplicate-rate",
        "0",
        "--max-near-duplicate-rate",
        "0.6",
        "--max-imbalance",
        "1.0",
    ]);
    assert_eq!(code, 0);
    let (code, _, r) = run(&[
        &fx("near.jsonl"),
        "--label-field",
        "label",
        "--max-duplicate-rate",
        "0.01",
    ]);
    assert_eq!(code, 1);
    assert_eq!(r["thresholds"][0]["value"].as_f64().unwrap(), 1.0 / 16.0);
}

/// Word 3-shingles as strings, computed independently of the library.
fn shingle_set(text: &str) -> HashSet<String> {
    let w: Vec<String> = text.split_whitespace().map(|s| s.to_lowercase()).collect();
    if w.len() < 3 {
        return [w.join(" ")].into_iter().collect();
    }
    w.windows(3).map(|x| x.join(" ")).collect()
}

fn exact_jaccard(a: &str, b: &str) -> f64 {
    let (x, y) = (shingle_set(a), shingle_set(b));
    x.intersection(&y).count() as f64 / x.union(&y).count() as f64
}

#[test]
fn near_duplicate_clusters_are_found_and_confirmed() {
    let texts: Vec<String> = std::fs::read_to_string(fx("near.jsonl"))
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let (code, err, r) = run(&[&fx("near.jsonl"), "--label-field", "label"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(r["kind"], "external");
    let near = &r["metrics"]["near_duplicates"];
    let clusters = near["clusters"].as_array().unwrap();
    let sets: Vec<Vec<u64>> = clusters
        .iter()
        .map(|c| {
            c["records"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_u64().unwrap())
                .collect()
        })
        .collect();
    // 0, 1 (one word added) and 4 (record 0 in capitals) are one cluster; 3 and 5 another.
    assert_eq!(sets, vec![vec![0, 1, 4], vec![3, 5]], "{near}");
    assert_eq!(near["records"], 3);
    assert_eq!(near["rate"].as_f64().unwrap(), 3.0 / 16.0);
    // Reported Jaccard values are the exact ones.
    let j01 = exact_jaccard(&texts[0], &texts[1]);
    let j35 = exact_jaccard(&texts[3], &texts[5]);
    assert!(j01 >= 0.8 && j35 >= 0.8, "{j01} {j35}");
    assert!((clusters[0]["min_jaccard"].as_f64().unwrap() - j01).abs() < 1e-9);
    assert_eq!(clusters[0]["max_jaccard"].as_f64().unwrap(), 1.0);
    assert!((clusters[1]["min_jaccard"].as_f64().unwrap() - j35).abs() < 1e-9);
    // Exact duplicates: record 4 repeats record 0 after normalisation.
    let exact = &r["metrics"]["exact_duplicates"];
    assert_eq!(exact["groups"], serde_json::json!([[0, 4]]));
    assert_eq!(near["spilled"], false);
    assert_eq!(near["set_blocks"], 1);
    // With no memory budget (sorted runs of 4 items a band on disk, one shingle set per
    // block) the same pairs, clusters and exact duplicates come out.
    let (_, _, again) = run(&[
        &fx("near.jsonl"),
        "--label-field",
        "label",
        "--near-memory",
        "0",
    ]);
    let again_exact = &again["metrics"]["exact_duplicates"];
    let again = &again["metrics"]["near_duplicates"];
    assert_eq!(again["spilled"], true);
    assert!(again["set_blocks"].as_u64().unwrap() > 10, "{again}");
    assert_eq!(again["clusters"], near["clusters"]);
    assert_eq!(again["candidate_pairs"], near["candidate_pairs"]);
    assert_eq!(again["confirmed_pairs"], near["confirmed_pairs"]);
    assert_eq!(again_exact, exact);
    // A stricter threshold drops the pairs below it.
    let (_, _, r) = run(&[
        &fx("near.jsonl"),
        "--label-field",
        "label",
        "--near-threshold",
        "0.95",
    ]);
    let near = &r["metrics"]["near_duplicates"];
    assert_eq!(near["clusters"][0]["records"], serde_json::json!([0, 4]));
    assert_eq!(near["clusters_total"], 1);
}

#[test]
fn stdin_is_read_with_dash() {
    let dir = tempfile::tempdir().unwrap();
    let out = cmd(dir.path())
        .arg("-")
        .write_stdin(std::fs::read(fx("good.jsonl")).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("<stdin> (jsonl, intent dataset): 30 records"),
        "{err}"
    );
    let out = cmd(dir.path())
        .arg("-")
        .write_stdin(std::fs::read(fx("bad.jsonl")).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("<stdin>:8: record 6:"), "{err}");
}

fn exit2(args: &[&str], expect: &str) {
    let dir = tempfile::tempdir().unwrap();
    let out = cmd(dir.path()).args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(expect), "expected {expect:?} in {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn unreadable_inputs_exit_2_with_a_clear_message() {
    exit2(
        &["no/such/file.json"],
        "validate-dataset: error: no/such/file.json: no such file",
    );
    exit2(&[&fx("empty.jsonl")], "empty.jsonl: empty file");
    exit2(&[&fx("truncated.json")], "truncated.json:3: truncated JSON");
    exit2(
        &[&fx("scalar.json")],
        "expected a JSON array of records or an object holding one",
    );
    exit2(&[&fx("bad_utf8.json")], "bad_utf8.json:2:");
    exit2(
        &[&fx("ext_pairs.json"), "--records", "nope"],
        "no list of records at \"nope\"",
    );
    exit2(
        &[&fx("ext.csv"), "--text-field", "body"],
        "no column \"body\" in the header",
    );
    exit2(
        &[&fx("good.jsonl"), "--records", "train"],
        "is read as jsonl",
    );
    exit2(
        &[&fx("good.json"), "--near-threshold", "2"],
        "--near-threshold must be between 0 and 1",
    );
    let dir = tempfile::tempdir().unwrap();
    exit2(&[dir.path().to_str().unwrap()], "folder");
}

#[test]
fn wrong_types_are_per_record_errors() {
    let (code, _, r) = run(&[&fx("wrong_types.json")]);
    assert_eq!(code, 1);
    let f = findings(&r);
    assert!(
        f.contains(&(1, "structure".into(), "error".into())),
        "{f:?}"
    );
    assert!(
        f.contains(&(2, "structure".into(), "error".into())),
        "{f:?}"
    );
    assert!(
        f.contains(&(3, "structure".into(), "error".into())),
        "{f:?}"
    );
    assert!(f.iter().all(|x| x.0 != 0));
    let msgs: Vec<&str> = r["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["message"].as_str().unwrap())
        .collect();
    assert!(
        msgs.contains(&"record is a string, not an object"),
        "{msgs:?}"
    );
    assert!(
        msgs.contains(&"field \"text\" is a list, not a string"),
        "{msgs:?}"
    );
    assert!(
        msgs.contains(&"field \"confidence\" is a string, not a number"),
        "{msgs:?}"
    );
}

#[test]
fn ten_megabyte_line_is_one_record_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.jsonl");
    let big = "why ".to_string() + &"y".repeat(10 << 20);
    let mut body = serde_json::json!({"text": big, "intent": "reasoning"}).to_string();
    body.push('\n');
    body.push_str("{\"text\": \"explain why the sea is salty\", \"intent\": \"reasoning\"}\n");
    std::fs::write(&p, body).unwrap();
    let out = cmd(dir.path())
        .arg(&p)
        .args(["--report", "r.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let r: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(r["records"], 2);
    assert_eq!(
        findings(&r),
        vec![(0, "text_too_long".into(), "error".into())]
    );
}

#[test]
fn csv_and_tsv_by_column() {
    let (code, err, r) = run(&[
        &fx("ext.csv"),
        "--text-field",
        "utterance",
        "--label-field",
        "category",
        "--labels",
        "restaurant,weather",
    ]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(r["format"], "csv");
    assert_eq!(r["records"], 3);
    // The quoted comma and the quoted newline stay inside their fields; "hi" is short.
    assert_eq!(
        findings(&r),
        vec![(2, "text_too_short".into(), "error".into())]
    );
    assert_eq!(r["issues"][0]["line"], 5);
    assert_eq!(r["metrics"]["labels"]["counts"]["weather"], 2);
    let (code, err, r) = run(&[
        &fx("ext.tsv"),
        "--text-field",
        "0",
        "--label-field",
        "category",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(r["format"], "tsv");
    assert_eq!(r["metrics"]["labels"]["counts"]["restaurant"], 1);
}

#[test]
fn json_array_with_pointer_fields() {
    let (code, err, r) = run(&[
        &fx("ext_array.json"),
        "--text-field",
        "/q/body",
        "--label-field",
        "y",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(r["records"], 2);
    assert_eq!(r["allowed_labels"], Value::Null);
    assert_eq!(r["metrics"]["labels"]["counts"]["weather"], 1);
}

#[test]
fn json_object_list_of_pairs() {
    let (code, err, r) = run(&[
        &fx("ext_pairs.json"),
        "--records",
        "/splits/train",
        "--text-field",
        "0",
        "--label-field",
        "1",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(r["records"], 3);
    assert_eq!(r["metrics"]["labels"]["counts"]["music"], 1);
    // A missing label field in pairs is a structure error.
    let (code, _, r) = run(&[
        &fx("ext_pairs.json"),
        "--records",
        "/splits/train",
        "--text-field",
        "0",
        "--label-field",
        "2",
    ]);
    assert_eq!(code, 1);
    assert_eq!(r["rules"]["structure"]["count"], 3);
}

#[test]
fn clinc150_train_split_validates() {
    let Some(shared) = shared() else { return };
    let data = shared.join("data/intents/clinc150_data_full.json");
    if !data.is_file() {
        eprintln!("skipping: {} is absent", data.display());
        return;
    }
    let args = [
        data.to_str().unwrap(),
        "--records",
        "train",
        "--text-field",
        "0",
        "--label-field",
        "1",
    ];
    // CLINC150's train split holds two 2-character utterances: the length rule finds them.
    let (code, err, r) = run(&args);
    assert_eq!(code, 1, "{err}");
    assert_eq!(r["records"], 15000);
    assert_eq!(r["kind"], "external");
    assert_eq!(r["records_with_errors"], 2);
    assert_eq!(r["rules"]["text_too_short"]["count"], 2);
    let (code, err, r) = run(&[&args[..], &["--min-chars", "2"]].concat());
    assert_eq!(code, 0, "{err}");
    let labels = r["metrics"]["labels"]["counts"].as_object().unwrap();
    assert_eq!(labels.len(), 150);
    assert!(labels.values().all(|c| c == 100));
    assert_eq!(r["metrics"]["labels"]["imbalance_ratio"], 1.0);
    assert!(r["metrics"]["near_duplicates"]["candidate_pairs"]
        .as_u64()
        .is_some());
    // The out-of-scope list is selected the same way.
    let (code, _, r) = run(&[
        data.to_str().unwrap(),
        "--records",
        "oos_train",
        "--text-field",
        "0",
        "--label-field",
        "1",
        "--labels",
        "oos",
    ]);
    assert_eq!(code, 0);
    assert_eq!(r["records"], 100);
}

/// The report without its timing fields.
fn untimed(mut r: Value) -> Value {
    r.as_object_mut().unwrap().remove("elapsed_seconds");
    if let Some(n) = r["metrics"]["near_duplicates"].as_object_mut() {
        n.remove("pairs_seconds");
        n.remove("confirm_seconds");
    }
    r
}

#[test]
fn reports_are_identical_across_jobs_and_runs() {
    for file in ["bad.jsonl", "near.jsonl", "good.json"] {
        let (c1, _, one) = run(&[&fx(file), "--jobs", "1", "--label-field", "label"]);
        let (c2, _, two) = run(&[&fx(file), "--jobs", "2", "--label-field", "label"]);
        let (c3, _, again) = run(&[&fx(file), "--jobs", "2", "--label-field", "label"]);
        assert_eq!((c1, c2), (c2, c3));
        let one = untimed(one);
        assert_eq!(one, untimed(two), "{file}");
        assert_eq!(one, untimed(again), "{file}");
    }
}
