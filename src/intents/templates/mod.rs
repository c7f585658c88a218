//! Intent templates: loading `templates/intents/*.json`, compiling sentence patterns
//! and slot vocabularies into a small grammar, and checking that every slot a pattern
//! can reach is defined for every topic, audience, complexity and style.
//!
//! Files: `_common.json` (styles, plus slots per audience and complexity shared by all
//! intents) and one `<intent>.json` per intent with `keywords`, `patterns`, `slots`,
//! `topics` (slot vocabularies per topic) and optional `audiences` / `complexities`
//! (slot vocabularies per audience or complexity). A slot is written `{name}`; a value
//! may itself contain slots; `{name:1}` (tags 1-9) is a bound slot whose value is drawn
//! once per example and repeated wherever the same name and tag appear. Lookup order, first hit wins: topic, intent audience,
//! intent complexity, intent slots, style, common audience, common complexity, common.

use super::{AUDIENCES, COMPLEXITIES, INTENTS};
use crate::error::Error;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod check;
mod compile;
use check::check;
pub use check::walk;
pub use compile::{compile, Interner};

/// Deepest nesting of slots inside slot values.
pub const MAX_DEPTH: usize = 8;

/// One piece of a compiled pattern: literal text or a slot (by id).
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Lit(Box<str>),
    Slot(usize),
    /// One of several alternatives (inline `[a|b]` or a word and its synonyms).
    Choice(Vec<Compiled>),
    /// A whole number drawn uniformly from lo..=hi (`{#lo-hi}`).
    Num(u32, u32),
    /// A bound slot (`{name:1}` .. `{name:9}`): the first occurrence in an example
    /// draws a value like `Slot`; later occurrences with the same name and tag repeat
    /// that text, so a puzzle can name the same person or thing twice.
    Bound(usize, u8),
}

/// A compiled string: literal pieces and slots.
pub type Compiled = Vec<Piece>;

/// Slot vocabularies of one scope (indexed by slot id), and the file they came from.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub file: Arc<str>,
    pub slots: Vec<Option<Vec<Compiled>>>,
}

impl Scope {
    /// An empty scope read from `file`.
    pub fn new(file: &Arc<str>) -> Self {
        Scope {
            file: file.clone(),
            slots: Vec::new(),
        }
    }

    /// The values of slot `id` here, if this scope defines it.
    pub fn get(&self, id: usize) -> Option<&Vec<Compiled>> {
        self.slots.get(id).and_then(|s| s.as_ref())
    }
}

/// One sentence pattern of an intent.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// `<intent>/<id>`, recorded in each example's provenance.
    pub id: Arc<str>,
    pub pieces: Compiled,
    /// Which complexities may use it (indexed like COMPLEXITIES).
    pub complexities: [bool; 3],
}

/// A topic of an intent, with its slot vocabularies.
#[derive(Debug, Clone)]
pub struct Topic {
    pub name: Arc<str>,
    pub scope: Scope,
}

/// Everything one intent's templates define.
#[derive(Debug, Clone)]
pub struct IntentTemplates {
    pub intent: &'static str,
    pub keywords: Vec<String>,
    pub patterns: Vec<Pattern>,
    /// Pattern indices allowed per complexity.
    pub by_complexity: [Vec<usize>; 3],
    pub topics: Vec<Topic>,
    pub audiences: [Scope; 5],
    pub complexities: [Scope; 3],
    pub slots: Scope,
}

/// A style (formal, casual ...) and the slots it defines (openers, closers ...).
#[derive(Debug, Clone)]
pub struct Style {
    pub name: Arc<str>,
    pub scope: Scope,
}

/// The whole compiled template set.
#[derive(Debug, Clone)]
pub struct TemplateSet {
    /// Slot names by id.
    pub names: Vec<Arc<str>>,
    pub styles: Vec<Style>,
    pub audiences: [Scope; 5],
    pub complexities: [Scope; 3],
    pub common: Scope,
    /// Indexed like INTENTS.
    pub intents: Vec<IntentTemplates>,
    /// FNV-1a of every file's bytes, in a fixed order: which templates made a dataset.
    pub fingerprint: u64,
}

/// The lookup chain of one example: which scopes are searched, in order.
pub struct Ctx<'a> {
    pub chain: [&'a Scope; 8],
}

