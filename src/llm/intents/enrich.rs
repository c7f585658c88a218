//! The enrichment run: from gen-intents' template source to finished model examples.

use super::*;

use crate::intents::templates::TemplateSet;
use crate::intents::{Example, ExampleMeta, Provenance, INTENTS};
use crate::llm::client::{CallError, Client};
use crate::llm::config::Env;
use crate::llm::cost::Pricing;
use crate::llm::json::{chat_parsed, JsonOutcome, Rejects};
use rand::Rng;
use serde_json::json;
use std::sync::Arc;

/// Near-duplicate threshold: word 3-shingle Jaccard at or above this drops a model text.
pub const NEAR_DUP: f64 = 0.8;
/// At most this many template and edge-case texts are indexed for duplicate checks.
pub const DUP_INDEX_CAP: u64 = 200_000;

/// What gen-intents hands the enrichment.
pub struct Source<'a> {
    pub set: &'a TemplateSet,
    /// Template and edge-case example `index` (attempt 0), as gen-intents makes them.
    pub make: &'a (dyn Fn(u64, u32) -> Example + Sync),
    /// Template and edge-case examples in the dataset.
    pub total: u64,
    /// Template examples per intent (they interleave: index % 10 is the intent).
    pub per_intent: u64,
    pub seed: u64,
    pub test: bool,
    pub output: &'a Path,
}

/// What `enrich` decided.
pub enum Enrich {
    /// No --use-openai.
    Off,
    /// --dry-run: the estimate was printed, nothing else to do.
    DryRun,
    /// The model examples to append.
    Ready(Enrichment),
}

/// Finished model examples (plus template fallbacks for what failed), in slot order.
pub struct Enrichment {
    examples: Vec<Example>,
    intents: Vec<usize>,
    seed: u64,
    set_fallback: Arc<TemplateSet>,
    /// The `llm_enrichment` object of the dataset's metadata.
    pub metadata: Value,
}

impl Enrichment {
    /// Slots (model examples and their fallbacks).
    pub fn len(&self) -> usize {
        self.examples.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.examples.is_empty()
    }

    /// Example of slot `k`; `attempt` > 0 (the writer found a duplicate) gives a fresh
    /// template example of the same intent instead.
    pub fn example(&self, k: u64, attempt: u32) -> Example {
        if attempt == 0 {
            return self.examples[k as usize].clone();
        }
        fallback(
            &self.set_fallback,
            self.intents[k as usize],
            self.seed,
            k,
            attempt,
        )
    }
}

/// A template example of `intent` from the enrichment's own stream (for failed slots).
fn fallback(set: &TemplateSet, intent: usize, seed: u64, slot: u64, attempt: u32) -> Example {
    let seed = seed ^ u64::from(attempt).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut rng = crate::seed::domain_rng(seed, "llm-fallback", slot);
    let mut ex = crate::intents::generate::template_example(set, intent, &mut rng);
    ex.metadata.generation_method = "template_fallback".into();
    ex
}

/// Technical level from audience and complexity, as template examples do.
fn level(audience: &str, complexity: &str) -> u8 {
    let base = match audience {
        "child" => 1,
        "beginner" | "general" => 2,
        "intermediate" => 3,
        _ => 4,
    };
    let adj = match complexity {
        "simple" => -1,
        "complex" => 1,
        _ => 0,
    };
    (base + adj).clamp(1, 5) as u8
}

