//! Searching by value: where, distinct, group, find, and the hash keys they share.

use std::collections::HashMap;
use std::rc::Rc;

use super::take::take_idx;
use super::{enlist, join};
use crate::q::error::{qerr, QResult, Signal};
use crate::q::eval::index_list;
use crate::q::value::Value;

/// `where x`.
pub fn where_(x: &Value) -> QResult<Value> {
    match x {
        Value::Bools(b) => Ok(Value::longs(
            b.iter()
                .enumerate()
                .filter(|(_, &v)| v)
                .map(|(i, _)| i as i64)
                .collect(),
        )),
        Value::Bool(b) => Ok(Value::longs(if *b { vec![0] } else { vec![] })),
        Value::Dict(k, v) => {
            let w = where_(v)?;
            index_list(k, &w)
        }
        v if v.is_list() || v.is_atom() => {
            let items = if v.is_atom() {
                vec![v.clone()]
            } else {
                v.items()
            };
            let mut out = Vec::new();
            for (i, it) in items.iter().enumerate() {
                let n = it.as_i64().ok_or_else(|| Signal::err("type"))?;
                if n < 0 {
                    return qerr("domain");
                }
                if n as u64 + out.len() as u64 > 1_000_000_000 {
                    return qerr("wsfull");
                }
                for _ in 0..n {
                    out.push(i as i64);
                }
            }
            Ok(Value::longs(out))
        }
        _ => qerr("type"),
    }
}

/// A hashable key for an atom or list (for distinct, group, find).
#[derive(Hash, PartialEq, Eq, Clone)]
pub enum HKey {
    I(i64),
    F(u64),
    S(Rc<str>),
    C(u8),
    T(i16, Vec<HKey>),
    Other(String),
}

/// The hash key of a value.
pub fn hkey(v: &Value) -> HKey {
    match v {
        Value::Bool(b) => HKey::T(-1, vec![HKey::I(*b as i64)]),
        Value::Long(j) => HKey::I(*j),
        Value::Float(f) => HKey::F(if f.is_nan() {
            u64::MAX
        } else if *f == 0.0 {
            0
        } else {
            f.to_bits()
        }),
        Value::Sym(s) => HKey::S(s.clone()),
        Value::Char(c) => HKey::C(*c),
        a if a.is_atom() && !a.is_func() => {
            HKey::T(a.type_code(), vec![HKey::Other(format!("{:?}", a))])
        }
        l if l.is_list() => HKey::T(l.type_code(), l.items().iter().map(hkey).collect()),
        o => HKey::Other(format!("{:?}", o.type_code()) + &crate::q::format::show1(o, 7)),
    }
}

/// `distinct x`.
pub fn distinct(x: &Value) -> QResult<Value> {
    if let Value::Table(..) = x {
        let rows = x.items();
        let mut seen = std::collections::HashSet::new();
        let idx: Vec<usize> = (0..rows.len())
            .filter(|&i| {
                seen.insert(hkey(
                    &rows[i]
                        .items()
                        .into_iter()
                        .map(|v| v)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .fold(Value::list(vec![]), |a, b| {
                            join(&a, &enlist(b)).unwrap_or(Value::Nil)
                        }),
                ))
            })
            .collect();
        return Ok(take_idx(x, &idx));
    }
    if x.is_atom() {
        return qerr("type");
    }
    let items = x.items();
    let mut seen = std::collections::HashSet::new();
    let idx: Vec<usize> = (0..items.len())
        .filter(|&i| seen.insert(hkey(&items[i])))
        .collect();
    Ok(take_idx(x, &idx))
}

/// `group x`: dict of distinct items to their indices.
pub fn group(x: &Value) -> QResult<Value> {
    let items = x.items();
    let mut order: Vec<usize> = Vec::new();
    let mut map: HashMap<HKey, usize> = HashMap::new();
    let mut groups: Vec<Vec<i64>> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let k = hkey(it);
        match map.get(&k) {
            Some(&g) => groups[g].push(i as i64),
            None => {
                map.insert(k, groups.len());
                order.push(i);
                groups.push(vec![i as i64]);
            }
        }
    }
    let keys = take_idx(x, &order);
    Ok(Value::dict(
        keys,
        Value::list(groups.into_iter().map(Value::longs).collect()),
    ))
}

/// `x?y` find: index of first occurrence of each y in x (count x if absent).
pub fn find(x: &Value, y: &Value) -> QResult<Value> {
    if let Value::Dict(k, v) = x {
        // reverse lookup
        let p = find(v, y)?;
        return index_list(k, &p);
    }
    if x.is_atom() {
        return qerr("type");
    }
    let items = x.items();
    let n = items.len() as i64;
    let mut map: HashMap<HKey, i64> = HashMap::with_capacity(items.len());
    for (i, it) in items.iter().enumerate().rev() {
        map.insert(hkey(it), i as i64);
    }
    let look = |v: &Value| -> i64 { *map.get(&hkey(&promote_like(x, v))).unwrap_or(&n) };
    if matches!(x, Value::List(_))
        && !y.is_atom()
        && !matches!(y, Value::List(_))
        && y.count() > 0
        && items.iter().any(|i| !i.is_atom())
    {
        // a general list of lists: look y up as an item first
        if let Some(&p) = map.get(&hkey(y)) {
            return Ok(Value::Long(p));
        }
    }
    if y.is_atom() {
        return Ok(Value::Long(look(y)));
    }
    let ys = y.items();
    let out: Vec<Value> = ys
        .iter()
        .map(|v| {
            if v.is_atom() || matches!(x, Value::List(_)) {
                Value::Long(look(v))
            } else {
                find(x, v).unwrap_or(Value::Long(n))
            }
        })
        .collect();
    Ok(Value::from_items(out).or_empty_longs())
}

/// An atom looked up in a typed vector, converted to its type so it compares by value.
pub(super) fn promote_like(x: &Value, v: &Value) -> Value {
    // ints looked up in a long list and so on: compare by value
    match (x, v) {
        (Value::Longs(_), Value::Int(i)) => Value::Long(*i as i64),
        (Value::Longs(_), Value::Short(i)) => Value::Long(*i as i64),
        (Value::Floats(_), a) if a.as_i64().is_some() => {
            Value::Float(a.as_f64().unwrap_or(f64::NAN))
        }
        (Value::Ints(_), Value::Long(j)) => Value::Int(*j as i32),
        _ => v.clone(),
    }
}

impl Value {
    fn or_empty_longs(self) -> Value {
        match &self {
            Value::List(l) if l.is_empty() => Value::longs(vec![]),
            _ => self,
        }
    }
}

/// The hash key of a value, numbers keyed by value across types (2 and 2.0 alike).
pub(super) fn num_key(v: &Value) -> HKey {
    match v {
        Value::Float(f) if f.fract() == 0.0 && f.is_finite() => HKey::I(*f as i64),
        Value::Real(f) if f.fract() == 0.0 && f.is_finite() => HKey::I(*f as i64),
        a if a.is_atom() && a.as_i64().is_some() && !matches!(a, Value::Bool(_)) => {
            HKey::I(a.as_i64().unwrap_or(0))
        }
        a => hkey(a),
    }
}
