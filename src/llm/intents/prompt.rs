//! The prompts sent to the model and the reading and checking of what it answers.

use super::{intent_description, Batch, Kind};
use crate::error::Error;
use crate::llm::{ChatRequest, Message};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::Path;

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
    let json_err = match crate::llm::json::extract_json(text).and_then(|v| parse_texts(&v)) {
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

#[cfg(test)]
mod tests {
    use super::super::plan;
    use super::*;
    use serde_json::json;

    fn styles() -> Vec<String> {
        vec!["formal".into(), "casual".into()]
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
}
