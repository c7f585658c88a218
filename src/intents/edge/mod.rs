//! Edge cases: ambiguous requests, typos, extreme lengths, other languages,
//! code-switching, shouting, missing punctuation, emoji and whitespace noise. The
//! phrases, the keyboard map and the emoji are data in `data/intents/`; each case is a
//! pure function of the data, its index and its RNG.

use super::generate::{fill, round2, template_example, tidy};
use super::templates::{Compiled, Ctx, Scope, TemplateSet};
use super::typos::{self, Keyboard};
use super::{Example, ExampleMeta, Provenance, AUDIENCES, COMPLEXITIES, INTENTS};
use rand::Rng;
use std::collections::HashMap;
use std::sync::Arc;

mod data;

/// Every edge-case type, in the order cases cycle through them.
pub const EDGE_TYPES: [&str; 10] = [
    "ambiguous",
    "typo",
    "very_short",
    "very_long",
    "multilingual",
    "code_switched",
    "all_caps",
    "no_punctuation",
    "emoji",
    "whitespace_noise",
];

/// Longest text a very_long case may have (the validator's default upper limit).
pub const MAX_LONG_CHARS: usize = 1000;
/// A very_long case is at least this long.
pub const MIN_LONG_CHARS: usize = 900;

/// A group of two plausible intents and the patterns that make a request ambiguous.
#[derive(Debug, Clone)]
pub struct AmbiguousGroup {
    pub intents: [&'static str; 2],
    pub patterns: Vec<(Arc<str>, Compiled)>,
    pub scope: Scope,
}

/// One language's real phrases per intent, and its openers and closers.
#[derive(Debug, Clone)]
pub struct Language {
    pub code: Arc<str>,
    pub phrases: Vec<Vec<String>>,
    pub openers: Vec<String>,
    pub closers: Vec<String>,
}

/// Everything the edge cases draw from.
#[derive(Debug, Clone)]
pub struct EdgeData {
    pub keyboard: Keyboard,
    pub languages: Vec<Language>,
    pub short: Vec<Vec<String>>,
    pub emoji: Vec<Vec<String>>,
    pub emoji_any: Vec<String>,
    pub connectors: Vec<String>,
    pub ambiguous: Vec<AmbiguousGroup>,
}

pub(crate) fn ambiguous_ctx<'a>(
    set: &'a TemplateSet,
    g: &'a AmbiguousGroup,
    a: usize,
    c: usize,
    s: usize,
) -> Ctx<'a> {
    Ctx {
        chain: [
            &g.scope,
            &set.styles[s].scope,
            &set.audiences[a],
            &set.complexities[c],
            &set.common,
            &g.scope,
            &g.scope,
            &g.scope,
        ],
    }
}

/// The type of edge case number `index`.
pub fn edge_type(index: u64) -> &'static str {
    EDGE_TYPES[(index % EDGE_TYPES.len() as u64) as usize]
}

/// The intended intent of edge case `index` (ambiguous cases pick a group instead).
pub fn edge_intent(index: u64) -> usize {
    ((index + index / EDGE_TYPES.len() as u64) % INTENTS.len() as u64) as usize
}

fn pick<'a, R: Rng, T>(rng: &mut R, v: &'a [T]) -> &'a T {
    &v[rng.gen_range(0..v.len())]
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if f.is_uppercase() && !s.starts_with("I ") => f.to_lowercase().chain(c).collect(),
        Some(f) => std::iter::once(f).chain(c).collect(),
        None => String::new(),
    }
}

