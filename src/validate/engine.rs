//! The validation run: pass 1 streams every record through the rules and the metric
//! accumulators (workers in parallel, one batch at a time, while the previous batch is
//! being counted). Nothing keeps a record's text: per record the exact-duplicate key,
//! the LSH band keys and the shingle set survive the batch, and they go to external
//! sorters and a temporary set file ([`super::spill`], [`super::near`]) whose memory is
//! capped by `--near-memory`, so memory stays flat however many records there are.

use super::metrics::{BatchGrams, DistinctCounter, Distribution, LengthStats};
use super::minhash::{LshParams, MinHasher};
use super::near::{Bits, Budget, NearInput, SetWriter};
use super::record::{extract, FieldSpec, Header};
use super::report::{
    ExactDuplicates, Metrics, NearDuplicates, Report, ReportedIssue, RuleCount, ThresholdCheck,
};
use super::rules::{self, Issue, Rule, RuleConfig, Severity};
use super::source::{self, Format, Msg, RawRecord, SourceSpec};
use super::spill::SpillSorter;
use super::text;
use crate::error::Error;
use rayon::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

/// Near-duplicate settings.
#[derive(Debug, Clone, Copy)]
pub struct NearSettings {
    /// Jaccard similarity at or above which two records are near duplicates.
    pub threshold: f64,
    /// Words per shingle.
    pub shingle_words: usize,
}

/// Dataset-level limits; `None` is not checked.
#[derive(Debug, Clone, Default)]
pub struct Thresholds {
    pub min_uniqueness: Option<f64>,
    pub max_duplicate_rate: Option<f64>,
    pub max_near_duplicate_rate: Option<f64>,
    pub max_imbalance: Option<f64>,
    /// Share of records with errors allowed (0 by default: any error fails).
    pub max_invalid_rate: f64,
    /// Warnings fail too.
    pub strict: bool,
}

/// Where the allowed labels come from.
#[derive(Debug, Clone, PartialEq)]
pub enum LabelSource {
    /// `--labels`.
    Given(Vec<String>),
    /// The dataset's metadata, else the ten intents.
    IntentMetadata,
    /// Any label.
    Any,
}

/// Everything a run needs.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The file read (a spooled copy of stdin for `-`).
    pub file: PathBuf,
    /// The name in messages.
    pub display: PathBuf,
    pub format: Format,
    pub records: Option<Vec<String>>,
    pub fields: FieldSpec,
    pub rules: RuleConfig,
    pub labels: LabelSource,
    /// Metadata known before reading (a JSONL sidecar).
    pub metadata: Option<Value>,
    pub near: Option<NearSettings>,
    /// Memory for the duplicate searches' state (sort buffers, shingle-set blocks), in
    /// MiB; past it the state is sorted through temporary files.
    pub near_memory_mib: usize,
    pub thresholds: Thresholds,
    /// Findings kept in the report.
    pub issues_limit: usize,
    /// Duplicate groups and clusters kept in the report.
    pub clusters_limit: usize,
    /// (intent, topic) pairs the templates list.
    pub known_topics: Vec<(String, String)>,
    /// Styles the templates list (or the default set).
    pub known_styles: Vec<String>,
    /// Description of the keyword source, for the report.
    pub keywords_source: Option<String>,
    /// A progress bar over the input's bytes (only when one is drawn).
    pub progress: Option<indicatif::ProgressBar>,
}

/// Labels an intent dataset's metadata declares: `config.intents`, `config.labels`,
/// or the keys of `statistics.per_intent` / `statistics.intents` / `statistics`.
pub fn metadata_labels(meta: &Value) -> Option<Vec<String>> {
    let list = |v: Option<&Value>| -> Option<Vec<String>> {
        let a = v?.as_array()?;
        let out: Vec<String> = a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect();
        (!out.is_empty() && out.len() == a.len()).then_some(out)
    };
    let keys = |v: Option<&Value>| -> Option<Vec<String>> {
        let o = v?.as_object()?;
        let out: Vec<String> = o
            .iter()
            .filter(|(_, v)| v.is_object())
            .map(|(k, _)| k.clone())
            .collect();
        (!out.is_empty()).then_some(out)
    };
    list(meta.pointer("/config/intents"))
        .or_else(|| list(meta.pointer("/config/labels")))
        .or_else(|| keys(meta.pointer("/statistics/per_intent")))
        .or_else(|| keys(meta.pointer("/statistics/intents")))
        .filter(|l| l.iter().all(|x| !x.is_empty()))
}

