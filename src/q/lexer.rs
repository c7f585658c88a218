//! Splits q source into tokens: numbers (adjacent ones become one vector), strings,
//! symbols, names, verbs, iterators, brackets; drops comments.

use std::rc::Rc;

use super::value::{Adverb, Value, NH, NI, NJ, WH, WI, WJ};

/// One token kind.
#[derive(Clone, Debug)]
pub enum Tok {
    /// A numeric, boolean or byte literal (atom or vector).
    Num(Value),
    /// A literal q cannot yet evaluate here (temporal), kept to answer `'nyi`.
    Nyi(String),
    Str(Vec<u8>),
    /// One or more symbols; `true` when written as a vector (`` `a`b ``).
    Syms(Vec<Rc<str>>, bool),
    Name(String),
    Verb(String),
    /// A verb followed by `:` (`+:`): modify-assign.
    VerbAssign(String),
    Colon,
    DColon,
    Adverb(Adverb),
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Semi,
}

/// A token with its byte offset and whether whitespace came before it.
#[derive(Clone, Debug)]
pub struct Token {
    pub tok: Tok,
    pub pos: usize,
    pub space: bool,
}

/// A lexing problem.
#[derive(Debug)]
pub struct LexError(pub String);

fn ends_noun(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Num(_)
            | Tok::Nyi(_)
            | Tok::Str(_)
            | Tok::Syms(..)
            | Tok::Name(_)
            | Tok::RParen
            | Tok::RBracket
            | Tok::RBrace
    )
}