/// Edge case number `index`: its type cycles through EDGE_TYPES; the text starts from
/// a template example of the intended intent (or a phrase from data) and is then bent.
pub fn edge_example<R: Rng>(
    set: &TemplateSet,
    data: &EdgeData,
    index: u64,
    rng: &mut R,
) -> Example {
    let kind = edge_type(index);
    let intent = edge_intent(index);
    if kind == "ambiguous" {
        return ambiguous(set, data, rng);
    }
    let mut ex = template_example(set, intent, rng);
    ex.metadata.edge_case_type = Some(kind);
    // Bent text is harder to read: lower confidence, still in [0.3, 0.99].
    ex.confidence = round2((ex.confidence - rng.gen_range(0.1..0.3)).max(0.3));
    let m = &mut ex.metadata;
    match kind {
        "typo" => {
            let n = rng.gen_range(1..=3);
            let (t, done) = typos::apply(&ex.text, n, &data.keyboard, rng);
            ex.text = t;
            m.transforms = done;
        }
        "very_short" => {
            let s = pick(rng, &data.short[intent]).clone();
            let suffix = *pick(rng, &["", "", "?", "!", "??", "..."]);
            ex.text = if s.chars().count() + suffix.len() <= 12 && !s.ends_with(['?', '!', '.']) {
                format!("{s}{suffix}")
            } else {
                s
            };
            ex.confidence = round2(rng.gen_range(0.3..0.5));
            m.topic = Arc::from("edge");
            m.provenance = Provenance::new(Arc::from("edge/very_short"));
        }
        "very_long" => {
            ex.text = long_text(set, data, intent, &ex.text, rng);
            m.transforms = vec!["concatenated".into()];
        }
        "multilingual" => {
            let l = pick(rng, &data.languages);
            let phrase = pick(rng, &l.phrases[intent]);
            let mut text = String::new();
            if rng.gen_bool(0.5) {
                let o: &String = pick(rng, &l.openers);
                text.push_str(o);
                text.push_str(&lower_first(phrase));
            } else {
                text.push_str(phrase);
            }
            if rng.gen_bool(0.5) {
                let c: &String = pick(rng, &l.closers);
                text.push_str(c);
            }
            ex.text = tidy(&text);
            m.language = Some(l.code.clone());
            m.topic = Arc::from("edge");
            m.provenance = Provenance::new(Arc::from(format!("edge/multilingual/{}", l.code)));
            m.provenance.push(Arc::from("phrase"), phrase);
        }
        "code_switched" => {
            let l = pick(rng, &data.languages);
            let opener = pick(rng, &l.openers).clone();
            let closer = pick(rng, &l.closers).clone();
            let body = ex.text.trim_end_matches(['.', '!', '?']).to_string();
            ex.text = match rng.gen_range(0..3) {
                0 => format!("{opener}{}", lower_first(&ex.text)),
                1 => format!("{body}{closer}"),
                _ => format!("{opener}{}{closer}", lower_first(&body)),
            };
            ex.text = tidy(&ex.text);
            m.language = Some(l.code.clone());
            m.transforms = vec![format!("code_switch:{}", l.code)];
        }
        "all_caps" => {
            ex.text = ex.text.to_uppercase();
            m.transforms = vec!["uppercase".into()];
        }
        "no_punctuation" => {
            let stripped: String = ex
                .text
                .chars()
                .filter(|c| !c.is_ascii_punctuation() || *c == '\'')
                .collect();
            ex.text = stripped
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            m.transforms = vec!["no_punctuation".into(), "lowercase".into()];
        }
        "emoji" => {
            let n = rng.gen_range(1..=3);
            let mut words: Vec<String> = ex.text.split(' ').map(str::to_string).collect();
            for _ in 0..n {
                let e = if data.emoji_any.is_empty() || rng.gen_bool(0.6) {
                    pick(rng, &data.emoji[intent]).clone()
                } else {
                    pick(rng, &data.emoji_any).clone()
                };
                let at = rng.gen_range(0..=words.len());
                words.insert(at, e);
            }
            ex.text = words.join(" ");
            m.transforms = vec![format!("emoji:{n}")];
        }
        _ => {
            // whitespace_noise
            let mut out = String::new();
            let lead: &str = *pick::<_, &str>(rng, &["", " ", "  ", "\t", "\n", " \t "]);
            out.push_str(lead);
            for (i, w) in ex.text.split(' ').enumerate() {
                if i > 0 {
                    let gap: &str =
                        *pick::<_, &str>(rng, &[" ", " ", " ", "  ", "   ", "\t", " \n", "\u{a0}"]);
                    out.push_str(gap);
                }
                out.push_str(w);
            }
            let tail: &str = *pick::<_, &str>(rng, &["", " ", "   ", "\n", "\t\n", "  \n\n"]);
            out.push_str(tail);
            ex.text = out;
            m.transforms = vec!["whitespace".into()];
        }
    }
    ex
}

