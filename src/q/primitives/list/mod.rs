//! List primitives: enlist, join, til, reverse, first, last, raze; families in the files beside.

mod rewrap;
mod search;
mod set;
mod sort;
mod take;

pub use rewrap::{rewrap, Rewrap};
pub use search::{distinct, find, group, hkey, where_, HKey};
pub use set::{cross, except, in_, inter, union};
pub use sort::{bin, grade, qcmp, sort, within};
pub use take::{cut, cut_at, drop, rotate, sublist, take, take_idx};

use std::rc::Rc;

use crate::q::error::{qerr, QResult, Signal};
use crate::q::value::{each_vec, matches, Value};

/// `enlist x`.
pub fn enlist(x: Value) -> Value {
    match x {
        Value::Dict(k, v) if matches!(&*k, Value::Syms(_)) => {
            // enlist of a dict with symbol keys is a one-row table
            let cols: Vec<Value> = v.items().into_iter().map(enlist).collect();
            match &*k {
                Value::Syms(s) => Value::Table(s.clone(), Rc::new(cols)),
                _ => Value::Nil,
            }
        }
        x if x.is_atom() && !x.is_func() && !matches!(x, Value::Nil) => Value::from_items(vec![x]),
        x => Value::list(vec![x]),
    }
}

/// An empty list of the same type as `v` (for typed empty results).
pub fn empty_like(v: &Value) -> Value {
    let t = v.type_code();
    if (1..20).contains(&t) {
        Value::empty(t)
    } else if t < 0 && t > -20 {
        Value::empty(-t)
    } else {
        Value::list(vec![])
    }
}

/// `x,y`.
pub fn join(x: &Value, y: &Value) -> QResult<Value> {
    macro_rules! j {
        ($vec:ident, $atom:ident) => {
            match (x, y) {
                (Value::$vec(a), Value::$vec(b)) => {
                    let mut v = Vec::with_capacity(a.len() + b.len());
                    v.extend(a.iter().cloned());
                    v.extend(b.iter().cloned());
                    return Ok(Value::$vec(Rc::new(v)));
                }
                (Value::$vec(a), Value::$atom(b)) => {
                    let mut v = a.as_ref().clone();
                    v.push(b.clone());
                    return Ok(Value::$vec(Rc::new(v)));
                }
                (Value::$atom(a), Value::$vec(b)) => {
                    let mut v = Vec::with_capacity(b.len() + 1);
                    v.push(a.clone());
                    v.extend(b.iter().cloned());
                    return Ok(Value::$vec(Rc::new(v)));
                }
                (Value::$atom(a), Value::$atom(b)) => {
                    return Ok(Value::$vec(Rc::new(vec![a.clone(), b.clone()])));
                }
                _ => {}
            }
        };
    }
    j!(Longs, Long);
    j!(Floats, Float);
    j!(Chars, Char);
    j!(Syms, Sym);
    j!(Bools, Bool);
    j!(Ints, Int);
    j!(Shorts, Short);
    j!(Bytes, Byte);
    j!(Reals, Real);
    match (x, y) {
        (Value::Dict(k1, v1), Value::Dict(k2, v2)) => {
            if let (Value::Table(..), Value::Table(..)) = (&**k1, &**v1) {
                return super::table::upsert_keyed(x, y);
            }
            let mut keys = k1.items();
            let mut vals = v1.items();
            for (k, v) in k2.items().into_iter().zip(v2.items()) {
                match keys.iter().position(|a| matches(a, &k)) {
                    Some(i) => vals[i] = v,
                    None => {
                        keys.push(k);
                        vals.push(v);
                    }
                }
            }
            Ok(Value::dict(
                Value::from_items(keys),
                Value::from_items(vals),
            ))
        }
        (Value::Table(..), Value::Table(..)) => super::table::concat(x, y),
        (Value::Table(..), Value::Dict(..)) => super::table::concat(x, &enlist(y.clone())),
        (Value::Dict(..), _) | (_, Value::Dict(..)) => qerr("type"),
        _ => {
            let mut items = if x.is_list() {
                x.items()
            } else {
                vec![x.clone()]
            };
            if y.is_list() {
                items.extend(y.items());
            } else {
                items.push(y.clone());
            }
            let all_same = !items.is_empty()
                && items.iter().all(|v| {
                    v.is_atom() && v.type_code() == items[0].type_code() && v.type_code() < 0
                });
            if all_same
                && (matches!(x, Value::List(l) if l.is_empty())
                    || matches!(y, Value::List(l) if l.is_empty()))
            {
                return Ok(Value::from_items(items));
            }
            if all_same && !matches!(x, Value::List(_)) && !matches!(y, Value::List(_)) {
                return Ok(Value::from_items(items));
            }
            Ok(Value::list(items))
        }
    }
}

/// `til n`.
pub fn til(x: &Value) -> QResult<Value> {
    let n = x.as_i64().ok_or_else(|| Signal::err("type"))?;
    if n < 0 {
        return qerr("domain");
    }
    if n > 2_000_000_000 {
        return qerr("wsfull");
    }
    Ok(Value::longs((0..n).collect()))
}

/// `reverse x`.
pub fn reverse(x: &Value) -> QResult<Value> {
    Ok(match x {
        Value::Dict(k, v) => Value::dict(reverse(k)?, reverse(v)?),
        Value::Table(n, c) => {
            let cols: QResult<Vec<Value>> = c.iter().map(reverse).collect();
            Value::Table(n.clone(), Rc::new(cols?))
        }
        v => each_vec!(v, a => {
            let mut b = a.as_ref().clone();
            b.reverse();
            rewrap(v, b)
        }, v.clone()),
    })
}

/// `first x`.
pub fn first(x: &Value) -> Value {
    match x {
        Value::Dict(_, v) => first(v),
        Value::Table(..) => x.item(0),
        v if v.is_list() => {
            if v.count() == 0 {
                match v {
                    Value::List(_) => Value::Nil,
                    _ => v.null_like(),
                }
            } else {
                v.item(0)
            }
        }
        v => v.clone(),
    }
}

/// `last x`.
pub fn last(x: &Value) -> Value {
    match x {
        Value::Dict(_, v) => last(v),
        v if v.is_list() || matches!(v, Value::Table(..)) => {
            let n = v.count();
            if n == 0 {
                first(v)
            } else {
                v.item(n - 1)
            }
        }
        v => v.clone(),
    }
}

/// `raze x`.
pub fn raze(x: &Value) -> QResult<Value> {
    match x {
        Value::List(items) => {
            if items.is_empty() {
                return Ok(x.clone());
            }
            let mut acc = items[0].clone();
            if acc.is_atom() {
                acc = enlist(acc);
            }
            for it in &items[1..] {
                acc = join(&acc, it)?;
            }
            Ok(acc)
        }
        Value::Dict(_, v) => raze(v),
        v if v.is_atom() => Ok(enlist(v.clone())),
        v => Ok(v.clone()),
    }
}

/// `x` as a list of items for functions that need one (atoms become one item).
pub fn as_items(x: &Value) -> Vec<Value> {
    if x.is_atom() {
        vec![x.clone()]
    } else {
        x.items()
    }
}
