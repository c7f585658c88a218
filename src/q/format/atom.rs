//! One atom (and a function) in its full q form: numbers, nulls, infinities, quoted chars.

use super::line::show1;
use crate::q::primitives::atomic::{i16_to_i64, i32_to_i64};
use crate::q::value::{Func, Value, NJ, WJ};

/// A float as q writes it with `prec` significant digits (no type suffix).
pub fn fmt_float(f: f64, prec: usize) -> String {
    if f.is_nan() {
        return "0n".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "0w".into() } else { "-0w".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0".into()
        } else {
            "0".into()
        };
    }
    let p = if prec == 0 { 17 } else { prec.min(17) };
    let sci = format!("{:.*e}", p - 1, f);
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if exp < -4 || exp >= p as i32 {
        let m = trim_zeros(mant);
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{m}e{sign}{:02}", exp.abs())
    } else {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        trim_zeros(&format!("{:.*}", decimals, f))
    }
}

fn trim_zeros(s: &str) -> String {
    if s.contains('.') {
        let t = s.trim_end_matches('0');
        t.trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// Whether formatted digits read as an integer (no point or exponent).
pub(super) fn int_like(s: &str) -> bool {
    s.bytes().all(|c| c.is_ascii_digit() || c == b'-')
}

/// A long as q writes it: `0N` for null, `0W`/`-0W` for the infinities.
pub(super) fn fmt_long(j: i64) -> String {
    match j {
        NJ => "0N".into(),
        WJ => "0W".into(),
        x if x == -WJ => "-0W".into(),
        x => x.to_string(),
    }
}

/// An int as q writes it, through `fmt_long`.
pub(super) fn fmt_int(i: i32) -> String {
    fmt_long(i32_to_i64(i))
}

/// A short as q writes it, through `fmt_long`.
pub(super) fn fmt_short(i: i16) -> String {
    fmt_long(i16_to_i64(i))
}

/// A char in a q string literal.
fn esc_char(c: u8, out: &mut String) {
    match c {
        b'"' => out.push_str("\\\""),
        b'\\' => out.push_str("\\\\"),
        b'\n' => out.push_str("\\n"),
        b'\t' => out.push_str("\\t"),
        b'\r' => out.push_str("\\r"),
        c if c < 32 || c >= 127 => out.push_str(&format!("\\{:03o}", c)),
        c => out.push(c as char),
    }
}

/// Bytes as a quoted q string literal, escapes included.
pub(super) fn quoted(s: &[u8]) -> String {
    let mut out = String::from("\"");
    for &c in s {
        esc_char(c, &mut out);
    }
    out.push('"');
    out
}

/// One atom in its full q form (`1i`, `2.5`, `` `a ``, `"c"`, `0x01`, `1b`).
pub fn atom(v: &Value, prec: usize) -> String {
    match v {
        Value::Bool(b) => format!("{}b", *b as u8),
        Value::Byte(b) => format!("0x{:02x}", b),
        Value::Short(h) => format!("{}h", fmt_short(*h)),
        Value::Int(i) => format!("{}i", fmt_int(*i)),
        Value::Long(j) => fmt_long(*j),
        Value::Real(e) => {
            let s = fmt_float(*e as f64, prec);
            format!("{s}e")
        }
        Value::Float(f) => {
            let s = fmt_float(*f, prec);
            if int_like(&s) {
                format!("{s}f")
            } else {
                s
            }
        }
        Value::Char(c) => quoted(&[*c]),
        Value::Sym(s) => format!("`{s}"),
        Value::Guid(g) => crate::q::primitives::extra::guid_text(g),
        Value::Nil => "::".into(),
        Value::Func(f) => func(f, prec),
        Value::Tm(k, x) => crate::q::temporal::calendar::fmt_atom(*k, *x),
        _ => show1(v, prec),
    }
}

fn func(f: &Func, prec: usize) -> String {
    match f {
        Func::Prim(p) => {
            let name = crate::q::primitives::prim_name(*p);
            crate::q::primitives::extra::derived_name(name)
                .unwrap_or_else(|| crate::q::apply::prim_display(name))
                .to_string()
        }
        Func::Lambda(l) => l.src.clone(),
        Func::Proj(g, args) => {
            let keep = args
                .iter()
                .rposition(|a| a.is_some())
                .map(|p| p + 1)
                .unwrap_or(0);
            let a: Vec<String> = args[..keep]
                .iter()
                .map(|a| a.as_ref().map(|v| show1(v, prec)).unwrap_or_default())
                .collect();
            format!("{}[{}]", show1(g, prec), a.join(";"))
        }
        Func::Comp(fs) if fs.is_empty() => "'".to_string(),
        Func::Comp(fs) => fs
            .iter()
            .map(|g| show1(g, prec))
            .collect::<Vec<_>>()
            .join(""),
        Func::Derived(a, g) => {
            let inner = show1(g, prec);
            format!("{}{}", inner, a.glyph())
        }
    }
}
