//! String primitives: lower, upper, trim, vs, sv, ss, ssr, like.

use std::rc::Rc;

use crate::q::error::{qerr, QResult, Signal};
use crate::q::value::Value;

fn map_chars(x: &Value, f: &dyn Fn(u8) -> u8) -> QResult<Value> {
    Ok(match x {
        Value::Char(c) => Value::Char(f(*c)),
        Value::Chars(c) => Value::chars(c.iter().map(|&b| f(b)).collect()),
        Value::Sym(s) => Value::sym(&String::from_utf8_lossy(
            &s.bytes().map(f).collect::<Vec<_>>(),
        )),
        Value::Syms(s) => Value::syms(
            s.iter()
                .map(|x| {
                    Rc::from(
                        String::from_utf8_lossy(&x.bytes().map(f).collect::<Vec<_>>()).as_ref(),
                    )
                })
                .collect(),
        ),
        Value::List(items) => {
            let out: QResult<Vec<Value>> = items.iter().map(|i| map_chars(i, f)).collect();
            Value::list(out?)
        }
        Value::Dict(k, v) => Value::dict((**k).clone(), map_chars(v, f)?),
        _ => return qerr("type"),
    })
}

pub fn lower(x: &Value) -> QResult<Value> {
    map_chars(x, &|c| c.to_ascii_lowercase())
}
pub fn upper(x: &Value) -> QResult<Value> {
    map_chars(x, &|c| c.to_ascii_uppercase())
}

/// `trim`, `ltrim` (0), `rtrim` (1), both (2).
pub fn trim(x: &Value, side: u8) -> QResult<Value> {
    match x {
        Value::Chars(c) => {
            let mut s = 0;
            let mut e = c.len();
            if side != 1 {
                while s < e && c[s] == b' ' {
                    s += 1;
                }
            }
            if side != 0 {
                while e > s && c[e - 1] == b' ' {
                    e -= 1;
                }
            }
            Ok(Value::chars(c[s..e].to_vec()))
        }
        Value::Char(c) => Ok(if *c == b' ' {
            Value::chars(vec![])
        } else {
            x.clone()
        }),
        Value::List(items) => {
            let out: QResult<Vec<Value>> = items.iter().map(|i| trim(i, side)).collect();
            Ok(Value::list(out?))
        }
        Value::Sym(_) | Value::Syms(_) => Ok(x.clone()),
        Value::Table(n, c) => {
            // string columns (and mixed ones) are trimmed item by item
            let cols: QResult<Vec<Value>> = c
                .iter()
                .map(|col| match col {
                    Value::List(_) => trim(col, side),
                    _ => Ok(col.clone()),
                })
                .collect();
            Ok(Value::Table(n.clone(), std::rc::Rc::new(cols?)))
        }
        a if a.is_atom() => Ok(a.clone()),
        v => {
            let items = v.items();
            let mut s = 0;
            let mut e = items.len();
            if side != 1 {
                while s < e && items[s].is_null() {
                    s += 1;
                }
            }
            if side != 0 {
                while e > s && items[e - 1].is_null() {
                    e -= 1;
                }
            }
            let idx: Vec<usize> = (s..e).collect();
            Ok(super::list::take_idx(v, &idx))
        }
    }
}

fn bytes_of(v: &Value) -> QResult<Vec<u8>> {
    match v {
        Value::Chars(c) => Ok(c.as_ref().clone()),
        Value::Char(c) => Ok(vec![*c]),
        Value::Sym(s) => Ok(s.as_bytes().to_vec()),
        _ => qerr("type"),
    }
}

fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    if needle.is_empty() || needle.len() > hay.len() {
        return out;
    }
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if &hay[i..i + needle.len()] == needle {
            out.push(i);
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

/// `x vs y`: split a string on a separator; `0b vs` and `2 vs` encode numbers.
pub fn vs(x: &Value, y: &Value) -> QResult<Value> {
    match (x, y) {
        (Value::Char(_) | Value::Chars(_), Value::Chars(_) | Value::Char(_)) => {
            let sep = bytes_of(x)?;
            let s = bytes_of(y)?;
            if sep.is_empty() {
                return qerr("domain");
            }
            let mut parts = Vec::new();
            let mut start = 0;
            for p in find_all(&s, &sep) {
                parts.push(Value::chars(s[start..p].to_vec()));
                start = p + sep.len();
            }
            parts.push(Value::chars(s[start..].to_vec()));
            Ok(Value::list(parts))
        }
        (Value::Sym(s), Value::Sym(y)) if s.is_empty() => {
            Ok(Value::syms(y.split('.').map(Rc::from).collect()))
        }
        (Value::Bool(false), v) if v.as_i64().is_some() => {
            let n = v.as_i64().unwrap_or(0);
            let bits = match v {
                Value::Short(_) => 16,
                Value::Int(_) => 32,
                Value::Byte(_) => 8,
                _ => 64,
            };
            Ok(Value::bools(
                (0..bits).rev().map(|i| (n >> i) & 1 == 1).collect(),
            ))
        }
        (Value::Byte(0), v) if v.is_atom() => bytes_vs(v),
        (b, v) if is_integral_base(b) => {
            // base encoding: atom base gives as many digits as needed
            let digits_for = |mut n: i64, base: &[i64]| -> Vec<i64> {
                let mut out = Vec::new();
                if base.len() == 1 {
                    let b = base[0];
                    if b <= 1 {
                        return vec![n];
                    }
                    if n == 0 {
                        return vec![0];
                    }
                    while n != 0 {
                        out.push(n.rem_euclid(b));
                        n = n.div_euclid(b);
                        if out.len() > 64 {
                            break;
                        }
                    }
                    out.reverse();
                    out
                } else {
                    for &b in base.iter().rev() {
                        out.push(if b == 0 { n } else { n.rem_euclid(b) });
                        n = if b == 0 { 0 } else { n.div_euclid(b) };
                    }
                    out.reverse();
                    out
                }
            };
            let base: Vec<i64> = if b.is_atom() {
                vec![b.as_i64().unwrap_or(10)]
            } else {
                b.items().iter().map(|i| i.as_i64().unwrap_or(10)).collect()
            };
            if v.is_atom() {
                let n = v.as_i64().ok_or_else(|| Signal::err("type"))?;
                return Ok(Value::longs(digits_for(n, &base)));
            }
            let ns: Vec<i64> = v.items().iter().map(|i| i.as_i64().unwrap_or(0)).collect();
            let cols: Vec<Vec<i64>> = ns.iter().map(|&n| digits_for(n, &base)).collect();
            let w = cols.iter().map(|c| c.len()).max().unwrap_or(0);
            let rows: Vec<Value> = (0..w)
                .map(|r| {
                    Value::longs(
                        cols.iter()
                            .map(|c| {
                                let pad = w - c.len();
                                if r < pad {
                                    0
                                } else {
                                    c[r - pad]
                                }
                            })
                            .collect(),
                    )
                })
                .collect();
            Ok(Value::list(rows))
        }
        _ => qerr("type"),
    }
}

/// `0x0 vs x`: the bytes of an atom, most significant first (`0x0 vs 1f`).
fn bytes_vs(v: &Value) -> QResult<Value> {
    let b: Vec<u8> = match v {
        Value::Bool(b) => vec![*b as u8],
        Value::Byte(b) | Value::Char(b) => vec![*b],
        Value::Short(h) => h.to_be_bytes().to_vec(),
        Value::Int(i) => i.to_be_bytes().to_vec(),
        Value::Long(j) => j.to_be_bytes().to_vec(),
        Value::Real(e) => e.to_be_bytes().to_vec(),
        Value::Float(f) => f.to_be_bytes().to_vec(),
        _ => return qerr("type"),
    };
    Ok(Value::Bytes(Rc::new(b)))
}

/// Whether `b` can be a `vs` base: an integer atom, or a non-empty list of integers
/// (a mixed radix such as `24 60 60`).
fn is_integral_base(b: &Value) -> bool {
    if b.is_atom() {
        return b.as_i64().is_some();
    }
    let items = b.items();
    !items.is_empty() && items.iter().all(|i| i.is_atom() && i.as_i64().is_some())
}

/// `x sv y`: join strings with a separator; `2 sv` decodes digits; `0b sv` bits.
pub fn sv(x: &Value, y: &Value) -> QResult<Value> {
    match (x, y) {
        (Value::Char(_) | Value::Chars(_), Value::List(_) | Value::Chars(_) | Value::Syms(_)) => {
            let sep = bytes_of(x)?;
            let mut out = Vec::new();
            let items = y.items();
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(&sep);
                }
                out.extend(bytes_of(it)?);
            }
            Ok(Value::chars(out))
        }
        (Value::Sym(s), Value::Syms(y)) if s.is_empty() => Ok(Value::sym(
            &y.iter()
                .map(|a| a.to_string())
                .collect::<Vec<_>>()
                .join("."),
        )),
        (Value::Sym(s), Value::List(_)) if s.is_empty() => {
            let mut out = Vec::new();
            for it in y.items() {
                out.extend(bytes_of(&it)?);
                out.push(b'\n');
            }
            Ok(Value::chars(out))
        }
        (Value::Bool(false), Value::Bools(b)) => {
            let bits = b.iter().fold(0u64, |a, &v| (a << 1) | v as u64);
            Ok(bits_as_width(bits, b.len() / 8).unwrap_or(Value::Long(bits as i64)))
        }
        (Value::Byte(0), Value::Bytes(b)) => {
            let bits = b.iter().fold(0u64, |a, &v| (a << 8) | v as u64);
            bits_as_width(bits, b.len()).ok_or_else(|| crate::q::error::Signal::err("length"))
        }
        (b, v) if b.as_i64().is_some() || b.is_list() => {
            let ds = v.items();
            if b.is_atom() {
                let base = b.as_i64().unwrap_or(10);
                let mut acc: Value = Value::Long(0);
                for d in ds {
                    acc = super::atomic::dyad(
                        super::atomic::Op::Add,
                        &super::atomic::dyad(super::atomic::Op::Mul, &acc, &Value::Long(base))?,
                        &d,
                    )?;
                }
                Ok(acc)
            } else {
                let bases: Vec<i64> = b.items().iter().map(|i| i.as_i64().unwrap_or(10)).collect();
                let mut acc: Value = Value::Long(0);
                for (d, bs) in ds.iter().zip(bases.iter()) {
                    acc = super::atomic::dyad(
                        super::atomic::Op::Add,
                        &super::atomic::dyad(super::atomic::Op::Mul, &acc, &Value::Long(*bs))?,
                        d,
                    )?;
                }
                Ok(acc)
            }
        }
        _ => qerr("type"),
    }
}

