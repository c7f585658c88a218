//! Template-based synthetic intent-classification data (gen-intents).

/// The ten intents, in the order datasets list them.
pub const INTENTS: [&str; 10] = [
    "question_answering",
    "creative_writing",
    "code_generation",
    "data_analysis",
    "reasoning",
    "summarization",
    "translation",
    "conversation",
    "task_planning",
    "problem_solving",
];

/// Audiences an example is written for.
pub const AUDIENCES: [&str; 5] = ["child", "beginner", "intermediate", "expert", "general"];

/// Complexity levels.
pub const COMPLEXITIES: [&str; 3] = ["simple", "moderate", "complex"];

pub mod dataset;
pub mod edge;
pub mod emit;
pub mod generate;
pub mod program;
pub mod sketch;
pub mod stats;
pub mod templates;
pub mod typos;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use std::sync::Arc;

/// One example, before it is stamped with the run's `generated_at`. Template examples
/// and edge cases share it; another source (a language model) fills it the same way
/// with its own `generation_method` and provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub text: String,
    /// The intended intent.
    pub intent: &'static str,
    pub audience: &'static str,
    pub complexity: &'static str,
    /// In [0.3, 0.99].
    pub confidence: f64,
    pub metadata: ExampleMeta,
}

/// The per-example metadata of DESIGN.md's intent dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExampleMeta {
    /// "template" here; other sources name themselves.
    #[serde(serialize_with = "ser_arc")]
    pub generation_method: Arc<str>,
    #[serde(serialize_with = "ser_arc")]
    pub style: Arc<str>,
    /// 1 to 5.
    pub technical_level: u8,
    #[serde(serialize_with = "ser_arc")]
    pub topic: Arc<str>,
    /// Set on edge cases: ambiguous, typo, very_short, ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edge_case_type: Option<&'static str>,
    /// For ambiguous edge cases: both plausible intents (the first is `intent`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ambiguous_intents: Option<[&'static str; 2]>,
    /// For multi-language and code-switched edge cases: the language code.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser_opt_arc"
    )]
    pub language: Option<Arc<str>>,
    /// What an edge case did to its base text (e.g. "swap:4", "double:9").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub transforms: Vec<String>,
    pub provenance: Provenance,
}

fn ser_arc<S: Serializer>(v: &Arc<str>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(v)
}

fn ser_opt_arc<S: Serializer>(v: &Option<Arc<str>>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.serialize_str(v),
        None => s.serialize_none(),
    }
}

/// Which template and slot values produced an example.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Provenance {
    pub template_id: Arc<str>,
    /// The chosen slot values, concatenated (one allocation per example).
    values: String,
    /// Top-level slots in the order they were filled: name and range in `values`.
    slots: Vec<(Arc<str>, u32, u32)>,
}

impl Provenance {
    /// Provenance of `template_id` with no slots yet.
    pub fn new(template_id: Arc<str>) -> Self {
        Provenance {
            template_id,
            values: String::with_capacity(128),
            slots: Vec::with_capacity(8),
        }
    }

    /// Records that slot `name` was filled with `value`.
    pub fn push(&mut self, name: Arc<str>, value: &str) {
        let start = self.values.len() as u32;
        self.values.push_str(value);
        self.slots.push((name, start, self.values.len() as u32));
    }

    /// The slots in filling order, with their values.
    pub fn slots(&self) -> impl Iterator<Item = (&str, &str)> {
        self.slots
            .iter()
            .map(|(n, a, b)| (&**n, &self.values[*a as usize..*b as usize]))
    }
}

impl Serialize for Provenance {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Slots<'a>(&'a Provenance);
        impl Serialize for Slots<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(self.0.slots.len()))?;
                // A slot used twice keeps its first value under its name, then name#2 ...
                let mut seen: Vec<&str> = Vec::new();
                for (k, v) in self.0.slots() {
                    let n = seen.iter().filter(|x| **x == k).count();
                    seen.push(k);
                    if n == 0 {
                        m.serialize_entry(k, v)?;
                    } else {
                        m.serialize_entry(&format!("{k}#{}", n + 1), v)?;
                    }
                }
                m.end()
            }
        }
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("template_id", &*self.template_id)?;
        m.serialize_entry("slots", &Slots(self))?;
        m.end()
    }
}

/// An example as written: the example plus the run's timestamp.
#[derive(Serialize)]
pub struct Record<'a> {
    pub text: &'a str,
    pub intent: &'a str,
    pub audience: &'a str,
    pub complexity: &'a str,
    pub confidence: f64,
    pub metadata: &'a ExampleMeta,
    pub generated_at: &'a str,
}

impl Example {
    /// The record to serialise, stamped with `generated_at`.
    pub fn record<'a>(&'a self, generated_at: &'a str) -> Record<'a> {
        Record {
            text: &self.text,
            intent: self.intent,
            audience: self.audience,
            complexity: self.complexity,
            confidence: self.confidence,
            metadata: &self.metadata,
            generated_at,
        }
    }

    /// Whether this is an edge case.
    pub fn is_edge_case(&self) -> bool {
        self.metadata.edge_case_type.is_some()
    }
}
