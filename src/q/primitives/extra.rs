//! Primitive forms the reference pages show beyond the basic families: `key` on names,
//! `in` by item depth, null-aware `wavg`, `bin` on dictionaries and tables, `ssr` with a
//! function, byte `sv`/`vs`, char results of `|`/`&`, and uniform functions on tables.

use std::rc::Rc;

use super::atomic::{dyad, Op};
use super::cast::cast_to;
use super::list::qcmp;
use crate::q::error::{qerr, QResult};
use crate::q::eval::Interp;
use crate::q::value::{matches, Adverb, Func, Value, NJ};

/// `` key `name ``: the keys of a dictionary variable, the name itself for any other
/// variable, `()` when no such variable exists. Namespaces and file handles are `'nyi`.
pub fn key_sym(ip: &mut Interp, s: &str) -> QResult<Value> {
    if s.is_empty() || s == "." || s.starts_with(':') {
        return qerr("nyi");
    }
    let name = s.strip_prefix("..").unwrap_or(s);
    match ip.globals.get(name) {
        Some(Value::Dict(k, _)) => Ok((**k).clone()),
        Some(_) => Ok(Value::sym(s)),
        None => Ok(Value::list(vec![])),
    }
}

/// The binary forms of the running keywords: `deltas[x;y]` is `x -': y`, `sums[x;y]`
/// is `x +\ y` and so on.
pub fn seeded(ip: &mut Interp, glyph: &str, a: Adverb, x: Value, y: Value) -> QResult<Value> {
    let Some(i) = super::lookup(glyph) else {
        return qerr("nyi");
    };
    crate::q::adverbs::apply(ip, a, &Value::func(Func::Prim(i)), vec![x, y])
}

/// How q prints the keywords it defines as derived functions (`deltas` is `-':`).
pub fn derived_name(name: &str) -> Option<&'static str> {
    Some(match name {
        "sums" => "+\\",
        "prds" => "*\\",
        "maxs" => "|\\",
        "mins" => "&\\",
        "deltas" => "-':",
        "ratios" => "%':",
        _ => return None,
    })
}

/// Nesting depth as `in` sees it: atoms 0, vectors 1, a general list one more than its
/// first item.
fn depth(v: &Value) -> usize {
    match v {
        Value::List(items) => 1 + items.first().map(depth).unwrap_or(0),
        v if v.is_list() => 1,
        _ => 0,
    }
}

/// `x in y` for a general list `y`: x is compared whole with the items of y when it has
/// their depth (that of y's first item), item by item when it is deeper, and is not in
/// y when it is shallower (`3 in (1 2;3)` is `0b`).
pub fn in_general(x: &Value, items: &[Value]) -> Value {
    fn go(x: &Value, items: &[Value], dy: usize) -> Value {
        let dx = depth(x);
        if dx == dy {
            Value::Bool(items.iter().any(|i| matches(i, x)))
        } else if dx > dy {
            let out: Vec<Value> = x.items().iter().map(|i| go(i, items, dy)).collect();
            if out.is_empty() {
                Value::bools(vec![])
            } else {
                Value::from_items(out)
            }
        } else {
            Value::Bool(false)
        }
    }
    go(x, items, items.first().map(depth).unwrap_or(0))
}

/// `in` between a float and an integer vector of other than one item is a type error.
pub fn in_type_clash(x: &Value, y: &Value) -> bool {
    let (tx, ty) = (x.type_code().abs(), y.type_code().abs());
    let float = |t: i16| t == 8 || t == 9;
    let int = |t: i16| matches!(t, 4..=7);
    !y.is_atom() && y.count() != 1 && ((float(tx) && int(ty)) || (int(tx) && float(ty)))
}

/// `x wavg y`: pairs where either side is null are left out.
pub fn wavg(x: &Value, y: &Value) -> QResult<Value> {
    let numeric = |v: &Value| matches!(v.type_code(), 1 | 4..=9);
    if numeric(x) && numeric(y) && x.count() == y.count() {
        let (Value::Floats(a), Value::Floats(b)) = (cast_to(9, x)?, cast_to(9, y)?) else {
            return qerr("type");
        };
        let (mut s, mut w) = (0f64, 0f64);
        for (p, q) in a.iter().zip(b.iter()) {
            if !p.is_nan() && !q.is_nan() {
                s += p * q;
                w += p;
            }
        }
        return Ok(Value::Float(s / w));
    }
    super::agg::wsum(x, y, true)
}

