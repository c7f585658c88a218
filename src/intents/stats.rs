//! Dataset statistics and diversity metrics, gathered while examples stream past, in
//! memory that does not grow with the number of examples (counts per label, a fixed
//! set of topics, and distinct-n: exact up to EXACT_CAP texts, then estimated).

use super::edge::EDGE_TYPES;
use super::sketch::NgramSketch;
use super::{Example, AUDIENCES, COMPLEXITIES, INTENTS};
use crate::validate::metrics::DistinctCounter;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// Up to this many texts distinct-n is counted exactly (DistinctCounter); past it the
/// exact sets are dropped and the HyperLogLog estimate is reported.
pub const EXACT_CAP: u64 = 100_000;

/// Counts for one intent.
#[derive(Debug, Clone, Default)]
pub struct IntentStats {
    pub examples: u64,
    pub template: u64,
    pub edge: u64,
    pub audiences: [u64; 5],
    pub complexities: [u64; 3],
    pub chars_min: u64,
    pub chars_max: u64,
    pub chars_sum: u64,
}

/// Everything the metadata reports, mergeable across blocks.
#[derive(Clone, Default)]
pub struct Stats {
    pub total: u64,
    pub intents: Vec<IntentStats>,
    pub audiences: [u64; 5],
    pub complexities: [u64; 3],
    /// Counts per style name (styles are few and come from the templates).
    pub styles: Vec<(std::sync::Arc<str>, u64)>,
    pub edge_types: [u64; EDGE_TYPES.len()],
    /// (intent, topic) pairs of template examples seen.
    pub topics: BTreeSet<(usize, std::sync::Arc<str>)>,
    pub exact: Option<DistinctCounter>,
    pub sketch: Option<Box<NgramSketch>>,
}

impl Stats {
    /// Empty stats; `exact` turns on exact distinct-n counting.
    pub fn new(exact: bool) -> Self {
        Stats {
            intents: vec![IntentStats::default(); INTENTS.len()],
            exact: exact.then(DistinctCounter::new),
            sketch: Some(Box::default()),
            ..Default::default()
        }
    }

    /// Counts one example.
    pub fn add(&mut self, ex: &Example) {
        self.add_counts(ex);
        if let Some(s) = &mut self.sketch {
            s.add(&ex.text);
        }
    }

    /// Counts one example, leaving the distinct-n sketch alone (for callers that fill
    /// the sketch themselves).
    pub fn add_counts(&mut self, ex: &Example) {
        self.total += 1;
        let chars = ex.text.chars().count() as u64;
        let a = AUDIENCES.iter().position(|x| *x == ex.audience);
        let c = COMPLEXITIES.iter().position(|x| *x == ex.complexity);
        if let Some(i) = INTENTS.iter().position(|x| *x == ex.intent) {
            let s = &mut self.intents[i];
            if s.examples == 0 || chars < s.chars_min {
                s.chars_min = chars;
            }
            s.chars_max = s.chars_max.max(chars);
            s.chars_sum += chars;
            s.examples += 1;
            if ex.is_edge_case() {
                s.edge += 1;
            } else {
                s.template += 1;
                self.topics.insert((i, ex.metadata.topic.clone()));
            }
            if let Some(a) = a {
                s.audiences[a] += 1;
            }
            if let Some(c) = c {
                s.complexities[c] += 1;
            }
        }
        if let Some(a) = a {
            self.audiences[a] += 1;
        }
        if let Some(c) = c {
            self.complexities[c] += 1;
        }
        match self
            .styles
            .iter_mut()
            .find(|(s, _)| *s == ex.metadata.style)
        {
            Some((_, n)) => *n += 1,
            None => self.styles.push((ex.metadata.style.clone(), 1)),
        }
        if let Some(t) = ex.metadata.edge_case_type {
            if let Some(i) = EDGE_TYPES.iter().position(|x| *x == t) {
                self.edge_types[i] += 1;
            }
        }
        if let Some(e) = &mut self.exact {
            e.add(&ex.text);
        }
    }

