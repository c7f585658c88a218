//! Tables: building, flipping, keying, joining rows, keyed lookup, and `.j.j`/`.j.k`.

use std::rc::Rc;

use super::list::{enlist, join, take_idx};
use crate::q::error::{qerr, QResult, Signal};
use crate::q::eval::Interp;
use crate::q::value::{matches, Sym, Value};

/// A table from column names and values (atoms are stretched to the common length).
pub fn make_table(names: Vec<Sym>, vals: Vec<Value>) -> QResult<Value> {
    let n = vals
        .iter()
        .filter(|v| !v.is_atom())
        .map(|v| v.count())
        .max();
    let Some(n) = n else {
        // all atoms: one row
        return Ok(Value::Table(
            Rc::new(names),
            Rc::new(vals.into_iter().map(enlist).collect()),
        ));
    };
    let mut cols = Vec::new();
    for v in vals {
        if v.is_atom() {
            cols.push(super::list::take(&Value::Long(n as i64), &v)?);
        } else if v.count() != n {
            return qerr("length");
        } else {
            cols.push(v);
        }
    }
    Ok(Value::Table(Rc::new(names), Rc::new(cols)))
}

/// `flip x`: dict of columns to table and back; transpose lists.
pub fn flip(x: &Value) -> QResult<Value> {
    match x {
        Value::Dict(k, v) => {
            let Value::Syms(names) = &**k else {
                return qerr("type");
            };
            make_table(names.as_ref().clone(), v.items())
        }
        Value::Table(n, c) => Ok(Value::dict(Value::Syms(n.clone()), Value::List(c.clone()))),
        v if v.is_list() => {
            let items = v.items();
            let n = items
                .iter()
                .filter(|i| !i.is_atom())
                .map(|i| i.count())
                .max()
                .unwrap_or(0);
            if items.iter().any(|i| !i.is_atom() && i.count() != n) {
                return qerr("length");
            }
            let mut out = Vec::with_capacity(n);
            for j in 0..n {
                let row: Vec<Value> = items
                    .iter()
                    .map(|i| if i.is_atom() { i.clone() } else { i.item(j) })
                    .collect();
                out.push(Value::from_items(row));
            }
            Ok(Value::list(out))
        }
        _ => qerr("rank"),
    }
}

/// Row lookup in a keyed table.
pub fn keyed_lookup(_ip: &mut Interp, k: &Value, vals: &Value, i: &Value) -> QResult<Value> {
    let rows = k.items();
    let key_of = |v: &Value| -> Value {
        match v {
            Value::Dict(_, vv) => (**vv).clone(),
            other => other.clone(),
        }
    };
    let want = key_of(i);
    let nk = match k {
        Value::Table(n, _) => n.len(),
        _ => 1,
    };
    let find = |w: &Value| -> Option<usize> {
        rows.iter().position(|r| {
            let rv = key_of(r);
            if nk == 1 {
                matches(&rv.item(0), w) || matches(&rv, w)
            } else {
                matches(&rv, w)
                    || rv
                        .items()
                        .iter()
                        .zip(w.items().iter())
                        .all(|(a, b)| matches(a, b))
                        && rv.count() == w.count()
            }
        })
    };
    if let Value::Table(..) = i {
        let mut idx = Vec::new();
        for r in i.items() {
            idx.push(find(&key_of(&r)).unwrap_or(usize::MAX));
        }
        return Ok(take_rows(vals, &idx));
    }
    match find(&want) {
        Some(p) => Ok(vals.item(p)),
        None => {
            if nk == 1 && !want.is_atom() {
                let idx: Vec<usize> = want
                    .items()
                    .iter()
                    .map(|w| find(w).unwrap_or(usize::MAX))
                    .collect();
                return Ok(take_rows(vals, &idx));
            }
            Ok(vals.item(usize::MAX))
        }
    }
}

fn take_rows(t: &Value, idx: &[usize]) -> Value {
    match t {
        Value::Table(n, c) => Value::Table(
            n.clone(),
            Rc::new(
                c.iter()
                    .map(|col| {
                        crate::q::eval::index_list(
                            col,
                            &Value::longs(
                                idx.iter()
                                    .map(|&i| if i == usize::MAX { -1 } else { i as i64 })
                                    .collect(),
                            ),
                        )
                        .unwrap_or(Value::Nil)
                    })
                    .collect(),
            ),
        ),
        _ => t.clone(),
    }
}

/// Rows of `y` appended to table `x` (columns matched by name).
pub fn concat(x: &Value, y: &Value) -> QResult<Value> {
    let (Value::Table(n1, c1), Value::Table(n2, c2)) = (x, y) else {
        return qerr("type");
    };
    if n1.len() != n2.len() {
        return qerr("mismatch");
    }
    let mut cols = Vec::new();
    for (i, n) in n1.iter().enumerate() {
        let j = n2
            .iter()
            .position(|m| m == n)
            .ok_or_else(|| Signal::err("mismatch"))?;
        cols.push(join(&c1[i], &c2[j])?);
    }
    Ok(Value::Table(n1.clone(), Rc::new(cols)))
}