/// The integer of `n` bytes (1, 2, 4 or 8) whose bits are the low bits of `bits`.
fn bits_as_width(bits: u64, n: usize) -> Option<Value> {
    Some(match n {
        1 => Value::Byte(bits as u8),
        2 => Value::Short(bits as u16 as i16),
        4 => Value::Int(bits as u32 as i32),
        8 => Value::Long(bits as i64),
        _ => return None,
    })
}

/// q's `like` pattern matching (`*`, `?`, `[..]`, `^` negation in brackets).
pub fn like_match(s: &[u8], p: &[u8]) -> bool {
    fn go(s: &[u8], p: &[u8]) -> bool {
        if p.is_empty() {
            return s.is_empty();
        }
        match p[0] {
            b'*' => (0..=s.len()).any(|i| go(&s[i..], &p[1..])),
            b'?' => !s.is_empty() && go(&s[1..], &p[1..]),
            b'[' => {
                let Some(end) = p.iter().skip(1).position(|&c| c == b']').map(|e| e + 1) else {
                    return !s.is_empty() && s[0] == b'[' && go(&s[1..], &p[1..]);
                };
                if s.is_empty() {
                    return false;
                }
                let mut set = &p[1..end];
                let neg = set.first() == Some(&b'^');
                if neg {
                    set = &set[1..];
                }
                let mut hit = false;
                let mut i = 0;
                while i < set.len() {
                    if i + 2 < set.len() && set[i + 1] == b'-' {
                        if set[i] <= s[0] && s[0] <= set[i + 2] {
                            hit = true;
                        }
                        i += 3;
                    } else {
                        if set[i] == s[0] {
                            hit = true;
                        }
                        i += 1;
                    }
                }
                hit != neg && go(&s[1..], &p[end + 1..])
            }
            c => !s.is_empty() && s[0] == c && go(&s[1..], &p[1..]),
        }
    }
    go(s, p)
}

/// `x like pattern`.
pub fn like(x: &Value, y: &Value) -> QResult<Value> {
    let p = bytes_of(y)?;
    match x {
        Value::Chars(c) => Ok(Value::Bool(like_match(c, &p))),
        Value::Char(c) => Ok(Value::Bool(like_match(&[*c], &p))),
        Value::Sym(s) => Ok(Value::Bool(like_match(s.as_bytes(), &p))),
        Value::Syms(s) => Ok(Value::bools(
            s.iter().map(|a| like_match(a.as_bytes(), &p)).collect(),
        )),
        Value::List(items) => {
            let out: QResult<Vec<Value>> = items.iter().map(|i| like(i, y)).collect();
            Ok(Value::from_items(out?))
        }
        Value::Dict(k, v) => Ok(Value::dict((**k).clone(), like(v, y)?)),
        _ => qerr("type"),
    }
}

/// `x ss y`: positions of y in x.
pub fn ss(x: &Value, y: &Value) -> QResult<Value> {
    let s = bytes_of(x)?;
    let p = bytes_of(y)?;
    if p.contains(&b'[') || p.contains(&b'?') || p.contains(&b'*') {
        // pattern search: try every start with growing windows
        let mut out = Vec::new();
        let mut i = 0;
        while i < s.len() {
            let mut found = None;
            for e in i + 1..=s.len() {
                let mut pp = p.clone();
                pp.push(b'*');
                if like_match(&s[i..e], &p) {
                    found = Some(e);
                    break;
                }
            }
            if let Some(e) = found {
                out.push(i as i64);
                i = e.max(i + 1);
            } else {
                i += 1;
            }
        }
        return Ok(Value::longs(out));
    }
    Ok(Value::longs(
        find_all(&s, &p).into_iter().map(|i| i as i64).collect(),
    ))
}

/// `ssr[x;y;z]`: replace y with z in x.
pub fn ssr(x: &Value, y: &Value, z: &Value) -> QResult<Value> {
    let s = match x {
        Value::Chars(c) => c.as_ref().clone(),
        _ => return qerr("type"),
    };
    let p = bytes_of(y)?;
    let r = bytes_of(z)?;
    let pos = match ss(x, y)? {
        Value::Longs(v) => v.as_ref().clone(),
        _ => vec![],
    };
    let plen = p.len();
    let mut out = Vec::new();
    let mut last = 0usize;
    for &i in &pos {
        let i = i as usize;
        if i < last {
            continue;
        }
        out.extend_from_slice(&s[last..i]);
        out.extend_from_slice(&r);
        last = (i + plen.max(1)).min(s.len());
    }
    out.extend_from_slice(&s[last..]);
    Ok(Value::chars(out))
}
