//! Model enrichment for gen-intents (`--use-openai`): the flags, the batch plan per
//! (intent, audience, complexity, style), the prompts (templates/prompts/), reading and
//! checking the model's examples, and exact plus near-duplicate filtering.

use super::config::LlmArgs;
use super::{ChatRequest, Estimate, Message};
use crate::error::Error;
use crate::ui::Ui;
use clap::Args;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// gen-intents flags of the model enrichment.
#[derive(Debug, Clone, Args)]
pub struct EnrichArgs {
    /// Add examples written by a language model (new ones and paraphrases of template
    /// examples) through the model client; see --provider, --model, --base-url
    #[arg(long)]
    pub use_openai: bool,
    /// Sampling temperature of the model
    #[arg(long, default_value_t = 0.8)]
    pub temperature: f64,
    /// Examples asked for in one call
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub batch_size: u32,
    /// Model examples per intent [default: 50; the batch size with --test]
    #[arg(long, value_name = "N")]
    pub llm_per_intent: Option<u64>,
    /// Calls per batch when the reply cannot be read as JSON or a numbered list (the error is fed back each time)
    #[arg(long, default_value_t = 3)]
    pub json_attempts: u32,
    /// Where replies that never parsed are kept [default: OUTPUT.rejects.jsonl]
    #[arg(long, value_name = "PATH")]
    pub rejects: Option<PathBuf>,
    #[command(flatten)]
    pub llm: LlmArgs,
}

/// What a batch asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// New examples.
    New,
    /// Paraphrases of template examples.
    Paraphrase,
}

impl Kind {
    /// The generation_method of what it produces.
    pub fn method(self) -> &'static str {
        match self {
            Kind::New => "llm",
            Kind::Paraphrase => "llm_paraphrase",
        }
    }
}

/// One call's worth of work.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    /// Position in the plan (also its id in rejects and the cache).
    pub index: usize,
    /// Index into INTENTS.
    pub intent: usize,
    pub audience: &'static str,
    pub complexity: &'static str,
    pub style: String,
    pub kind: Kind,
    /// Examples asked for.
    pub count: usize,
    /// Template texts to paraphrase (Kind::Paraphrase), filled in by the caller.
    pub sources: Vec<String>,
}

impl Batch {
    /// `code_generation/expert/complex/formal/new-3`.
    pub fn id(&self, intents: &[&str]) -> String {
        format!(
            "{}/{}/{}/{}/{}-{}",
            intents[self.intent],
            self.audience,
            self.complexity,
            self.style,
            if self.kind == Kind::New {
                "new"
            } else {
                "paraphrase"
            },
            self.index
        )
    }
}

/// Plans the batches: `per_intent` examples for each intent in batches of `batch_size`,
/// alternating new examples and paraphrases; each batch's audience, complexity and style
/// are drawn from the (seed, batch index) stream, so a rerun plans the same calls.
pub fn plan(
    intents: usize,
    per_intent: u64,
    batch_size: usize,
    styles: &[String],
    seed: u64,
) -> Vec<Batch> {
    use crate::intents::{AUDIENCES, COMPLEXITIES};
    use rand::Rng;
    let batch_size = batch_size.max(1);
    let per_batch = (per_intent as usize).div_ceil(batch_size);
    let mut out = Vec::new();
    for b in 0..per_batch {
        for intent in 0..intents {
            let index = out.len();
            let mut rng = crate::seed::domain_rng(seed, "llm-batch", index as u64);
            let done = b * batch_size;
            let count = batch_size.min(per_intent as usize - done);
            let style = if styles.is_empty() {
                "plain".to_string()
            } else {
                styles[rng.gen_range(0..styles.len())].clone()
            };
            out.push(Batch {
                index,
                intent,
                audience: AUDIENCES[rng.gen_range(0..AUDIENCES.len())],
                complexity: COMPLEXITIES[rng.gen_range(0..COMPLEXITIES.len())],
                style,
                kind: if (b + intent) % 2 == 0 {
                    Kind::New
                } else {
                    Kind::Paraphrase
                },
                count,
                sources: Vec::new(),
            });
        }
    }
    out
}