/// Tokenise a whole source text (comments removed).
pub fn lex(src: &str) -> Result<Vec<Token>, LexError> {
    let b = src.as_bytes();
    let mut out: Vec<Token> = Vec::new();
    let mut i = 0;
    let mut space = true;
    while i < b.len() {
        let c = b[i];
        if c == b' ' || c == b'\t' || c == b'\r' || c == b'\n' {
            if c == b'\n' {
                // a newline ends a statement only when the parser says so; here it is space
            }
            space = true;
            i += 1;
            continue;
        }
        // comments: `/` after whitespace or at the start
        if c == b'/' && space {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        let start = i;
        let prev_noun = out.last().map(|t| ends_noun(&t.tok)).unwrap_or(false);
        let tok;
        if c.is_ascii_digit()
            || (c == b'.' && i + 1 < b.len() && b[i + 1].is_ascii_digit())
            || (c == b'-'
                && i + 1 < b.len()
                && (b[i + 1].is_ascii_digit()
                    || (b[i + 1] == b'.' && i + 2 < b.len() && b[i + 2].is_ascii_digit()))
                && (!prev_noun || space))
        {
            // one number, then any more separated by single spaces
            let mut parts: Vec<String> = Vec::new();
            let (s, ni) = number_chunk(b, i);
            parts.push(s);
            i = ni;
            loop {
                let mut j = i;
                while j < b.len() && b[j] == b' ' {
                    j += 1;
                }
                if j == i || j >= b.len() {
                    break;
                }
                let d = b[j];
                let starts = d.is_ascii_digit()
                    || ((d == b'-' || d == b'.')
                        && j + 1 < b.len()
                        && (b[j + 1].is_ascii_digit()
                            || (d == b'-'
                                && b[j + 1] == b'.'
                                && j + 2 < b.len()
                                && b[j + 2].is_ascii_digit())));
                if !starts {
                    break;
                }
                let (s, nj) = number_chunk(b, j);
                parts.push(s);
                i = nj;
            }
            tok = numbers(&parts)?;
        } else if c == b'"' {
            let mut s = Vec::new();
            i += 1;
            loop {
                if i >= b.len() {
                    return Err(LexError("unterminated string".into()));
                }
                let d = b[i];
                if d == b'"' {
                    i += 1;
                    break;
                }
                if d == b'\\' && i + 1 < b.len() {
                    let e = b[i + 1];
                    i += 2;
                    match e {
                        b'n' => s.push(b'\n'),
                        b't' => s.push(b'\t'),
                        b'r' => s.push(b'\r'),
                        b'\\' => s.push(b'\\'),
                        b'"' => s.push(b'"'),
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            let mut k = 0;
                            while k < 2 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                                v = v * 8 + (b[i] - b'0') as u32;
                                i += 1;
                                k += 1;
                            }
                            s.push(v as u8);
                        }
                        other => s.push(other),
                    }
                    continue;
                }
                s.push(d);
                i += 1;
            }
            tok = Tok::Str(s);
        } else if c == b'`' {
            let mut syms = Vec::new();
            while i < b.len() && b[i] == b'`' {
                i += 1;
                let st = i;
                let file = i < b.len() && b[i] == b':';
                while i < b.len()
                    && (b[i].is_ascii_alphanumeric()
                        || b[i] == b'.'
                        || b[i] == b'_'
                        || (file && (b[i] == b':' || b[i] == b'/')))
                {
                    i += 1;
                }
                syms.push(Rc::from(String::from_utf8_lossy(&b[st..i]).as_ref()));
            }
            let vec = syms.len() > 1;
            tok = Tok::Syms(syms, vec);
        } else if c.is_ascii_alphabetic()
            || (c == b'.' && i + 1 < b.len() && b[i + 1].is_ascii_alphabetic())
        {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_') {
                i += 1;
            }
            // a trailing dot is not part of a name
            while i > start + 1 && b[i - 1] == b'.' {
                i -= 1;
            }
            tok = Tok::Name(String::from_utf8_lossy(&b[start..i]).into_owned());
        } else {
            i += 1;
            let next = b.get(i).copied();
            tok = match c {
                b'(' => Tok::LParen,
                b')' => Tok::RParen,
                b'[' => Tok::LBracket,
                b']' => Tok::RBracket,
                b'{' => Tok::LBrace,
                b'}' => Tok::RBrace,
                b';' => Tok::Semi,
                b'\'' => {
                    if next == Some(b':') {
                        i += 1;
                        Tok::Adverb(Adverb::Prior)
                    } else {
                        Tok::Adverb(Adverb::Each)
                    }
                }
                b'/' => {
                    if next == Some(b':') {
                        i += 1;
                        Tok::Adverb(Adverb::EachRight)
                    } else {
                        Tok::Adverb(Adverb::Over)
                    }
                }
                b'\\' => {
                    if next == Some(b':') {
                        i += 1;
                        Tok::Adverb(Adverb::EachLeft)
                    } else {
                        Tok::Adverb(Adverb::Scan)
                    }
                }
                b':' => {
                    if next == Some(b':') {
                        i += 1;
                        Tok::DColon
                    } else {
                        Tok::Colon
                    }
                }
                b'<' | b'>' if next == Some(b'=') || (c == b'<' && next == Some(b'>')) => {
                    i += 1;
                    let v = String::from_utf8_lossy(&b[start..i]).into_owned();
                    if b.get(i) == Some(&b':') && b.get(i + 1) != Some(&b':') {
                        i += 1;
                        Tok::VerbAssign(v)
                    } else {
                        Tok::Verb(v)
                    }
                }
                b'+' | b'-' | b'*' | b'%' | b'!' | b'&' | b'|' | b'<' | b'>' | b'=' | b'~'
                | b',' | b'^' | b'#' | b'_' | b'$' | b'?' | b'@' | b'.' => {
                    let v = (c as char).to_string();
                    if next == Some(b':') && b.get(i + 1) != Some(&b':') {
                        i += 1;
                        Tok::VerbAssign(v)
                    } else {
                        Tok::Verb(v)
                    }
                }
                _ => return Err(LexError(format!("unexpected character {:?}", c as char))),
            };
        }
        out.push(Token {
            tok,
            pos: start,
            space,
        });
        space = false;
    }
    Ok(out)
}

