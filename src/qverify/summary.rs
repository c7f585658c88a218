//! verification_summary.json: totals, counts per verdict and per-problem results of a
//! run, with the engine and limits that produced them.

use super::engine::Engine;
use super::problem::{LimitsReport, ProblemReport};
use super::{Status, Verdict};
use serde::Serialize;
use serde_json::{Map, Value};

/// Problems by status, and test and process counts.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Totals {
    pub problems: usize,
    pub valid: usize,
    pub invalid: usize,
    pub error: usize,
    pub skipped: usize,
    /// Problems whose report came from the cache.
    pub cached: usize,
    /// Test cases run or taken from the cache.
    pub tests: usize,
    pub tests_passed: usize,
    /// Problems whose batch did not finish, so tests ran one process each.
    pub fallback: usize,
    /// q processes started in this run (cached problems start none).
    pub processes: usize,
}

/// One problem's line in the summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProblemLine {
    pub problem: String,
    pub status: Status,
    pub passed: usize,
    pub total: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub cached: bool,
}

/// The whole summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub engine: Engine,
    pub limits: LimitsReport,
    pub python_check: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shard: Option<String>,
    pub totals: Totals,
    /// Test cases per verdict, every verdict listed (zero included).
    pub verdicts: Map<String, Value>,
    pub problems: Vec<ProblemLine>,
}

/// Builds the summary of `reports` (in the order given).
pub fn summarize(
    engine: &Engine,
    limits: LimitsReport,
    python_check: bool,
    shard: Option<String>,
    reports: &[ProblemReport],
) -> Summary {
    let mut totals = Totals {
        problems: reports.len(),
        ..Totals::default()
    };
    let mut counts = [0usize; Verdict::ALL.len()];
    for r in reports {
        match r.status {
            Status::Valid => totals.valid += 1,
            Status::Invalid => totals.invalid += 1,
            Status::Error => totals.error += 1,
            Status::Skipped => totals.skipped += 1,
        }
        totals.cached += usize::from(r.cached);
        totals.fallback += usize::from(r.fallback);
        if !r.cached {
            totals.processes += r.processes;
        }
        totals.tests += r.tests.len();
        for t in &r.tests {
            if let Some(i) = Verdict::ALL.iter().position(|v| *v == t.verdict) {
                counts[i] += 1;
            }
        }
    }
    totals.tests_passed = counts[0];
    let verdicts = Verdict::ALL
        .iter()
        .zip(counts)
        .map(|(v, c)| (v.name().to_string(), Value::from(c)))
        .collect();
    Summary {
        engine: engine.clone(),
        limits,
        python_check,
        shard,
        totals,
        verdicts,
        problems: reports
            .iter()
            .map(|r| ProblemLine {
                problem: r.problem.clone(),
                status: r.status,
                passed: r.passed,
                total: r.total,
                reason: r.reason.clone(),
                cached: r.cached,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::qverify::TestResult;
    use std::path::PathBuf;

    fn report(name: &str, status: Status, verdicts: &[Verdict], cached: bool) -> ProblemReport {
        ProblemReport {
            problem: name.into(),
            status,
            reason: None,
            passed: verdicts.iter().filter(|v| **v == Verdict::Pass).count(),
            total: verdicts.len(),
            tests: verdicts
                .iter()
                .enumerate()
                .map(|(i, v)| TestResult::new(i + 1, *v, None))
                .collect(),
            python: None,
            engine: engine(),
            limits: LimitsReport {
                timeout_ms: 1000,
                memory_bytes: None,
            },
            fallback: verdicts.contains(&Verdict::Timeout),
            processes: 1,
            cache_key: String::new(),
            cached,
        }
    }

    fn engine() -> Engine {
        Engine {
            path: PathBuf::from("/q"),
            name: "q".into(),
            version: "4.1".into(),
            fingerprint: "0".into(),
        }
    }

    #[test]
    fn totals_and_verdict_counts() {
        use Verdict::*;
        let reports = vec![
            report("a", Status::Valid, &[Pass, Pass], false),
            report("b", Status::Invalid, &[Pass, Timeout, QError], true),
            report("c", Status::Skipped, &[], false),
            report("d", Status::Error, &[WrongAnswer], false),
        ];
        let s = summarize(
            &engine(),
            LimitsReport {
                timeout_ms: 1000,
                memory_bytes: None,
            },
            true,
            None,
            &reports,
        );
        assert_eq!(
            s.totals,
            Totals {
                problems: 4,
                valid: 1,
                invalid: 1,
                error: 1,
                skipped: 1,
                cached: 1,
                tests: 6,
                tests_passed: 3,
                fallback: 1,
                processes: 3,
            }
        );
        let v = serde_json::to_value(&s.verdicts).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"pass": 3, "wrong_answer": 1, "q_error": 1, "timeout": 1,
                               "memory": 0, "crash": 0, "no_output": 0})
        );
        assert_eq!(s.problems[1].problem, "b");
        assert!(s.problems[1].cached);
    }
}
