//! Compiling template text into pieces: slots, inline alternatives, numbers, and
//! synonyms mixed into literal words.

use super::{Compiled, Piece};
use std::collections::HashMap;
use std::sync::Arc;

/// Assigns slot ids to names.
#[derive(Default)]
pub struct Interner {
    ids: HashMap<String, usize>,
    pub names: Vec<Arc<str>>,
    /// Word -> alternatives, applied to literal text while compiling.
    pub synonyms: HashMap<String, Vec<String>>,
    /// Words never replaced (the keywords of the intent being compiled).
    pub protect: std::collections::HashSet<String>,
}

impl Interner {
    /// An interner that already knows `names` (ids in order).
    pub fn from_names(names: &[Arc<str>]) -> Self {
        Interner {
            ids: names
                .iter()
                .enumerate()
                .map(|(i, n)| (n.to_string(), i))
                .collect(),
            names: names.to_vec(),
            ..Default::default()
        }
    }

    /// The id of `name`, assigning the next one if new.
    pub fn id(&mut self, name: &str) -> usize {
        if let Some(&i) = self.ids.get(name) {
            return i;
        }
        let i = self.names.len();
        self.ids.insert(name.to_string(), i);
        self.names.push(Arc::from(name));
        i
    }
}

/// Compiles `text` into pieces: `{name}` is a slot, `[a|b|c]` picks one of the
/// alternatives (which may hold slots), `{{ }} [[ ]]` are literal brackets. Words that
/// have entries in the interner's synonym table become choices between the word and
/// its synonyms (phrasing variants), unless protected (an intent's keywords).
pub fn compile(text: &str, interner: &mut Interner) -> Result<Compiled, String> {
    let pieces = parse(text, text, interner, false)?;
    Ok(with_synonyms(pieces, interner))
}

fn parse(
    text: &str,
    whole: &str,
    interner: &mut Interner,
    inner: bool,
) -> Result<Compiled, String> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match c {
            '{' | '}' | '[' | ']' if next == Some(c) && !inner => {
                chars.next();
                lit.push(c);
            }
            '{' => {
                let rest = &text[i + 1..];
                let end = rest
                    .find('}')
                    .ok_or_else(|| format!("unclosed \"{{\" in \"{whole}\""))?;
                let name = &rest[..end];
                if let Some(range) = name.strip_prefix('#') {
                    let bounds = range
                        .split_once('-')
                        .and_then(|(a, b)| Some((a.parse::<u32>().ok()?, b.parse::<u32>().ok()?)))
                        .filter(|(a, b)| a <= b)
                        .ok_or_else(|| {
                            format!(
                                "bad number slot \"{{{name}}}\" in \"{whole}\" (write {{#LO-HI}})"
                            )
                        })?;
                    if !lit.is_empty() {
                        out.push(Piece::Lit(std::mem::take(&mut lit).into()));
                    }
                    out.push(Piece::Num(bounds.0, bounds.1));
                    for _ in 0..=name.chars().count() {
                        chars.next();
                    }
                    continue;
                }
                // `{name:N}`: a bound slot, N one digit 1-9.
                let (base, tag) = match name.split_once(':') {
                    Some((b, t)) if t.len() == 1 && matches!(t.as_bytes()[0], b'1'..=b'9') => {
                        (b, Some(t.as_bytes()[0] - b'0'))
                    }
                    Some(_) => {
                        return Err(format!(
                            "bad bound slot \"{{{name}}}\" in \"{whole}\" (write {{name:1}} .. {{name:9}})"
                        ))
                    }
                    None => (name, None),
                };
                if base.is_empty()
                    || !base
                        .chars()
                        .all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
                {
                    return Err(format!(
                        "bad slot name \"{{{name}}}\" in \"{whole}\" (use letters, digits, _)"
                    ));
                }
                if !lit.is_empty() {
                    out.push(Piece::Lit(std::mem::take(&mut lit).into()));
                }
                let id = interner.id(base);
                out.push(match tag {
                    Some(t) => Piece::Bound(id, t),
                    None => Piece::Slot(id),
                });
                for _ in 0..=name.chars().count() {
                    chars.next();
                }
            }
            '[' if !inner => {
                let rest = &text[i + 1..];
                let end = rest
                    .find(']')
                    .ok_or_else(|| format!("unclosed \"[\" in \"{whole}\""))?;
                let body = &rest[..end];
                if body.contains('[') {
                    return Err(format!("nested \"[\" in \"{whole}\""));
                }
                if !lit.is_empty() {
                    out.push(Piece::Lit(std::mem::take(&mut lit).into()));
                }
                let alts = body
                    .split('|')
                    .map(|a| parse(a, whole, interner, true))
                    .collect::<Result<Vec<_>, _>>()?;
                out.push(Piece::Choice(alts));
                for _ in 0..=body.chars().count() {
                    chars.next();
                }
            }
            '}' | ']' => return Err(format!("stray \"{c}\" in \"{whole}\" (write \"{c}{c}\")")),
            '[' => return Err(format!("nested \"[\" in \"{whole}\"")),
            _ => lit.push(c),
        }
    }
    if !lit.is_empty() {
        out.push(Piece::Lit(lit.into()));
    }
    Ok(out)
}

