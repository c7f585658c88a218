//! gen-intents: synthetic intent-classification data from editable templates.
//!
//! Usage: gen-intents [--examples-per-intent N] [--edge-cases N] [--output PATH|-]
//!                    [--format json|jsonl] [--seed N] [--test] [--templates DIR] [--jobs N]

use crate::error::{Error, Outcome};
use crate::intents::dataset::{self, Format};
use crate::intents::edge::{edge_example, EdgeData, EDGE_TYPES};
use crate::intents::emit::RecordWriter;
use crate::intents::generate::{template_example_with, KeywordMatchers};
use crate::intents::sketch::NgramSketch;
use crate::intents::stats::Facts;
use crate::intents::templates::{self, TemplateSet};
use crate::intents::{Example, AUDIENCES, COMPLEXITIES, INTENTS};
use crate::seed::domain_rng;
use crate::ui::{CommonArgs, Ui};
use clap::{Parser, ValueEnum};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The seed used when --seed is not given.
pub const DEFAULT_SEED: u64 = 42;

/// Output format of the dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// One JSON object {"metadata", "examples"}
    Json,
    /// One example per line, metadata in the sidecar FILE.meta.json
    Jsonl,
}

/// Generate a synthetic intent-classification dataset from the templates in
/// templates/intents/ (editable without a rebuild): template examples for each of the
/// 10 intents plus edge cases (ambiguous, typos, extreme lengths, other languages,
/// code-switching, caps, punctuation, emoji, whitespace). The same seed and options
/// give the same examples whatever --jobs is; with SOURCE_DATE_EPOCH set, the same
/// bytes.
#[derive(Debug, Clone, Parser)]
#[command(name = "gen-intents", version)]
pub struct Args {
    /// Template examples per intent [default: 1000; 10 with --test]
    #[arg(long, value_name = "N")]
    pub examples_per_intent: Option<u64>,
    /// Edge cases in total [default: 2000; 20 with --test]
    #[arg(long, value_name = "N")]
    pub edge_cases: Option<u64>,
    /// Where to write the dataset; `-` writes to stdout
    #[arg(short, long, value_name = "PATH", default_value = "training_data.json")]
    pub output: PathBuf,
    /// json: one object with metadata and examples; jsonl: one example per line, for
    /// large runs (streams in flat memory), with the metadata in PATH.meta.json
    #[arg(long, value_enum, default_value = "json")]
    pub format: FormatArg,
    /// Seed for every random choice (0 is a valid seed)
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Small batch for a quick look: 10 examples per intent and 20 edge cases
    #[arg(long)]
    pub test: bool,
    /// Folder with the intent templates [default: templates/intents of the install]
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Folder with the edge-case data (phrases, keyboard map, emoji) [default: data/intents]
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Worker threads (default: every core); the output does not depend on it
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Generate nothing: validate an existing dataset with validate-dataset's default
    /// settings (the same code) and exit 0 (passed), 1 (failed) or 2 (unreadable)
    #[arg(long, value_name = "PATH", conflicts_with_all = ["examples_per_intent", "edge_cases", "test", "format"])]
    pub validate_only: Option<PathBuf>,
    #[command(flatten)]
    pub enrich: crate::llm::intents::EnrichArgs,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Everything generation needs besides the index: templates, edge data, seed.
pub struct Generator {
    pub set: TemplateSet,
    pub data: EdgeData,
    pub seed: u64,
    pub per_intent: u64,
    pub edge_cases: u64,
    /// The keyword test of every intent, compiled once.
    pub keywords: KeywordMatchers,
    /// Writes template examples straight into their JSON records.
    pub records: RecordWriter,
}

impl Generator {
    /// Loads templates from `templates` and edge data from `data`.
    pub fn load(
        templates_dir: &Path,
        data_dir: &Path,
        seed: u64,
        per_intent: u64,
        edge_cases: u64,
    ) -> Result<Self, Error> {
        let mut set = templates::load(templates_dir)?;
        let data = EdgeData::load(data_dir, &mut set)?;
        let keywords = KeywordMatchers::new(&set);
        let records = RecordWriter::new(&set, &keywords);
        Ok(Generator {
            keywords,
            records,
            set,
            data,
            seed,
            per_intent,
            edge_cases,
        })
    }

    /// Number of examples: template examples of all intents, then edge cases.
    pub fn total(&self) -> u64 {
        self.per_intent * INTENTS.len() as u64 + self.edge_cases
    }

    /// The seed of regeneration attempt `attempt` (0: the run's seed).
    fn attempt_seed(&self, attempt: u32) -> u64 {
        self.seed ^ u64::from(attempt).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }

