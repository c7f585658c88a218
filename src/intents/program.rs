//! The template grammar compiled once more, into a flat program for fast drafting:
//! every sequence of pieces is a range of one `Vec<Op>`, and where a slot is looked up
//! is decided at load time (per intent and slot, only the scope levels that define it
//! somewhere are searched, by index, instead of the eight scopes of `Ctx::lookup`).
//! Literals also carry, per intent, whether they hold a keyword that tidying cannot
//! break, so most drafts need no keyword search.
//!
//! Drafting from the program makes the same random draws, in the same order, as
//! `generate::draft` over the template tree, and gives the same text; a unit test
//! holds the two together.

use super::generate::{round2, tidy_into, Draft, KeywordMatchers, KEYWORD_ATTEMPTS};
use super::templates::{Compiled, Piece, Scope, TemplateSet, MAX_DEPTH};
use super::{AUDIENCES, COMPLEXITIES};
use rand::Rng;
use std::collections::HashMap;

/// A range of `Program::ops`: (first, count).
type Span = (u32, u32);

/// Marks a (scope, slot) the scope does not define.
const UNDEFINED: u32 = u32::MAX;

/// One step of a compiled sequence.
#[derive(Debug, Clone, Copy)]
enum Op {
    /// `short[lit][..len]` when len <= 16, else `long[lit]`; `kw` has a bit per intent
    /// (index into INTENTS) whose tidy-safe keyword this literal holds.
    Lit { lit: u32, len: u32, kw: u16 },
    /// A whole number drawn from lo..=hi.
    Num { lo: u32, hi: u32 },
    /// One of `alts[first..first + n]`.
    Choice { first: u32, n: u32 },
    /// A slot, looked up by id.
    Slot { id: u32 },
    /// A bound slot (`{name:1}`): drawn like a slot the first time in a draft, its
    /// value repeated at later uses of the same id and tag.
    Bound { id: u32, tag: u8 },
}

/// The flat form of a template set.
pub struct Program {
    /// Literals of at most 16 bytes, zero-padded: copied as 16 bytes (no call to
    /// memcpy), then the buffer is cut back to the literal's end.
    short: Vec<[u8; 16]>,
    /// Longer literals.
    long: Vec<Box<[u8]>>,
    ops: Vec<Op>,
    /// Alternatives of choices.
    alts: Vec<Span>,
    /// Values of slots.
    vals: Vec<Span>,
    /// Number of slot ids.
    names: usize,
    /// Per (intent, slot id), index `intent * names + id`: the range of `levels`
    /// to search.
    res: Vec<(u32, u32)>,
    /// A scope level of the lookup chain (0..8, as in `Ctx::new`) and the base of its
    /// per-variant entries in `table`.
    levels: Vec<(u8, u32)>,
    /// Per level variant: the slot's values in `vals` as (first, n), first UNDEFINED
    /// when that scope does not define the slot.
    table: Vec<(u32, u32)>,
    /// Per intent and pattern: its sequence.
    patterns: Vec<Vec<Span>>,
}

/// The state of expanding one draft.
struct Filler<'a, R> {
    intent: usize,
    /// The variant per lookup level (topic, audience, complexity, -, style, audience,
    /// complexity, -).
    variant: [usize; 8],
    rng: &'a mut R,
    out: &'a mut Vec<u8>,
    /// Keyword bits of the literals used.
    kw: u16,
    /// Bound slots drawn so far: id, tag and byte range in `out`.
    bound: &'a mut Vec<(u32, u8, u32, u32)>,
}

/// Per-thread buffers for drafting from a program.
pub struct Scratch {
    /// The untidied text (UTF-8: whole literals and digits).
    pub raw: Vec<u8>,
    /// The tidied text.
    pub text: String,
    /// Top-level slots filled: slot id and byte range of its value in `raw`.
    pub slots: Vec<(usize, u32, u32)>,
    /// Bound slots drawn: id, tag and byte range in `raw`.
    pub bound: Vec<(u32, u8, u32, u32)>,
}

impl Scratch {
    pub fn new() -> Self {
        Scratch {
            raw: Vec::with_capacity(512),
            text: String::with_capacity(512),
            slots: Vec::with_capacity(16),
            bound: Vec::new(),
        }
    }
}

impl Default for Scratch {
    fn default() -> Self {
        Self::new()
    }
}

/// `raw` as text: whole literals and digits are valid UTF-8, so this borrows (the
/// lossy conversion is only a guard).
pub fn utf8(raw: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(raw) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(raw),
    }
}

