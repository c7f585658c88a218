//! Template examples written straight into their JSON record: the same random draws
//! and the same bytes as building the `Example` (`generate::template_example_with`)
//! and serialising it (`dataset::json::record`), without building the example. Names,
//! ids and the fixed fields are escaped once, when the writer is made; texts and slot
//! values are copied without an escaping pass when no literal of the templates holds
//! a byte that JSON escapes.

use super::dataset::json;
use super::generate::KeywordMatchers;
use super::program::{utf8, Program, Scratch};
use super::sketch::NgramSketch;
use super::stats::{Facts, Name, NONE};
use super::templates::{Compiled, Piece, Scope, TemplateSet};
use super::{AUDIENCES, COMPLEXITIES, INTENTS};
use rand::Rng;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::new());
}

/// The precomputed pieces of template records for one template set.
pub struct RecordWriter {
    /// Per (intent, audience, complexity), index `(i * 5 + a) * 3 + c`:
    /// `,"intent":"..","audience":"..","complexity":"..","confidence":`.
    head: Vec<Box<[u8]>>,
    /// Per style: `,"metadata":{"generation_method":"template","style":"..","technical_level":`.
    style: Vec<Box<[u8]>>,
    /// Per intent and topic: `,"topic":"..","provenance":{"template_id":`.
    topic: Vec<Vec<Box<[u8]>>>,
    /// Per intent and pattern: `"<intent>/<id>","slots":{`.
    pattern: Vec<Vec<Box<[u8]>>>,
    /// Per slot id: the name as a JSON string.
    names: Vec<Box<[u8]>>,
    /// `k / 100` for k in 0..=100 as serde_json writes the float.
    hundredths: Vec<Box<[u8]>>,
    /// No literal of the templates holds a byte JSON escapes, so neither does any text
    /// or slot value drawn from them.
    plain: bool,
    /// Distinct style and topic names; `Name::Id` indexes this.
    labels: Vec<Arc<str>>,
    style_label: Vec<u16>,
    topic_label: Vec<Vec<u16>>,
    /// The templates as a flat program (None: they use a piece kind it does not know,
    /// and drafts come from the template tree).
    program: Option<Program>,
}

fn jstr(s: &str) -> Vec<u8> {
    let mut v = Vec::new();
    json::string(&mut v, s);
    v
}

fn cat(parts: &[&[u8]]) -> Box<[u8]> {
    parts.concat().into_boxed_slice()
}

/// Whether any literal reachable from `pieces` holds a byte JSON escapes.
fn needs_escape(pieces: &Compiled) -> bool {
    pieces.iter().any(|p| match p {
        Piece::Lit(s) => s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\'),
        Piece::Choice(alts) => alts.iter().any(needs_escape),
        Piece::Slot(_) | Piece::Bound(..) | Piece::Num(..) => false,
        // a piece kind added later: assume it may need escaping
        #[allow(unreachable_patterns)]
        _ => true,
    })
}

fn scope_needs_escape(s: &Scope) -> bool {
    s.slots.iter().flatten().flatten().any(needs_escape)
}

