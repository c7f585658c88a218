//! Indexing nouns: lists, dictionaries, tables and keyed tables at a path of indices.

use std::rc::Rc;

use super::Interp;
use crate::q::error::{qerr, QResult, Signal};
use crate::q::primitives;
use crate::q::value::{matches, Value};

impl Interp {
    /// Index a noun at a path of indices (`m[i;j]`).
    pub fn index(&mut self, v: &Value, args: &[Value]) -> QResult<Value> {
        let Some((first, rest)) = args.split_first() else {
            return Ok(v.clone());
        };
        if rest.is_empty() {
            return self.index1(v, first);
        }
        if let Value::Table(..) = v {
            // t[rows;cols]
            let r = self.index1(v, first)?;
            return self.index(&r, rest);
        }
        match first {
            Value::Nil => {
                let items = v.items();
                let mut out = Vec::with_capacity(items.len());
                for it in items {
                    out.push(self.index(&it, rest)?);
                }
                let r = Value::from_items(out);
                Ok(match v {
                    Value::Dict(k, _) => Value::Dict(k.clone(), Rc::new(r)),
                    _ => r,
                })
            }
            i if i.is_atom() => {
                let x = self.index1(v, i)?;
                self.index(&x, rest)
            }
            i => {
                let mut out = Vec::new();
                for ii in i.items() {
                    let x = self.index1(v, &ii)?;
                    out.push(self.index(&x, rest)?);
                }
                Ok(Value::from_items(out))
            }
        }
    }

    /// Index with one index (which may be a list: the result has its shape).
    pub fn index1(&mut self, v: &Value, i: &Value) -> QResult<Value> {
        if let Value::Nil = i {
            if v.is_atom() && !matches!(v, Value::Func(_) | Value::Dict(..) | Value::Table(..)) {
                return qerr("type");
            }
            return Ok(v.clone());
        }
        match v {
            Value::Func(_) => self.apply(v, vec![i.clone()]),
            Value::Dict(k, vals) => {
                if let (Value::Table(..), Value::Table(..)) = (&**k, &**vals) {
                    return primitives::table::keyed_lookup(self, k, vals, i);
                }
                if !self.step_keys.is_empty() && crate::q::apply::is_step(self, k) {
                    return crate::q::apply::step_lookup(k, vals, i);
                }
                if i.is_atom() || (k.is_list() && !matches!(**k, Value::List(_)) && false) {
                    return Ok(match find_key(k, i) {
                        Some(p) => vals.item(p),
                        None => null_item(vals),
                    });
                }
                if let Value::Dict(ik, iv) = i {
                    return Ok(Value::Dict(ik.clone(), Rc::new(self.index1(v, iv)?)));
                }
                // a key that is itself a list (general-list keys)
                if let Value::List(_) = &**k {
                    if let Some(p) = find_key(k, i) {
                        return Ok(vals.item(p));
                    }
                }
                let mut out = Vec::with_capacity(i.count());
                for ii in i.items() {
                    out.push(self.index1(v, &ii)?);
                }
                Ok(Value::from_items(out))
            }
            Value::Table(names, cols) => match i {
                Value::Sym(s) => match names.iter().position(|n| n == s) {
                    Some(p) => Ok(cols[p].clone()),
                    None => Err(Signal::Error(s.to_string())),
                },
                Value::Syms(ss) => {
                    let mut out = Vec::new();
                    for s in ss.iter() {
                        out.push(self.index1(v, &Value::Sym(s.clone()))?);
                    }
                    Ok(Value::list(out))
                }
                i if i.is_atom() => {
                    let n = i.as_i64().ok_or_else(|| Signal::err("type"))?;
                    Ok(v.item(if n < 0 { usize::MAX } else { n as usize }))
                }
                i => {
                    let mut newcols = Vec::new();
                    for c in cols.iter() {
                        newcols.push(self.index1(c, i)?);
                    }
                    Ok(Value::Table(names.clone(), Rc::new(newcols)))
                }
            },
            _ if v.is_list() => index_list(v, i),
            Value::Long(h) if matches!(i, Value::Chars(_) | Value::Char(_) | Value::List(_)) => {
                primitives::sys::write_handle(self, *h, i)
            }
            Value::Int(h) if matches!(i, Value::Chars(_) | Value::Char(_) | Value::List(_)) => {
                primitives::sys::write_handle(self, *h as i64, i)
            }
            _ => qerr("type"),
        }
    }
}