/// The scopes of one level of the lookup chain for intent `i`, indexed by variant.
fn level_scopes(set: &TemplateSet, i: usize, level: usize) -> Vec<&Scope> {
    let it = &set.intents[i];
    match level {
        0 => it.topics.iter().map(|t| &t.scope).collect(),
        1 => it.audiences.iter().collect(),
        2 => it.complexities.iter().collect(),
        3 => vec![&it.slots],
        4 => set.styles.iter().map(|s| &s.scope).collect(),
        5 => set.audiences.iter().collect(),
        6 => set.complexities.iter().collect(),
        _ => vec![&set.common],
    }
}

struct Builder<'a> {
    p: Program,
    /// A piece kind this compiler does not know was seen.
    unknown: bool,
    keywords: &'a KeywordMatchers,
    /// Keyword bits of literal texts already seen.
    kw: HashMap<Box<str>, u16>,
    /// Compiled values of each scope (by address; scopes shared by intents compile once).
    scopes: HashMap<usize, Vec<Option<(u32, u32)>>>,
}

impl Builder<'_> {
    fn seq(&mut self, pieces: &Compiled) -> Span {
        let mut local = Vec::with_capacity(pieces.len());
        for piece in pieces {
            match piece {
                Piece::Lit(s) => {
                    let kw = match self.kw.get(&**s) {
                        Some(&k) => k,
                        None => {
                            let k = self.keywords.literal_mask(s);
                            self.kw.insert(s.clone(), k);
                            k
                        }
                    };
                    let len = s.len() as u32;
                    let lit = if s.len() <= 16 {
                        let mut w = [0u8; 16];
                        w[..s.len()].copy_from_slice(s.as_bytes());
                        self.p.short.push(w);
                        self.p.short.len() - 1
                    } else {
                        self.p.long.push(s.as_bytes().into());
                        self.p.long.len() - 1
                    };
                    local.push(Op::Lit {
                        lit: lit as u32,
                        len,
                        kw,
                    });
                }
                Piece::Num(lo, hi) => local.push(Op::Num { lo: *lo, hi: *hi }),
                Piece::Choice(alts) => {
                    let spans: Vec<Span> = alts.iter().map(|a| self.seq(a)).collect();
                    let first = self.p.alts.len() as u32;
                    self.p.alts.extend(spans);
                    local.push(Op::Choice {
                        first,
                        n: alts.len() as u32,
                    });
                }
                Piece::Slot(id) => local.push(Op::Slot { id: *id as u32 }),
                Piece::Bound(id, tag) => local.push(Op::Bound {
                    id: *id as u32,
                    tag: *tag,
                }),
                // A piece kind added to the templates after this compiler: the caller
                // drafts from the template tree instead.
                #[allow(unreachable_patterns)]
                _ => self.unknown = true,
            }
        }
        let first = self.p.ops.len() as u32;
        let n = local.len() as u32;
        self.p.ops.extend(local);
        (first, n)
    }

    /// The compiled values of every slot `scope` defines, by slot id.
    fn scope(&mut self, scope: &Scope) -> Vec<Option<(u32, u32)>> {
        let key = scope as *const Scope as usize;
        if let Some(v) = self.scopes.get(&key) {
            return v.clone();
        }
        let v: Vec<Option<(u32, u32)>> = (0..self.p.names)
            .map(|id| {
                scope.get(id).map(|values| {
                    let spans: Vec<Span> = values.iter().map(|c| self.seq(c)).collect();
                    let first = self.p.vals.len() as u32;
                    self.p.vals.extend(spans);
                    (first, values.len() as u32)
                })
            })
            .collect();
        self.scopes.insert(key, v.clone());
        v
    }
}

impl Program {
    /// Compiles `set` (after everything that adds slots to it has run); None if the
    /// templates use a piece kind the program does not know.
    pub fn new(set: &TemplateSet, keywords: &KeywordMatchers) -> Option<Self> {
        let names = set.names.len();
        let mut b = Builder {
            p: Program {
                short: Vec::new(),
                long: Vec::new(),
                ops: Vec::new(),
                alts: Vec::new(),
                vals: Vec::new(),
                names,
                res: vec![(0, 0); names * set.intents.len()],
                levels: Vec::new(),
                table: Vec::new(),
                patterns: Vec::new(),
            },
            unknown: false,
            keywords,
            kw: HashMap::new(),
            scopes: HashMap::new(),
        };
        for (i, it) in set.intents.iter().enumerate() {
            let patterns = it.patterns.iter().map(|p| b.seq(&p.pieces)).collect();
            b.p.patterns.push(patterns);
            // per level: the compiled values of each variant's scope
            let compiled: Vec<Vec<Vec<Option<(u32, u32)>>>> = (0..8)
                .map(|level| {
                    level_scopes(set, i, level)
                        .into_iter()
                        .map(|s| b.scope(s))
                        .collect()
                })
                .collect();
            for id in 0..names {
                let first = b.p.levels.len() as u32;
                for (level, variants) in compiled.iter().enumerate() {
                    if variants.iter().all(|v| v[id].is_none()) {
                        continue;
                    }
                    let base = b.p.table.len() as u32;
                    b.p.table
                        .extend(variants.iter().map(|v| v[id].unwrap_or((UNDEFINED, 0))));
                    b.p.levels.push((level as u8, base));
                }
                b.p.res[i * names + id] = (first, b.p.levels.len() as u32 - first);
            }
        }
        (!b.unknown).then_some(b.p)
    }

