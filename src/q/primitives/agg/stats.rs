//! Statistics over numbers: avg, med, var, dev, cov, wsum, per column for tables.

use std::rc::Rc;

use super::fold::{fold, sum};
use crate::q::error::{qerr, QResult, Signal};
use crate::q::primitives::atomic::{dyad, i64_to_f64, nums, Nums, Op};
use crate::q::primitives::list::take_idx;
use crate::q::value::Value;

/// The numbers of a numeric value as floats; `type` for anything else.
pub(super) fn floats_of(x: &Value) -> QResult<Vec<f64>> {
    let (n, _, t) = nums(x).ok_or_else(|| Signal::err("type"))?;
    if t == 10 {
        return qerr("type");
    }
    Ok(match n {
        Nums::F(f) => f.into_owned(),
        Nums::I(i) => i.iter().map(|&v| i64_to_f64(v)).collect(),
    })
}

/// `avg x` (nulls ignored).
pub fn avg(x: &Value) -> QResult<Value> {
    if crate::q::temporal::kind(x).is_some() {
        return avg(&crate::q::temporal::strip(x));
    }
    match x {
        Value::Dict(_, v) => avg(v),
        Value::Table(n, c) => {
            let vals: QResult<Vec<Value>> = c.iter().map(avg).collect();
            Ok(Value::dict(
                Value::Syms(n.clone()),
                Value::from_items(vals?),
            ))
        }
        Value::List(items) => {
            if items.is_empty() {
                return Ok(Value::Float(f64::NAN));
            }
            if items.iter().all(|i| i.is_atom()) {
                // a general list: the sum of the items over their count, nulls included
                if let Value::Floats(f) = crate::q::primitives::cast::cast_to(9, x)? {
                    let s: f64 = f.iter().filter(|v| !v.is_nan()).sum();
                    return Ok(Value::Float(s / f.len() as f64));
                }
                return avg(&crate::q::primitives::cast::cast_to(9, x)?);
            }
            let s = fold(Op::Add, x)?;
            dyad(Op::Div, &s, &Value::Long(items.len() as i64))
        }
        _ => {
            let f = floats_of(x)?;
            let v: Vec<f64> = f.into_iter().filter(|v| !v.is_nan()).collect();
            Ok(Value::Float(if v.is_empty() {
                f64::NAN
            } else {
                v.iter().sum::<f64>() / v.len() as f64
            }))
        }
    }
}

/// An aggregate over a table (or the value table of a keyed table): a dictionary of
/// column results; `None` for anything else.
pub(super) fn per_column(x: &Value, f: fn(&Value) -> QResult<Value>) -> Option<QResult<Value>> {
    match x {
        Value::Table(n, c) => Some(
            c.iter()
                .map(f)
                .collect::<QResult<Vec<Value>>>()
                .map(|v| Value::dict(Value::Syms(n.clone()), Value::from_items(v))),
        ),
        Value::Dict(k, v) if matches!(**k, Value::Table(..)) => Some(per_column(v, f)?),
        _ => None,
    }
}

/// A uniform function over a table's columns or a dictionary's values, keeping the shape;
/// `None` for anything else.
pub(super) fn each_column(x: &Value, f: fn(&Value) -> QResult<Value>) -> Option<QResult<Value>> {
    match x {
        Value::Table(n, c) => Some(
            c.iter()
                .map(f)
                .collect::<QResult<Vec<Value>>>()
                .map(|v| Value::Table(n.clone(), v.into())),
        ),
        Value::Dict(k, v) => Some(f(v).map(|r| Value::Dict(k.clone(), Rc::new(r)))),
        _ => None,
    }
}

/// The items of a general list of two or more equal-length vectors.
fn rows_of_vectors(x: &Value) -> Option<Vec<Value>> {
    let Value::List(items) = x else { return None };
    let n = items.first()?.count();
    if items.iter().any(|i| i.is_atom() || i.count() != n) {
        return None;
    }
    Some(items.to_vec())
}