impl RecordWriter {
    /// The pieces for `set` (whose keyword tests are `keywords`).
    pub fn new(set: &TemplateSet, keywords: &KeywordMatchers) -> Self {
        let mut labels: Vec<Arc<str>> = Vec::new();
        let mut ids: HashMap<Arc<str>, u16> = HashMap::new();
        let mut label = |name: &Arc<str>| -> u16 {
            *ids.entry(name.clone()).or_insert_with(|| {
                labels.push(name.clone());
                (labels.len() - 1) as u16
            })
        };
        let style_label = set.styles.iter().map(|s| label(&s.name)).collect();
        let topic_label = set
            .intents
            .iter()
            .map(|it| it.topics.iter().map(|t| label(&t.name)).collect())
            .collect();

        let mut head = Vec::new();
        for i in INTENTS {
            for a in AUDIENCES {
                for c in COMPLEXITIES {
                    head.push(cat(&[
                        b",\"intent\":",
                        &jstr(i),
                        b",\"audience\":",
                        &jstr(a),
                        b",\"complexity\":",
                        &jstr(c),
                        b",\"confidence\":",
                    ]));
                }
            }
        }
        let style = set
            .styles
            .iter()
            .map(|s| {
                cat(&[
                    b",\"metadata\":{\"generation_method\":\"template\",\"style\":",
                    &jstr(&s.name),
                    b",\"technical_level\":",
                ])
            })
            .collect();
        let topic = set
            .intents
            .iter()
            .map(|it| {
                it.topics
                    .iter()
                    .map(|t| {
                        cat(&[
                            b",\"topic\":",
                            &jstr(&t.name),
                            b",\"provenance\":{\"template_id\":",
                        ])
                    })
                    .collect()
            })
            .collect();
        let pattern = set
            .intents
            .iter()
            .map(|it| {
                it.patterns
                    .iter()
                    .map(|p| cat(&[&jstr(&p.id), b",\"slots\":{"]))
                    .collect()
            })
            .collect();
        let names = set
            .names
            .iter()
            .map(|n| jstr(n).into_boxed_slice())
            .collect();
        let hundredths = (0..=100)
            .map(|k| {
                let mut v = Vec::new();
                json::float(&mut v, f64::from(k) / 100.0);
                v.into_boxed_slice()
            })
            .collect();

        let mut scopes: Vec<&Scope> = vec![&set.common];
        scopes.extend(set.styles.iter().map(|s| &s.scope));
        scopes.extend(set.audiences.iter());
        scopes.extend(set.complexities.iter());
        for it in &set.intents {
            scopes.extend(it.topics.iter().map(|t| &t.scope));
            scopes.extend(it.audiences.iter());
            scopes.extend(it.complexities.iter());
            scopes.push(&it.slots);
        }
        let plain = !scopes.into_iter().any(scope_needs_escape)
            && !set
                .intents
                .iter()
                .flat_map(|it| &it.patterns)
                .any(|p| needs_escape(&p.pieces));

        RecordWriter {
            head,
            style,
            topic,
            pattern,
            names,
            hundredths,
            plain,
            labels,
            style_label,
            topic_label,
            program: Program::new(set, keywords),
        }
    }

    /// The names `Name::Id` in the facts of `emit` refers to.
    pub fn labels(&self) -> Vec<Arc<str>> {
        self.labels.clone()
    }

    /// Appends `s` as a JSON string; `plain` says it needs no escaping.
    fn string(out: &mut Vec<u8>, s: &str, plain: bool) {
        if plain {
            out.push(b'"');
            out.extend_from_slice(s.as_bytes());
            out.push(b'"');
        } else {
            json::string(out, s);
        }
    }

    /// Draws a template example of intent `intent` from `rng` exactly as
    /// `template_example_with` does, appends its record (stamped with `generated_at`)
    /// to `out`, adds its text to `sketch` (and to `text` when given) and returns its
    /// facts.
    #[allow(clippy::too_many_arguments)]
    pub fn emit<R: Rng>(
        &self,
        set: &TemplateSet,
        keywords: &KeywordMatchers,
        intent: usize,
        rng: &mut R,
        generated_at: &str,
        out: &mut Vec<u8>,
        sketch: &mut NgramSketch,
        text: Option<&mut String>,
    ) -> Facts {
        let run = |scratch: &mut Scratch| {
            let d = match &self.program {
                Some(p) => p.kept_draft(set, keywords, intent, rng, scratch),
                None => tree_draft(set, keywords, intent, rng, scratch),
            };
            let body = &scratch.text;
            // text and slot values are made of bytes of the raw text
            let plain = self.plain || json::is_plain(&scratch.raw);
            let raw = utf8(&scratch.raw);
            out.extend_from_slice(b"{\"text\":");
            Self::string(out, body, plain);
            out.extend_from_slice(&self.head[(intent * AUDIENCES.len() + d.a) * 3 + d.c]);
            let k = d.confidence * 100.0;
            match self.hundredths.get(k.round() as usize) {
                Some(h) if f64::from(k.round() as u32) / 100.0 == d.confidence => {
                    out.extend_from_slice(h)
                }
                _ => json::float(out, d.confidence),
            }
            out.extend_from_slice(&self.style[d.s]);
            out.extend_from_slice(itoa::Buffer::new().format(d.level).as_bytes());
            out.extend_from_slice(&self.topic[intent][d.t]);
            out.extend_from_slice(&self.pattern[intent][d.pattern]);
            for (n, &(id, start, end)) in scratch.slots.iter().enumerate() {
                if n > 0 {
                    out.push(b',');
                }
                let earlier = scratch.slots[..n].iter().filter(|s| s.0 == id).count();
                if earlier == 0 {
                    out.extend_from_slice(&self.names[id]);
                } else {
                    json::string(out, &format!("{}#{}", set.names[id], earlier + 1));
                }
                out.push(b':');
                let value = raw.get(start as usize..end as usize).unwrap_or_default();
                Self::string(out, trim(value), plain);
            }
            out.extend_from_slice(b"}}},\"generated_at\":");
            json::string(out, generated_at);
            out.push(b'}');

            let (key, tokens) = sketch.add_counted(body);
            if let Some(t) = text {
                t.push_str(body);
            }
            Facts {
                key,
                tokens,
                chars: u32::try_from(body.chars().count()).unwrap_or(u32::MAX),
                intent: intent as u8,
                audience: d.a as u8,
                complexity: d.c as u8,
                edge: NONE,
                style: Name::Id(self.style_label[d.s]),
                topic: Name::Id(self.topic_label[intent][d.t]),
            }
        };
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => run(&mut s),
            // Only reachable if generation were re-entered on this thread.
            Err(_) => run(&mut Scratch::new()),
        })
    }
}

