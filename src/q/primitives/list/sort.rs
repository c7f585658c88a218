//! Ordering: q's comparison, grade, asc/desc, within and bin.

use std::cmp::Ordering;

use super::take::take_idx;
use crate::q::error::{qerr, QResult};
use crate::q::value::Value;

/// Compare two values in q's sort order.
pub fn qcmp(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Tm(_, x), Value::Tm(_, y)) => x.cmp(y),
        (Value::Sym(x), Value::Sym(y)) => x.as_ref().cmp(y.as_ref()),
        (Value::Char(x), Value::Char(y)) => x.cmp(y),
        // a char beside strings sorts as the one-character string
        (Value::Char(x), Value::Chars(y)) => std::slice::from_ref(x).cmp(&y[..]),
        (Value::Chars(x), Value::Char(y)) => x[..].cmp(std::slice::from_ref(y)),
        _ if a.is_atom() && b.is_atom() => {
            if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
                return x.cmp(&y);
            }
            match (a.as_f64(), b.as_f64()) {
                (Some(x), Some(y)) => match (x.is_nan(), y.is_nan()) {
                    (true, true) => Ordering::Equal,
                    (true, false) => Ordering::Less,
                    (false, true) => Ordering::Greater,
                    _ => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
                },
                _ => a.type_code().cmp(&b.type_code()),
            }
        }
        _ if !a.is_atom() && !b.is_atom() => {
            let (xa, ya) = (a.items(), b.items());
            for (p, q) in xa.iter().zip(ya.iter()) {
                let o = qcmp(p, q);
                if o != Ordering::Equal {
                    return o;
                }
            }
            xa.len().cmp(&ya.len())
        }
        _ => {
            if a.is_atom() {
                Ordering::Less
            } else {
                Ordering::Greater
            }
        }
    }
}

/// Grade: the permutation that sorts x (stable).
pub fn grade(x: &Value, desc: bool) -> QResult<Vec<usize>> {
    let n = x.count();
    let mut idx: Vec<usize> = (0..n).collect();
    match x {
        Value::Longs(v) | Value::Tms(_, v) => {
            if desc {
                idx.sort_by(|&a, &b| v[b].cmp(&v[a]));
            } else {
                idx.sort_by_key(|&i| v[i]);
            }
        }
        Value::Floats(v) => {
            let c = |a: f64, b: f64| qcmp(&Value::Float(a), &Value::Float(b));
            if desc {
                idx.sort_by(|&a, &b| c(v[b], v[a]));
            } else {
                idx.sort_by(|&a, &b| c(v[a], v[b]));
            }
        }
        Value::Dict(_, v) => return grade(v, desc),
        Value::Table(..) => {
            let rows: Vec<Vec<Value>> = (0..n).map(|i| x.item(i).items()).collect();
            idx.sort_by(|&a, &b| {
                let o = rows[a]
                    .iter()
                    .zip(rows[b].iter())
                    .map(|(p, q)| qcmp(p, q))
                    .find(|o| *o != Ordering::Equal)
                    .unwrap_or(Ordering::Equal);
                if desc {
                    o.reverse()
                } else {
                    o
                }
            });
        }
        v if v.is_list() => {
            let items = v.items();
            if desc {
                idx.sort_by(|&a, &b| qcmp(&items[b], &items[a]));
            } else {
                idx.sort_by(|&a, &b| qcmp(&items[a], &items[b]));
            }
        }
        _ => return qerr("type"),
    }
    Ok(idx)
}

/// `asc x` / `desc x`.
pub fn sort(x: &Value, desc: bool) -> QResult<Value> {
    if x.is_atom() {
        return qerr("type");
    }
    let g = grade(x, desc)?;
    if let Value::Dict(k, v) = x {
        return Ok(Value::dict(take_idx(k, &g), take_idx(v, &g)));
    }
    Ok(take_idx(x, &g))
}

/// `x within (lo;hi)`.
pub fn within(x: &Value, y: &Value) -> QResult<Value> {
    if y.count() != 2 {
        return qerr("length");
    }
    let (lo, hi) = (y.item(0), y.item(1));
    use crate::q::primitives::atomic::{dyad, Op};
    let a = dyad(Op::Ge, x, &lo)?;
    let b = dyad(Op::Le, x, &hi)?;
    dyad(Op::Min, &a, &b)
}

/// `x bin y` (binr when `right`).
pub fn bin(x: &Value, y: &Value, right: bool) -> QResult<Value> {
    let items = x.items();
    let one = |v: &Value| -> i64 {
        // last index i with x[i] <= v (bin) ; first i with x[i] >= v (binr)
        if right {
            items.partition_point(|a| qcmp(a, v) == Ordering::Less) as i64
        } else {
            items.partition_point(|a| qcmp(a, v) != Ordering::Greater) as i64 - 1
        }
    };
    if y.is_atom() {
        return Ok(Value::Long(one(y)));
    }
    Ok(Value::longs(y.items().iter().map(one).collect()))
}
