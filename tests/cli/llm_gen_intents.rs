//! gen-intents --use-openai through the real binary against the test model server:
//! labelled model examples that pass validate-dataset, resumption from the cache,
//! fallbacks counted, cost confirmation, --max-cost, --dry-run, fail-fast, no key written.

use crate::llm_server::{Fault, LlmServer};
use assert_cmd::Command;
use dsforge::intents::INTENTS;
use serde_json::Value;
use std::path::Path;

const KEY: &str = "sk-gen-intents-9a8b7c6d5e4f30211234";
const WORDS: [&str; 40] = [
    "please",
    "explain",
    "write",
    "summarise",
    "plan",
    "translate",
    "analyse",
    "solve",
    "garden",
    "river",
    "budget",
    "recipe",
    "python",
    "sonnet",
    "chart",
    "weekend",
    "invoice",
    "puzzle",
    "spanish",
    "meeting",
    "quickly",
    "carefully",
    "simple",
    "detailed",
    "my",
    "team",
    "school",
    "report",
    "story",
    "bug",
    "trip",
    "numbers",
    "lesson",
    "email",
    "dragon",
    "theory",
    "sales",
    "poem",
    "schedule",
    "proof",
];

/// A reply in the requested shape: as many distinct, varied requests as asked for.
fn model(body: &Value) -> String {
    let prompt = body["messages"]
        .as_array()
        .and_then(|m| m.iter().rev().find(|m| m["role"] == "user"))
        .and_then(|m| m["content"].as_str())
        .unwrap_or("")
        .to_string();
    let count: usize = prompt
        .split_whitespace()
        .find_map(|w| w.parse().ok())
        .unwrap_or(1);
    let intent = INTENTS.iter().find(|i| prompt.contains(*i)).unwrap_or(&"x");
    let seed = dsforge::seed::fnv1a64(prompt.as_bytes());
    let texts: Vec<String> = (0..count)
        .map(|j| {
            let mut h = seed ^ (j as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            let words: Vec<&str> = (0..9)
                .map(|_| {
                    h = h
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    WORDS[(h >> 33) as usize % WORDS.len()]
                })
                .collect();
            format!(
                "Help with {} {}?",
                intent.replace('_', " "),
                words.join(" ")
            )
        })
        .collect();
    serde_json::json!({ "examples": texts }).to_string()
}

fn gen(dir: &Path, server: &LlmServer, extra: &[&str]) -> assert_cmd::assert::Assert {
    let mut cmd = Command::cargo_bin("gen-intents").unwrap();
    cmd.current_dir(dir)
        .env_remove("OPENAI_API_KEY")
        .env_remove("OPENAI_BASE_URL")
        .env_remove("ANTHROPIC_API_KEY")
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args([
            "--test",
            "--seed",
            "3",
            "--output",
            "out.json",
            "--use-openai",
        ])
        .args(["--base-url", &server.base_url(), "--backoff-ms", "5"])
        .args(["--cache-dir", "cache"]);
    // defaults that a test may override
    for (flag, value) in [
        ("--model", "test-model"),
        ("--llm-per-intent", "4"),
        ("--batch-size", "2"),
    ] {
        if !extra.contains(&flag) {
            cmd.args([flag, value]);
        }
    }
    cmd.args(extra);
    cmd.assert()
}

fn read(p: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

fn method_count(doc: &Value, m: &str) -> usize {
    doc["examples"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["metadata"]["generation_method"] == m)
        .count()
}

#[test]
fn model_examples_are_labelled_validated_and_replayed() {
    let server = LlmServer::start();
    server.set_responder(model);
    let dir = tempfile::tempdir().unwrap();
    gen(dir.path(), &server, &[]).success();
    // 10 intents x 4 examples in batches of 2
    assert_eq!(server.count(), 20);
    let doc = read(&dir.path().join("out.json"));
    let e = &doc["metadata"]["llm_enrichment"];
    let kept = method_count(&doc, "llm") + method_count(&doc, "llm_paraphrase");
    assert_eq!(
        e["examples"]["llm"].as_u64().unwrap() as usize,
        method_count(&doc, "llm")
    );
    assert!(method_count(&doc, "llm") > 0 && method_count(&doc, "llm_paraphrase") > 0);
    assert_eq!(
        kept + method_count(&doc, "template_fallback"),
        40,
        "every slot is a model example or a counted fallback"
    );
    assert_eq!(
        e["examples"]["template_fallback"].as_u64().unwrap() as usize,
        40 - kept
    );
    assert!(kept >= 36, "only {kept} model examples kept: {e}");
    assert_eq!(e["model"], "test-model");
    assert_eq!(e["calls"], 20);
    // 100 template + 20 edge + 40 model slots
    assert_eq!(doc["examples"].as_array().unwrap().len(), 160);
    let ex = doc["examples"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["metadata"]["generation_method"] == "llm_paraphrase")
        .unwrap();
    assert_eq!(ex["metadata"]["provenance"]["slots"]["model"], "test-model");
    assert!(ex["metadata"]["provenance"]["slots"]["paraphrase_of"].is_string());
    // the paraphrase prompt carried the template texts it paraphrases
    let para = server
        .seen()
        .into_iter()
        .find(|s| s.last_user().starts_with("Rewrite"))
        .unwrap();
    assert!(para.last_user().contains("1. "), "{}", para.last_user());

    Command::cargo_bin("validate-dataset")
        .unwrap()
        .current_dir(dir.path())
        .args(["out.json"])
        .assert()
        .code(0);

    // same arguments again: every call replayed from the cache, the same examples
    server.reset_log();
    gen(dir.path(), &server, &[]).success();
    assert_eq!(server.count(), 0, "the rerun called the model");
    let again = read(&dir.path().join("out.json"));
    assert_eq!(again["examples"], doc["examples"]);
    assert_eq!(again["metadata"]["llm_enrichment"]["cache_hits"], 20);
    assert_eq!(again["metadata"]["llm_enrichment"]["calls"], 0);
}

#[test]
fn unusable_replies_and_failed_calls_fall_back_and_are_counted() {
    let server = LlmServer::start();
    server.set_responder(|_| "Sorry, I only write prose.".to_string());
    let dir = tempfile::tempdir().unwrap();
    let out = gen(
        dir.path(),
        &server,
        &["--llm-per-intent", "2", "--json-attempts", "2"],
    )
    .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("fell back to template examples"),
        "{stderr}"
    );
    // 10 batches, 2 attempts each with the error fed back
    assert_eq!(server.count(), 20);
    let doc = read(&dir.path().join("out.json"));
    let e = &doc["metadata"]["llm_enrichment"];
    assert_eq!(e["fallback_reasons"]["rejected_replies"], 10);
    assert_eq!(e["examples"]["template_fallback"], 20);
    assert_eq!(method_count(&doc, "template_fallback"), 20);
    let rejects = std::fs::read_to_string(dir.path().join("out.json.rejects.jsonl")).unwrap();
    assert_eq!(rejects.lines().count(), 10);
    assert!(rejects.contains("Sorry, I only write prose."));

    let server = LlmServer::start();
    server.fault_every(1, Fault::Status(503, "overloaded".into()));
    let dir = tempfile::tempdir().unwrap();
    gen(
        dir.path(),
        &server,
        &["--llm-per-intent", "1", "--max-retries", "1"],
    )
    .success();
    assert_eq!(server.count(), 20, "10 calls, each tried twice");
    let doc = read(&dir.path().join("out.json"));
    assert_eq!(
        doc["metadata"]["llm_enrichment"]["fallback_reasons"]["failed_calls"],
        10
    );
}

#[test]
fn estimate_first_and_no_costly_run_without_yes() {
    let server = LlmServer::start();
    server.set_responder(model);
    let dir = tempfile::tempdir().unwrap();
    // claude-3-opus prices make 40 calls cost more than $1
    let dear = [
        "--provider",
        "anthropic",
        "--model",
        "claude-3-opus",
        "--api-key",
        KEY,
        "--llm-per-intent",
        "40",
        "--batch-size",
        "10",
    ];
    let out = gen(dir.path(), &server, &dear).code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("estimated cost $"), "{stderr}");
    assert!(stderr.contains("pass --yes"), "{stderr}");
    assert_eq!(server.count(), 0);
    assert!(!dir.path().join("out.json").exists());

    let mut dry = dear.to_vec();
    dry.push("--dry-run");
    let out = gen(dir.path(), &server, &dry).success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("dry run") && stderr.contains("40 calls"),
        "{stderr}"
    );
    assert_eq!(server.count(), 0);
    assert!(!dir.path().join("out.json").exists());
}

