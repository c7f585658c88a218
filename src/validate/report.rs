//! The validation report: what `--report FILE` writes as JSON, and the human summary
//! printed on stderr.

use super::metrics::{DistributionReport, LengthReport};
use super::minhash::LshParams;
use super::rules::{Rule, Severity};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub file: String,
    pub format: String,
    /// `intent` (an intent dataset, intent rules) or `external`.
    pub kind: String,
    pub passed: bool,
    pub records: u64,
    pub valid_records: u64,
    pub records_with_errors: u64,
    pub records_with_warnings: u64,
    /// Findings per rule.
    pub rules: BTreeMap<String, RuleCount>,
    /// Findings, in record order (at most `issues_limit`).
    pub issues: Vec<ReportedIssue>,
    pub issues_limit: usize,
    pub issues_truncated: bool,
    pub metrics: Metrics,
    pub thresholds: Vec<ThresholdCheck>,
    /// Why the run failed, one line each (empty when it passed).
    pub failures: Vec<String>,
    /// Allowed labels in force (`null`: any).
    pub allowed_labels: Option<Vec<String>>,
    /// Where the allowed labels came from: `metadata`, `--labels`, `default`, `none`.
    pub labels_source: String,
    /// Whether keyword alignment ran, and with which file(s).
    pub keywords: Option<String>,
    pub elapsed_seconds: f64,
}

/// Count of one rule's findings.
#[derive(Debug, Clone, Serialize)]
pub struct RuleCount {
    pub severity: Severity,
    pub count: u64,
}

/// One finding about one record.
#[derive(Debug, Clone, Serialize)]
pub struct ReportedIssue {
    /// 0-based record index.
    pub record: u64,
    /// 1-based line, for line-based formats.
    pub line: Option<u64>,
    pub severity: Severity,
    pub rule: Rule,
    pub message: String,
}

/// Dataset metrics.
#[derive(Debug, Clone, Serialize)]
pub struct Metrics {
    /// Records that have a text (the base of the text metrics).
    pub texts: u64,
    pub distinct_1: f64,
    pub distinct_2: f64,
    pub distinct_3: f64,
    /// = distinct_3.
    pub uniqueness_score: f64,
    /// False when an order passed the exact limit and was estimated by HyperLogLog.
    pub distinct_exact: bool,
    /// Observed (intent, topic) pairs over those the templates list; `null` when no
    /// topic list is known.
    pub topic_coverage: Option<f64>,
    /// Distinct topic values seen.
    pub topics_seen: usize,
    /// (intent, topic) pairs the templates list, and how many of them occur.
    pub topics_known: usize,
    pub topic_pairs_covered: usize,
    /// Evenness of the style distribution over the known styles.
    pub style_variety: f64,
    pub labels: DistributionReport,
    pub audience: DistributionReport,
    pub complexity: DistributionReport,
    pub styles: DistributionReport,
    pub length_chars: LengthReport,
    pub exact_duplicates: ExactDuplicates,
    pub near_duplicates: Option<NearDuplicates>,
}

/// Exact duplicates after NFKC, lowercase and whitespace collapsing.
#[derive(Debug, Clone, Serialize)]
pub struct ExactDuplicates {
    /// Records whose normalised text occurred before, over texts.
    pub rate: f64,
    pub records: u64,
    /// Groups of records with the same normalised text (at most `groups_limit`).
    pub groups: Vec<Vec<u64>>,
    pub groups_total: u64,
}

/// Near duplicates by MinHash LSH, confirmed by exact Jaccard.
#[derive(Debug, Clone, Serialize)]
pub struct NearDuplicates {
    pub threshold: f64,
    pub shingle_words: usize,
    pub lsh: LshParams,
    /// Probability that a pair exactly at the threshold becomes a candidate.
    pub recall_at_threshold: f64,
    pub candidate_pairs: u64,
    /// Whether the duplicate-search state (band keys, duplicate keys, candidate pairs)
    /// outgrew the `--near-memory` budget and was sorted through temporary files.
    pub spilled: bool,
    /// Blocks of shingle sets the candidates were confirmed in (1: all in memory at once).
    pub set_blocks: usize,
    /// Wall time spent finding candidate pairs, and confirming them.
    pub pairs_seconds: f64,
    pub confirm_seconds: f64,
    pub confirmed_pairs: u64,
    /// Records in a cluster beyond its first, over texts (exact duplicates included).
    pub rate: f64,
    pub records: u64,
    pub clusters_total: u64,
    /// The clusters (at most `clusters_limit`), largest first.
    pub clusters: Vec<Cluster>,
}