/// Splits literal pieces at words that have synonyms into choices.
fn with_synonyms(pieces: Compiled, interner: &Interner) -> Compiled {
    if interner.synonyms.is_empty() {
        return pieces;
    }
    let mut out = Vec::new();
    for p in pieces {
        match p {
            Piece::Lit(s) => {
                let mut lit = String::new();
                for (n, word) in s.split(' ').enumerate() {
                    if n > 0 {
                        lit.push(' ');
                    }
                    let core_start = word
                        .find(|c: char| c.is_alphanumeric())
                        .unwrap_or(word.len());
                    let core_end = word
                        .rfind(|c: char| c.is_alphanumeric())
                        .map(|e| e + word[e..].chars().next().map_or(1, char::len_utf8))
                        .unwrap_or(core_start)
                        .max(core_start);
                    let core = &word[core_start..core_end];
                    let lower = core.to_lowercase();
                    let capital = core.chars().next().is_some_and(char::is_uppercase)
                        && core.chars().skip(1).all(|c| !c.is_uppercase());
                    match interner.synonyms.get(&lower) {
                        Some(alts)
                            if !interner.protect.contains(&lower) && (lower == core || capital) =>
                        {
                            lit.push_str(&word[..core_start]);
                            if !lit.is_empty() {
                                out.push(Piece::Lit(std::mem::take(&mut lit).into()));
                            }
                            let cap = |w: &str| -> String {
                                if capital {
                                    let mut c = w.chars();
                                    c.next()
                                        .map(|f| f.to_uppercase().chain(c).collect())
                                        .unwrap_or_default()
                                } else {
                                    w.to_string()
                                }
                            };
                            let mut choice = vec![vec![Piece::Lit(core.into())]];
                            choice.extend(alts.iter().map(|a| vec![Piece::Lit(cap(a).into())]));
                            out.push(Piece::Choice(choice));
                            lit.push_str(&word[core_end..]);
                        }
                        _ => lit.push_str(word),
                    }
                }
                if !lit.is_empty() {
                    out.push(Piece::Lit(lit.into()));
                }
            }
            Piece::Choice(alts) => out.push(Piece::Choice(
                alts.into_iter()
                    .map(|a| with_synonyms(a, interner))
                    .collect(),
            )),
            slot => out.push(slot),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiles_slots_and_escapes() {
        let mut i = Interner::default();
        let c = compile("write {lang} code {{x}} {lang}", &mut i).unwrap();
        assert_eq!(
            c,
            vec![
                Piece::Lit("write ".into()),
                Piece::Slot(0),
                Piece::Lit(" code {x} ".into()),
                Piece::Slot(0)
            ]
        );
        assert!(compile("a {b", &mut i).unwrap_err().contains("unclosed"));
        assert!(compile("a {b c}", &mut i).unwrap_err().contains("bad slot"));
        assert!(compile("a } b", &mut i).unwrap_err().contains("stray"));
    }

    #[test]
    fn compiles_bound_slots() {
        let mut i = Interner::default();
        let c = compile("{who:1} met {who:2}, then {who:1} left", &mut i).unwrap();
        assert_eq!(
            c,
            vec![
                Piece::Bound(0, 1),
                Piece::Lit(" met ".into()),
                Piece::Bound(0, 2),
                Piece::Lit(", then ".into()),
                Piece::Bound(0, 1),
                Piece::Lit(" left".into())
            ]
        );
        for bad in ["{who:0}", "{who:10}", "{who:x}", "{:1}", "{who:}"] {
            let e = compile(bad, &mut i).unwrap_err();
            assert!(e.contains("bad"), "{bad}: {e}");
        }
    }

    #[test]
    fn choices_numbers_and_synonyms() {
        let mut i = Interner::default();
        let c = compile("[a|b {x}] {#2-9}", &mut i).unwrap();
        assert_eq!(
            c,
            vec![
                Piece::Choice(vec![
                    vec![Piece::Lit("a".into())],
                    vec![Piece::Lit("b ".into()), Piece::Slot(0)]
                ]),
                Piece::Lit(" ".into()),
                Piece::Num(2, 9)
            ]
        );
        assert!(compile("{#9-2}", &mut i)
            .unwrap_err()
            .contains("bad number"));
        assert!(compile("[a|[b]]", &mut i).unwrap_err().contains("nested"));
        i.synonyms.insert("quick".into(), vec!["fast".into()]);
        i.protect.insert("story".into());
        let c = compile("Quick, a story.", &mut i).unwrap();
        assert_eq!(
            c,
            vec![
                Piece::Choice(vec![
                    vec![Piece::Lit("Quick".into())],
                    vec![Piece::Lit("Fast".into())]
                ]),
                Piece::Lit(", a story.".into())
            ]
        );
    }
}