/// `x bin y` where x is a dictionary (keys at the found positions), a table or a keyed
/// table (rows matching y on all but the last column, searched on the last).
pub fn bin(x: &Value, y: &Value, right: bool) -> QResult<Value> {
    match x {
        Value::Dict(k, v) if !matches!(**k, Value::Table(..)) => {
            let p = super::list::bin(v, y, right)?;
            Ok(index_or_null(k, &p))
        }
        Value::Dict(k, v) => {
            let p = table_bin(v, y)?;
            Ok(index_or_null(k, &p))
        }
        Value::Table(..) => table_bin(x, y),
        _ => super::list::bin(x, y, right),
    }
}

/// Items of `x` at the positions `p` (an atom or longs); negative or null positions give
/// nulls.
fn index_or_null(x: &Value, p: &Value) -> Value {
    let at = |i: i64| -> usize {
        if i < 0 {
            usize::MAX
        } else {
            i as usize
        }
    };
    match (x, p) {
        (Value::Table(n, c), Value::Longs(idx)) => {
            let cols: Vec<Value> = c
                .iter()
                .map(|col| {
                    let items: Vec<Value> = idx.iter().map(|&i| col.item(at(i))).collect();
                    if items.is_empty() {
                        super::list::empty_like(col)
                    } else {
                        Value::from_items(items)
                    }
                })
                .collect();
            Value::Table(n.clone(), Rc::new(cols))
        }
        (_, Value::Longs(idx)) => {
            let items: Vec<Value> = idx.iter().map(|&i| x.item(at(i))).collect();
            if items.is_empty() {
                super::list::empty_like(x)
            } else {
                Value::from_items(items)
            }
        }
        (_, Value::Long(i)) => x.item(at(*i)),
        _ => x.clone(),
    }
}

/// A table searched for a row (dictionary) or the rows of a table.
fn table_bin(t: &Value, y: &Value) -> QResult<Value> {
    let Value::Table(names, cols) = t else {
        return qerr("type");
    };
    let one = |row: &[Value]| -> QResult<i64> {
        if row.len() != cols.len() || cols.is_empty() {
            return qerr("length");
        }
        let last = cols.len() - 1;
        let mut found = NJ;
        for i in 0..t.count() {
            if (0..last).all(|j| matches(&cols[j].item(i), &row[j]))
                && qcmp(&cols[last].item(i), &row[last]) != std::cmp::Ordering::Greater
            {
                found = i as i64;
            }
        }
        Ok(found)
    };
    match y {
        Value::Dict(k, v) => {
            let Value::Syms(ks) = &**k else {
                return qerr("type");
            };
            if ks != names {
                return qerr("mismatch");
            }
            Ok(Value::Long(one(&v.items())?))
        }
        Value::Table(yn, yc) => {
            if yn != names {
                return qerr("mismatch");
            }
            let n = y.count();
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                let row: Vec<Value> = yc.iter().map(|c| c.item(i)).collect();
                out.push(one(&row)?);
            }
            Ok(Value::longs(out))
        }
        _ => qerr("type"),
    }
}

/// `ssr[x;y;f]` with a function: each match is replaced by `f` applied to it.
pub fn ssr_fn(ip: &mut Interp, x: &Value, y: &Value, f: &Value) -> QResult<Value> {
    let Value::Chars(s) = x else {
        return qerr("type");
    };
    let Some(p) = y.as_str() else {
        return qerr("type");
    };
    let p = p.into_bytes();
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let end = (i + 1..=s.len()).find(|&e| super::strings::like_match(&s[i..e], &p));
        match end {
            Some(e) => {
                let r = ip.apply(f, vec![Value::chars(s[i..e].to_vec())])?;
                match r {
                    Value::Chars(c) => out.extend_from_slice(&c),
                    Value::Char(c) => out.push(c),
                    _ => return qerr("type"),
                }
                i = e;
            }
            None => {
                out.push(s[i]);
                i += 1;
            }
        }
    }
    Ok(Value::chars(out))
}

/// `x sv y`: with a byte base the result is a byte; 128 bits or 16 bytes make a GUID.
pub fn sv(x: &Value, y: &Value) -> QResult<Value> {
    match (x, y) {
        (Value::Bool(false), Value::Bools(b)) if b.len() == 128 => {
            let mut g = [0u8; 16];
            for (i, bit) in b.iter().enumerate() {
                g[i / 8] |= (*bit as u8) << (7 - i % 8);
            }
            return Ok(Value::Guid(g));
        }
        (Value::Byte(0), Value::Bytes(b)) if b.len() == 16 => {
            let mut g = [0u8; 16];
            g.copy_from_slice(b);
            return Ok(Value::Guid(g));
        }
        _ => {}
    }
    let r = super::strings::sv(x, y)?;
    match x {
        Value::Byte(b) if *b != 0 => cast_to(4, &r),
        Value::Bytes(_) => cast_to(4, &r),
        _ => Ok(r),
    }
}