/// Drafts from the template tree (`generate::kept_draft`) into `scratch`.
fn tree_draft<R: Rng>(
    set: &TemplateSet,
    keywords: &KeywordMatchers,
    intent: usize,
    rng: &mut R,
    scratch: &mut Scratch,
) -> crate::intents::generate::Draft {
    let mut tree = crate::intents::generate::Scratch::new();
    let d = crate::intents::generate::kept_draft(set, intent, rng, &mut tree, &|p, t| {
        keywords.accepts(set, intent, p, t)
    });
    scratch.raw.clear();
    scratch.raw.extend_from_slice(tree.raw.as_bytes());
    scratch.text.clone_from(&tree.text);
    scratch.slots.clone_from(&tree.slots);
    d
}

/// `str::trim`, answering at once when both ends are ASCII and not whitespace.
#[inline]
fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intents::dataset::emit_example;
    use crate::intents::generate::template_example_with;
    use crate::intents::templates::load;
    use rand::SeedableRng;

    /// Same draws, same bytes, same facts as building and serialising the example.
    #[test]
    fn same_record_as_the_example() {
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("templates/intents");
        let set = load(&dir).unwrap();
        let kw = KeywordMatchers::new(&set);
        let mut tree = RecordWriter::new(&set, &kw);
        // the fallback for templates with a piece kind the program does not know
        tree.program = None;
        let w = RecordWriter::new(&set, &kw);
        assert!(w.program.is_some());
        let labels = w.labels();
        for (seed, w) in (0..600u64).map(|s| (s, if s % 2 == 0 { &w } else { &tree })) {
            let i = (seed / 2 % 10) as usize;
            let ex = template_example_with(
                &set,
                &kw,
                i,
                &mut rand_chacha::ChaCha8Rng::seed_from_u64(seed),
            );
            let (mut a, mut b) = (Vec::new(), Vec::new());
            let (mut sa, mut sb) = (NgramSketch::new(), NgramSketch::new());
            let (mut ta, mut tb) = (String::new(), String::new());
            let fa = emit_example(&ex, "2026-01-01T00:00:00Z", &mut a, &mut sa, Some(&mut ta));
            let fb = w.emit(
                &set,
                &kw,
                i,
                &mut rand_chacha::ChaCha8Rng::seed_from_u64(seed),
                "2026-01-01T00:00:00Z",
                &mut b,
                &mut sb,
                Some(&mut tb),
            );
            assert_eq!(String::from_utf8(a).unwrap(), String::from_utf8(b).unwrap());
            assert_eq!(ta, tb);
            assert_eq!((fa.key, fa.tokens, fa.chars), (fb.key, fb.tokens, fb.chars));
            assert_eq!(
                (fa.intent, fa.audience, fa.complexity, fa.edge),
                (fb.intent, fb.audience, fb.complexity, fb.edge)
            );
            let name = |n: &Name| match n {
                Name::Id(i) => labels[usize::from(*i)].clone(),
                Name::Named(s) => s.clone(),
            };
            assert_eq!(name(&fa.style), name(&fb.style));
            assert_eq!(name(&fa.topic), name(&fb.topic));
            assert_eq!(sa.distinct(3), sb.distinct(3));
        }
    }
}
