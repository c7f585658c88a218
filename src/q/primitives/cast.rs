//! `$`: casts between types (`` `long$x ``, `"j"$x`, `7h$x`), parsing strings
//! (`"J"$"42"`), symbols from strings (`` `$"a" ``) and padding (`5$"ab"`).

use std::rc::Rc;

use super::atomic::{f64_to_i64, i64_to_f64, nums, Nums};
use crate::q::error::{qerr, QResult, Signal};
use crate::q::value::{Value, NH, NI, NJ, WJ};

/// Type number of a type name or letter (`None` for temporal or unknown).
fn type_of_name(s: &str) -> Option<i16> {
    Some(match s {
        "boolean" | "b" => 1,
        "guid" | "g" => 2,
        "byte" | "x" => 4,
        "short" | "h" => 5,
        "int" | "i" => 6,
        "long" | "j" => 7,
        "real" | "e" => 8,
        "float" | "f" => 9,
        "char" | "c" => 10,
        "symbol" | "s" => 11,
        "timestamp" | "p" => 12,
        "month" | "m" => 13,
        "date" | "d" => 14,
        "datetime" | "z" => 15,
        "timespan" | "n" => 16,
        "minute" | "u" => 17,
        "second" | "v" => 18,
        "time" | "t" => 19,
        "*" => 0,
        _ => return None,
    })
}

/// `x$y`.
pub fn dollar(x: &Value, y: &Value) -> QResult<Value> {
    match x {
        Value::Sym(s) if s.is_empty() => to_sym(y),
        Value::Sym(s) => {
            if let Some(r) = crate::q::temporal::field(s, y) {
                return r;
            }
            let t = type_of_name(s).ok_or_else(|| Signal::err("type"))?;
            cast_to(t, y)
        }
        Value::Char(c) => {
            let ch = *c as char;
            if ch.is_ascii_uppercase() || ch == '*' {
                let t = type_of_name(&ch.to_ascii_lowercase().to_string())
                    .ok_or_else(|| Signal::err("type"))?;
                if ch == '*' {
                    return Ok(y.clone());
                }
                parse_str(t, y)
            } else {
                let t = type_of_name(&ch.to_string()).ok_or_else(|| Signal::err("type"))?;
                cast_to(t, y)
            }
        }
        Value::Short(h) if *h < 0 => parse_str(-*h, y),
        Value::Short(h) => cast_to(*h, y),
        Value::Long(_) | Value::Int(_)
            if matches!(y, Value::Chars(_) | Value::Char(_) | Value::Sym(_)) =>
        {
            let n = x.as_i64().unwrap_or(0);
            let s: Vec<u8> = match y {
                Value::Chars(c) => c.as_ref().clone(),
                Value::Char(c) => vec![*c],
                Value::Sym(s) => s.as_bytes().to_vec(),
                _ => vec![],
            };
            let w = n.unsigned_abs() as usize;
            let mut out = vec![b' '; w];
            if n >= 0 {
                for (i, c) in s.iter().take(w).enumerate() {
                    out[i] = *c;
                }
            } else {
                let k = s.len().min(w);
                out[w - k..].copy_from_slice(&s[s.len() - k..]);
            }
            Ok(Value::chars(out))
        }
        Value::Long(j) => cast_to(*j as i16, y),
        Value::Syms(_) | Value::Chars(_) | Value::List(_) | Value::Shorts(_) if y.is_atom() => {
            // a list of types against one atom
            let out: QResult<Vec<Value>> = x.items().iter().map(|t| dollar(t, y)).collect();
            Ok(Value::from_items(out?))
        }
        Value::Syms(_) | Value::Chars(_) | Value::List(_) | Value::Shorts(_) => {
            // a list of types against a list
            if x.count() != y.count() {
                return qerr("length");
            }
            let mut out = Vec::new();
            for i in 0..x.count() {
                out.push(dollar(&x.item(i), &y.item(i))?);
            }
            Ok(Value::from_items(out))
        }
        _ => qerr("type"),
    }
}

