//! Number literals: one chunk's type suffix and value, and adjacent numbers merged into one vector.

use std::rc::Rc;

use super::{LexError, Tok};
use crate::q::value::{Value, NH, NI, NJ, WH, WI, WJ};

/// The extent of one number literal starting at `i` (sign, digits, suffix, temporal
/// separators): its text and the index after it.
pub(super) fn number_chunk(b: &[u8], mut i: usize) -> (String, usize) {
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

/// The token for adjacent number literals: one atom, or one vector of their common type.
pub(super) fn numbers(parts: &[String]) -> Result<Tok, LexError> {
    if parts.iter().any(|p| is_temporal(p) && !p.starts_with("0x")) {
        return Ok(match crate::q::temporal::parse::lex_literal(parts) {
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
