//! validate-dataset: checks every record of a dataset against the record rules,
//! computes dataset metrics and near-duplicates, prints a summary on stderr, writes
//! the full JSON report with `--report`, and exits 0 (passed), 1 (a rule or threshold
//! failed) or 2 (the input could not be read).

use crate::error::{Error, Outcome};
use crate::ui::{CommonArgs, Ui};
use crate::validate::record::FieldSpec;
use crate::validate::rules::{RuleConfig, Severity};
use crate::validate::source::{self, FieldPath, Format};
use crate::validate::{templates, validate, LabelSource, NearSettings, Settings, Thresholds};
use clap::Parser;
use std::path::{Path, PathBuf};

/// Validate a dataset: record rules, dataset metrics, near-duplicates.
///
/// Reads an intent dataset (JSON with metadata and examples, or JSONL with an optional
/// FILE.meta.json sidecar) or an external dataset (JSON array or object, JSONL, CSV)
/// whose fields are named with --text-field / --label-field. Exit codes: 0 passed,
/// 1 a rule or threshold failed, 2 the input could not be read.
#[derive(Debug, Clone, Parser)]
#[command(name = "validate-dataset", version)]
pub struct Args {
    /// The dataset to validate (`-` for stdin)
    pub path: PathBuf,

    /// Input layout; auto decides from the extension, then from the content
    #[arg(long, value_enum, default_value = "auto")]
    pub format: Format,

    /// The list of records inside a JSON object: a key (`train`) or a JSON pointer
    /// (`/data/train`); default `examples`
    #[arg(long, value_name = "KEY|/POINTER")]
    pub records: Option<String>,

    /// Field holding the text: a key, a position in [text, label] items (`0`), a CSV
    /// column name or number, or a JSON pointer (`/input/text`). Default `text`; giving
    /// it (or --label-field, --records, or a CSV file) validates as an external dataset
    #[arg(long, value_name = "FIELD")]
    pub text_field: Option<String>,

    /// Field holding the label (same forms as --text-field). Default `intent` for
    /// intent datasets, `label` (optional) for external ones
    #[arg(long, value_name = "FIELD")]
    pub label_field: Option<String>,

    /// Allowed labels, comma-separated (default: the intent dataset's metadata, else
    /// the ten intents; any label for external data)
    #[arg(long, value_delimiter = ',', value_name = "L1,L2,...")]
    pub labels: Option<Vec<String>>,

    /// Keywords per label for keyword alignment, a JSON object {label: [keywords]}
    /// (intent datasets use templates/intents/<intent>.json "keywords")
    #[arg(long, value_name = "FILE")]
    pub keywords: Option<PathBuf>,

    /// Skip keyword alignment
    #[arg(long)]
    pub no_keywords: bool,

    /// Shortest allowed text, in characters (trimmed)
    #[arg(long, default_value_t = 3)]
    pub min_chars: usize,

    /// Longest allowed text, in characters (trimmed)
    #[arg(long, default_value_t = 1000)]
    pub max_chars: usize,

    /// Lowest allowed confidence (when a record has one)
    #[arg(long, default_value_t = 0.3)]
    pub min_confidence: f64,

    /// Highest allowed confidence (when a record has one)
    #[arg(long, default_value_t = 0.99)]
    pub max_confidence: f64,

    /// Lowest unique-word ratio (warning), for texts of at least 8 words
    #[arg(long, default_value_t = 0.4)]
    pub min_word_ratio: f64,

    /// Most times one word (stopwords aside) may occur in a text (warning)
    #[arg(long, default_value_t = 8)]
    pub max_word_repeats: usize,

    /// Fail when distinct-3 (the uniqueness score) is below this
    #[arg(long, value_name = "F")]
    pub min_uniqueness: Option<f64>,

    /// Fail when the exact-duplicate rate is above this (0..1)
    #[arg(long, value_name = "F")]
    pub max_duplicate_rate: Option<f64>,

    /// Fail when the near-duplicate rate is above this (0..1)
    #[arg(long, value_name = "F")]
    pub max_near_duplicate_rate: Option<f64>,

    /// Fail when the largest label count over the smallest is above this
    #[arg(long, value_name = "RATIO")]
    pub max_imbalance: Option<f64>,

    /// Share of records allowed to have errors before the run fails (0..1)
    #[arg(long, default_value_t = 0.0, value_name = "F")]
    pub max_invalid_rate: f64,

    /// Warnings fail the run too
    #[arg(long)]
    pub strict: bool,

    /// Jaccard similarity at or above which two records are near duplicates
    #[arg(long, default_value_t = 0.8, value_name = "J")]
    pub near_threshold: f64,

    /// Words per shingle for near-duplicate search
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub shingle_words: usize,

    /// Skip the near-duplicate search
    #[arg(long)]
    pub no_near_duplicates: bool,