/// One record after the workers: its findings and the compact values the metrics need.
struct Checked {
    index: u64,
    line: Option<u64>,
    issues: Vec<Issue>,
    label: Option<String>,
    audience: Option<String>,
    complexity: Option<String>,
    style: Option<String>,
    topic: Option<String>,
    /// Characters of the trimmed text; `None` without a text.
    chars: Option<usize>,
    tokens: Vec<u64>,
    exact: u64,
    keys: Vec<u32>,
    /// The shingle set (32-bit hashes), for the confirmation.
    set: Vec<u32>,
}

thread_local! {
    /// Per worker thread: the word hashes and the MinHash signature of the record at
    /// hand, reused from record to record.
    static SCRATCH: std::cell::RefCell<(Vec<u64>, Vec<u32>, Vec<u64>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new(), Vec::new())) };
}

struct Worker<'a> {
    fields: &'a FieldSpec,
    rules: &'a RuleConfig,
    header: Option<&'a Header>,
    hasher: Option<&'a MinHasher>,
    shingle_words: usize,
    keywords: Option<&'a rules::KeywordMatchers>,
}

impl Worker<'_> {
    fn check(&self, raw: RawRecord) -> Checked {
        let mut issues = Vec::new();
        let f = extract(raw.body, self.fields, self.header, &mut issues);
        SCRATCH.with(|cell| {
            let mut guard = cell.borrow_mut();
            let (words, sig, rule_words) = &mut *guard;
            let Some(t) = &f.text else {
                rules::check_prepared(&f, self.rules, self.keywords, &mut issues);
                return self.checked(raw.index, raw.line, issues, f, None);
            };
            let (tokens, exact, set, fast) = text::keys32(t, self.shingle_words, words, rule_words);
            let prepared = fast.then_some(&rule_words[..]);
            rules::check_prepared_words(&f, self.rules, self.keywords, prepared, &mut issues);
            let mut keys = Vec::new();
            let mut kept = Vec::new();
            if let Some(h) = self.hasher {
                if !set.is_empty() {
                    keys.reserve_exact(h.params().bands);
                    h.band_keys32(&set, sig, &mut keys);
                    kept = set;
                }
            }
            let chars = t.trim().chars().count();
            self.checked(
                raw.index,
                raw.line,
                issues,
                f,
                Some((chars, tokens, exact, keys, kept)),
            )
        })
    }

    /// The [`Checked`] record: its fields and, for a record with a text, (characters,
    /// token hashes, exact key, band keys, shingle set).
    fn checked(
        &self,
        index: u64,
        line: Option<u64>,
        issues: Vec<Issue>,
        f: rules::Fields,
        text: Option<(usize, Vec<u64>, u64, Vec<u32>, Vec<u32>)>,
    ) -> Checked {
        let mut c = Checked {
            index,
            line,
            issues,
            label: f.label,
            audience: f.audience,
            complexity: f.complexity,
            style: f.style,
            topic: f.topic,
            chars: None,
            tokens: Vec::new(),
            exact: 0,
            keys: Vec::new(),
            set: Vec::new(),
        };
        if let Some((chars, tokens, exact, keys, set)) = text {
            c.chars = Some(chars);
            c.tokens = tokens;
            c.exact = exact;
            c.keys = keys;
            c.set = set;
        }
        c
    }
}

/// A checked batch and its distinct n-grams.
type Checked2 = (Vec<Checked>, BatchGrams);

