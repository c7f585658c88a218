//! Generating one template example: a pure function of the template set, the intent
//! and an RNG. Everything random (audience, complexity, style, topic, pattern, slot
//! values, confidence) is drawn from that RNG, so an example depends only on
//! (seed, index) and never on scheduling.

use super::templates::{Compiled, Ctx, Piece, TemplateSet};
use super::{Example, ExampleMeta, Provenance, AUDIENCES, COMPLEXITIES};
use rand::Rng;
use std::sync::Arc;

/// Base technical level per audience (child, beginner, intermediate, expert, general).
const BASE_LEVEL: [i32; 5] = [1, 2, 3, 4, 2];

/// Confidence range per complexity: simple requests are the clearest.
const CONFIDENCE: [(f64, f64); 3] = [(0.82, 0.99), (0.68, 0.95), (0.55, 0.9)];

/// Generates one template example of intent `intent` (index into INTENTS).
pub fn template_example<R: Rng>(set: &TemplateSet, intent: usize, rng: &mut R) -> Example {
    let it = &set.intents[intent];
    let a = rng.gen_range(0..AUDIENCES.len());
    let c = rng.gen_range(0..COMPLEXITIES.len());
    let s = rng.gen_range(0..set.styles.len());
    let t = rng.gen_range(0..it.topics.len());
    let allowed = &it.by_complexity[c];
    let pattern = &it.patterns[allowed[rng.gen_range(0..allowed.len())]];
    let ctx = Ctx::new(set, intent, t, a, c, s);

    let mut raw = String::with_capacity(160);
    let mut slots = Vec::with_capacity(8);
    fill(
        set,
        &ctx,
        &pattern.pieces,
        rng,
        &mut raw,
        Some(&mut slots),
        0,
    );
    let text = tidy(&raw);

    let mut level = BASE_LEVEL[a] + [-(rng.gen_range(0..2)), 0, rng.gen_range(0..2)][c];
    if &*set.styles[s].name == "technical" {
        level += 1;
    }
    let (lo, hi) = CONFIDENCE[c];
    let confidence = round2(rng.gen_range(lo..=hi));
    Example {
        text,
        intent: it.intent,
        audience: AUDIENCES[a],
        complexity: COMPLEXITIES[c],
        confidence,
        metadata: ExampleMeta {
            generation_method: "template".into(),
            style: set.styles[s].name.clone(),
            technical_level: level.clamp(1, 5) as u8,
            topic: it.topics[t].name.clone(),
            edge_case_type: None,
            ambiguous_intents: None,
            language: None,
            transforms: Vec::new(),
            provenance: Provenance {
                template_id: pattern.id.clone(),
                slots,
            },
        },
    }
}

/// Expands `pieces` into `out`, choosing one value per slot; at the top level the
/// value chosen for each slot is recorded in `record`.
pub fn fill<R: Rng>(
    set: &TemplateSet,
    ctx: &Ctx,
    pieces: &Compiled,
    rng: &mut R,
    out: &mut String,
    mut record: Option<&mut Vec<(Arc<str>, String)>>,
    depth: usize,
) {
    for p in pieces {
        match p {
            Piece::Lit(s) => out.push_str(s),
            Piece::Num(lo, hi) => {
                use std::fmt::Write;
                let _ = write!(out, "{}", rng.gen_range(*lo..=*hi));
            }
            Piece::Choice(alts) => {
                let a = &alts[rng.gen_range(0..alts.len())];
                fill(set, ctx, a, rng, out, record.as_deref_mut(), depth);
            }
            Piece::Slot(id) => {
                // The loader checked that every reachable slot resolves without cycles.
                let Some((values, _)) = ctx.lookup(*id) else {
                    continue;
                };
                if depth > super::templates::MAX_DEPTH || values.is_empty() {
                    continue;
                }
                let v = &values[rng.gen_range(0..values.len())];
                let start = out.len();
                fill(set, ctx, v, rng, out, None, depth + 1);
                if let Some(r) = record.as_deref_mut() {
                    r.push((set.names[*id].clone(), out[start..].trim().to_string()));
                }
            }
        }
    }
}

/// Collapses runs of spaces, trims, removes a space before `,.?!:;`, and capitalises
/// the first letter.
pub fn tidy(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.trim().chars() {
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        if matches!(c, ',' | '.' | '?' | '!' | ':' | ';') && out.ends_with(' ') {
            out.pop();
        }
        out.push(c);
    }
    if let Some(first) = out.chars().next() {
        if first.is_lowercase() {
            let upper: String = first.to_uppercase().collect();
            out.replace_range(..first.len_utf8(), &upper);
        }
    }
    out
}

/// Rounds to two decimals.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_spacing_and_case() {
        assert_eq!(tidy("  write  a poem , please ."), "Write a poem, please.");
        assert_eq!(tidy("écris un poème"), "Écris un poème");
        assert_eq!(tidy(""), "");
    }

    #[test]
    fn round_two_decimals() {
        assert_eq!(round2(0.8749), 0.87);
        assert_eq!(round2(0.99), 0.99);
    }
}