/// Position of a key in a dictionary's keys.
pub fn find_key(k: &Value, x: &Value) -> Option<usize> {
    match (k, x) {
        (Value::Syms(ks), Value::Sym(s)) => ks.iter().position(|a| a == s),
        (Value::Longs(ks), Value::Long(j)) => ks.iter().position(|a| a == j),
        (Value::Chars(ks), Value::Char(c)) => ks.iter().position(|a| a == c),
        _ => {
            let n = k.count();
            (0..n).find(|&i| matches(&k.item(i), x))
        }
    }
}

/// The null to pad with when a dictionary grows a new key: its values' item type.
pub(super) fn null_item(vals: &Value) -> Value {
    match vals {
        Value::List(items) => items
            .first()
            .map(|f| {
                if f.is_atom() {
                    f.null_like()
                } else {
                    primitives::list::empty_like(f)
                }
            })
            .unwrap_or(Value::Nil),
        v if v.is_list() => v.null_like(),
        _ => Value::Nil,
    }
}

/// Index a list by an index value of any shape.
pub fn index_list(v: &Value, i: &Value) -> QResult<Value> {
    let n = v.count();
    let at = |j: i64| -> usize {
        if j < 0 || j as usize >= n {
            usize::MAX
        } else {
            j as usize
        }
    };
    macro_rules! gather {
        ($idx:expr) => {
            match v {
                Value::Longs(x) => Value::longs(
                    $idx.map(|j| x.get(at(j)).copied().unwrap_or(crate::q::value::NJ))
                        .collect(),
                ),
                Value::Floats(x) => Value::floats(
                    $idx.map(|j| x.get(at(j)).copied().unwrap_or(f64::NAN))
                        .collect(),
                ),
                Value::Chars(x) => Value::chars(
                    $idx.map(|j| x.get(at(j)).copied().unwrap_or(b' '))
                        .collect(),
                ),
                Value::Syms(x) => Value::syms(
                    $idx.map(|j| x.get(at(j)).cloned().unwrap_or_else(|| Rc::from("")))
                        .collect(),
                ),
                Value::Bools(x) => Value::bools(
                    $idx.map(|j| x.get(at(j)).copied().unwrap_or(false))
                        .collect(),
                ),
                Value::List(_) => {
                    let items: Vec<Value> = $idx.map(|j| v.item(at(j))).collect();
                    Value::from_items(items)
                }
                _ => {
                    let items: Vec<Value> = $idx.map(|j| v.item(at(j))).collect();
                    if items.is_empty() {
                        // an empty selection keeps the list's type
                        primitives::list::take(&Value::Long(0), v)?
                    } else {
                        Value::from_items(items)
                    }
                }
            }
        };
    }
    match i {
        Value::Longs(ix) => Ok(gather!(ix.iter().copied())),
        Value::Ints(ix) => Ok(gather!(ix.iter().map(|&j| j as i64))),
        Value::Shorts(ix) => Ok(gather!(ix.iter().map(|&j| j as i64))),
        Value::Bools(ix) => Ok(gather!(ix.iter().map(|&j| j as i64))),
        Value::Bytes(ix) => Ok(gather!(ix.iter().map(|&j| j as i64))),
        Value::List(items) => {
            let mut out = Vec::with_capacity(items.len());
            for it in items.iter() {
                out.push(index_list(v, it)?);
            }
            Ok(Value::from_items_keep(out, items.is_empty(), v))
        }
        Value::Dict(k, iv) => Ok(Value::Dict(k.clone(), Rc::new(index_list(v, iv)?))),
        a if a.is_atom() => match a.as_i64() {
            Some(j) => Ok(v.item(at(j))),
            None => qerr("type"),
        },
        _ => qerr("type"),
    }
}

impl Value {
    /// `from_items`, but an empty index gives an empty list of the source's type.
    pub fn from_items_keep(items: Vec<Value>, empty: bool, src: &Value) -> Value {
        if empty {
            return primitives::list::empty_like(src);
        }
        Value::from_items(items)
    }
}