    /// Adds another block's stats (blocks are merged in index order).
    pub fn merge(&mut self, o: Stats) {
        self.total += o.total;
        for (s, x) in self.intents.iter_mut().zip(&o.intents) {
            if x.examples > 0 && (s.examples == 0 || x.chars_min < s.chars_min) {
                s.chars_min = x.chars_min;
            }
            s.chars_max = s.chars_max.max(x.chars_max);
            s.chars_sum += x.chars_sum;
            s.examples += x.examples;
            s.template += x.template;
            s.edge += x.edge;
            add(&mut s.audiences, &x.audiences);
            add(&mut s.complexities, &x.complexities);
        }
        add(&mut self.audiences, &o.audiences);
        add(&mut self.complexities, &o.complexities);
        add(&mut self.edge_types, &o.edge_types);
        for (name, n) in o.styles {
            match self.styles.iter_mut().find(|(s, _)| *s == name) {
                Some((_, m)) => *m += n,
                None => self.styles.push((name, n)),
            }
        }
        self.topics.extend(o.topics);
        match (&mut self.exact, o.exact) {
            (Some(e), Some(x)) if self.total <= EXACT_CAP => e.merge(x),
            _ => self.exact = None,
        }
        if let (Some(s), Some(x)) = (&mut self.sketch, &o.sketch) {
            s.merge(x);
        }
    }

    /// distinct-n and how it was measured.
    pub fn distinct(&self, n: usize) -> f64 {
        match (&self.exact, &self.sketch) {
            (Some(e), _) => e.distinct(n),
            (None, Some(s)) => s.distinct(n),
            (None, None) => 0.0,
        }
    }

    /// How distinct-n was measured, for the metadata.
    pub fn distinct_method(&self) -> String {
        if self.exact.is_some() {
            format!(
                "exact over all {} texts (validate::metrics::DistinctCounter)",
                self.total
            )
        } else {
            format!(
                "estimated: HyperLogLog with 16384 registers per n (about 0.8% standard error) over all {} texts; exact counting stops past {EXACT_CAP} texts to keep memory flat",
                self.total
            )
        }
    }

    /// The `statistics` object: per intent counts, audience/complexity counts, lengths.
    pub fn statistics(&self) -> Value {
        let mut m = Map::new();
        for (i, s) in self.intents.iter().enumerate() {
            m.insert(
                INTENTS[i].to_string(),
                json!({
                    "count": s.examples,
                    "template_examples": s.template,
                    "edge_cases": s.edge,
                    "audiences": counts(&AUDIENCES, &s.audiences),
                    "complexities": counts(&COMPLEXITIES, &s.complexities),
                    "topics_covered": self.topics.iter().filter(|(x, _)| *x == i).count(),
                    "chars": {
                        "min": s.chars_min,
                        "mean": if s.examples == 0 { 0.0 } else { round4(s.chars_sum as f64 / s.examples as f64) },
                        "max": s.chars_max,
                    },
                }),
            );
        }
        Value::Object(m)
    }

    /// The `diversity_metrics` object; every value is in [0, 1]. `topics_defined` is
    /// the number of (intent, topic) pairs the templates define; `styles_defined` the
    /// number of styles.
    pub fn diversity(&self, topics_defined: usize, styles_defined: usize) -> Value {
        let t = self.total.max(1) as f64;
        let dist = |names: &[&str], c: &[u64]| -> Value {
            Value::Object(
                names
                    .iter()
                    .zip(c)
                    .map(|(n, &x)| (n.to_string(), json!(round4(x as f64 / t))))
                    .collect(),
            )
        };
        let coverage = if topics_defined == 0 {
            0.0
        } else {
            self.topics.len() as f64 / topics_defined as f64
        };
        json!({
            "audience_distribution": dist(&AUDIENCES, &self.audiences),
            "complexity_distribution": dist(&COMPLEXITIES, &self.complexities),
            "uniqueness_score": round4(self.distinct(3)),
            "distinct_1": round4(self.distinct(1)),
            "distinct_2": round4(self.distinct(2)),
            "topic_coverage": round4(coverage.min(1.0)),
            "style_variety": round4(entropy(self.styles.iter().map(|(_, n)| *n), styles_defined)),
        })
    }