/// `x vs y`: `0x0 vs` a float or real gives its IEEE bytes, most significant first.
pub fn vs(x: &Value, y: &Value) -> QResult<Value> {
    match (x, y) {
        (Value::Byte(0), Value::Float(f)) => {
            Ok(Value::Bytes(Rc::new(f.to_bits().to_be_bytes().to_vec())))
        }
        (Value::Byte(0), Value::Real(f)) => {
            Ok(Value::Bytes(Rc::new(f.to_bits().to_be_bytes().to_vec())))
        }
        _ => super::strings::vs(x, y),
    }
}

/// `x|y` and `x&y`: an integer against a char gives a char (`98|"a"` is `"b"`).
pub fn max_min(x: &Value, y: &Value, max: bool) -> QResult<Value> {
    let op = if max { Op::Max } else { Op::Min };
    let r = dyad(op, x, y)?;
    let is_char = |v: &Value| v.type_code().abs() == 10;
    let is_int = |v: &Value| matches!(v.type_code().abs(), 1 | 4..=7);
    if (is_char(x) && is_int(y)) || (is_int(x) && is_char(y)) {
        return cast_to(10, &r);
    }
    Ok(r)
}

/// `avgs`: running averages of each column of a table or keyed table.
pub fn avgs(x: &Value) -> QResult<Value> {
    match x {
        Value::Table(n, c) => {
            let cols: QResult<Vec<Value>> = c.iter().map(avgs).collect();
            Ok(Value::Table(n.clone(), Rc::new(cols?)))
        }
        Value::Dict(k, v) if matches!(**v, Value::Table(..)) => {
            Ok(Value::Dict(k.clone(), Rc::new(avgs(v)?)))
        }
        _ => super::sys::avgs(x),
    }
}

/// Moving-window functions (`n mavg x` ...) on a table's columns or a keyed table's
/// values; `None` for anything else.
pub fn moving_table(n: &Value, x: &Value, kind: u8) -> Option<QResult<Value>> {
    match x {
        Value::Table(names, c) => Some(
            c.iter()
                .map(|col| super::agg::moving(n, col, kind))
                .collect::<QResult<Vec<Value>>>()
                .map(|cols| Value::Table(names.clone(), Rc::new(cols))),
        ),
        Value::Dict(k, v) if matches!(**v, Value::Table(..)) => {
            Some(moving_table(n, v, kind)?.map(|r| Value::Dict(k.clone(), Rc::new(r))))
        }
        _ => None,
    }
}

/// Comparisons between GUIDs (atoms or vectors, byte order); other arithmetic on them
/// is a type error. `None` when neither side is a GUID.
pub fn guid_compare(
    is_cmp: bool,
    x: &Value,
    y: &Value,
    result: impl Fn(std::cmp::Ordering) -> bool,
) -> Option<QResult<Value>> {
    let view = |v: &Value| -> Option<(Vec<[u8; 16]>, bool)> {
        match v {
            Value::Guid(g) => Some((vec![*g], true)),
            Value::Guids(g) => Some((g.as_ref().clone(), false)),
            _ => None,
        }
    };
    let (a, b) = match (view(x), view(y)) {
        (Some(a), Some(b)) => (a, b),
        (None, None) => return None,
        _ => return Some(qerr("type")),
    };
    if !is_cmp {
        return Some(qerr("type"));
    }
    let ((xs, ax), (ys, bx)) = (a, b);
    if !ax && !bx && xs.len() != ys.len() {
        return Some(qerr("length"));
    }
    let n = if ax { ys.len() } else { xs.len() };
    let out: Vec<bool> = (0..n)
        .map(|i| {
            let p = &xs[if ax { 0 } else { i }];
            let q = &ys[if bx { 0 } else { i }];
            result(p.cmp(q))
        })
        .collect();
    Some(Ok(if ax && bx {
        Value::Bool(out[0])
    } else {
        Value::bools(out)
    }))
}

/// A GUID as q prints it: `8c6b8b64-6815-6084-0a3e-178401251b68`.
pub fn guid_text(g: &[u8; 16]) -> String {
    let h: Vec<String> = g.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        h[0..4].concat(),
        h[4..6].concat(),
        h[6..8].concat(),
        h[8..10].concat(),
        h[10..16].concat()
    )
}