/// One line per intent that tells the model what the label means.
pub fn intent_description(intent: &str) -> &'static str {
    match intent {
        "question_answering" => "asking for a fact or an explanation",
        "creative_writing" => "asking for a story, poem, lyrics or other creative text",
        "code_generation" => "asking for code to be written, fixed or explained",
        "data_analysis" => "asking to analyse, chart or interpret data",
        "reasoning" => "asking for logical reasoning, a proof or a puzzle solution",
        "summarization" => "asking to summarise or shorten a text",
        "translation" => "asking to translate text between languages",
        "conversation" => "small talk or chatting, not a task",
        "task_planning" => "asking for a plan, schedule or steps to reach a goal",
        "problem_solving" => "asking for help solving a practical problem",
        _ => "see the intent's name",
    }
}

/// The prompt templates (templates/prompts/intents_*.txt) with `{{name}}` placeholders.
#[derive(Debug, Clone)]
pub struct Prompts {
    pub system: String,
    pub new: String,
    pub paraphrase: String,
}

impl Prompts {
    /// Loads the three templates from `dir`.
    pub fn load(dir: &Path) -> Result<Self, Error> {
        let read = |name: &str| {
            let p = dir.join(name);
            std::fs::read_to_string(&p).map_err(|e| Error::io(&p, e))
        };
        let p = Prompts {
            system: read("intents_system.txt")?,
            new: read("intents_new.txt")?,
            paraphrase: read("intents_paraphrase.txt")?,
        };
        for (name, t) in [
            ("intents_new.txt", &p.new),
            ("intents_paraphrase.txt", &p.paraphrase),
        ] {
            if !t.contains("{{count}}") || !t.contains("{{intent}}") {
                return Err(Error::input(
                    dir.join(name),
                    None,
                    "the prompt must use {{count}} and {{intent}}",
                ));
            }
        }
        if !p.paraphrase.contains("{{sources}}") {
            return Err(Error::input(
                dir.join("intents_paraphrase.txt"),
                None,
                "the prompt must use {{sources}}",
            ));
        }
        Ok(p)
    }

    /// The shipped templates.
    pub fn shipped() -> Result<Self, Error> {
        Self::load(&crate::paths::templates_dir().join("prompts"))
    }
}

/// Replaces `{{name}}` placeholders.
pub fn render(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in vars {
        out = out.replace(&format!("{{{{{k}}}}}"), v);
    }
    out
}

/// The chat request of a batch.
pub fn request(
    batch: &Batch,
    intents: &[&str],
    prompts: &Prompts,
    temperature: f64,
) -> ChatRequest {
    let intent = intents[batch.intent];
    let count = batch.count.to_string();
    let sources: String = batch
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}. {}\n", i + 1, s))
        .collect();
    let vars = [
        ("count", count.as_str()),
        ("intent", intent),
        ("intent_description", intent_description(intent)),
        ("audience", batch.audience),
        ("complexity", batch.complexity),
        ("style", batch.style.as_str()),
        ("sources", sources.trim_end()),
    ];
    let user = match batch.kind {
        Kind::New => render(&prompts.new, &vars),
        Kind::Paraphrase => render(&prompts.paraphrase, &vars),
    };
    ChatRequest::new(vec![
        Message::system(prompts.system.trim()),
        Message::user(user.trim()),
    ])
    .temperature(temperature)
    .max_tokens(80 * batch.count as u32 + 64)
    .expect_output(35 * batch.count as u32 + 16)
    .json()
}