    /// Counts per edge-case type.
    pub fn edge_types(&self) -> Value {
        counts(&EDGE_TYPES, &self.edge_types)
    }
}

/// A style or topic name: an id in the run's label table (names every template
/// example can have, known before the run), or the name itself (other sources).
#[derive(Debug, Clone)]
pub enum Name {
    Id(u16),
    Named(std::sync::Arc<str>),
}

/// Index of "none of the known values" in a `Facts` field.
pub const NONE: u8 = u8::MAX;
/// `Facts::edge` of an edge case whose type is not one of EDGE_TYPES.
pub const OTHER_EDGE: u8 = u8::MAX - 1;

/// What the statistics need of one example, without the example: indices into
/// INTENTS, AUDIENCES, COMPLEXITIES and EDGE_TYPES (`NONE` when absent or unknown),
/// and the example's duplicate key and token count for the writer.
#[derive(Debug, Clone)]
pub struct Facts {
    /// `dup_key` of the text.
    pub key: u64,
    /// Whitespace tokens in the text.
    pub tokens: u32,
    /// Characters in the text.
    pub chars: u32,
    pub intent: u8,
    pub audience: u8,
    pub complexity: u8,
    /// EDGE_TYPES index, OTHER_EDGE, or NONE for a template example.
    pub edge: u8,
    pub style: Name,
    pub topic: Name,
}

impl Facts {
    /// The facts of `ex`, given its duplicate key and token count.
    pub fn of(ex: &Example, key: u64, tokens: u32) -> Self {
        let pos =
            |names: &[&str], x: &str| names.iter().position(|n| *n == x).map_or(NONE, |i| i as u8);
        Facts {
            key,
            tokens,
            chars: u32::try_from(ex.text.chars().count()).unwrap_or(u32::MAX),
            intent: pos(&INTENTS, ex.intent),
            audience: pos(&AUDIENCES, ex.audience),
            complexity: pos(&COMPLEXITIES, ex.complexity),
            edge: match ex.metadata.edge_case_type {
                None => NONE,
                Some(t) => match pos(&EDGE_TYPES, t) {
                    NONE => OTHER_EDGE,
                    i => i,
                },
            },
            style: Name::Named(ex.metadata.style.clone()),
            topic: Name::Named(ex.metadata.topic.clone()),
        }
    }
}

/// Stats gathered from `Facts` in index order on one thread: the same `Stats` that
/// adding the examples themselves gives, with styles and topics counted by label id.
pub struct Tally {
    stats: Stats,
    labels: Vec<std::sync::Arc<str>>,
    ids: std::collections::HashMap<std::sync::Arc<str>, u16>,
    /// Per label id: its index in `stats.styles`, or u32::MAX.
    style_pos: Vec<u32>,
    /// Per label id: a bit per intent whose template examples had it as topic.
    topic_seen: Vec<u16>,
}