/// `"G"$s`: a GUID in its hyphenated hex form, or an IPv6 or IPv4 address (an IPv4
/// address maps to `::ffff:a.b.c.d`); `None` when the text is neither.
pub fn parse_guid(s: &str) -> Option<[u8; 16]> {
    let b = s.as_bytes();
    if b.len() == 36 && [8, 13, 18, 23].iter().all(|&i| b[i] == b'-') {
        let hex: Vec<u8> = b.iter().copied().filter(|&c| c != b'-').collect();
        let mut g = [0u8; 16];
        for (i, pair) in hex.chunks(2).enumerate() {
            let t = std::str::from_utf8(pair).ok()?;
            g[i] = u8::from_str_radix(t, 16).ok()?;
        }
        return Some(g);
    }
    if let Ok(v4) = s.parse::<std::net::Ipv4Addr>() {
        return Some(v4.to_ipv6_mapped().octets());
    }
    s.parse::<std::net::Ipv6Addr>().ok().map(|a| a.octets())
}

/// `"I"$"192.168.1.34"`: a dotted IPv4 address as the int of its four bytes.
pub fn parse_ipv4(s: &str) -> Option<i32> {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() != 4 {
        return None;
    }
    let mut v: u32 = 0;
    for p in parts {
        if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let b: u32 = p.parse().ok()?;
        if b > 255 {
            return None;
        }
        v = (v << 8) | b;
    }
    Some(v as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv4_parses_to_the_int_of_its_bytes() {
        assert_eq!(parse_ipv4("192.168.1.34"), Some(-1062731486));
        assert_eq!(parse_ipv4("0.0.0.1"), Some(1));
        assert_eq!(parse_ipv4("1.2.3"), None);
        assert_eq!(parse_ipv4("1.2.3.256"), None);
        assert_eq!(parse_ipv4("1.2.3.x"), None);
    }

    #[test]
    fn guids_parse_from_hex_and_addresses() {
        let g = parse_guid("8c6b8b64-6815-6084-0a3e-178401251b68");
        assert_eq!(
            g.map(|g| guid_text(&g)).as_deref(),
            Some("8c6b8b64-6815-6084-0a3e-178401251b68")
        );
        let v4 = parse_guid("192.0.2.1").map(|g| guid_text(&g));
        assert_eq!(v4.as_deref(), Some("00000000-0000-0000-0000-ffffc0000201"));
        let v6 = parse_guid("2001:0DB8:85A3::8A2E:0370:7334").map(|g| guid_text(&g));
        assert_eq!(v6.as_deref(), Some("20010db8-85a3-0000-0000-8a2e03707334"));
        assert_eq!(parse_guid("not a guid"), None);
        assert_eq!(parse_guid("8c6b8b64-6815-6084-0a3e-178401251bzz"), None);
    }

    #[test]
    fn in_follows_item_depth() {
        let y = vec![Value::longs(vec![1, 2]), Value::Long(3)];
        assert!(matches!(
            in_general(&Value::Long(3), &y),
            Value::Bool(false)
        ));
        let y = vec![Value::Long(3), Value::longs(vec![1, 2])];
        assert!(matches!(in_general(&Value::Long(3), &y), Value::Bool(true)));
        let y = vec![Value::Long(9), Value::list(vec![])];
        let r = in_general(&Value::longs(vec![1, 2]), &y);
        assert!(matches!(&r, Value::Bools(b) if b.as_slice() == [false, false]));
    }

    #[test]
    fn dictionaries_with_one_key_list_form_a_table() {
        let row = |a: i64, b: i64| {
            Value::dict(
                Value::syms(vec!["a".into(), "b".into()]),
                Value::longs(vec![a, b]),
            )
        };
        let t = Value::from_items(vec![row(1, 2), row(3, 4)]);
        assert!(matches!(&t, Value::Table(n, c) if n.len() == 2 && c.len() == 2));
        assert_eq!(crate::q::format::show1(&t, 7), "+`a`b!(1 3;2 4)");
        let other = Value::dict(Value::syms(vec!["c".into()]), Value::longs(vec![5]));
        let l = Value::from_items(vec![row(1, 2), other]);
        assert!(matches!(l, Value::List(_)));
    }

    #[test]
    fn wavg_skips_null_pairs() {
        let x = Value::longs(vec![2, NJ, 4, 5]);
        let y = Value::longs(vec![1, 2, NJ, 8]);
        assert!(matches!(wavg(&x, &y), Ok(Value::Float(f)) if f == 6.0));
    }
}
