//! summary.json: what one pull-leetcode run did, counted by status, difficulty and drop
//! reason, with every dropped test, unsupported or broken problem, and the time taken.

use super::pull::{ProblemReport, Status};
use super::record::Problem;
use crate::shard::Shard;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// What the summary is made from.
pub struct RunFacts<'a> {
    pub source: &'a str,
    pub output: &'a Path,
    pub shard: Option<Shard>,
    pub records_read: usize,
    /// `{"line", "message"}` per record that could not be read.
    pub invalid: &'a [Value],
    pub selected: &'a [Problem],
    /// Selected problems skipped because their directory was complete.
    pub done: &'a [&'a Problem],
    pub reports: &'a [ProblemReport],
    pub seconds: f64,
}

/// The first words of a drop reason, for counting reasons together.
pub fn reason_kind(reason: &str) -> String {
    let head = reason.split(':').next().unwrap_or(reason);
    head.trim().to_string()
}

pub fn summarize(f: &RunFacts) -> Value {
    let (selected, done, reports, seconds) = (f.selected, f.done, f.reports, f.seconds);
    let mut by_diff: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    let mut bump = |diff: &str, key: &str| {
        let m = by_diff.entry(diff.to_string()).or_default();
        let v = m.get(key).and_then(Value::as_u64).unwrap_or(0) + 1;
        m.insert(key.to_string(), json!(v));
    };
    for p in selected {
        bump(&p.difficulty, "selected");
    }
    for p in done {
        bump(&p.difficulty, "already_complete");
    }
    for r in reports {
        let key = match r.status {
            Status::Written => "written",
            Status::Unsupported => "unsupported",
            Status::NoTests => "no_tests",
            Status::Failed => "failed",
        };
        bump(&r.difficulty, key);
    }
    let mut reasons: BTreeMap<String, u64> = BTreeMap::new();
    let mut dropped = Vec::new();
    for r in reports {
        for d in &r.dropped {
            *reasons.entry(reason_kind(&d.reason)).or_default() += 1;
            dropped.push(
                json!({"problem": r.problem, "source_index": d.source_index, "reason": d.reason}),
            );
        }
    }
    let attempted: usize = reports.iter().map(|r| r.attempted).sum();
    let kept: usize = reports.iter().map(|r| r.kept).sum();
    let list = |pred: &dyn Fn(&ProblemReport) -> bool| -> Vec<Value> {
        reports
            .iter()
            .filter(|r| pred(r))
            .map(|r| json!({"problem": r.problem, "difficulty": r.difficulty, "reason": r.reason}))
            .collect()
    };
    let count = |s: Status| reports.iter().filter(|r| r.status == s).count();
    let mut by_time: Vec<&ProblemReport> = reports.iter().collect();
    by_time.sort_by(|a, b| b.seconds.total_cmp(&a.seconds));
    let slowest: Vec<Value> = by_time
        .iter()
        .take(10)
        .map(|r| json!({"problem": r.problem, "seconds": (r.seconds * 1000.0).round() / 1000.0}))
        .collect();
    json!({
        "source": f.source,
        "output": f.output.display().to_string(),
        "shard": f.shard.map(|s| format!("{}/{}", s.index, s.count)),
        "seconds": (seconds * 1000.0).round() / 1000.0,
        "problems_per_second": if seconds > 0.0 { ((reports.len() as f64 / seconds) * 100.0).round() / 100.0 } else { 0.0 },
        "problems": {
            "records_read": f.records_read,
            "invalid_records": f.invalid.len(),
            "selected": selected.len(),
            "already_complete": done.len(),
            "run": reports.len(),
            "written": count(Status::Written),
            "unsupported_skipped": count(Status::Unsupported),
            "no_tests": count(Status::NoTests),
            "failed": count(Status::Failed),
        },
        "by_difficulty": by_diff,
        "test_cases": {
            "attempted": attempted,
            "kept": kept,
            "dropped": attempted - kept,
            "kept_share": if attempted > 0 { ((kept as f64 / attempted as f64) * 10000.0).round() / 10000.0 } else { 0.0 },
        },
        "drop_reasons": reasons,
        "unsupported": list(&|r| !r.supported && r.status != Status::Failed),
        "no_tests": list(&|r| r.status == Status::NoTests),
        "failed": list(&|r| r.status == Status::Failed),
        "slowest": slowest,
        "invalid_records": f.invalid,
        "dropped": dropped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::leetcode::pull::Dropped;

    fn report(
        name: &str,
        diff: &str,
        status: Status,
        kept: usize,
        drops: &[&str],
    ) -> ProblemReport {
        ProblemReport {
            problem: name.into(),
            difficulty: diff.into(),
            status,
            reason: None,
            supported: status != Status::Unsupported,
            attempted: kept + drops.len(),
            kept,
            dropped: drops
                .iter()
                .enumerate()
                .map(|(i, r)| Dropped {
                    source_index: i,
                    reason: r.to_string(),
                })
                .collect(),
            seconds: kept as f64,
        }
    }

    #[test]
    fn counts_by_status_difficulty_and_reason() {
        let reports = vec![
            report(
                "1_a",
                "Easy",
                Status::Written,
                3,
                &[
                    "timeout after 4s",
                    "disagrees with the recorded output: got 1, recorded 2",
                ],
            ),
            report("2_b", "Hard", Status::NoTests, 0, &["timeout after 4s"]),
            report("3_c", "Easy", Status::Unsupported, 0, &[]),
        ];
        let s = summarize(&RunFacts {
            source: "src.jsonl",
            output: Path::new("out"),
            shard: Some(Shard { index: 1, count: 2 }),
            records_read: 4,
            invalid: &[json!({"line": 4, "message": "bad"})],
            selected: &[],
            done: &[],
            reports: &reports,
            seconds: 2.0,
        });
        assert_eq!(s["shard"], "1/2");
        assert_eq!(s["problems"]["written"], 1);
        assert_eq!(s["problems"]["no_tests"], 1);
        assert_eq!(s["problems"]["unsupported_skipped"], 1);
        assert_eq!(s["problems"]["invalid_records"], 1);
        assert_eq!(s["by_difficulty"]["Easy"]["written"], 1);
        assert_eq!(s["by_difficulty"]["Easy"]["unsupported"], 1);
        assert_eq!(s["by_difficulty"]["Hard"]["no_tests"], 1);
        assert_eq!(s["test_cases"]["attempted"], 6);
        assert_eq!(s["test_cases"]["kept"], 3);
        assert_eq!(s["test_cases"]["kept_share"], 0.5);
        assert_eq!(s["drop_reasons"]["timeout after 4s"], 2);
        assert_eq!(s["drop_reasons"]["disagrees with the recorded output"], 1);
        assert_eq!(s["dropped"].as_array().unwrap().len(), 3);
        assert_eq!(s["unsupported"][0]["problem"], "3_c");
        assert_eq!(s["slowest"][0]["problem"], "1_a");
        assert_eq!(s["problems_per_second"], 1.5);
    }
}