fn number_chunk(b: &[u8], mut i: usize) -> (String, usize) {
    let st = i;
    if b[i] == b'-' {
        i += 1;
    }
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_alphanumeric() || c == b'.' {
            i += 1;
        } else if c == b':' && i + 1 < b.len() && b[i + 1].is_ascii_digit() {
            i += 1;
        } else if (c == b'-' || c == b'+')
            && i > st
            && b[i - 1] == b'e'
            && i + 1 < b.len()
            && b[i + 1].is_ascii_digit()
            && !b[st..i].starts_with(b"0x")
        {
            i += 1;
        } else {
            break;
        }
    }
    (String::from_utf8_lossy(&b[st..i]).into_owned(), i)
}

#[derive(Clone, Copy, PartialEq)]
enum NumKind {
    Long,
    Float,
}

enum One {
    I(i64),
    F(f64),
}

fn parse_one(s: &str) -> Option<(One, Option<u8>, NumKind)> {
    let (neg, body) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let bytes = body.as_bytes();
    let last = *bytes.last()?;
    let (core, suffix) = if matches!(last, b'i' | b'j' | b'h' | b'e' | b'f') && body.len() > 1 {
        // `1e` is a real; `1e5` is a float with exponent
        (&body[..body.len() - 1], Some(last))
    } else {
        (body, None)
    };
    let special = match core {
        "0N" => Some(One::I(NJ)),
        "0W" => Some(One::I(if neg { -WJ } else { WJ })),
        "0n" => Some(One::F(f64::NAN)),
        "0w" => Some(One::F(if neg {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        })),
        _ => None,
    };
    if let Some(sp) = special {
        let kind = if matches!(sp, One::F(_)) {
            NumKind::Float
        } else {
            NumKind::Long
        };
        return Some((sp, suffix, kind));
    }
    if core.is_empty()
        || !core
            .bytes()
            .all(|c| c.is_ascii_digit() || c == b'.' || c == b'e' || c == b'-' || c == b'+')
    {
        return None;
    }
    if core.bytes().all(|c| c.is_ascii_digit()) {
        let v: i64 = match core.parse::<i64>() {
            Ok(v) => v,
            Err(_) => {
                let f: f64 = core.parse().ok()?;
                return Some((One::F(if neg { -f } else { f }), suffix, NumKind::Float));
            }
        };
        return Some((One::I(if neg { -v } else { v }), suffix, NumKind::Long));
    }
    if core.matches('.').count() > 1 {
        return None;
    }
    let f: f64 = core.parse().ok()?;
    Some((One::F(if neg { -f } else { f }), suffix, NumKind::Float))
}

fn is_temporal(s: &str) -> bool {
    let body = s.trim_start_matches('-');
    body.contains(':')
        || body.matches('.').count() > 1
        || body.contains('D')
        || body.contains('T')
        || matches!(
            body.as_bytes().last(),
            Some(b'd' | b'm' | b'p' | b'n' | b't' | b'u' | b'v' | b'z')
        ) && !matches!(body, "0n")
}