/// Reads the examples out of a reply: `{"examples": [...]}` or a bare array; items are
/// strings, or objects whose `text` (else first string) field is taken. At least one
/// usable text is required.
pub fn parse_texts(v: &Value) -> Result<Vec<String>, String> {
    let items = match v {
        Value::Array(a) => a,
        Value::Object(o) => match o
            .get("examples")
            .or_else(|| o.values().find(|x| x.is_array()))
        {
            Some(Value::Array(a)) => a,
            _ => return Err("expected {\"examples\": [\"...\", ...]}".into()),
        },
        _ => return Err("expected {\"examples\": [\"...\", ...]}".into()),
    };
    let texts: Vec<String> = items
        .iter()
        .filter_map(|it| match it {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) => o
                .get("text")
                .and_then(Value::as_str)
                .or_else(|| o.values().find_map(Value::as_str))
                .map(str::to_string),
            _ => None,
        })
        .map(|s| clean(&s))
        .filter(|s| !s.is_empty())
        .collect();
    if texts.is_empty() {
        return Err("the \"examples\" array has no text items".into());
    }
    Ok(texts)
}

/// Reads a reply: JSON as `parse_texts` takes it, else a numbered or bulleted list
/// (`1. text`, `2) text`, `- text`), the shape small models fall back to. Lines that are
/// not list items (introductions, comments) are ignored.
pub fn parse_reply(text: &str) -> Result<Vec<String>, String> {
    let json_err = match super::json::extract_json(text).and_then(|v| parse_texts(&v)) {
        Ok(t) => return Ok(t),
        Err(e) => e,
    };
    let items: Vec<String> = text
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let digits = l.chars().take_while(|c| c.is_ascii_digit()).count();
            let rest = if digits > 0 && digits < 4 {
                l[digits..]
                    .strip_prefix('.')
                    .or_else(|| l[digits..].strip_prefix(')'))?
            } else {
                l.strip_prefix("- ").or_else(|| l.strip_prefix("* "))?
            };
            let t = clean(rest);
            (!t.is_empty()).then_some(t)
        })
        .collect();
    if items.is_empty() {
        return Err(format!("{json_err}, and it is not a numbered list either"));
    }
    Ok(items)
}

/// Trims a model's text: whitespace collapsed, list numbering and wrapping quotes removed.
pub fn clean(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')' || c == '-');
    let s = s.trim();
    let s = s
        .strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        .unwrap_or(s);
    s.trim().to_string()
}

/// The validate-dataset text rules that apply to a single generated text: length 3 to
/// 1000 characters, at least three words, enough distinct words, no word repeated more
/// than 8 times, and no placeholder left from the prompt.
pub fn check_text(text: &str) -> Result<(), String> {
    let n = text.chars().count();
    if n < 3 {
        return Err(format!("text too short ({n} characters)"));
    }
    if n > 1000 {
        return Err(format!("text too long ({n} characters)"));
    }
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 3 {
        return Err("fewer than three words".into());
    }
    let distinct: HashSet<&String> = words.iter().collect();
    if words.len() >= 8 && (distinct.len() as f64) / (words.len() as f64) < 0.4 {
        return Err("too few distinct words".into());
    }
    let mut counts: HashMap<&String, usize> = HashMap::new();
    for w in &words {
        *counts.entry(w).or_default() += 1;
    }
    if let Some((w, c)) = counts.iter().find(|(w, c)| **c > 8 && w.len() > 3) {
        return Err(format!("the word \"{w}\" is repeated {c} times"));
    }
    let lower = text.to_lowercase();
    for leftover in [
        "{{",
        "first request",
        "rewrite of request",
        "second request",
    ] {
        if lower.contains(leftover) {
            return Err(format!(
                "the text copies the prompt's example (\"{leftover}\")"
            ));
        }
    }
    Ok(())
}

/// Why a text was dropped as a duplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dup {
    Exact,
    Near,
}

/// Exact (normalised text) and near-duplicate (Jaccard of word 3-shingles at or above
/// a threshold, found through an inverted shingle index) detection over everything added.
#[derive(Debug)]
pub struct DupIndex {
    threshold: f64,
    exact: HashSet<String>,
    docs: Vec<Vec<u64>>,
    postings: HashMap<u64, Vec<u32>>,
}

