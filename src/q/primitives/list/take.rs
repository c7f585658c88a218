//! Selecting by position: take, drop, cut, sublist, rotate.

use std::rc::Rc;

use super::rewrap::rewrap;
use super::{empty_like, enlist};
use crate::q::error::{qerr, QResult, Signal};
use crate::q::eval::find_key;
use crate::q::value::{each_vec, matches, Value, NJ};

/// Select items at positions (all in range).
pub fn take_idx(x: &Value, idx: &[usize]) -> Value {
    match x {
        Value::Dict(k, v) => Value::dict(take_idx(k, idx), take_idx(v, idx)),
        Value::Table(n, c) => Value::Table(
            n.clone(),
            Rc::new(c.iter().map(|col| take_idx(col, idx)).collect()),
        ),
        v => each_vec!(v, a => rewrap(v, idx.iter().map(|&i| a[i].clone()).collect()), v.clone()),
    }
}

/// `n#x` (take, repeating cyclically; negative from the end) and `x#d` (keys from a dict).
pub fn take(x: &Value, y: &Value) -> QResult<Value> {
    if let Value::Dict(k, v) = y {
        if let (Value::Table(..), Value::Table(..)) = (&**k, &**v) {
            if let Some(n) = x.as_i64() {
                let t = take(x, k)?;
                let tv = take(&Value::Long(n), v)?;
                return Ok(Value::dict(t, tv));
            }
        }
        if !matches!(x, Value::Long(_) | Value::Int(_) | Value::Short(_)) {
            // keys
            let keys = if x.is_atom() {
                enlist(x.clone())
            } else {
                x.clone()
            };
            let mut vals = Vec::new();
            for kk in keys.items() {
                vals.push(match find_key(k, &kk) {
                    Some(p) => v.item(p),
                    None => v.null_like(),
                });
            }
            return Ok(Value::dict(keys, Value::from_items(vals)));
        }
    }
    if let Value::Table(names, cols) = y {
        if let Value::Syms(want) = x {
            let mut nn = Vec::new();
            let mut cc = Vec::new();
            for w in want.iter() {
                match names.iter().position(|n| n == w) {
                    Some(p) => {
                        nn.push(w.clone());
                        cc.push(cols[p].clone());
                    }
                    None => return Err(Signal::Error(w.to_string())),
                }
            }
            return Ok(Value::Table(Rc::new(nn), Rc::new(cc)));
        }
    }
    if !x.is_atom() {
        // reshape: m n # list
        let dims: Vec<i64> = x.items().iter().map(|d| d.as_i64().unwrap_or(0)).collect();
        if dims.len() == 2 {
            let (r, c) = (dims[0], dims[1]);
            let items = if y.is_atom() {
                vec![y.clone()]
            } else {
                y.items()
            };
            if items.is_empty() {
                return qerr("length");
            }
            let (r, c) = if r == NJ {
                let c = c.max(1);
                (((items.len() as i64) + c - 1) / c, c)
            } else if c == NJ {
                let r = r.max(1);
                (r, ((items.len() as i64) + r - 1) / r)
            } else {
                (r, c)
            };
            let mut rows = Vec::new();
            let mut k = 0usize;
            for _ in 0..r.max(0) {
                let mut row = Vec::new();
                for _ in 0..c.max(0) {
                    if dims[0] == NJ || dims[1] == NJ {
                        if k < items.len() {
                            row.push(items[k].clone());
                        }
                    } else {
                        row.push(items[k % items.len()].clone());
                    }
                    k += 1;
                }
                rows.push(if row.is_empty() {
                    empty_like(y)
                } else {
                    Value::from_items(row)
                });
            }
            return Ok(Value::list(rows));
        }
        return qerr("nyi");
    }
    let n = x.as_i64().ok_or_else(|| Signal::err("type"))?;
    let len = y.count();
    if n == NJ {
        return Ok(y.clone());
    }
    let an = n.unsigned_abs() as usize;
    if an > 1_000_000_000 {
        return qerr("wsfull");
    }
    if y.is_atom() {
        return Ok(match y {
            Value::Nil | Value::Func(_) => Value::list(vec![y.clone(); an]),
            _ if an == 0 => empty_like(y),
            _ => Value::from_items(vec![y.clone(); an]),
        });
    }
    if len == 0 {
        if an == 0 {
            return Ok(y.clone());
        }
        return Ok(match y {
            Value::List(_) => Value::list(vec![Value::Nil; 0]),
            _ => {
                let nl = y.null_like();
                take(x, &Value::from_items(vec![nl]))?
            }
        });
    }
    let idx: Vec<usize> = if n >= 0 {
        (0..an).map(|i| i % len).collect()
    } else {
        let start = (len as i64 - an as i64).rem_euclid(len as i64) as usize;
        (0..an).map(|i| (start + i) % len).collect()
    };
    Ok(take_idx(y, &idx))
}