    /// The values of slot `id` for intent `i` in the context whose variant per level
    /// is `variant`: (first, n) in `vals`.
    #[inline]
    fn lookup(&self, i: usize, variant: &[usize; 8], id: usize) -> Option<(u32, u32)> {
        if id >= self.names {
            return None;
        }
        let (first, n) = self.res[i * self.names + id];
        for &(level, base) in &self.levels[first as usize..(first + n) as usize] {
            let (vf, vn) = self.table[base as usize + variant[usize::from(level)]];
            if vf != UNDEFINED {
                return Some((vf, vn));
            }
        }
        None
    }

    /// Expands `span` as `generate::fill_fast` expands pieces: the same draws, the
    /// same text, top-level slots recorded in `record`.
    fn fill<R: Rng>(
        &self,
        f: &mut Filler<'_, R>,
        span: Span,
        mut record: Option<&mut Vec<(usize, u32, u32)>>,
        depth: usize,
    ) {
        let ops = &self.ops[span.0 as usize..(span.0 + span.1) as usize];
        for op in ops {
            match *op {
                Op::Lit { lit, len, kw } => {
                    if len <= 16 {
                        let at = f.out.len();
                        f.out.extend_from_slice(&self.short[lit as usize]);
                        f.out.truncate(at + len as usize);
                    } else {
                        f.out.extend_from_slice(&self.long[lit as usize]);
                    }
                    f.kw |= kw;
                }
                Op::Num { lo, hi } => f.out.extend_from_slice(
                    itoa::Buffer::new()
                        .format(f.rng.gen_range(lo..=hi))
                        .as_bytes(),
                ),
                Op::Choice { first, n } => {
                    let a = self.alts[first as usize + f.rng.gen_range(0..n as usize)];
                    self.fill(f, a, record.as_deref_mut(), depth);
                }
                Op::Bound { id, tag } => {
                    let found = f.bound.iter().find(|b| b.0 == id && b.1 == tag);
                    if let Some(&(_, _, a, b)) = found {
                        // a repeat: the value again, not recorded
                        f.out.extend_from_within(a as usize..b as usize);
                        continue;
                    }
                    let Some((vf, vn)) = self.lookup(f.intent, &f.variant, id as usize) else {
                        continue;
                    };
                    if depth > MAX_DEPTH || vn == 0 {
                        continue;
                    }
                    let v = self.vals[vf as usize + f.rng.gen_range(0..vn as usize)];
                    let start = f.out.len();
                    self.fill(f, v, None, depth + 1);
                    let end = f.out.len() as u32;
                    f.bound.push((id, tag, start as u32, end));
                    if let Some(r) = record.as_deref_mut() {
                        r.push((id as usize, start as u32, end));
                    }
                }
                Op::Slot { id } => {
                    let id = id as usize;
                    let Some((vf, vn)) = self.lookup(f.intent, &f.variant, id) else {
                        continue;
                    };
                    if depth > MAX_DEPTH || vn == 0 {
                        continue;
                    }
                    let v = self.vals[vf as usize + f.rng.gen_range(0..vn as usize)];
                    let start = f.out.len();
                    self.fill(f, v, None, depth + 1);
                    if let Some(r) = record.as_deref_mut() {
                        r.push((id, start as u32, f.out.len() as u32));
                    }
                }
            }
        }
    }