fn ambiguous<R: Rng>(set: &TemplateSet, data: &EdgeData, rng: &mut R) -> Example {
    let g = pick(rng, &data.ambiguous);
    let a = rng.gen_range(0..AUDIENCES.len());
    let c = rng.gen_range(0..COMPLEXITIES.len());
    let s = rng.gen_range(0..set.styles.len());
    let (id, pattern) = pick(rng, &g.patterns);
    let ctx = ambiguous_ctx(set, g, a, c, s);
    let mut raw = String::new();
    let mut provenance = Provenance::new(id.clone());
    fill(set, &ctx, pattern, rng, &mut raw, Some(&mut provenance), 0);
    Example {
        text: tidy(&raw),
        intent: g.intents[0],
        audience: AUDIENCES[a],
        complexity: COMPLEXITIES[c],
        confidence: round2(rng.gen_range(0.3..0.6)),
        metadata: ExampleMeta {
            generation_method: Arc::from("template"),
            style: set.styles[s].name.clone(),
            technical_level: [1, 2, 3, 4, 2][a],
            topic: Arc::from("edge"),
            edge_case_type: Some("ambiguous"),
            ambiguous_intents: Some(g.intents),
            language: None,
            transforms: Vec::new(),
            provenance,
        },
    }
}

/// Words too common to count when keeping a long text varied.
const COMMON: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "how", "i", "in", "is", "it",
    "me", "my", "of", "on", "or", "that", "the", "this", "to", "was", "what", "with", "you",
    "your",
];

fn word_key(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// A text of MIN_LONG_CHARS..=MAX_LONG_CHARS chars: `first`, then more requests of the
/// same intent joined by connectors, skipping any that would repeat a content word
/// more than 6 times, cut at a word boundary.
pub fn long_text<R: Rng>(
    set: &TemplateSet,
    data: &EdgeData,
    intent: usize,
    first: &str,
    rng: &mut R,
) -> String {
    let mut text = first.to_string();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for w in first.split_whitespace() {
        *counts.entry(word_key(w)).or_default() += 1;
    }
    let mut attempts = 0;
    while text.chars().count() < MIN_LONG_CHARS && attempts < 200 {
        attempts += 1;
        let next = template_example(set, intent, rng).text;
        let piece = format!("{}{}", pick(rng, &data.connectors), lower_first(&next));
        let mut trial = counts.clone();
        let mut ok = true;
        for w in piece.split_whitespace() {
            let k = word_key(w);
            let n = trial.entry(k.clone()).or_default();
            *n += 1;
            if *n > 6 && !COMMON.contains(&k.as_str()) {
                ok = false;
                break;
            }
        }
        if ok {
            counts = trial;
            text.push(' ');
            text.push_str(&piece);
        }
    }
    if text.chars().count() > MAX_LONG_CHARS {
        let cut: String = text.chars().take(MAX_LONG_CHARS).collect();
        let end = cut.rfind(' ').unwrap_or(cut.len());
        text = cut[..end].trim_end_matches([',', ';', ':']).to_string();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_and_intents_cycle() {
        let types: std::collections::HashSet<_> = (0..10).map(edge_type).collect();
        assert_eq!(types.len(), EDGE_TYPES.len());
        let intents: std::collections::HashSet<_> = (0..100).map(edge_intent).collect();
        assert_eq!(intents.len(), INTENTS.len());
    }

    #[test]
    fn lower_first_keeps_pronoun_i() {
        assert_eq!(lower_first("Write it"), "write it");
        assert_eq!(lower_first("I need"), "I need");
        assert_eq!(lower_first("¿Qué?"), "¿Qué?");
    }
}