impl<'a> Ctx<'a> {
    /// The context for (intent, topic, audience, complexity, style) indices.
    pub fn new(set: &'a TemplateSet, i: usize, t: usize, a: usize, c: usize, s: usize) -> Self {
        let it = &set.intents[i];
        Ctx {
            chain: [
                &it.topics[t].scope,
                &it.audiences[a],
                &it.complexities[c],
                &it.slots,
                &set.styles[s].scope,
                &set.audiences[a],
                &set.complexities[c],
                &set.common,
            ],
        }
    }

    /// The values of slot `id`, and the scope that defines them.
    pub fn lookup(&self, id: usize) -> Option<(&'a Vec<Compiled>, &'a Scope)> {
        self.chain.iter().find_map(|s| s.get(id).map(|v| (v, *s)))
    }
}

// ---- file formats ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CommonFile {
    styles: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    #[serde(default)]
    audiences: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    #[serde(default)]
    complexities: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    #[serde(default)]
    slots: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum PatternFile {
    Text(String),
    Full {
        id: String,
        text: String,
        #[serde(default)]
        complexity: Option<Vec<String>>,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IntentFile {
    keywords: Vec<String>,
    patterns: Vec<PatternFile>,
    #[serde(default)]
    slots: BTreeMap<String, Vec<String>>,
    topics: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    #[serde(default)]
    audiences: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    #[serde(default)]
    complexities: BTreeMap<String, BTreeMap<String, Vec<String>>>,
}

fn read_file(path: &Path) -> Result<(Vec<u8>, serde_json::Value), Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let value = crate::io::parse_json_bytes(path, &bytes)?;
    Ok((bytes, value))
}

fn typed<T: for<'de> Deserialize<'de>>(path: &Path, value: serde_json::Value) -> Result<T, Error> {
    serde_json::from_value(value).map_err(|e| Error::input(path, None, e.to_string()))
}

/// Compiles a slot map into `scope`; `where_` prefixes messages.
pub fn fill_scope(
    scope: &mut Scope,
    slots: &BTreeMap<String, Vec<String>>,
    where_: &str,
    interner: &mut Interner,
) -> Result<(), String> {
    for (name, values) in slots {
        if values.is_empty() {
            return Err(format!("{where_}slot \"{name}\" has no values"));
        }
        let id = interner.id(name);
        let compiled = values
            .iter()
            .map(|v| compile(v, interner))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("{where_}slot \"{name}\": {e}"))?;
        if scope.slots.len() <= id {
            scope.slots.resize(id + 1, None);
        }
        scope.slots[id] = Some(compiled);
    }
    Ok(())
}

fn keyed<const N: usize>(
    map: &BTreeMap<String, BTreeMap<String, Vec<String>>>,
    allowed: &[&str; N],
    what: &str,
    file: &Arc<str>,
    interner: &mut Interner,
) -> Result<[Scope; N], String> {
    let mut scopes: [Scope; N] = std::array::from_fn(|_| Scope::new(file));
    for (key, slots) in map {
        let i = allowed.iter().position(|a| a == key).ok_or_else(|| {
            format!(
                "unknown {what} \"{key}\" (expected one of {})",
                allowed.join(", ")
            )
        })?;
        fill_scope(
            &mut scopes[i],
            slots,
            &format!("{what} \"{key}\": "),
            interner,
        )?;
    }
    Ok(scopes)
}

