//! Loading the edge-case data: keyboard map, phrases per language, short texts, emoji,
//! connectors and ambiguous groups (`data/intents/*.json`), checked on load.

use super::{ambiguous_ctx, AmbiguousGroup, EdgeData, Language};
use crate::error::Error;
use crate::intents::templates::{compile, fill_scope, walk, Interner, Scope, TemplateSet};
use crate::intents::typos::Keyboard;
use crate::intents::{AUDIENCES, COMPLEXITIES, INTENTS};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageFile {
    #[allow(dead_code)]
    name: String,
    phrases: BTreeMap<String, Vec<String>>,
    openers: Vec<String>,
    closers: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AmbiguousFile {
    intents: [String; 2],
    patterns: Vec<String>,
    #[serde(default)]
    slots: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EdgeFile {
    short: BTreeMap<String, Vec<String>>,
    emoji: BTreeMap<String, Vec<String>>,
    connectors: Vec<String>,
    ambiguous: Vec<AmbiguousFile>,
}

fn intent_index(name: &str) -> Result<usize, String> {
    INTENTS
        .iter()
        .position(|i| *i == name)
        .ok_or_else(|| format!("unknown intent \"{name}\""))
}

/// Lists per intent from a map keyed by intent name; every intent must be present
/// and non-empty.
fn per_intent(map: &BTreeMap<String, Vec<String>>, what: &str) -> Result<Vec<Vec<String>>, String> {
    let mut out = vec![Vec::new(); INTENTS.len()];
    for (k, v) in map {
        if k == "any" {
            continue;
        }
        out[intent_index(k).map_err(|e| format!("{what}: {e}"))?] = v.clone();
    }
    if let Some(i) = out.iter().position(|v| v.is_empty()) {
        return Err(format!("{what}: no entries for intent \"{}\"", INTENTS[i]));
    }
    Ok(out)
}

fn read<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, Error> {
    let value = crate::io::read_json(path)?;
    serde_json::from_value(value).map_err(|e| Error::input(path, None, e.to_string()))
}

impl EdgeData {
    /// Loads `keyboard_qwerty.json`, `languages.json` and `edge_cases.json` from `dir`
    /// (normally `data/intents`). Ambiguous patterns may use the template set's slots,
    /// so the set learns any new slot names.
    pub fn load(dir: &Path, set: &mut TemplateSet) -> Result<Self, Error> {
        let kb_path = dir.join("keyboard_qwerty.json");
        let map: BTreeMap<String, String> = read(&kb_path)?;
        let keyboard = Keyboard::from_map(&map).map_err(|m| Error::input(&kb_path, None, m))?;

        let lang_path = dir.join("languages.json");
        let langs: BTreeMap<String, LanguageFile> = read(&lang_path)?;
        let bad = |p: &Path, m: String| Error::input(p, None, m);
        if langs.len() < 5 {
            return Err(bad(
                &lang_path,
                format!("{} languages, need at least 5", langs.len()),
            ));
        }
        let mut languages = Vec::new();
        for (code, l) in langs {
            let phrases = per_intent(&l.phrases, &format!("language \"{code}\" phrases"))
                .map_err(|m| bad(&lang_path, m))?;
            if l.openers.is_empty() || l.closers.is_empty() {
                return Err(bad(
                    &lang_path,
                    format!("language \"{code}\": openers and closers must not be empty"),
                ));
            }
            languages.push(Language {
                code: Arc::from(code.as_str()),
                phrases,
                openers: l.openers,
                closers: l.closers,
            });
        }

        let edge_path = dir.join("edge_cases.json");
        let f: EdgeFile = read(&edge_path)?;
        let short = per_intent(&f.short, "short").map_err(|m| bad(&edge_path, m))?;
        if let Some(s) = short
            .iter()
            .flatten()
            .find(|s| s.trim().chars().count() < 3)
        {
            return Err(bad(
                &edge_path,
                format!("short text \"{s}\" has fewer than 3 chars"),
            ));
        }
        let emoji = per_intent(&f.emoji, "emoji").map_err(|m| bad(&edge_path, m))?;
        let emoji_any = f.emoji.get("any").cloned().unwrap_or_default();
        if f.connectors.is_empty() || f.ambiguous.is_empty() {
            return Err(bad(
                &edge_path,
                "\"connectors\" and \"ambiguous\" must not be empty".into(),
            ));
        }
        let file: Arc<str> = Arc::from(edge_path.display().to_string());
        let mut interner = Interner::from_names(&set.names);
        let mut ambiguous = Vec::new();
        for (g, a) in f.ambiguous.iter().enumerate() {
            let where_ = format!("ambiguous group {}: ", g + 1);
            let i0 =
                intent_index(&a.intents[0]).map_err(|m| bad(&edge_path, format!("{where_}{m}")))?;
            let i1 =
                intent_index(&a.intents[1]).map_err(|m| bad(&edge_path, format!("{where_}{m}")))?;
            if i0 == i1 || a.patterns.is_empty() {
                return Err(bad(
                    &edge_path,
                    format!("{where_}needs two different intents and a pattern"),
                ));
            }
            let mut scope = Scope::new(&file);
            fill_scope(&mut scope, &a.slots, &where_, &mut interner)
                .map_err(|m| bad(&edge_path, m))?;
            let mut patterns = Vec::new();
            for (n, p) in a.patterns.iter().enumerate() {
                let c = compile(p, &mut interner)
                    .map_err(|m| bad(&edge_path, format!("{where_}{m}")))?;
                patterns.push((Arc::from(format!("ambiguous/{}-{}", g + 1, n + 1)), c));
            }
            ambiguous.push(AmbiguousGroup {
                intents: [INTENTS[i0], INTENTS[i1]],
                patterns,
                scope,
            });
        }
        set.names = interner.names;
        let data = EdgeData {
            keyboard,
            languages,
            short,
            emoji,
            emoji_any,
            connectors: f.connectors,
            ambiguous,
        };
        // every slot of every ambiguous pattern must resolve in every context
        for (g, group) in data.ambiguous.iter().enumerate() {
            for a in 0..AUDIENCES.len() {
                for c in 0..COMPLEXITIES.len() {
                    for s in 0..set.styles.len() {
                        let ctx = ambiguous_ctx(set, group, a, c, s);
                        let mut state = vec![0u8; set.names.len()];
                        for (id, p) in &group.patterns {
                            walk(set, &ctx, p, &mut state, 0).map_err(|m| {
                                bad(
                                    &edge_path,
                                    format!("ambiguous group {}: pattern \"{id}\": {m}", g + 1),
                                )
                            })?;
                        }
                    }
                }
            }
        }
        Ok(data)
    }
}