fn to_sym(y: &Value) -> QResult<Value> {
    match y {
        Value::Chars(c) => Ok(Value::sym(String::from_utf8_lossy(c).trim())),
        Value::Char(c) => Ok(Value::sym(&(*c as char).to_string())),
        Value::Sym(_) | Value::Syms(_) => Ok(y.clone()),
        Value::List(items) => {
            let out: QResult<Vec<Value>> = items.iter().map(to_sym).collect();
            Ok(Value::from_items(out?).or_syms())
        }
        Value::Dict(k, v) => Ok(Value::dict((**k).clone(), to_sym(v)?)),
        _ => qerr("type"),
    }
}

impl Value {
    fn or_syms(self) -> Value {
        if let Value::List(l) = &self {
            if l.is_empty() {
                return Value::syms(vec![]);
            }
        }
        self
    }
}

/// Cast a value to type `t` (positive or negative type number), atomically.
pub fn cast_to(t: i16, y: &Value) -> QResult<Value> {
    let t = t.abs();
    if t == 2 {
        return qerr("nyi");
    }
    if t == 0 {
        return Ok(y.clone());
    }
    match y {
        Value::Dict(k, v) => return Ok(Value::dict((**k).clone(), cast_to(t, v)?)),
        Value::Table(n, c) => {
            let cols: QResult<Vec<Value>> = c.iter().map(|col| cast_to(t, col)).collect();
            return Ok(Value::Table(n.clone(), Rc::new(cols?)));
        }
        Value::List(items) => {
            let out: QResult<Vec<Value>> = items.iter().map(|i| cast_to(t, i)).collect();
            let out = out?;
            if out.is_empty() {
                return Ok(Value::empty(t));
            }
            return Ok(Value::from_items(out));
        }
        _ => {}
    }
    if (12..=19).contains(&t) {
        return crate::q::temporal::cast_to(t, y);
    }
    if crate::q::temporal::kind(y).is_some() {
        return cast_to(t, &crate::q::temporal::strip(y));
    }
    if t == 11 {
        return match y {
            Value::Sym(_) | Value::Syms(_) => Ok(y.clone()),
            Value::Chars(_) | Value::Char(_) => to_sym(y),
            _ => qerr("type"),
        };
    }
    if matches!(y, Value::Sym(_) | Value::Syms(_)) {
        return qerr("type");
    }
    if t == 10 {
        // to char
        let (n, atom, _) = nums(y).ok_or_else(|| Signal::err("type"))?;
        let v: Vec<u8> = match n {
            Nums::I(i) => i.iter().map(|&x| x as u8).collect(),
            Nums::F(f) => f.iter().map(|&x| x as i64 as u8).collect(),
        };
        return Ok(if atom {
            Value::Char(v[0])
        } else {
            Value::chars(v)
        });
    }
    let (n, atom, from) = nums(y).ok_or_else(|| Signal::err("type"))?;
    let n = finite_infinities(n, from, t);
    let out = match t {
        8 | 9 => {
            let f: Vec<f64> = match n {
                Nums::F(f) => f.into_owned(),
                Nums::I(i) => i.iter().map(|&x| i64_to_f64(x)).collect(),
            };
            super::atomic::from_f64(t, f, false)
        }
        1 | 4 | 5 | 6 | 7 => {
            let i: Vec<i64> = match n {
                Nums::I(i) => i.into_owned(),
                Nums::F(f) => f
                    .iter()
                    .map(|&x| {
                        if x.is_nan() || x.is_infinite() {
                            f64_to_i64(x)
                        } else {
                            f64_to_i64(x.round())
                        }
                    })
                    .collect(),
            };
            super::atomic::from_i64(t, i, false)
        }
        _ => return qerr("type"),
    };
    Ok(if atom { out.item(0) } else { out })
}