impl Tally {
    /// An empty tally; `labels` are the names `Name::Id` refers to (distinct).
    pub fn new(exact: bool, labels: Vec<std::sync::Arc<str>>) -> Self {
        let ids = labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.clone(), i as u16))
            .collect();
        Tally {
            stats: Stats::new(exact),
            style_pos: vec![u32::MAX; labels.len()],
            topic_seen: vec![0; labels.len()],
            labels,
            ids,
        }
    }

    /// Whether distinct-n is counted exactly (the caller then passes texts).
    pub fn exact(&self) -> bool {
        self.stats.exact.is_some()
    }

    fn id(&mut self, name: &Name) -> usize {
        match name {
            Name::Id(i) => usize::from(*i),
            Name::Named(n) => {
                if let Some(&i) = self.ids.get(n) {
                    return usize::from(i);
                }
                let i = self.labels.len();
                // More distinct names than u16 ids: count them under the last one
                // (only a source inventing tens of thousands of styles gets here).
                let Ok(id) = u16::try_from(i) else {
                    return usize::from(u16::MAX);
                };
                self.labels.push(n.clone());
                self.ids.insert(n.clone(), id);
                self.style_pos.push(u32::MAX);
                self.topic_seen.push(0);
                i
            }
        }
    }

    /// Counts one example.
    pub fn add(&mut self, f: &Facts) {
        let st = &mut self.stats;
        st.total += 1;
        let chars = u64::from(f.chars);
        let (a, c) = (usize::from(f.audience), usize::from(f.complexity));
        let edge = f.edge != NONE;
        if let Some(s) = st.intents.get_mut(usize::from(f.intent)) {
            if s.examples == 0 || chars < s.chars_min {
                s.chars_min = chars;
            }
            s.chars_max = s.chars_max.max(chars);
            s.chars_sum += chars;
            s.examples += 1;
            if edge {
                s.edge += 1;
            } else {
                s.template += 1;
            }
            if let Some(x) = s.audiences.get_mut(a) {
                *x += 1;
            }
            if let Some(x) = s.complexities.get_mut(c) {
                *x += 1;
            }
        }
        if let Some(x) = st.audiences.get_mut(a) {
            *x += 1;
        }
        if let Some(x) = st.complexities.get_mut(c) {
            *x += 1;
        }
        if let Some(x) = st.edge_types.get_mut(usize::from(f.edge)) {
            *x += 1;
        }
        if !edge && usize::from(f.intent) < INTENTS.len() {
            let t = self.id(&f.topic);
            if let Some(m) = self.topic_seen.get_mut(t) {
                *m |= 1 << f.intent;
            }
        }
        let s = self.id(&f.style);
        let Some(pos) = self.style_pos.get_mut(s) else {
            return;
        };
        if *pos == u32::MAX {
            *pos = self.stats.styles.len() as u32;
            self.stats.styles.push((self.labels[s].clone(), 0));
        }
        self.stats.styles[*pos as usize].1 += 1;
    }

    /// Adds a block's distinct-n counts (in block order).
    pub fn merge_distinct(&mut self, exact: Option<DistinctCounter>, sketch: &NgramSketch) {
        match (&mut self.stats.exact, exact) {
            (Some(e), Some(x)) if self.stats.total <= EXACT_CAP => e.merge(x),
            _ => self.stats.exact = None,
        }
        if let Some(s) = &mut self.stats.sketch {
            s.merge(sketch);
        }
    }

    /// The stats counted.
    pub fn finish(mut self) -> Stats {
        for (id, mask) in self.topic_seen.iter().enumerate() {
            for i in 0..INTENTS.len() {
                if mask & (1 << i) != 0 {
                    self.stats.topics.insert((i, self.labels[id].clone()));
                }
            }
        }
        self.stats
    }
}

fn add<const N: usize>(a: &mut [u64; N], b: &[u64; N]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

fn counts(names: &[&str], c: &[u64]) -> Value {
    Value::Object(
        names
            .iter()
            .zip(c)
            .map(|(n, &x)| (n.to_string(), json!(x)))
            .collect(),
    )
}

/// Shannon entropy of `counts` over `k` categories, divided by ln k: 1 when every
/// category is equally used, 0 when one is used (or k < 2).
pub fn entropy(counts: impl Iterator<Item = u64>, k: usize) -> f64 {
    let c: Vec<u64> = counts.collect();
    let total: u64 = c.iter().sum();
    if k < 2 || total == 0 {
        return 0.0;
    }
    let h: f64 = c
        .iter()
        .filter(|&&x| x > 0)
        .map(|&x| {
            let p = x as f64 / total as f64;
            -p * p.ln()
        })
        .sum();
    (h / (k as f64).ln()).clamp(0.0, 1.0)
}

/// Rounds to four decimals (stable, readable output).
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_bounds() {
        assert!((entropy([5, 5, 5].into_iter(), 3) - 1.0).abs() < 1e-12);
        assert_eq!(entropy([9, 0, 0].into_iter(), 3), 0.0);
        let h = entropy([8, 1, 1].into_iter(), 3);
        assert!(h > 0.0 && h < 1.0);
        assert_eq!(entropy([1].into_iter(), 1), 0.0);
    }
}