/// `kt1,kt2`: upsert rows of a keyed table.
pub fn upsert_keyed(x: &Value, y: &Value) -> QResult<Value> {
    let (Value::Dict(k1, v1), Value::Dict(k2, v2)) = (x, y) else {
        return qerr("type");
    };
    let krows = k1.items();
    let mut keys = (**k1).clone();
    let mut vals = (**v1).clone();
    for (i, kr) in k2.items().iter().enumerate() {
        let vr = v2.item(i);
        match krows.iter().position(|r| matches(r, kr)) {
            Some(p) => {
                if let Value::Table(n, c) = &mut vals {
                    let cols = Rc::make_mut(c);
                    for (j, name) in n.iter().enumerate() {
                        if let Value::Dict(rk, rv) = &vr {
                            if let Some(q) = crate::q::eval::find_key(rk, &Value::Sym(name.clone()))
                            {
                                crate::q::eval::set_item(&mut cols[j], p, rv.item(q)).or_else(
                                    |_| {
                                        let mut items = cols[j].items();
                                        items[p] = rv.item(q);
                                        cols[j] = Value::list(items);
                                        Ok::<(), Signal>(())
                                    },
                                )?;
                            }
                        }
                    }
                }
            }
            None => {
                keys = join(&keys, &enlist(kr.clone()))?;
                vals = join(&vals, &enlist(vr))?;
            }
        }
    }
    Ok(Value::dict(keys, vals))
}

/// `n!t` keys the first n columns; `0!kt` unkeys.
pub fn xkey_n(n: i64, t: &Value) -> QResult<Value> {
    let t = unkey(t);
    let Value::Table(names, cols) = &t else {
        return qerr("type");
    };
    if n == 0 {
        return Ok(t.clone());
    }
    let n = n as usize;
    if n > names.len() {
        return qerr("length");
    }
    let k = Value::Table(Rc::new(names[..n].to_vec()), Rc::new(cols[..n].to_vec()));
    let v = Value::Table(Rc::new(names[n..].to_vec()), Rc::new(cols[n..].to_vec()));
    Ok(Value::dict(k, v))
}

/// A keyed table as a simple table.
pub fn unkey(t: &Value) -> Value {
    if let Value::Dict(k, v) = t {
        if let (Value::Table(n1, c1), Value::Table(n2, c2)) = (&**k, &**v) {
            let mut n = n1.as_ref().clone();
            n.extend(n2.iter().cloned());
            let mut c = c1.as_ref().clone();
            c.extend(c2.iter().cloned());
            return Value::Table(Rc::new(n), Rc::new(c));
        }
    }
    t.clone()
}

/// `` `a`b xkey t ``.
pub fn xkey(x: &Value, t: &Value) -> QResult<Value> {
    // the key columns first, in the order given, then the table keyed on that many
    let n = match x {
        Value::Sym(_) => 1,
        Value::Syms(s) => s.len(),
        _ => return qerr("type"),
    };
    xkey_n(n as i64, &super::sys::xcols(x, t)?)
}

/// `cols t`.
pub fn cols(t: &Value) -> QResult<Value> {
    match unkey(t) {
        Value::Table(n, _) => Ok(Value::Syms(n)),
        Value::Dict(k, _) => Ok((*k).clone()),
        _ => qerr("type"),
    }
}

/// `` `c xasc t ``.
pub fn xsort(x: &Value, t: &Value, desc: bool) -> QResult<Value> {
    let keyed = matches!(t, Value::Dict(..));
    let ut = unkey(t);
    let Value::Table(names, cols) = &ut else {
        return qerr("type");
    };
    let want: Vec<Sym> = match x {
        Value::Sym(s) => vec![s.clone()],
        Value::Syms(s) => s.as_ref().clone(),
        _ => return qerr("type"),
    };
    let n = ut.count();
    let mut idx: Vec<usize> = (0..n).collect();
    for w in want.iter().rev() {
        let p = names
            .iter()
            .position(|m| m == w)
            .ok_or_else(|| Signal::Error(w.to_string()))?;
        let col = cols[p].clone();
        let sub = take_idx(&col, &idx);
        let g = super::list::grade(&sub, desc)?;
        idx = g.iter().map(|&i| idx[i]).collect();
    }
    let r = take_idx(&ut, &idx);
    if keyed {
        if let Value::Dict(k, _) = t {
            if let Value::Table(kn, _) = &**k {
                return xkey_n(kn.len() as i64, &r);
            }
        }
    }
    Ok(r)
}

/// `meta t`.
pub fn meta(t: &Value) -> QResult<Value> {
    let Value::Table(names, cols) = unkey(t) else {
        return qerr("type");
    };
    let types: Vec<u8> = cols
        .iter()
        .map(|c| {
            let tc = c.type_code();
            match tc {
                1 => b'b',
                4 => b'x',
                5 => b'h',
                6 => b'i',
                7 => b'j',
                8 => b'e',
                9 => b'f',
                10 => b'c',
                11 => b's',
                0 => {
                    if c.items().iter().all(|i| matches!(i, Value::Chars(_))) && c.count() > 0 {
                        b'C'
                    } else {
                        b' '
                    }
                }
                t => crate::q::temporal::Tk::from_code(t)
                    .map(|k| k.letter() as u8)
                    .unwrap_or(b' '),
            }
        })
        .collect();
    let k = make_table(vec![Rc::from("c")], vec![Value::Syms(names.clone())])?;
    let n = names.len();
    let v = make_table(
        vec![Rc::from("t"), Rc::from("f"), Rc::from("a")],
        vec![
            Value::chars(types),
            Value::syms(vec![Rc::from(""); n]),
            Value::syms(vec![Rc::from(""); n]),
        ],
    )?;
    Ok(Value::dict(k, v))
}