#[test]
fn max_cost_stops_and_a_rerun_continues_without_repeating_calls() {
    let server = LlmServer::start();
    server.set_responder(model);
    let dir = tempfile::tempdir().unwrap();
    let base = [
        "--provider",
        "anthropic",
        "--model",
        "claude-3-opus",
        "--api-key",
        KEY,
        "--yes",
        "--concurrency",
        "2",
    ];
    let mut first = base.to_vec();
    first.extend(["--max-cost", "0.05"]);
    let out = gen(dir.path(), &server, &first).code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("stopped: cost limit $0.0500"), "{stderr}");
    assert!(stderr.contains("run again"), "{stderr}");
    assert!(
        !dir.path().join("out.json").exists(),
        "nothing half-done is written"
    );
    let done = server.count();
    assert!(done > 0 && done < 20, "{done} calls before the limit");
    // the limit was honoured by what the server billed
    server.reset_log();
    let mut second = base.to_vec();
    second.extend(["--max-cost", "50"]);
    gen(dir.path(), &server, &second).success();
    assert_eq!(
        server.count(),
        20 - done,
        "finished calls were not repeated"
    );
    let doc = read(&dir.path().join("out.json"));
    assert_eq!(
        doc["metadata"]["llm_enrichment"]["cache_hits"]
            .as_u64()
            .unwrap() as usize,
        done
    );
    assert!(
        doc["metadata"]["llm_enrichment"]["cost_usd"]
            .as_f64()
            .unwrap()
            > 0.0
    );
}