    /// Draws one candidate into `scratch` with exactly the draws of `generate::draft`;
    /// returns its choices and the keyword bits of its literals.
    fn draft<R: Rng>(
        &self,
        set: &TemplateSet,
        intent: usize,
        rng: &mut R,
        scratch: &mut Scratch,
    ) -> (Draft, u16) {
        let it = &set.intents[intent];
        let a = rng.gen_range(0..AUDIENCES.len());
        let c = rng.gen_range(0..COMPLEXITIES.len());
        let s = rng.gen_range(0..set.styles.len());
        let t = rng.gen_range(0..it.topics.len());
        let allowed = &it.by_complexity[c];
        let pattern = allowed[rng.gen_range(0..allowed.len())];

        scratch.raw.clear();
        scratch.slots.clear();
        scratch.bound.clear();
        let mut f = Filler {
            intent,
            variant: [t, a, c, 0, s, a, c, 0],
            rng,
            out: &mut scratch.raw,
            kw: 0,
            bound: &mut scratch.bound,
        };
        self.fill(
            &mut f,
            self.patterns[intent][pattern],
            Some(&mut scratch.slots),
            0,
        );
        let kw = f.kw;
        // whole literals and digits: valid UTF-8, so this borrows
        tidy_into(&utf8(&scratch.raw), &mut scratch.text);

        // Both draws are made whatever the complexity (the order of draws is the contract).
        let down = rng.gen_range(0..2);
        let up = rng.gen_range(0..2);
        let mut level = super::generate::BASE_LEVEL[a] + [-down, 0, up][c];
        if &*set.styles[s].name == "technical" {
            level += 1;
        }
        let (lo, hi) = super::generate::CONFIDENCE[c];
        let confidence = round2(rng.gen_range(lo..=hi));
        let d = Draft {
            a,
            c,
            s,
            t,
            pattern,
            level: level.clamp(1, 5) as u8,
            confidence,
        };
        (d, kw)
    }

    /// Draws candidates until one has a keyword of its intent (at most
    /// KEYWORD_ATTEMPTS), as `generate::template_example_with` does; the kept one is in
    /// `scratch`.
    pub(crate) fn kept_draft<R: Rng>(
        &self,
        set: &TemplateSet,
        keywords: &KeywordMatchers,
        intent: usize,
        rng: &mut R,
        scratch: &mut Scratch,
    ) -> Draft {
        let bit = 1u16 << intent;
        let (mut d, mut kw) = self.draft(set, intent, rng, scratch);
        for _ in 1..KEYWORD_ATTEMPTS {
            // a literal with a tidy-safe keyword means the search would find one
            if kw & bit != 0 || keywords.accepts(set, intent, d.pattern, &scratch.text) {
                break;
            }
            (d, kw) = self.draft(set, intent, rng, scratch);
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intents::generate::template_example_with;
    use crate::intents::templates::load;
    use crate::intents::INTENTS;
    use rand::SeedableRng;

    /// The program drafts the same examples as the template tree.
    #[test]
    fn same_drafts_as_the_template_tree() {
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("templates/intents");
        let set = load(&dir).unwrap();
        let kw = KeywordMatchers::new(&set);
        let prog = Program::new(&set, &kw).expect("the shipped templates compile");
        let mut scratch = Scratch::new();
        let mut sure = 0;
        for seed in 0..2000u64 {
            let i = (seed % INTENTS.len() as u64) as usize;
            let ex = template_example_with(
                &set,
                &kw,
                i,
                &mut rand_chacha::ChaCha8Rng::seed_from_u64(seed),
            );
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
            let d = prog.kept_draft(&set, &kw, i, &mut rng, &mut scratch);
            assert_eq!(scratch.text, ex.text);
            assert_eq!(d.confidence, ex.confidence);
            assert_eq!(
                &*set.intents[i].patterns[d.pattern].id,
                &*ex.metadata.provenance.template_id
            );
            let slots: Vec<(&str, &str)> = scratch
                .slots
                .iter()
                .map(|&(id, a, b)| {
                    let v = std::str::from_utf8(&scratch.raw[a as usize..b as usize]).unwrap();
                    (&*set.names[id], v.trim())
                })
                .collect();
            assert_eq!(slots, ex.metadata.provenance.slots().collect::<Vec<_>>());
            // the rng is where the tree's draws left it
            let mut again = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
            template_example_with(&set, &kw, i, &mut again);
            assert_eq!(rng.gen::<u64>(), again.gen::<u64>());
            let (_, bits) = prog.draft(
                &set,
                i,
                &mut rand_chacha::ChaCha8Rng::seed_from_u64(seed),
                &mut scratch,
            );
            if bits & (1 << i) != 0 {
                sure += 1;
                assert!(crate::intents::generate::has_keyword(
                    &scratch.text,
                    &set.intents[i].keywords
                ));
            }
        }
        assert!(sure > 0);
    }
}