/// Everything counted in pass 1.
#[derive(Default)]
struct Totals {
    records: u64,
    with_errors: u64,
    with_warnings: u64,
    rule_counts: BTreeMap<Rule, u64>,
    issues: Vec<ReportedIssue>,
    issues_truncated: bool,
    texts: u64,
    distinct: DistinctCounter,
    labels: Distribution,
    audience: Distribution,
    complexity: Distribution,
    styles: Distribution,
    topics: Distribution,
    intent_topics: super::metrics::FastMap<(String, String), ()>,
    lengths: LengthStats,
    /// (exact-duplicate key, record) of every text.
    exact: Option<SpillSorter<(u64, u32)>>,
    /// (first occurrence, duplicate), by duplicate; filled after pass 1.
    exact_pairs: Vec<(u32, u32)>,
    /// `key << 32 | record` per LSH record, one section per band.
    bands: Option<SpillSorter<u64>>,
    /// The LSH records' shingle sets.
    sets: Option<SetWriter>,
}

impl Totals {
    fn absorb(&mut self, (batch, grams): Checked2, issues_limit: usize) -> std::io::Result<()> {
        self.distinct.add_grams(&grams);
        for c in batch {
            self.records += 1;
            let mut err = false;
            let mut warn = false;
            for i in c.issues {
                *self.rule_counts.entry(i.rule).or_insert(0) += 1;
                match i.rule.severity() {
                    Severity::Error => err = true,
                    Severity::Warning => warn = true,
                }
                if self.issues.len() < issues_limit {
                    self.issues.push(ReportedIssue {
                        record: c.index,
                        line: c.line,
                        severity: i.rule.severity(),
                        rule: i.rule,
                        message: i.message,
                    });
                } else {
                    self.issues_truncated = true;
                }
            }
            self.with_errors += u64::from(err);
            self.with_warnings += u64::from(warn);
            self.labels.add(c.label.as_deref());
            self.audience.add(c.audience.as_deref());
            self.complexity.add(c.complexity.as_deref());
            self.styles.add(c.style.as_deref());
            self.topics.add(c.topic.as_deref());
            if let (Some(l), Some(t)) = (c.label, c.topic) {
                if self.intent_topics.len() < 1_000_000 {
                    self.intent_topics.insert((l, t), ());
                }
            }
            let Some(chars) = c.chars else { continue };
            self.texts += 1;
            self.lengths.add(chars);
            let idx = u32::try_from(c.index).unwrap_or(u32::MAX);
            if let Some(e) = &mut self.exact {
                e.push(0, (c.exact, idx))?;
            }
            if !c.keys.is_empty() && c.index < u64::from(u32::MAX) {
                if let (Some(b), Some(s)) = (&mut self.bands, &mut self.sets) {
                    for (band, &k) in c.keys.iter().enumerate() {
                        b.push(band, (u64::from(k) << 32) | u64::from(idx))?;
                    }
                    s.push(idx, &c.set)?;
                }
            }
        }
        Ok(())
    }

    /// Ends pass 1 for exact duplicates: groups the sorted (key, record) items into
    /// `exact_pairs` and marks every duplicate in the returned bitmap. Returns whether
    /// the keys went to disk.
    fn exact_duplicates(&mut self, budget: Budget) -> std::io::Result<(Bits, bool)> {
        let mut dups = Bits::new(self.records);
        let Some(sorter) = self.exact.take() else {
            return Ok((dups, false));
        };
        let sorted = sorter.finish()?;
        let mut group: Option<(u64, u32)> = None;
        for item in sorted.section(0, budget.merge_buffers())? {
            let (key, idx) = item?;
            match group {
                Some((k, first)) if k == key => {
                    self.exact_pairs.push((first, idx));
                    dups.set(idx);
                }
                _ => group = Some((key, idx)),
            }
        }
        self.exact_pairs.sort_by_key(|p| p.1);
        Ok((dups, sorted.spilled()))
    }
}

/// An error on the temporary files of the duplicate searches.
fn temp_error(e: std::io::Error) -> Error {
    Error::io(std::env::temp_dir(), e)
}