/// The validate-dataset record rules a model example must pass (errors reject it;
/// warnings such as a missing intent keyword are counted).
fn rule_errors(ex: &Example, cfg: &crate::validate::rules::RuleConfig) -> (Vec<String>, usize) {
    use crate::validate::rules::{check, Fields, Severity};
    let fields = Fields {
        text: Some(ex.text.clone()),
        label: Some(ex.intent.to_string()),
        confidence: Some(ex.confidence),
        audience: Some(ex.audience.to_string()),
        complexity: Some(ex.complexity.to_string()),
        technical_level: Some(ex.metadata.technical_level as f64),
        style: Some(ex.metadata.style.to_string()),
        topic: Some(ex.metadata.topic.to_string()),
        edge_case: false,
    };
    let mut issues = Vec::new();
    check(&fields, cfg, &mut issues);
    let errors: Vec<String> = issues
        .iter()
        .filter(|i| i.rule.severity() == Severity::Error)
        .map(|i| format!("{}: {}", i.rule.id(), i.message))
        .collect();
    let warnings = issues.len() - errors.len();
    (errors, warnings)
}

/// `http://user:pass@host/v1` without the user part, for metadata.
fn public_url(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => match rest.split_once('@') {
            Some((_, host)) if !host.contains('/') || rest.find('@') < rest.find('/') => {
                format!("{scheme}://{host}")
            }
            _ => url.to_string(),
        },
        None => url.to_string(),
    }
}

/// Counts of what happened to the model's texts.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    llm: u64,
    paraphrase: u64,
    fallback: u64,
    failed_calls: u64,
    rejected_replies: u64,
    json_retries: u64,
    short: u64,
    extra: u64,
    invalid: u64,
    exact_dups: u64,
    near_dups: u64,
    keyword_warnings: u64,
}