/// `n _ x` drop, `x _ i` cut-out of an item, `d _ k` removing keys.
pub fn drop(x: &Value, y: &Value) -> QResult<Value> {
    if matches!(x, Value::Dict(..)) && !y.is_atom()
        || matches!(x, Value::Table(..)) && matches!(y, Value::Sym(_) | Value::Syms(_))
    {
        return qerr("type");
    }
    if let Value::Dict(k, v) = x {
        // remove key(s) y
        let keys = if y.is_atom() {
            vec![y.clone()]
        } else {
            y.items()
        };
        let keep: Vec<usize> = (0..k.count())
            .filter(|&i| !keys.iter().any(|kk| matches(&k.item(i), kk)))
            .collect();
        return Ok(Value::dict(take_idx(k, &keep), take_idx(v, &keep)));
    }
    if let Value::Dict(k, v) = y {
        let keys = if x.is_atom() && !matches!(x, Value::Long(_)) {
            vec![x.clone()]
        } else if !x.is_atom() {
            x.items()
        } else {
            vec![]
        };
        if !keys.is_empty() || !matches!(x, Value::Long(_)) {
            let keep: Vec<usize> = (0..k.count())
                .filter(|&i| !keys.iter().any(|kk| matches(&k.item(i), kk)))
                .collect();
            return Ok(Value::dict(take_idx(k, &keep), take_idx(v, &keep)));
        }
    }
    if let Value::Table(names, cols) = y {
        if let Some(Value::Syms(drop)) = Some(x) {
            let keep: Vec<usize> = (0..names.len())
                .filter(|&i| !drop.contains(&names[i]))
                .collect();
            return Ok(Value::Table(
                Rc::new(keep.iter().map(|&i| names[i].clone()).collect()),
                Rc::new(keep.iter().map(|&i| cols[i].clone()).collect()),
            ));
        }
    }
    if x.is_atom() {
        let n = x.as_i64().ok_or_else(|| Signal::err("type"))?;
        if y.is_atom() {
            return qerr("type");
        }
        let len = y.count() as i64;
        let idx: Vec<usize> = if n >= 0 {
            (n.min(len)..len).map(|i| i as usize).collect()
        } else {
            (0..(len + n).max(0)).map(|i| i as usize).collect()
        };
        return Ok(take_idx(y, &idx));
    }
    if y.is_atom() && x.is_list() {
        // remove the item at index y
        let i = y.as_i64().ok_or_else(|| Signal::err("type"))?;
        let len = x.count();
        let idx: Vec<usize> = (0..len).filter(|&j| j as i64 != i).collect();
        return Ok(take_idx(x, &idx));
    }
    // cut: indices _ list
    cut_at(x, y)
}

/// `0 2 5 _ list`: cut at ascending indices.
pub fn cut_at(x: &Value, y: &Value) -> QResult<Value> {
    let idx: Vec<i64> = x.items().iter().map(|v| v.as_i64().unwrap_or(0)).collect();
    let len = y.count() as i64;
    let mut out = Vec::new();
    for (j, &s) in idx.iter().enumerate() {
        let e = if j + 1 < idx.len() { idx[j + 1] } else { len };
        if s < 0 || e > len || s > e {
            return qerr("domain");
        }
        let r: Vec<usize> = (s as usize..e as usize).collect();
        out.push(take_idx(y, &r));
    }
    Ok(Value::list(out))
}

/// `n cut x`: chunks of n; `idx cut x` as `_`.
pub fn cut(x: &Value, y: &Value) -> QResult<Value> {
    if x.is_atom() {
        let n = x.as_i64().ok_or_else(|| Signal::err("type"))?;
        if n <= 0 {
            return qerr("domain");
        }
        let len = y.count() as i64;
        let starts: Vec<Value> = (0..len).step_by(n as usize).map(Value::Long).collect();
        return cut_at(&Value::from_items(starts), y).map(|v| {
            if len == 0 {
                Value::list(vec![])
            } else {
                v
            }
        });
    }
    cut_at(x, y)
}

/// `sublist`.
pub fn sublist(x: &Value, y: &Value) -> QResult<Value> {
    let len = y.count() as i64;
    let (s, n) = if x.is_atom() {
        let n = x.as_i64().ok_or_else(|| Signal::err("type"))?;
        if n >= 0 {
            (0, n.min(len))
        } else {
            ((len + n).max(0), (-n).min(len))
        }
    } else {
        let a = x.item(0).as_i64().ok_or_else(|| Signal::err("type"))?;
        let b = x.item(1).as_i64().ok_or_else(|| Signal::err("type"))?;
        (a.min(len), b.min(len - a.min(len)))
    };
    let idx: Vec<usize> = (s..s + n.max(0)).map(|i| i as usize).collect();
    Ok(take_idx(y, &idx))
}

/// `n rotate x`.
pub fn rotate(x: &Value, y: &Value) -> QResult<Value> {
    let n = x.as_i64().ok_or_else(|| Signal::err("type"))?;
    if y.is_atom() {
        return Ok(y.clone());
    }
    let len = y.count() as i64;
    if len == 0 {
        return Ok(y.clone());
    }
    let s = n.rem_euclid(len);
    let idx: Vec<usize> = (0..len).map(|i| ((i + s) % len) as usize).collect();
    Ok(take_idx(y, &idx))
}