fn apply_metadata(meta: &Value, labels: &LabelSource, rules: &mut RuleConfig) -> bool {
    if *labels == LabelSource::IntentMetadata {
        if let Some(l) = metadata_labels(meta) {
            rules.labels = Some(l.into_iter().collect());
            return true;
        }
    }
    false
}

/// Runs the validation and builds the report. `Err` only when the input cannot be read.
pub fn validate(settings: &Settings) -> Result<Report, Error> {
    let start = Instant::now();
    let mut rules = settings.rules.clone();
    let mut labels_source = match &settings.labels {
        LabelSource::Given(l) => {
            rules.labels = Some(l.iter().cloned().collect());
            "--labels"
        }
        LabelSource::IntentMetadata => {
            rules.labels = Some(
                crate::intents::INTENTS
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            );
            "default"
        }
        LabelSource::Any => {
            rules.labels = None;
            "none"
        }
    };
    if let Some(m) = &settings.metadata {
        if apply_metadata(m, &settings.labels, &mut rules) {
            labels_source = "metadata";
        }
    }
    let near = settings.near.map(|n| {
        let params = LshParams::for_threshold(n.threshold);
        (n, MinHasher::new(params))
    });
    let spec = SourceSpec {
        file: settings.file.clone(),
        display: settings.display.clone(),
        format: settings.format,
        records: settings.records.clone(),
        want: None,
        progress: settings.progress.clone(),
        flat_keys: super::record::plain_keys(&settings.fields),
    };
    let budget = Budget {
        bytes: settings.near_memory_mib.saturating_mul(1 << 20),
    };
    let bands = near.as_ref().map_or(0, |(_, h)| h.params().bands);
    let mut totals = Totals {
        exact: Some(SpillSorter::new(1, budget.exact())),
        bands: near
            .as_ref()
            .map(|_| SpillSorter::new(bands, budget.bands())),
        sets: match near {
            Some(_) => Some(SetWriter::new(budget.block()).map_err(temp_error)?),
            None => None,
        },
        ..Totals::default()
    };
    let matchers = rules.keywords.as_ref().map(rules::KeywordMatchers::new);
    let mut header: Option<Header> = None;
    let mut pending: Option<Checked2> = None;
    let mut batches_seen = false;
    for msg in source::spawn(spec.clone()) {
        match msg {
            Msg::Metadata(m) => {
                if !batches_seen && apply_metadata(&m, &settings.labels, &mut rules) {
                    labels_source = "metadata";
                }
            }
            Msg::Header(names) => {
                let h = Header::new(names);
                check_header(&h, settings)?;
                header = Some(h);
            }
            Msg::Fatal(e) => return Err(e),
            Msg::Batch(batch) => {
                batches_seen = true;
                let worker = Worker {
                    fields: &settings.fields,
                    rules: &rules,
                    header: header.as_ref(),
                    hasher: near.as_ref().map(|(_, h)| h),
                    shingle_words: near.as_ref().map_or(3, |(n, _)| n.shingle_words),
                    keywords: matchers.as_ref(),
                };
                let prev = pending.take();
                let limit = settings.issues_limit;
                let sketched = totals.distinct.sketched();
                let (absorbed, checked) = rayon::join(
                    || match prev {
                        Some(p) => totals.absorb(p, limit),
                        None => Ok(()),
                    },
                    || {
                        let checked = batch
                            .into_par_iter()
                            .with_min_len(64)
                            .map(|r| worker.check(r))
                            .collect::<Vec<_>>();
                        let grams = DistinctCounter::batch_grams_for(
                            checked.iter().map(|c| &c.tokens[..]),
                            sketched,
                        );
                        (checked, grams)
                    },
                );
                absorbed.map_err(temp_error)?;
                pending = Some(checked);
            }
        }
    }
    if let Some(p) = pending.take() {
        totals
            .absorb(p, settings.issues_limit)
            .map_err(temp_error)?;
    }
    if totals.records == 0 {
        return Err(Error::input(&settings.display, None, "no records"));
    }
    // The exact-duplicate merge and the last sorted run of the band keys (and the end
    // of the set file) are independent: one core each.
    let (bands, sets) = (totals.bands.take(), totals.sets.take());
    let (exact_done, (bands, sets)) = rayon::join(
        || totals.exact_duplicates(budget),
        || (bands.map(SpillSorter::finish), sets.map(SetWriter::finish)),
    );
    let (duplicates, exact_spilled) = exact_done.map_err(temp_error)?;
    let near_report = match (&near, bands, sets) {
        (Some((n, h)), Some(bands), Some(sets)) => {
            let bands = bands.map_err(temp_error)?;
            let spilled = exact_spilled || bands.spilled();
            Some(
                super::near::near_duplicates(
                    NearInput {
                        bands,
                        sets: sets.map_err(temp_error)?,
                        duplicates,
                        records: totals.records,
                        texts: totals.texts,
                        spilled,
                    },
                    &totals.exact_pairs,
                    *n,
                    h.params(),
                    budget,
                    settings.clusters_limit,
                )
                .map_err(temp_error)?,
            )
        }
        _ => None,
    };
    let exact = exact_report(&totals, settings.clusters_limit);
    Ok(build_report(
        settings,
        &rules,
        labels_source,
        totals,
        exact,
        near_report,
        start,
    ))
}