/// Loads and checks the template set in `dir` (normally `templates/intents`).
pub fn load(dir: &Path) -> Result<TemplateSet, Error> {
    if !dir.is_dir() {
        return Err(Error::input(dir, None, "templates folder not found"));
    }
    let mut interner = Interner::default();
    let mut fingerprint_bytes = Vec::new();

    let syn_path = dir.join("_synonyms.json");
    if syn_path.exists() {
        let (bytes, value) = read_file(&syn_path)?;
        fingerprint_bytes.extend_from_slice(&bytes);
        let syn: BTreeMap<String, Vec<String>> = typed(&syn_path, value)?;
        for (word, alts) in syn {
            if word.is_empty() || word.to_lowercase() != word || word.contains(' ') {
                return Err(Error::input(
                    &syn_path,
                    None,
                    format!("\"{word}\": keys must be single lowercase words"),
                ));
            }
            if let Some(bad) = alts
                .iter()
                .find(|a| a.trim().is_empty() || a.contains(['{', '}', '[', ']', '|']))
            {
                return Err(Error::input(
                    &syn_path,
                    None,
                    format!("\"{word}\": synonym \"{bad}\" is empty or holds template syntax"),
                ));
            }
            interner.synonyms.insert(word, alts);
        }
    }

    let common_path = dir.join("_common.json");
    let (bytes, value) = read_file(&common_path)?;
    fingerprint_bytes.extend_from_slice(&bytes);
    let common: CommonFile = typed(&common_path, value)?;
    let cfile: Arc<str> = Arc::from(common_path.display().to_string());
    let bad = |path: &PathBuf, m: String| Error::input(path, None, m);
    if common.styles.is_empty() {
        return Err(bad(&common_path, "no styles defined".into()));
    }
    let mut styles = Vec::new();
    for (name, slots) in &common.styles {
        let mut scope = Scope::new(&cfile);
        fill_scope(
            &mut scope,
            slots,
            &format!("style \"{name}\": "),
            &mut interner,
        )
        .map_err(|m| bad(&common_path, m))?;
        styles.push(Style {
            name: Arc::from(name.as_str()),
            scope,
        });
    }
    let audiences = keyed(
        &common.audiences,
        &AUDIENCES,
        "audience",
        &cfile,
        &mut interner,
    )
    .map_err(|m| bad(&common_path, m))?;
    let complexities = keyed(
        &common.complexities,
        &COMPLEXITIES,
        "complexity",
        &cfile,
        &mut interner,
    )
    .map_err(|m| bad(&common_path, m))?;
    let mut cscope = Scope::new(&cfile);
    fill_scope(&mut cscope, &common.slots, "", &mut interner).map_err(|m| bad(&common_path, m))?;

    let mut intents = Vec::new();
    for intent in INTENTS {
        let path = dir.join(format!("{intent}.json"));
        let (bytes, value) = read_file(&path)?;
        fingerprint_bytes.extend_from_slice(&bytes);
        let f: IntentFile = typed(&path, value)?;
        let file: Arc<str> = Arc::from(path.display().to_string());
        interner.protect = f.keywords.iter().cloned().collect();
        let it = compile_intent(intent, f, &file, &mut interner).map_err(|m| bad(&path, m))?;
        interner.protect.clear();
        intents.push(it);
    }

    let mut set = TemplateSet {
        names: interner.names.clone(),
        styles,
        audiences,
        complexities,
        common: cscope,
        intents,
        fingerprint: crate::seed::fnv1a64(&fingerprint_bytes),
    };
    let n = set.names.len();
    for_each_scope(&mut set, |s| s.slots.resize(n, None));
    check(&set)?;
    Ok(set)
}

fn compile_intent(
    intent: &'static str,
    f: IntentFile,
    file: &Arc<str>,
    interner: &mut Interner,
) -> Result<IntentTemplates, String> {
    if f.keywords.is_empty() {
        return Err("\"keywords\" is empty".into());
    }
    if let Some(k) = f
        .keywords
        .iter()
        .find(|k| k.trim().is_empty() || k.to_lowercase() != **k)
    {
        return Err(format!("keyword \"{k}\" must be non-empty and lowercase"));
    }
    if f.patterns.is_empty() {
        return Err("\"patterns\" is empty".into());
    }
    if f.topics.is_empty() {
        return Err("\"topics\" is empty".into());
    }
    let mut patterns = Vec::new();
    let mut by_complexity: [Vec<usize>; 3] = Default::default();
    for (n, p) in f.patterns.iter().enumerate() {
        let (id, text, cx) = match p {
            PatternFile::Text(t) => (format!("p{:02}", n + 1), t, None),
            PatternFile::Full {
                id,
                text,
                complexity,
            } => (id.clone(), text, complexity.as_ref()),
        };
        let pieces = compile(text, interner).map_err(|e| format!("pattern {}: {e}", n + 1))?;
        let mut allowed = [cx.is_none(); 3];
        for c in cx.into_iter().flatten() {
            let i = COMPLEXITIES.iter().position(|x| x == c).ok_or_else(|| {
                format!(
                    "pattern {}: unknown complexity \"{c}\" (expected one of {})",
                    n + 1,
                    COMPLEXITIES.join(", ")
                )
            })?;
            allowed[i] = true;
        }
        for (c, ok) in allowed.iter().enumerate() {
            if *ok {
                by_complexity[c].push(patterns.len());
            }
        }
        patterns.push(Pattern {
            id: Arc::from(format!("{intent}/{id}")),
            pieces,
            complexities: allowed,
        });
    }
    if let Some(c) = (0..3).find(|&c| by_complexity[c].is_empty()) {
        return Err(format!(
            "no pattern allows complexity \"{}\"",
            COMPLEXITIES[c]
        ));
    }
    let mut topics = Vec::new();
    for (name, slots) in &f.topics {
        let mut scope = Scope::new(file);
        fill_scope(&mut scope, slots, &format!("topic \"{name}\": "), interner)?;
        topics.push(Topic {
            name: Arc::from(name.as_str()),
            scope,
        });
    }
    let mut slots = Scope::new(file);
    fill_scope(&mut slots, &f.slots, "", interner)?;
    Ok(IntentTemplates {
        intent,
        keywords: f.keywords,
        patterns,
        by_complexity,
        topics,
        audiences: keyed(&f.audiences, &AUDIENCES, "audience", file, interner)?,
        complexities: keyed(&f.complexities, &COMPLEXITIES, "complexity", file, interner)?,
        slots,
    })
}