/// `med x`.
pub fn med(x: &Value) -> QResult<Value> {
    if let Value::Dict(k, v) = x {
        if matches!(**k, Value::Table(..)) {
            return med(v);
        }
    }
    if let Value::Table(..) = x {
        // q's med is {avg x iasc[x] floor .5*-1 0+count x}: for a table, the middle rows
        let g = crate::q::primitives::list::grade(x, false)?;
        let n = g.len();
        if n == 0 {
            return avg(x);
        }
        return avg(&take_idx(x, &[g[(n - 1) / 2], g[n / 2]]));
    }
    if let Value::Dict(_, v) = x {
        return med(v);
    }
    if let Some(rows) = rows_of_vectors(x) {
        let n = rows[0].count();
        let cols: QResult<Vec<Value>> = (0..n)
            .map(|j| med(&Value::from_items(rows.iter().map(|r| r.item(j)).collect())))
            .collect();
        return Ok(Value::from_items(cols?));
    }
    let mut f: Vec<f64> = floats_of(x)?.into_iter().filter(|v| !v.is_nan()).collect();
    if f.is_empty() {
        return Ok(Value::Float(f64::NAN));
    }
    f.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let n = f.len();
    Ok(Value::Float(if n % 2 == 1 {
        f[n / 2]
    } else {
        (f[n / 2 - 1] + f[n / 2]) / 2.0
    }))
}

/// `var` (population) or `svar` (sample).
pub fn var(x: &Value, sample: bool) -> QResult<Value> {
    let f: fn(&Value) -> QResult<Value> = if sample { var_s } else { var_p };
    if let Some(r) = per_column(x, f) {
        return r;
    }
    if let Value::Dict(_, v) = x {
        return var(v, sample);
    }
    if let Some(rows) = rows_of_vectors(x) {
        // a matrix: the variance of each column, nulls ignored
        let n = rows[0].count();
        let cols: QResult<Vec<Value>> = (0..n)
            .map(|j| f(&Value::from_items(rows.iter().map(|r| r.item(j)).collect())))
            .collect();
        return Ok(Value::from_items(cols?));
    }
    if x.is_atom() {
        let _ = floats_of(x)?;
        return Ok(Value::Float(if sample { f64::NAN } else { 0.0 }));
    }
    let f: Vec<f64> = floats_of(x)?.into_iter().filter(|v| !v.is_nan()).collect();
    let n = f.len() as f64;
    if f.is_empty() {
        return Ok(Value::Float(f64::NAN));
    }
    let m = f.iter().sum::<f64>() / n;
    let ss: f64 = f.iter().map(|v| (v - m) * (v - m)).sum();
    Ok(Value::Float(if sample { ss / (n - 1.0) } else { ss / n }))
}

/// `dev` / `sdev`.
pub fn dev(x: &Value, sample: bool) -> QResult<Value> {
    match var(x, sample)? {
        Value::Float(v) => Ok(Value::Float(v.sqrt())),
        v => crate::q::primitives::atomic::monad(crate::q::primitives::atomic::Un::Sqrt, &v),
    }
}

fn var_p(x: &Value) -> QResult<Value> {
    var(x, false)
}

fn var_s(x: &Value) -> QResult<Value> {
    var(x, true)
}

/// `cov` / `cor` / `scov`.
pub fn cov(x: &Value, y: &Value, kind: u8) -> QResult<Value> {
    let a = floats_of(x)?;
    let b = floats_of(y)?;
    if a.len() != b.len() {
        return qerr("length");
    }
    // pairs with a null on either side are left out
    let (a, b): (Vec<f64>, Vec<f64>) = a
        .iter()
        .zip(b.iter())
        .filter(|(p, q)| !p.is_nan() && !q.is_nan())
        .map(|(p, q)| (*p, *q))
        .unzip();
    let n = a.len() as f64;
    let ma = a.iter().sum::<f64>() / n;
    let mb = b.iter().sum::<f64>() / n;
    let c: f64 = a.iter().zip(&b).map(|(p, q)| (p - ma) * (q - mb)).sum();
    Ok(Value::Float(match kind {
        0 => c / n,
        1 => c / (n - 1.0),
        _ => {
            let va: f64 = a.iter().map(|p| (p - ma) * (p - ma)).sum();
            let vb: f64 = b.iter().map(|q| (q - mb) * (q - mb)).sum();
            c / (va.sqrt() * vb.sqrt())
        }
    }))
}

/// `x wavg y` and `x wsum y`.
pub fn wsum(x: &Value, y: &Value, avg: bool) -> QResult<Value> {
    let p = dyad(Op::Mul, x, y)?;
    let s = sum(&p)?;
    if !avg {
        return Ok(s);
    }
    let w = sum(x)?;
    dyad(Op::Div, &s, &w)
}
