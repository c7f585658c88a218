//! Model enrichment for gen-intents (`--use-openai`): the flags, the batch plan per
//! (intent, audience, complexity, style), the prompts (templates/prompts/), reading and
//! checking the model's examples, and exact plus near-duplicate filtering.

mod dedup;
mod enrich;
mod prompt;

pub use dedup::{normalize, Dup, DupIndex};
pub use enrich::{enrich, Enrich, Enrichment, Source, DUP_INDEX_CAP, NEAR_DUP};
pub use prompt::{check_text, clean, parse_reply, parse_texts, render, request, Prompts};

use super::config::LlmArgs;
use super::{ChatRequest, Estimate};
use crate::error::Error;
use crate::ui::Ui;
use clap::Args;
use serde_json::Value;
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