    /// Memory for the duplicate searches (sort buffers, shingle-set blocks), in MiB;
    /// past it they sort through temporary files, so memory stays flat in the records
    #[arg(long, default_value_t = 64, value_name = "MIB")]
    pub near_memory: usize,

    /// Write the full JSON report here (atomically)
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// Findings kept in the report
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub max_report_issues: usize,

    /// Findings printed on stderr (all with -v)
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub show_issues: usize,

    /// Duplicate groups and clusters listed in the report
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub max_clusters: usize,

    /// Worker threads (default: every core)
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,

    #[command(flatten)]
    pub common: CommonArgs,
}

impl Args {
    /// Every option at its default, for `path` (what `gen-intents --validate-only` uses).
    pub fn for_path(path: PathBuf) -> Args {
        Args::parse_from([
            std::ffi::OsString::from("validate-dataset"),
            path.into_os_string(),
        ])
    }
}

/// The JSONL sidecar: `FILE.meta.json`, or `STEM.meta.json` beside it.
fn sidecar(path: &Path) -> Option<PathBuf> {
    if path.as_os_str() == "-" {
        return None;
    }
    let mut with = path.as_os_str().to_os_string();
    with.push(".meta.json");
    let a = PathBuf::from(with);
    if a.is_file() {
        return Some(a);
    }
    let b = path.with_extension("meta.json");
    b.is_file().then_some(b)
}

fn check_args(a: &Args) -> Result<(), Error> {
    let unit = |name: &str, v: f64| {
        if (0.0..=1.0).contains(&v) {
            Ok(())
        } else {
            Err(Error::usage(format!(
                "--{name} must be between 0 and 1, not {v}"
            )))
        }
    };
    unit("near-threshold", a.near_threshold)?;
    unit("max-invalid-rate", a.max_invalid_rate)?;
    for (n, v) in [
        ("min-uniqueness", a.min_uniqueness),
        ("max-duplicate-rate", a.max_duplicate_rate),
        ("max-near-duplicate-rate", a.max_near_duplicate_rate),
    ] {
        if let Some(v) = v {
            unit(n, v)?;
        }
    }
    if a.min_chars > a.max_chars {
        return Err(Error::usage("--min-chars is above --max-chars"));
    }
    if a.min_confidence > a.max_confidence {
        return Err(Error::usage("--min-confidence is above --max-confidence"));
    }
    if a.shingle_words == 0 {
        return Err(Error::usage("--shingle-words must be at least 1"));
    }
    if a.no_near_duplicates && a.max_near_duplicate_rate.is_some() {
        return Err(Error::usage(
            "--max-near-duplicate-rate needs the near-duplicate search (drop --no-near-duplicates)",
        ));
    }
    Ok(())
}