fn numbers(parts: &[String]) -> Result<Tok, LexError> {
    if parts.iter().any(|p| is_temporal(p) && !p.starts_with("0x")) {
        return Ok(match super::temporal::parse::lex_literal(parts) {
            Some(v) => Tok::Num(v),
            None => Tok::Nyi(parts.join(" ")),
        });
    }
    if parts.len() == 1 {
        let s = &parts[0];
        if let Some(hex) = s.strip_prefix("0x") {
            let hb = hex.as_bytes();
            let mut v = Vec::new();
            let digits: Vec<u8> = if hb.len() % 2 == 1 {
                std::iter::once(b'0').chain(hb.iter().copied()).collect()
            } else {
                hb.to_vec()
            };
            for pair in digits.chunks(2) {
                let t = std::str::from_utf8(pair).map_err(|_| LexError("bad byte".into()))?;
                v.push(
                    u8::from_str_radix(t, 16)
                        .map_err(|_| LexError(format!("bad byte literal {s}")))?,
                );
            }
            return Ok(Tok::Num(if v.len() == 1 {
                Value::Byte(v[0])
            } else {
                Value::Bytes(Rc::new(v))
            }));
        }
        if s.len() > 1
            && s.ends_with('b')
            && s[..s.len() - 1].bytes().all(|c| c == b'0' || c == b'1')
        {
            let v: Vec<bool> = s[..s.len() - 1].bytes().map(|c| c == b'1').collect();
            return Ok(Tok::Num(if v.len() == 1 {
                Value::Bool(v[0])
            } else {
                Value::bools(v)
            }));
        }
    }
    let mut vals = Vec::new();
    for p in parts {
        match parse_one(p) {
            Some(x) => vals.push(x),
            None => return Err(LexError(format!("bad number {p}"))),
        }
    }
    let suffix = vals.last().and_then(|v| v.1);
    if vals
        .iter()
        .take(vals.len() - 1)
        .any(|v| v.1.is_some() && v.1 != suffix)
    {
        return Err(LexError("mixed number suffixes".into()));
    }
    let any_float = vals.iter().any(|v| v.2 == NumKind::Float);
    let t = match suffix {
        Some(b'i') => 6,
        Some(b'j') => 7,
        Some(b'h') => 5,
        Some(b'e') => 8,
        Some(b'f') => 9,
        _ => {
            if any_float {
                9
            } else {
                7
            }
        }
    };
    if (5..=7).contains(&t)
        && any_float
        && vals
            .iter()
            .any(|v| matches!(v.0, One::F(f) if !f.is_nan() && !f.is_infinite()))
    {
        return Err(LexError("bad integer literal".into()));
    }
    let as_f = |o: &One| match o {
        One::F(f) => *f,
        One::I(i) => {
            if *i == NJ {
                f64::NAN
            } else if *i == WJ {
                f64::INFINITY
            } else if *i == -WJ {
                f64::NEG_INFINITY
            } else {
                *i as f64
            }
        }
    };
    let as_i = |o: &One| match o {
        One::I(i) => *i,
        One::F(f) => {
            if f.is_nan() {
                NJ
            } else if *f > 0.0 {
                WJ
            } else {
                -WJ
            }
        }
    };
    let atoms: Vec<Value> = vals
        .iter()
        .map(|(o, _, _)| match t {
            5 => Value::Short({
                let i = as_i(o);
                if i == NJ {
                    NH
                } else if i == WJ {
                    WH
                } else if i == -WJ {
                    -WH
                } else {
                    i as i16
                }
            }),
            6 => Value::Int({
                let i = as_i(o);
                if i == NJ {
                    NI
                } else if i == WJ {
                    WI
                } else if i == -WJ {
                    -WI
                } else {
                    i as i32
                }
            }),
            7 => Value::Long(as_i(o)),
            8 => Value::Real(as_f(o) as f32),
            _ => Value::Float(as_f(o)),
        })
        .collect();
    if atoms.len() == 1 {
        Ok(Tok::Num(atoms.into_iter().next().unwrap_or(Value::Nil)))
    } else {
        Ok(Tok::Num(Value::from_items(atoms)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors_merge_and_negatives() {
        let t = lex("x-1 2 -3").unwrap();
        assert!(matches!(t[1].tok, Tok::Verb(ref v) if v == "-"));
        match &t[2].tok {
            Tok::Num(Value::Longs(v)) => assert_eq!(**v, vec![1, 2, -3]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn floats_and_bools() {
        match &lex("1 2.5").unwrap()[0].tok {
            Tok::Num(Value::Floats(v)) => assert_eq!(**v, vec![1.0, 2.5]),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            lex("101b").unwrap()[0].tok,
            Tok::Num(Value::Bools(_))
        ));
        assert!(matches!(
            lex("2020.01.01").unwrap()[0].tok,
            Tok::Num(Value::Tm(..))
        ));
    }
}
