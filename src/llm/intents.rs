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
    /// Calls per batch when the reply is not usable JSON (the error is fed back each time)
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
/// 1000 characters, at least two words, enough distinct words, no word repeated more
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
    if words.len() < 2 {
        return Err("fewer than two words".into());
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