fn for_each_scope(set: &mut TemplateSet, mut f: impl FnMut(&mut Scope)) {
    set.styles.iter_mut().for_each(|s| f(&mut s.scope));
    set.audiences.iter_mut().for_each(&mut f);
    set.complexities.iter_mut().for_each(&mut f);
    f(&mut set.common);
    for it in &mut set.intents {
        it.topics.iter_mut().for_each(|t| f(&mut t.scope));
        it.audiences.iter_mut().for_each(&mut f);
        it.complexities.iter_mut().for_each(&mut f);
        f(&mut it.slots);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_templates_load() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("templates/intents");
        let set = load(&dir).unwrap();
        assert_eq!(set.intents.len(), 10);
        assert!(set.styles.len() >= 6);
        for it in &set.intents {
            assert!(it.patterns.len() >= 12, "{} has few patterns", it.intent);
            assert!(it.topics.len() >= 5, "{} has few topics", it.intent);
        }
    }

    #[test]
    fn bound_slots_repeat_their_value_within_one_text() {
        use rand::SeedableRng;
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("templates/intents");
        let set = load(&dir).unwrap();
        let mut interner = Interner::from_names(&set.names);
        let pieces = compile("{name:1} met {name:2}; later {name:1} left.", &mut interner).unwrap();
        assert_eq!(
            interner.names.len(),
            set.names.len(),
            "{{name}} is a shipped slot"
        );
        let ctx = Ctx::new(&set, 0, 0, 0, 0, 0);
        let mut differ = 0;
        for seed in 0..200 {
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
            let mut out = String::new();
            crate::intents::generate::fill(&set, &ctx, &pieces, &mut rng, &mut out, None, 0);
            let (first, rest) = out.split_once(" met ").unwrap();
            let (second, rest) = rest.split_once("; later ").unwrap();
            assert_eq!(rest, format!("{first} left."), "{out}");
            differ += usize::from(first != second);
        }
        // Tags 1 and 2 are independent draws from 70 names.
        assert!(differ > 150, "{differ}");
    }

    #[test]
    fn generated_examples_repeat_bound_slots() {
        use rand::SeedableRng;
        let shipped = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("templates/intents");
        let dir = tempfile::tempdir().unwrap();
        for entry in std::fs::read_dir(&shipped).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
        let file = dir.path().join("reasoning.json");
        let mut v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
        v["patterns"] = serde_json::json!(["{name:1} asks why {name:2} thinks {name:1} is wrong."]);
        std::fs::write(&file, v.to_string()).unwrap();
        let set = load(dir.path()).unwrap();
        let intent = INTENTS.iter().position(|i| *i == "reasoning").unwrap();
        for seed in 0..100 {
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
            let ex = crate::intents::generate::template_example(&set, intent, &mut rng);
            let (first, rest) = ex.text.split_once(" asks why ").unwrap();
            let (_, rest) = rest.split_once(" thinks ").unwrap();
            assert_eq!(rest, format!("{first} is wrong."), "{}", ex.text);
        }
    }
}