    /// Example `index` (template examples interleave the intents; edge cases follow);
    /// `attempt` > 0 regenerates it from another stream after a duplicate.
    pub fn example(&self, index: u64, attempt: u32) -> Example {
        let templates = self.per_intent * INTENTS.len() as u64;
        let (domain, i) = if index < templates {
            ("intent", index)
        } else {
            ("edge", index - templates)
        };
        let mut rng = domain_rng(self.attempt_seed(attempt), domain, i);
        if index < templates {
            let intent = (i % INTENTS.len() as u64) as usize;
            template_example_with(&self.set, &self.keywords, intent, &mut rng)
        } else {
            edge_example(&self.set, &self.data, i, &mut rng)
        }
    }
}

/// The examples of a run as the writer's source: template examples written straight
/// into their records, everything else (edge cases, model examples) built by `make`.
struct RunSource<'a> {
    generator: &'a Generator,
    make: &'a (dyn Fn(u64, u32) -> Example + Sync),
}

impl dataset::Source for RunSource<'_> {
    fn labels(&self) -> Vec<std::sync::Arc<str>> {
        self.generator.records.labels()
    }

    fn emit(
        &self,
        index: u64,
        attempt: u32,
        generated_at: &str,
        out: &mut Vec<u8>,
        sketch: &mut NgramSketch,
        text: Option<&mut String>,
    ) -> Facts {
        let g = self.generator;
        if index >= g.per_intent * INTENTS.len() as u64 {
            let rest = dataset::Examples(self.make);
            return dataset::Source::emit(&rest, index, attempt, generated_at, out, sketch, text);
        }
        let mut rng = domain_rng(g.attempt_seed(attempt), "intent", index);
        let intent = (index % INTENTS.len() as u64) as usize;
        g.records.emit(
            &g.set,
            &g.keywords,
            intent,
            &mut rng,
            generated_at,
            out,
            sketch,
            text,
        )
    }
}

/// The run's timestamp: SOURCE_DATE_EPOCH when set (reproducible builds), else now.
fn generated_at() -> Result<String, Error> {
    let secs = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v.trim().parse::<u64>().map_err(|_| {
            Error::usage(format!(
                "SOURCE_DATE_EPOCH=\"{v}\" is not a number of seconds"
            ))
        })?,
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0),
    };
    Ok(dataset::rfc3339(secs))
}

/// Names standard output `<stdout>` in messages (the shared plumbing calls `-` stdin).
fn name_stdout(e: Error) -> Error {
    match e {
        Error::Io { path, source } if path.as_os_str() == "-" => Error::Io {
            path: PathBuf::from("<stdout>"),
            source,
        },
        e => e,
    }
}

/// The sidecar path of a JSONL dataset: `FILE.meta.json`.
pub fn meta_path(output: &Path) -> PathBuf {
    let mut s = output.as_os_str().to_os_string();
    s.push(".meta.json");
    PathBuf::from(s)
}

pub fn run(args: &Args, ui: &Ui) -> Result<Outcome, Error> {
    if let Some(path) = &args.validate_only {
        let mut v = crate::commands::validate_dataset::Args::for_path(path.clone());
        v.common = args.common.clone();
        v.jobs = args.jobs;
        return crate::commands::validate_dataset::run(&v, ui);
    }
    generate(args, ui).map_err(name_stdout)
}