// ---- JSON ----

fn json_str(s: &[u8], out: &mut String) {
    out.push('"');
    for ch in String::from_utf8_lossy(s).chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 32 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn json_num(f: f64, out: &mut String) {
    if f.is_nan() {
        out.push_str("null");
    } else if f.is_infinite() {
        out.push_str(if f > 0.0 { "inf" } else { "-inf" });
    } else if f == f.trunc() && f.abs() < 1e17 {
        out.push_str(&format!("{}", f as i64));
    } else {
        out.push_str(&format!("{}", f));
    }
}

/// `.j.j x`: a value as JSON text, as kdb+ writes it.
pub fn to_json(v: &Value, out: &mut String) -> QResult<()> {
    match v {
        Value::Nil => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Char(c) => json_str(&[*c], out),
        Value::Chars(c) => json_str(c, out),
        Value::Sym(s) => json_str(s.as_bytes(), out),
        Value::Dict(k, val) => {
            if let (Value::Table(..), Value::Table(..)) = (&**k, &**val) {
                return to_json(&unkey(v), out);
            }
            out.push('{');
            let keys = k.items();
            let vals = val.items();
            for (i, (kk, vv)) in keys.iter().zip(vals.iter()).enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let name = match kk {
                    Value::Sym(s) => s.as_bytes().to_vec(),
                    Value::Chars(c) => c.as_ref().clone(),
                    other => crate::q::format::cell(other, 17).into_bytes(),
                };
                json_str(&name, out);
                out.push(':');
                to_json(vv, out)?;
            }
            out.push('}');
        }
        Value::Table(..) => {
            out.push('[');
            for (i, r) in v.items().iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                to_json(r, out)?;
            }
            out.push(']');
        }
        Value::Func(_) => json_str(crate::q::format::show1(v, 7).as_bytes(), out),
        Value::Tm(k, x) => match crate::q::temporal::calendar::json_text(*k, *x) {
            Some(t) => json_str(t.as_bytes(), out),
            None => out.push_str("null"),
        },
        a if a.is_atom() => {
            let f = a.as_f64().ok_or_else(|| Signal::err("type"))?;
            json_num(f, out);
        }
        l => {
            out.push('[');
            for (i, it) in l.items().iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                to_json(it, out)?;
            }
            out.push(']');
        }
    }
    Ok(())
}

/// `.j.k s`: JSON text to a q value (numbers become floats, arrays of one kind collapse).
pub fn from_json(s: &str) -> QResult<Value> {
    let j: serde_json::Value = serde_json::from_str(s).map_err(|_| Signal::err("illegal char"))?;
    Ok(conv(&j))
}

fn conv(j: &serde_json::Value) -> Value {
    use serde_json::Value as J;
    match j {
        J::Null => Value::Float(f64::NAN),
        J::Bool(b) => Value::Bool(*b),
        J::Number(n) => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        J::String(s) => Value::string(s),
        J::Array(a) => {
            let items: Vec<Value> = a.iter().map(conv).collect();
            if !items.is_empty() && items.iter().all(|i| matches!(i, Value::Dict(..))) {
                // array of objects with the same keys: a table
                let keys: Vec<Value> = items
                    .iter()
                    .map(|d| {
                        if let Value::Dict(k, _) = d {
                            (**k).clone()
                        } else {
                            Value::Nil
                        }
                    })
                    .collect();
                if keys.iter().all(|k| matches(k, &keys[0])) {
                    if let Value::Syms(names) = &keys[0] {
                        let mut cols = Vec::new();
                        for ci in 0..names.len() {
                            cols.push(Value::from_items(
                                items.iter().map(|d| d.item(ci)).collect(),
                            ));
                        }
                        return Value::Table(names.clone(), Rc::new(cols));
                    }
                }
            }
            if items.iter().all(|i| matches!(i, Value::Float(_)))
                || items.iter().all(|i| matches!(i, Value::Bool(_)))
            {
                if items.is_empty() {
                    return Value::list(vec![]);
                }
                return Value::from_items(items);
            }
            Value::list(items)
        }
        J::Object(o) => {
            let keys: Vec<Sym> = o.keys().map(|k| Rc::from(k.as_str())).collect();
            let vals: Vec<Value> = o.values().map(conv).collect();
            let vals = if vals.iter().all(|v| matches!(v, Value::Float(_)))
                || vals.iter().all(|v| matches!(v, Value::Bool(_)))
            {
                Value::from_items(vals)
            } else {
                Value::list(vals)
            };
            Value::dict(Value::syms(keys), vals)
        }
    }
}