/// Lowercase words joined by one space, punctuation at word ends removed.
pub fn normalize(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn shingles(norm: &str) -> Vec<u64> {
    let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
    let k = 3.min(words.len()).max(1);
    let mut out: Vec<u64> = words
        .windows(k)
        .map(|w| crate::seed::fnv1a64(w.join(" ").as_bytes()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

impl DupIndex {
    /// An index that calls texts with shingle Jaccard >= `threshold` near duplicates.
    pub fn new(threshold: f64) -> Self {
        DupIndex {
            threshold,
            exact: HashSet::new(),
            docs: Vec::new(),
            postings: HashMap::new(),
        }
    }

    /// Texts added.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether none were added.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Whether `text` duplicates something added.
    pub fn check(&self, text: &str) -> Option<Dup> {
        let norm = normalize(text);
        if self.exact.contains(&norm) {
            return Some(Dup::Exact);
        }
        let sh = shingles(&norm);
        let mut overlap: HashMap<u32, usize> = HashMap::new();
        for s in &sh {
            if let Some(ids) = self.postings.get(s) {
                for &id in ids {
                    *overlap.entry(id).or_default() += 1;
                }
            }
        }
        overlap
            .into_iter()
            .any(|(id, inter)| {
                let other = self.docs[id as usize].len();
                let union = sh.len() + other - inter;
                union > 0 && inter as f64 / union as f64 >= self.threshold
            })
            .then_some(Dup::Near)
    }

    /// Adds `text`.
    pub fn add(&mut self, text: &str) {
        let norm = normalize(text);
        let sh = shingles(&norm);
        let id = self.docs.len() as u32;
        for s in &sh {
            self.postings.entry(*s).or_default().push(id);
        }
        self.docs.push(sh);
        self.exact.insert(norm);
    }
}

/// Prints the estimate and decides whether to go on: above $1 a person must confirm
/// (unless --yes); without a terminal the run refuses unless --yes.
pub fn confirm_cost(
    est: &Estimate,
    yes: bool,
    ui: &Ui,
    can_prompt: bool,
    answer: &mut dyn FnMut() -> Option<String>,
) -> Result<(), Error> {
    ui.info(format!("gen-intents: model enrichment: {}", est.summary()));
    if est.cost <= 1.0 || yes {
        return Ok(());
    }
    if !can_prompt {
        return Err(Error::Stopped(format!(
            "the estimated cost ${:.2} is above $1 and there is no terminal to confirm it: pass --yes to run anyway",
            est.cost
        )));
    }
    eprint!(
        "gen-intents: the estimated cost is ${:.2}; continue? [y/N] ",
        est.cost
    );
    match answer().map(|a| a.trim().to_lowercase()) {
        Some(a) if a == "y" || a == "yes" => Ok(()),
        _ => Err(Error::Stopped("not confirmed: nothing was called".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn styles() -> Vec<String> {
        vec!["formal".into(), "casual".into()]
    }

    #[test]
    fn plan_covers_every_intent_and_is_stable() {
        let p = plan(10, 25, 10, &styles(), 7);
        assert_eq!(p.len(), 30);
        let per: Vec<usize> = (0..10)
            .map(|i| p.iter().filter(|b| b.intent == i).map(|b| b.count).sum())
            .collect();
        assert!(per.iter().all(|&n| n == 25), "{per:?}");
        assert!(p.iter().any(|b| b.kind == Kind::New));
        assert!(p.iter().any(|b| b.kind == Kind::Paraphrase));
        assert_eq!(p, plan(10, 25, 10, &styles(), 7));
        assert_ne!(p, plan(10, 25, 10, &styles(), 8));
    }

    #[test]
    fn prompts_fill_placeholders() {
        let prompts = Prompts::shipped().unwrap();
        let mut b = plan(10, 3, 3, &styles(), 1).remove(1);
        b.kind = Kind::Paraphrase;
        b.sources = vec!["Write a poem about rain".into(), "Sort a list".into()];
        let r = request(&b, &crate::intents::INTENTS, &prompts, 0.8);
        let user = &r.messages[1].content;
        assert!(!user.contains("{{"), "{user}");
        assert!(
            user.contains("1. Write a poem about rain\n2. Sort a list"),
            "{user}"
        );
        assert!(user.contains(crate::intents::INTENTS[1]));
        assert_eq!(r.temperature, 0.8);
        assert!(r.json_mode);
    }

    #[test]
    fn parse_accepts_the_shapes_small_models_write() {
        assert_eq!(
            parse_texts(&json!({"examples": ["1. \"How do tides work?\"", "  Sort   this "]}))
                .unwrap(),
            vec!["How do tides work?", "Sort this"]
        );
        assert_eq!(
            parse_texts(&json!([{"question": "Why is the sky blue?"}])).unwrap(),
            vec!["Why is the sky blue?"]
        );
        assert!(parse_texts(&json!({"examples": []})).is_err());
        assert!(parse_texts(&json!("text")).is_err());
    }

    #[test]
    fn lists_are_read_when_json_is_not() {
        let reply = "Here are rewrites:\n1. How do tides work?\n2) Sort this list please\n- Plan my week\nHope it helps";
        assert_eq!(
            parse_reply(reply).unwrap(),
            vec![
                "How do tides work?",
                "Sort this list please",
                "Plan my week"
            ]
        );
        assert_eq!(
            parse_reply("{\"examples\": [\"a b\"]}").unwrap(),
            vec!["a b"]
        );
        let e = parse_reply("I cannot help with that.").unwrap_err();
        assert!(e.contains("not a numbered list"), "{e}");
    }

    #[test]
    fn text_rules() {
        assert!(check_text("Explain how vaccines train the immune system").is_ok());
        assert!(check_text("hi").is_err());
        assert!(check_text("word").is_err());
        assert!(check_text(&"x ".repeat(600)).is_err());
        assert!(check_text("first request").is_err());
        assert!(
            check_text(&"data data data data data data data data data data".to_string()).is_err()
        );
    }

    #[test]
    fn duplicates_exact_and_near() {
        let mut d = DupIndex::new(0.7);
        d.add("Write a short poem about the sea at night");
        assert_eq!(
            d.check("write a short poem about the SEA at night!"),
            Some(Dup::Exact)
        );
        assert_eq!(
            d.check("Write a short poem about the sea at night please"),
            Some(Dup::Near)
        );
        assert_eq!(d.check("Explain recursion to a child"), None);
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn costly_runs_need_yes_or_a_person() {
        let cheap = Estimate {
            cost: 0.5,
            ..Estimate::default()
        };
        let dear = Estimate {
            cost: 3.0,
            ..Estimate::default()
        };
        let ui = Ui::silent();
        let mut never = || -> Option<String> { panic!("must not ask") };
        assert!(confirm_cost(&cheap, false, &ui, false, &mut never).is_ok());
        assert!(confirm_cost(&dear, true, &ui, false, &mut never).is_ok());
        let e = confirm_cost(&dear, false, &ui, false, &mut never).unwrap_err();
        assert!(e.to_string().contains("--yes"), "{e}");
        assert!(confirm_cost(&dear, false, &ui, true, &mut || Some("y\n".into())).is_ok());
        assert!(confirm_cost(&dear, false, &ui, true, &mut || Some("n\n".into())).is_err());
        assert!(confirm_cost(&dear, false, &ui, true, &mut || None).is_err());
    }
}

// ---- the run: from gen-intents' template source to finished model examples ----

use super::client::{CallError, Client};
use super::config::Env;
use super::cost::Pricing;
use super::json::{chat_parsed, JsonOutcome, Rejects};
use crate::intents::templates::TemplateSet;
use crate::intents::{Example, ExampleMeta, Provenance, INTENTS};
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