/// Runs the model enrichment of gen-intents: plans the batches, prints the estimate
/// (asks above $1 unless --yes), calls the model through the client, checks, de-duplicates
/// and labels the examples, and fills what failed with template examples.
pub fn enrich(args: &EnrichArgs, src: &Source, ui: &Ui) -> Result<Enrich, Error> {
    if !args.use_openai {
        return Ok(Enrich::Off);
    }
    let config = args.llm.resolve(&Env::from_process()?)?;
    let (yes, dry_run) = (config.yes, config.dry_run);
    let cache_dir = config.cache_dir.clone();
    let pricing = Pricing::shipped()?;
    let client = Client::new(config, &pricing, ui)?;
    let prompts = Prompts::shipped()?;
    let batch_size = args.batch_size as usize;
    let per_intent = args
        .llm_per_intent
        .unwrap_or(if src.test { batch_size as u64 } else { 50 });
    let styles: Vec<String> = src.set.styles.iter().map(|s| s.name.to_string()).collect();
    let mut batches = plan(INTENTS.len(), per_intent, batch_size, &styles, src.seed);
    let mut source_meta: Vec<Vec<(String, String)>> = vec![Vec::new(); batches.len()];
    for b in batches.iter_mut() {
        if b.kind != Kind::Paraphrase {
            continue;
        }
        if src.per_intent == 0 {
            b.kind = Kind::New;
            continue;
        }
        for j in 0..b.count {
            let k = (b.index as u64 * 7 + j as u64) % src.per_intent;
            let ex = (src.make)(b.intent as u64 + INTENTS.len() as u64 * k, 0);
            source_meta[b.index].push((ex.text.clone(), ex.metadata.topic.to_string()));
            b.sources.push(ex.text);
        }
    }
    let requests: Vec<ChatRequest> = batches
        .iter()
        .map(|b| request(b, &INTENTS, &prompts, args.temperature))
        .collect();
    let est = client.estimate(&requests);
    if dry_run {
        ui.info(format!(
            "gen-intents: dry run: model enrichment would make {}",
            est.summary()
        ));
        return Ok(Enrich::DryRun);
    }
    confirm_cost(&est, yes, ui, ui.can_prompt(), &mut || {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).ok().map(|_| line)
    })?;

    let bar = ui.bar(batches.len() as u64, "model");
    client.set_progress(bar.clone());
    let rejects = Rejects::default();
    let results = client.map(&batches, |c, i, b| {
        chat_parsed(
            c,
            &b.id(&INTENTS),
            &requests[i],
            args.json_attempts,
            &rejects,
            "Answer again with only the JSON object {\"examples\": [...]}, no other text.",
            parse_reply,
        )
    });
    bar.finish_and_clear();
    let rejects_path = args.rejects.clone().unwrap_or_else(|| {
        if src.output.as_os_str() == "-" {
            PathBuf::from("gen-intents.rejects.jsonl")
        } else {
            let mut s = src.output.as_os_str().to_os_string();
            s.push(".rejects.jsonl");
            PathBuf::from(s)
        }
    });
    if !rejects.is_empty() {
        rejects.write(&rejects_path)?;
    }
    let results = results?;
    let totals = client.totals();
    if let Some(reason) = client.stop_reason() {
        let done = results.iter().filter(|r| r.is_some()).count();
        return Err(Error::Stopped(format!(
            "{reason}; {done} of {} batches finished ({}); finished calls are cached{}: run again with the same arguments and a higher --max-cost to continue, nothing was written",
            batches.len(),
            totals.summary(),
            cache_dir
                .as_ref()
                .map(|d| format!(" in {}", d.display()))
                .unwrap_or_default()
        )));
    }

    // Post-processing runs in batch order, so a rerun (replayed from the cache) gives
    // the same examples.
    let mut index = DupIndex::new(NEAR_DUP);
    for i in 0..src.total.min(DUP_INDEX_CAP) {
        index.add(&(src.make)(i, 0).text);
    }
    let rule_cfg = crate::validate::rules::RuleConfig {
        labels: Some(INTENTS.iter().map(|s| s.to_string()).collect()),
        keywords: Some(
            src.set
                .intents
                .iter()
                .map(|it| {
                    (
                        it.intent.to_string(),
                        it.keywords.iter().map(|k| k.to_lowercase()).collect(),
                    )
                })
                .collect(),
        ),
        intent_fields: true,
        ..Default::default()
    };
    let model = client.config().model.clone();
    let mut c = Counts::default();
    let mut examples = Vec::new();
    let mut intents = Vec::new();
    for (b, result) in batches.iter().zip(results) {
        let texts = match result {
            Some(Ok(JsonOutcome::Parsed { value, attempts })) => {
                c.json_retries += u64::from(attempts - 1);
                value
            }
            Some(Ok(JsonOutcome::Rejected(_))) => {
                c.rejected_replies += 1;
                Vec::new()
            }
            Some(Err(CallError::Failed { .. })) | Some(Err(_)) | None => {
                c.failed_calls += 1;
                Vec::new()
            }
        };
        if texts.len() > b.count {
            c.extra += (texts.len() - b.count) as u64;
        } else if !texts.is_empty() {
            c.short += (b.count - texts.len()) as u64;
        }
        let mut kept = 0usize;
        for (j, text) in texts.into_iter().take(b.count).enumerate() {
            let slot = examples.len() as u64;
            let mut rng = crate::seed::domain_rng(src.seed, "llm-example", slot);
            let (lo, hi) = match b.complexity {
                "simple" => (0.82, 0.99),
                "moderate" => (0.68, 0.95),
                _ => (0.55, 0.9),
            };
            let confidence = (rng.gen_range(lo..=hi) * 100.0f64).round() / 100.0;
            let mut provenance =
                Provenance::new(format!("{}:{}", b.kind.method(), b.id(&INTENTS)).into());
            provenance.push("model".into(), &model);
            let topic = match (b.kind, source_meta[b.index].get(j)) {
                (Kind::Paraphrase, Some((src_text, topic))) => {
                    provenance.push("paraphrase_of".into(), &src_text);
                    topic.clone()
                }
                _ => "model".to_string(),
            };
            let ex = Example {
                text,
                intent: INTENTS[b.intent],
                audience: b.audience,
                complexity: b.complexity,
                confidence,
                metadata: ExampleMeta {
                    generation_method: b.kind.method().into(),
                    style: b.style.as_str().into(),
                    technical_level: level(b.audience, b.complexity),
                    topic: topic.into(),
                    edge_case_type: None,
                    ambiguous_intents: None,
                    language: None,
                    transforms: Vec::new(),
                    provenance,
                },
            };
            if let Err(e) = check_text(&ex.text) {
                c.invalid += 1;
                ui.debug(format!("dropped model text ({e}): {}", ex.text));
                continue;
            }
            let (errors, warnings) = rule_errors(&ex, &rule_cfg);
            if !errors.is_empty() {
                c.invalid += 1;
                ui.debug(format!(
                    "dropped model text ({}): {}",
                    errors.join("; "),
                    ex.text
                ));
                continue;
            }
            match index.check(&ex.text) {
                Some(Dup::Exact) => {
                    c.exact_dups += 1;
                    continue;
                }
                Some(Dup::Near) => {
                    c.near_dups += 1;
                    continue;
                }
                None => {}
            }
            c.keyword_warnings += warnings as u64;
            index.add(&ex.text);
            match b.kind {
                Kind::New => c.llm += 1,
                Kind::Paraphrase => c.paraphrase += 1,
            }
            examples.push(ex);
            intents.push(b.intent);
            kept += 1;
        }
        for _ in kept..b.count {
            let slot = examples.len() as u64;
            examples.push(fallback(src.set, b.intent, src.seed, slot, 0));
            intents.push(b.intent);
            c.fallback += 1;
        }
    }
    let cfg = client.config();
    let metadata = json!({
        "provider": cfg.provider.name(),
        "model": cfg.model,
        "base_url": public_url(&cfg.base_url),
        "temperature": args.temperature,
        "batch_size": batch_size,
        "examples_per_intent": per_intent,
        "batches": batches.len(),
        "examples": {
            "llm": c.llm,
            "llm_paraphrase": c.paraphrase,
            "template_fallback": c.fallback,
        },
        "fallback_reasons": {
            "failed_calls": c.failed_calls,
            "rejected_replies": c.rejected_replies,
            "short_replies_missing": c.short,
            "invalid_texts": c.invalid,
            "exact_duplicates": c.exact_dups,
            "near_duplicates": c.near_dups,
        },
        "extra_texts_ignored": c.extra,
        "keyword_warnings": c.keyword_warnings,
        "json_retries": c.json_retries,
        "near_duplicate_rule": format!("word 3-shingle Jaccard >= {NEAR_DUP} against every template, edge-case and model text before it"),
        "calls": totals.calls,
        "cache_hits": totals.cache_hits,
        "retries": totals.retries,
        "input_tokens": totals.input_tokens,
        "output_tokens": totals.output_tokens,
        "cost_usd": (totals.cost * 1e6).round() / 1e6,
        "estimated_cost_usd": (est.cost * 1e6).round() / 1e6,
        "rejects_file": if rejects.is_empty() { Value::Null } else { json!(rejects_path.display().to_string()) },
    });
    ui.info(format!(
        "gen-intents: model {}: {} new and {} paraphrased examples kept, {} template fallbacks ({} failed calls, {} unusable replies, {} invalid, {} exact and {} near duplicates); {} new calls, {}",
        cfg.model,
        c.llm,
        c.paraphrase,
        c.fallback,
        c.failed_calls,
        c.rejected_replies,
        c.invalid,
        c.exact_dups,
        c.near_dups,
        totals.calls,
        totals.summary()
    ));
    if c.fallback > 0 {
        ui.warn(format!(
            "{} of {} model slots fell back to template examples (see metadata.llm_enrichment{})",
            c.fallback,
            examples.len(),
            if rejects.is_empty() {
                String::new()
            } else {
                format!(" and {}", rejects_path.display())
            }
        ));
    }
    Ok(Enrich::Ready(Enrichment {
        examples,
        intents,
        seed: src.seed,
        set_fallback: Arc::new(src.set.clone()),
        metadata,
    }))
}