fn generate(args: &Args, ui: &Ui) -> Result<Outcome, Error> {
    crate::paths::set_jobs(args.jobs);
    let per_intent = args
        .examples_per_intent
        .unwrap_or(if args.test { 10 } else { 1000 });
    let edge_cases = args.edge_cases.unwrap_or(if args.test { 20 } else { 2000 });
    if per_intent
        .checked_mul(INTENTS.len() as u64)
        .and_then(|n| n.checked_add(edge_cases))
        .is_none_or(|n| n > 1 << 48)
    {
        return Err(Error::usage(
            "--examples-per-intent and --edge-cases ask for more than 2^48 examples",
        ));
    }
    let format = match args.format {
        FormatArg::Json => Format::Json,
        FormatArg::Jsonl => Format::Jsonl,
    };
    let stamp = generated_at()?;
    let templates_dir = args
        .templates
        .clone()
        .unwrap_or_else(|| crate::paths::templates_dir().join("intents"));
    let data_dir = args
        .data
        .clone()
        .unwrap_or_else(|| crate::paths::data_dir().join("intents"));
    let generator = Generator::load(&templates_dir, &data_dir, args.seed, per_intent, edge_cases)?;
    ui.debug(format!(
        "templates from {}, edge data from {}",
        templates_dir.display(),
        data_dir.display()
    ));

    // Model enrichment (--use-openai): examples appended after the template and edge ones.
    let base_total = generator.total();
    let source = crate::llm::intents::Source {
        set: &generator.set,
        make: &|i: u64, attempt: u32| generator.example(i, attempt),
        total: base_total,
        per_intent,
        seed: args.seed,
        test: args.test,
        output: &args.output,
    };
    let enrichment = match crate::llm::intents::enrich(&args.enrich, &source, ui)? {
        crate::llm::intents::Enrich::DryRun => return Ok(Outcome::Passed),
        crate::llm::intents::Enrich::Off => None,
        crate::llm::intents::Enrich::Ready(e) => Some(e),
    };

    let started = Instant::now();
    let total = base_total + enrichment.as_ref().map_or(0, |e| e.len() as u64);
    let bar = ui.bar(total, "gen-intents");
    let make = |i: u64, attempt: u32| match &enrichment {
        Some(e) if i >= base_total => e.example(i - base_total, attempt),
        _ => generator.example(i, attempt),
    };
    let progress = |done: u64| bar.set_position(done);
    let source = RunSource {
        generator: &generator,
        make: &make,
    };

    let mut out = crate::io::AtomicWriter::create(&args.output)?;
    let streamed = match format {
        Format::Jsonl => dataset::stream(
            total,
            &source,
            format,
            &stamp,
            &mut out,
            &args.output,
            &progress,
        )?,
        Format::Json => {
            // The metadata comes first but is known last: spill the items to a temp
            // file beside the output, then write metadata and copy the items.
            let dir = match args.output.parent() {
                Some(d) if !d.as_os_str().is_empty() && args.output.as_os_str() != "-" => {
                    d.to_path_buf()
                }
                _ if args.output.as_os_str() == "-" => std::env::temp_dir(),
                _ => PathBuf::from("."),
            };
            let spill = tempfile::tempfile_in(&dir).map_err(|e| Error::io(&dir, e))?;
            let mut spill = std::io::BufWriter::with_capacity(1 << 16, spill);
            let s = dataset::stream(total, &source, format, &stamp, &mut spill, &dir, &progress)?;
            let mut spill = spill
                .into_inner()
                .map_err(|e| Error::io(&dir, e.into_error()))?;
            use std::io::Seek;
            spill.rewind().map_err(|e| Error::io(&dir, e))?;
            let mut metadata = metadata(args, &generator, &s, &stamp, format);
            if let Some(e) = &enrichment {
                metadata["llm_enrichment"] = e.metadata.clone();
            }
            dataset::write_json_document(
                &mut out,
                &args.output,
                &metadata,
                &mut spill,
                total == 0,
            )?;
            s
        }
    };
    out.commit()?;
    bar.finish_and_clear();
    if format == Format::Jsonl && args.output.as_os_str() != "-" {
        let mut metadata = metadata(args, &generator, &streamed, &stamp, format);
        if let Some(e) = &enrichment {
            metadata["llm_enrichment"] = e.metadata.clone();
        }
        crate::io::write_json_atomic(&meta_path(&args.output), &metadata)?;
    }

    let secs = started.elapsed().as_secs_f64();
    let st = &streamed.stats;
    ui.info(format!(
        "gen-intents: wrote {} examples ({} template, {} edge cases) to {} in {:.2}s ({:.0} examples/s)",
        st.total,
        per_intent * INTENTS.len() as u64,
        edge_cases,
        crate::error::show_path(&args.output).replace("<stdin>", "<stdout>"),
        secs,
        st.total as f64 / secs.max(1e-9)
    ));
    ui.info(format!(
        "gen-intents: uniqueness (distinct-3) {:.4}, duplicates replaced {}, kept {}",
        st.distinct(3),
        streamed.replaced,
        streamed.kept_duplicates
    ));
    if streamed.kept_duplicates > 0 {
        ui.warn(format!(
            "{} exact duplicate texts remain (the templates are too small for this many examples)",
            streamed.kept_duplicates
        ));
    }
    Ok(Outcome::Passed)
}

/// The dataset's metadata object (DESIGN.md "Intent dataset").
fn metadata(
    args: &Args,
    g: &Generator,
    s: &dataset::Streamed,
    stamp: &str,
    format: Format,
) -> Value {
    let st = &s.stats;
    let topics_defined: usize = g.set.intents.iter().map(|i| i.topics.len()).sum();
    let styles: Vec<&str> = g.set.styles.iter().map(|s| &*s.name).collect();
    json!({
        "generated_at": stamp,
        "total_examples": st.total,
        "config": {
            "generator": concat!("dsforge gen-intents ", env!("CARGO_PKG_VERSION")),
            "examples_per_intent": g.per_intent,
            "edge_cases": g.edge_cases,
            "seed": g.seed,
            "format": if format == Format::Json { "json" } else { "jsonl" },
            "test": args.test,
            "intents": INTENTS,
            "audiences": AUDIENCES,
            "complexities": COMPLEXITIES,
            "styles": styles,
            "edge_case_types": EDGE_TYPES,
            "templates_fingerprint": format!("{:016x}", g.set.fingerprint),
            "keywords": g.set.intents.iter().map(|i| (i.intent.to_string(), json!(i.keywords))).collect::<serde_json::Map<_, _>>(),
        },
        "statistics": st.statistics(),
        "edge_case_statistics": st.edge_types(),
        "diversity_metrics": st.diversity(topics_defined, styles.len()),
        "metrics_method": {
            "distinct_n": st.distinct_method(),
            "duplicates": format!(
                "exact duplicates (lowercased, whitespace collapsed) replaced by regenerating, among the first {} texts: {} replaced, {} kept",
                dataset::DEDUP_CAP, s.replaced, s.kept_duplicates
            ),
            "topic_coverage": "share of the (intent, topic) pairs defined in the templates that occur in template examples",
            "style_variety": "Shannon entropy of the style distribution divided by ln(number of styles)",
        },
    })
}