fn check_header(h: &Header, settings: &Settings) -> Result<(), Error> {
    let mut need = vec![&settings.fields.text];
    if settings.fields.require_label {
        if let Some(l) = &settings.fields.label {
            need.push(l);
        }
    }
    for path in need {
        if h.column(path).is_none() {
            return Err(Error::input(
                &settings.display,
                Some(1),
                format!(
                    "no column \"{}\" in the header (columns: {}); choose with --text-field / --label-field",
                    path.show(),
                    h.names.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

fn exact_report(t: &Totals, limit: usize) -> ExactDuplicates {
    let mut groups: BTreeMap<u32, Vec<u64>> = BTreeMap::new();
    for &(first, dup) in &t.exact_pairs {
        groups
            .entry(first)
            .or_insert_with(|| vec![u64::from(first)])
            .push(u64::from(dup));
    }
    let groups_total = groups.len() as u64;
    ExactDuplicates {
        rate: ratio(t.exact_pairs.len() as u64, t.texts),
        records: t.exact_pairs.len() as u64,
        groups: groups.into_values().take(limit).collect(),
        groups_total,
    }
}

/// `a / b`, 0 when `b` is 0.
pub(super) fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn build_report(
    s: &Settings,
    rules: &RuleConfig,
    labels_source: &str,
    t: Totals,
    exact: ExactDuplicates,
    near: Option<NearDuplicates>,
    start: Instant,
) -> Report {
    let mut allowed: Option<Vec<String>> = rules.labels.as_ref().map(|l| {
        let mut v: Vec<String> = l.iter().cloned().collect();
        v.sort();
        v
    });
    if let (Some(a), LabelSource::IntentMetadata) = (&mut allowed, &s.labels) {
        // Keep the canonical intent order when it is the default set.
        let default: Vec<String> = crate::intents::INTENTS
            .iter()
            .map(|x| x.to_string())
            .collect();
        let mut sorted = default.clone();
        sorted.sort();
        if *a == sorted {
            *a = default;
        }
    }
    let to_vec = |x: &[&str]| -> Vec<String> { x.iter().map(|s| s.to_string()).collect() };
    let intent = s.fields.intent;
    let audiences = to_vec(&crate::intents::AUDIENCES);
    let complexities = to_vec(&crate::intents::COMPLEXITIES);
    let known_topics = s.known_topics.len();
    let covered = s
        .known_topics
        .iter()
        .filter(|p| t.intent_topics.contains_key(*p))
        .count();
    let topic_coverage = (known_topics > 0).then(|| covered as f64 / known_topics as f64);
    let mut styles = s.known_styles.clone();
    for v in t.styles.values() {
        if !styles.contains(v) {
            styles.push(v.clone());
        }
    }
    let metrics = Metrics {
        texts: t.texts,
        distinct_1: t.distinct.distinct(1),
        distinct_2: t.distinct.distinct(2),
        distinct_3: t.distinct.distinct(3),
        uniqueness_score: t.distinct.distinct(3),
        distinct_exact: (1..=3).all(|n| t.distinct.is_exact(n)),
        topic_coverage,
        topics_seen: t.topics.distinct(),
        topics_known: known_topics,
        topic_pairs_covered: covered,
        style_variety: t.styles.evenness(styles.len()),
        labels: t.labels.report(allowed.as_deref()),
        audience: t
            .audience
            .report(if intent { Some(&audiences) } else { None }),
        complexity: t
            .complexity
            .report(if intent { Some(&complexities) } else { None }),
        styles: t.styles.report(None),
        length_chars: t.lengths.report(),
        exact_duplicates: exact,
        near_duplicates: near,
    };
    let th = &s.thresholds;
    let mut checks = Vec::new();
    let mut check = |name: &str, limit: Option<f64>, value: Option<f64>, max: bool| {
        if let Some(limit) = limit {
            let passed = match value {
                Some(v) if max => v <= limit,
                Some(v) => v >= limit,
                None => false,
            };
            checks.push(ThresholdCheck {
                name: name.to_string(),
                limit,
                value,
                passed,
            });
        }
    };
    check(
        "min-uniqueness",
        th.min_uniqueness,
        Some(metrics.uniqueness_score),
        false,
    );
    check(
        "max-duplicate-rate",
        th.max_duplicate_rate,
        Some(metrics.exact_duplicates.rate),
        true,
    );
    check(
        "max-near-duplicate-rate",
        th.max_near_duplicate_rate,
        metrics.near_duplicates.as_ref().map(|n| n.rate),
        true,
    );
    check(
        "max-imbalance",
        th.max_imbalance,
        metrics.labels.imbalance_ratio,
        true,
    );
    let mut failures = Vec::new();
    let invalid_rate = ratio(t.with_errors, t.records);
    if invalid_rate > th.max_invalid_rate {
        failures.push(format!(
            "{} of {} records have errors",
            t.with_errors, t.records
        ));
    }
    if th.strict && t.with_warnings > 0 {
        failures.push(format!(
            "{} records have warnings (--strict)",
            t.with_warnings
        ));
    }
    for c in checks.iter().filter(|c| !c.passed) {
        failures.push(format!("{} {} not met", c.name, c.limit));
    }
    let rules_report = Rule::ALL
        .iter()
        .map(|r| {
            (
                r.id().to_string(),
                RuleCount {
                    severity: r.severity(),
                    count: t.rule_counts.get(r).copied().unwrap_or(0),
                },
            )
        })
        .collect();
    Report {
        file: crate::error::show_path(&s.display),
        format: format!("{:?}", s.format).to_lowercase(),
        kind: if intent { "intent" } else { "external" }.into(),
        passed: failures.is_empty(),
        records: t.records,
        valid_records: t.records - t.with_errors,
        records_with_errors: t.with_errors,
        records_with_warnings: t.with_warnings,
        rules: rules_report,
        issues: t.issues,
        issues_limit: s.issues_limit,
        issues_truncated: t.issues_truncated,
        metrics,
        thresholds: checks,
        failures,
        allowed_labels: allowed,
        labels_source: labels_source.to_string(),
        keywords: s.keywords_source.clone(),
        elapsed_seconds: start.elapsed().as_secs_f64(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_from_metadata() {
        let m = serde_json::json!({"config": {"intents": ["a", "b"]}});
        assert_eq!(metadata_labels(&m), Some(vec!["a".into(), "b".into()]));
        let m = serde_json::json!({"statistics": {"per_intent": {"x": {"count": 1}}}});
        assert_eq!(metadata_labels(&m), Some(vec!["x".into()]));
        let m = serde_json::json!({"config": {"intents": [1]}});
        assert_eq!(metadata_labels(&m), None);
    }
}