#[test]
fn bad_key_fails_fast_and_no_key_is_written() {
    let server = LlmServer::start();
    server.set_responder(model);
    server.require_key(KEY);
    let dir = tempfile::tempdir().unwrap();
    let out = gen(
        dir.path(),
        &server,
        &["--api-key", "sk-wrong-key-000000000"],
    )
    .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("HTTP 401") && stderr.contains("OPENAI_API_KEY"),
        "{stderr}"
    );
    assert!(!stderr.contains("sk-wrong-key-000000000"), "{stderr}");
    assert!(server.count() <= 4, "{} calls after a 401", server.count());

    // the right key, from .env in the working directory
    std::fs::write(dir.path().join(".env"), format!("OPENAI_API_KEY={KEY}\n")).unwrap();
    server.reset_log();
    let out = gen(dir.path(), &server, &["-v"]).success();
    assert_eq!(server.count(), 20);
    assert!(server
        .seen()
        .iter()
        .all(|s| s.header("authorization") == Some(format!("Bearer {KEY}").as_str())));
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(!stderr.contains(KEY));
    fn walk(p: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(p).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out)
            } else {
                out.push(p)
            }
        }
    }
    let mut files = Vec::new();
    walk(dir.path(), &mut files);
    assert!(files.len() > 20, "{files:?}");
    for f in files.iter().filter(|f| !f.ends_with(".env")) {
        let text = String::from_utf8_lossy(&std::fs::read(f).unwrap()).to_string();
        assert!(!text.contains(KEY), "the key is in {}", f.display());
    }
}

#[test]
fn a_killed_run_continues_without_repeating_finished_calls() {
    let server = LlmServer::start();
    server.set_responder(model);
    server.set_delay(std::time::Duration::from_millis(150));
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("gen-intents"))
        .current_dir(dir.path())
        .env_remove("OPENAI_API_KEY")
        .env_remove("OPENAI_BASE_URL")
        .args([
            "--test",
            "--seed",
            "3",
            "--output",
            "out.json",
            "--use-openai",
        ])
        .args(["--base-url", &server.base_url(), "--model", "test-model"])
        .args([
            "--llm-per-intent",
            "4",
            "--batch-size",
            "2",
            "--concurrency",
            "1",
        ])
        .args(["--cache-dir", "cache", "-q"])
        .spawn()
        .unwrap();
    // wait until a few calls have finished, then kill it mid-run
    let t0 = std::time::Instant::now();
    while server.count() < 5 && t0.elapsed() < std::time::Duration::from_secs(30) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!dir.path().join("out.json").exists());
    fn count_files(p: &Path) -> usize {
        std::fs::read_dir(p)
            .map(|rd| {
                rd.map(|e| {
                    let p = e.unwrap().path();
                    if p.is_dir() {
                        count_files(&p)
                    } else {
                        p.extension().is_some_and(|x| x == "json") as usize
                    }
                })
                .sum()
            })
            .unwrap_or(0)
    }
    let cached = count_files(&dir.path().join("cache"));
    assert!(
        (1..20).contains(&cached),
        "{cached} calls cached when killed"
    );
    server.reset_log();
    server.set_delay(std::time::Duration::ZERO);
    gen(dir.path(), &server, &[]).success();
    assert_eq!(server.count(), 20 - cached, "finished calls were repeated");
    let doc = read(&dir.path().join("out.json"));
    assert_eq!(
        doc["metadata"]["llm_enrichment"]["cache_hits"]
            .as_u64()
            .unwrap() as usize,
        cached
    );
}