/// Casting an infinity from a narrower to a wider type gives a finite value: `` `float$0Wh ``
/// is 32767f (nulls stay null).
fn finite_infinities(n: Nums<'_>, from: i16, to: i16) -> Nums<'_> {
    let max = match from.abs() {
        5 => i16::MAX as i64,
        6 => i32::MAX as i64,
        _ => return n,
    };
    if to.abs() <= from.abs() {
        return n;
    }
    match n {
        Nums::I(i) if i.iter().any(|&x| x == WJ || x == -WJ) => Nums::I(
            i.iter()
                .map(|&x| match x {
                    WJ => max,
                    x if x == -WJ => -max,
                    x => x,
                })
                .collect::<Vec<i64>>()
                .into(),
        ),
        n => n,
    }
}

/// `"J"$"42"`: parse strings into type `t`.
pub fn parse_str(t: i16, y: &Value) -> QResult<Value> {
    match y {
        Value::Chars(c) => parse_one(t, &String::from_utf8_lossy(c)),
        Value::Char(c) => parse_one(t, &(*c as char).to_string()),
        Value::List(items) => {
            let out: QResult<Vec<Value>> = items.iter().map(|i| parse_str(t, i)).collect();
            let out = out?;
            if out.is_empty() {
                return Ok(Value::empty(t));
            }
            Ok(Value::from_items(out))
        }
        Value::Sym(s) => parse_one(t, s),
        Value::Syms(s) => {
            let out: QResult<Vec<Value>> = s.iter().map(|x| parse_one(t, x)).collect();
            Ok(Value::from_items(out?))
        }
        _ => qerr("type"),
    }
}

fn parse_one(t: i16, s: &str) -> QResult<Value> {
    let s = s.trim();
    Ok(match t {
        1 => Value::Bool(matches!(s, "1" | "t" | "T" | "true" | "y" | "Y" | "yes")),
        4 => Value::Byte(u8::from_str_radix(s.trim_start_matches("0x"), 16).unwrap_or(0)),
        2 => Value::Guid(super::extra::parse_guid(s).unwrap_or([0; 16])),
        6 if super::extra::parse_ipv4(s).is_some() => {
            Value::Int(super::extra::parse_ipv4(s).unwrap_or(NI))
        }
        5 | 6 | 7 => {
            let v = if s == "0N" {
                None
            } else if s == "0W" {
                Some(WJ)
            } else {
                s.parse::<i64>().ok().or_else(|| {
                    s.parse::<f64>()
                        .ok()
                        .filter(|f| f.is_finite())
                        .map(|f| f as i64)
                })
            };
            let j = v.unwrap_or(NJ);
            match t {
                5 => Value::Short(if j == NJ { NH } else { j as i16 }),
                6 => Value::Int(if j == NJ { NI } else { j as i32 }),
                _ => Value::Long(j),
            }
        }
        8 | 9 => {
            let f = match s {
                "0n" | "" => f64::NAN,
                "0w" => f64::INFINITY,
                "-0w" => f64::NEG_INFINITY,
                _ => s.parse::<f64>().unwrap_or(f64::NAN),
            };
            if t == 8 {
                Value::Real(f as f32)
            } else {
                Value::Float(f)
            }
        }
        10 => Value::string(s),
        11 => Value::sym(s),
        12..=19 => match crate::q::temporal::Tk::from_code(t) {
            Some(k) => crate::q::temporal::parse::parse(k, s),
            None => return qerr("nyi"),
        },
        _ => return qerr("nyi"),
    })
}

/// Type name symbol for `key` of a typed empty list etc.
pub fn type_name(t: i16) -> &'static str {
    match t.abs() {
        1 => "boolean",
        4 => "byte",
        5 => "short",
        6 => "int",
        7 => "long",
        8 => "real",
        9 => "float",
        10 => "char",
        11 => "symbol",
        t @ 12..=19 => crate::q::temporal::Tk::from_code(t)
            .map(|k| k.name())
            .unwrap_or(""),
        _ => "",
    }
}