/// Runs validate-dataset.
pub fn run(args: &Args, ui: &Ui) -> Result<Outcome, Error> {
    check_args(args)?;
    crate::paths::set_jobs(args.jobs);
    // Standard input is spooled to a temp file: the near-duplicate pass reads twice.
    let spooled = if args.path.as_os_str() == "-" {
        Some(source::spool_stdin()?)
    } else {
        None
    };
    let file = spooled
        .as_ref()
        .map_or_else(|| args.path.clone(), |t| t.path().to_path_buf());
    let records = args.records.as_deref().map(source::records_path);
    let format = source::detect(&file, &args.path, args.format, records.as_deref())?;
    if records.is_some() && format != Format::Json {
        return Err(Error::usage(format!(
            "--records selects a list inside a JSON document, but {} is read as {}",
            crate::error::show_path(&args.path),
            format!("{format:?}").to_lowercase()
        )));
    }
    let external = args.text_field.is_some()
        || args.label_field.is_some()
        || args.records.is_some()
        || matches!(format, Format::Csv | Format::Tsv);
    let fields = FieldSpec {
        text: FieldPath::parse(args.text_field.as_deref().unwrap_or("text")),
        label: Some(FieldPath::parse(
            args.label_field
                .as_deref()
                .unwrap_or(if external { "label" } else { "intent" }),
        )),
        require_label: !external || args.label_field.is_some(),
        intent: !external,
    };
    let metadata = if format == Format::Jsonl {
        match sidecar(&args.path) {
            Some(p) => match crate::io::read_json(&p) {
                Ok(v) => {
                    ui.debug(format!("metadata from {}", p.display()));
                    Some(v)
                }
                Err(e) => {
                    ui.warn(format!("ignoring metadata sidecar: {e}"));
                    None
                }
            },
            None => None,
        }
    } else {
        None
    };
    let labels = match &args.labels {
        Some(l) => LabelSource::Given(
            l.iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        ),
        None if external => LabelSource::Any,
        None => LabelSource::IntentMetadata,
    };
    let tdir = crate::paths::templates_dir();
    let info = templates::load(&tdir);
    for p in &info.problems {
        ui.warn(format!("template skipped: {p}"));
    }
    let (keywords, keywords_source) = if args.no_keywords {
        (None, None)
    } else if let Some(k) = &args.keywords {
        (
            Some(templates::load_keywords_file(k)?),
            Some(k.display().to_string()),
        )
    } else if external {
        (None, None)
    } else if info.keywords.is_empty() {
        ui.debug(format!(
            "keyword alignment off: no keywords in {}",
            tdir.join("intents").display()
        ));
        (None, None)
    } else {
        (
            Some(info.keywords.clone()),
            Some(tdir.join("intents").display().to_string()),
        )
    };
    let rules = RuleConfig {
        min_chars: args.min_chars,
        max_chars: args.max_chars,
        min_confidence: args.min_confidence,
        max_confidence: args.max_confidence,
        labels: None,
        require_label: fields.require_label,
        min_unique_ratio: args.min_word_ratio,
        diversity_min_words: 8,
        max_word_repeats: args.max_word_repeats,
        keywords,
        intent_fields: !external,
    };
    let known_styles = if info.styles.is_empty() {
        templates::DEFAULT_STYLES
            .iter()
            .map(|s| s.to_string())
            .collect()
    } else {
        info.styles.clone()
    };
    let settings = Settings {
        file,
        display: args.path.clone(),
        format,
        records,
        fields,
        rules,
        labels,
        metadata,
        near: (!args.no_near_duplicates).then_some(NearSettings {
            threshold: args.near_threshold,
            shingle_words: args.shingle_words,
        }),
        near_memory_mib: args.near_memory,
        thresholds: Thresholds {
            min_uniqueness: args.min_uniqueness,
            max_duplicate_rate: args.max_duplicate_rate,
            max_near_duplicate_rate: args.max_near_duplicate_rate,
            max_imbalance: args.max_imbalance,
            max_invalid_rate: args.max_invalid_rate,
            strict: args.strict,
        },
        issues_limit: args.max_report_issues,
        clusters_limit: args.max_clusters,
        known_topics: if external { Vec::new() } else { info.topics },
        known_styles,
        keywords_source,
        progress: None,
    };
    let mut settings = settings;
    if let Ok(meta) = std::fs::metadata(&settings.file) {
        let bar = ui.bar(meta.len(), "validating");
        if !bar.is_hidden() {
            settings.progress = Some(bar);
        }
    }
    let report = validate(&settings)?;
    if let Some(bar) = &settings.progress {
        bar.finish_and_clear();
    }
    drop(spooled);

    let shown = if ui.level() >= crate::ui::LogLevel::Debug {
        usize::MAX
    } else {
        args.show_issues
    };
    let name = crate::error::show_path(&args.path);
    for i in report.issues.iter().take(shown) {
        let at = match i.line {
            Some(l) => format!("{name}:{l}: record {}", i.record),
            None => format!("{name}: record {}", i.record),
        };
        let msg = format!("{at}: {} [{}]", i.message, i.rule.id());
        match i.severity {
            Severity::Error => ui.error(msg),
            Severity::Warning => ui.warn(msg),
        }
    }
    let total_findings: u64 = report.rules.values().map(|c| c.count).sum();
    if total_findings > shown.min(report.issues.len()) as u64 {
        ui.info(format!(
            "... {} more findings ({})",
            total_findings - shown.min(report.issues.len()) as u64,
            if args.report.is_some() {
                "see the report"
            } else {
                "write them with --report FILE"
            }
        ));
    }
    ui.info(report.summary());
    if let Some(p) = &args.report {
        crate::io::write_json_atomic(p, &report)?;
        ui.debug(format!("report written to {}", p.display()));
    }
    Ok(if report.passed {
        Outcome::Passed
    } else {
        Outcome::Failed
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn for_path_gives_the_defaults() {
        let a = Args::for_path(PathBuf::from("data/x.json"));
        assert_eq!(a.path, PathBuf::from("data/x.json"));
        assert_eq!(a.format, Format::Auto);
        assert_eq!((a.min_chars, a.max_chars), (3, 1000));
        assert_eq!((a.min_confidence, a.max_confidence), (0.3, 0.99));
        assert_eq!(a.near_threshold, 0.8);
        assert!(a.report.is_none() && a.labels.is_none() && a.min_uniqueness.is_none());
        assert!(check_args(&a).is_ok());
    }

    #[test]
    fn sidecar_names() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("d.jsonl");
        assert_eq!(sidecar(&data), None);
        std::fs::write(dir.path().join("d.meta.json"), "{}").unwrap();
        assert_eq!(sidecar(&data), Some(dir.path().join("d.meta.json")));
        std::fs::write(dir.path().join("d.jsonl.meta.json"), "{}").unwrap();
        assert_eq!(sidecar(&data), Some(dir.path().join("d.jsonl.meta.json")));
        assert_eq!(sidecar(Path::new("-")), None);
    }
}