/// A set of records linked by confirmed pairs (Jaccard ≥ threshold).
#[derive(Debug, Clone, Serialize)]
pub struct Cluster {
    pub records: Vec<u64>,
    /// Lowest and highest exact Jaccard over the cluster's confirmed pairs.
    pub min_jaccard: f64,
    pub max_jaccard: f64,
}

/// One threshold and whether it held.
#[derive(Debug, Clone, Serialize)]
pub struct ThresholdCheck {
    pub name: String,
    pub limit: f64,
    pub value: Option<f64>,
    pub passed: bool,
}

fn pct(x: f64) -> String {
    format!("{:.2}%", 100.0 * x)
}

impl Report {
    /// The human summary (several lines, for stderr).
    pub fn summary(&self) -> String {
        let m = &self.metrics;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} ({}, {} dataset): {} records, {} valid, {} with errors, {} with warnings",
            self.file,
            self.format,
            self.kind,
            self.records,
            self.valid_records,
            self.records_with_errors,
            self.records_with_warnings
        );
        let fired: Vec<String> = self
            .rules
            .iter()
            .filter(|(_, c)| c.count > 0)
            .map(|(r, c)| format!("{r} {}", c.count))
            .collect();
        if !fired.is_empty() {
            let _ = writeln!(s, "  rules: {}", fired.join(", "));
        }
        let _ = writeln!(
            s,
            "  distinct-1/2/3: {:.3} / {:.3} / {:.3} (uniqueness {:.3})",
            m.distinct_1, m.distinct_2, m.distinct_3, m.uniqueness_score
        );
        let _ = writeln!(
            s,
            "  exact duplicates: {} ({} records)",
            pct(m.exact_duplicates.rate),
            m.exact_duplicates.records
        );
        match &m.near_duplicates {
            Some(n) => {
                let _ = writeln!(
                    s,
                    "  near duplicates (jaccard >= {}): {} ({} records in {} clusters; {} of {} candidate pairs confirmed)",
                    n.threshold,
                    pct(n.rate),
                    n.records,
                    n.clusters_total,
                    n.confirmed_pairs,
                    n.candidate_pairs
                );
            }
            None => {
                let _ = writeln!(s, "  near duplicates: not checked");
            }
        }
        let dist = |d: &DistributionReport| -> String {
            if d.counts.is_empty() {
                return "none".into();
            }
            let mut parts: Vec<String> = d.counts.iter().map(|(k, v)| format!("{k} {v}")).collect();
            if parts.len() > 12 {
                let n = parts.len();
                parts.truncate(12);
                parts.push(format!("... {} more", n - 12));
            }
            let imb = match d.imbalance_ratio {
                Some(r) => format!("imbalance {r:.2}"),
                None if !d.absent.is_empty() => format!("absent: {}", d.absent.join(", ")),
                None => "imbalance n/a".into(),
            };
            format!("{} ({imb})", parts.join(", "))
        };
        let _ = writeln!(s, "  labels: {}", dist(&m.labels));
        if !m.audience.counts.is_empty() {
            let _ = writeln!(s, "  audience: {}", dist(&m.audience));
        }
        if !m.complexity.counts.is_empty() {
            let _ = writeln!(s, "  complexity: {}", dist(&m.complexity));
        }
        if !m.styles.counts.is_empty() {
            let _ = writeln!(s, "  style variety: {:.3}", m.style_variety);
        }
        if let Some(tc) = m.topic_coverage {
            let _ = writeln!(
                s,
                "  topic coverage: {:.3} ({} of {} intent-topic pairs)",
                tc, m.topic_pairs_covered, m.topics_known
            );
        } else if m.topics_seen > 0 {
            let _ = writeln!(
                s,
                "  topics: {} seen (coverage unknown: the templates list no topics)",
                m.topics_seen
            );
        }
        let l = &m.length_chars;
        let _ = writeln!(
            s,
            "  length (chars): min {} mean {:.1} max {}",
            l.min, l.mean, l.max
        );
        for t in &self.thresholds {
            let _ = writeln!(
                s,
                "  threshold {} {}: {} ({})",
                t.name,
                t.limit,
                t.value.map_or("n/a".to_string(), |v| format!("{v:.4}")),
                if t.passed { "ok" } else { "FAILED" }
            );
        }
        let verdict = if self.passed { "passed" } else { "FAILED" };
        let _ = write!(s, "{verdict}");
        if !self.failures.is_empty() {
            let _ = write!(s, ": {}", self.failures.join("; "));
        }
        let _ = write!(
            s,
            " ({:.2}s, {:.0} records/s)",
            self.elapsed_seconds,
            self.records as f64 / self.elapsed_seconds.max(1e-9)
        );
        s
    }
}
