//! Aggregations and uniform functions: all, any, moving windows, xbar, rank, ema; families beside.

mod fold;
mod scan;
mod stats;
mod uniform;

pub use fold::{max, min, prd, sum};
pub use scan::{maxs, mins, prds, sums};
pub use stats::{avg, cov, dev, med, var, wsum};
pub use uniform::{deltas, differ, fills, next_, prev_, ratios, shift};

use super::atomic::{dyad, Op};
use super::list::{first, take_idx};
use crate::q::error::{qerr, QResult, Signal};
use crate::q::value::Value;
use stats::{floats_of, per_column};

/// `all x`.
pub fn all(x: &Value) -> QResult<Value> {
    if let Some(r) = per_column(x, all) {
        return r;
    }
    if matches!(x, Value::List(i) if i.is_empty()) {
        return Ok(Value::Bool(true));
    }
    let v = super::atomic::monad(super::atomic::Un::Not, x)?;
    let any_zero = match &v {
        Value::Bool(b) => *b,
        Value::Bools(b) => b.iter().any(|&z| z),
        Value::Dict(_, d) => {
            return all(&super::atomic::monad(
                super::atomic::Un::Not,
                &super::atomic::monad(super::atomic::Un::Not, d)?,
            )?)
        }
        _ => return qerr("type"),
    };
    Ok(Value::Bool(!any_zero))
}

/// `any x`.
pub fn any(x: &Value) -> QResult<Value> {
    if let Some(r) = per_column(x, any) {
        return r;
    }
    if matches!(x, Value::List(i) if i.is_empty()) {
        return Ok(Value::Bool(false));
    }
    let v = super::atomic::monad(super::atomic::Un::Not, x)?;
    let all_zero = match &v {
        Value::Bool(b) => *b,
        Value::Bools(b) => b.iter().all(|&z| z),
        _ => return qerr("type"),
    };
    Ok(Value::Bool(!all_zero))
}

/// Moving window functions: `n msum x`, `mavg`, `mmax`, `mmin`, `mcount`.
pub fn moving(n: &Value, x: &Value, kind: u8) -> QResult<Value> {
    if let Some(r) = super::extra::moving_table(n, x, kind) {
        return r;
    }
    let n = n.as_i64().ok_or_else(|| Signal::err("type"))?;
    if n <= 0 && kind == 1 {
        // an empty window has no average
        return Ok(Value::floats(vec![f64::NAN; x.count()]));
    }
    let n = n.max(1) as usize;
    let items = x.items();
    let mut out = Vec::with_capacity(items.len());
    for i in 0..items.len() {
        let s = (i + 1).saturating_sub(n);
        let idx: Vec<usize> = (s..=i).collect();
        let w = take_idx(x, &idx);
        out.push(match kind {
            0 => sum(&w)?,
            1 => avg(&w)?,
            2 => max(&w)?,
            3 => {
                // mmin is a running `&`: a null is the least value
                let it = w.items();
                let mut acc = it.first().cloned().unwrap_or(Value::Nil);
                for v in it.iter().skip(1) {
                    acc = dyad(Op::Min, &acc, v)?;
                }
                acc
            }
            _ => Value::Long(w.items().iter().filter(|v| !v.is_null()).count() as i64),
        });
    }
    Ok(Value::from_items(out))
}

/// `x xbar y`.
pub fn xbar(x: &Value, y: &Value) -> QResult<Value> {
    if let Some(r) = crate::q::temporal::xbar(x, y, xbar) {
        return r;
    }
    let d = dyad(Op::Div, y, x)?;
    let f = super::atomic::monad(super::atomic::Un::Floor, &d)?;
    let r = dyad(Op::Mul, x, &f)?;
    // keep the type of y for integer y
    match (y.type_code().abs(), &r) {
        (7, _) | (6, _) | (5, _) if x.as_i64().is_some() => {
            super::cast::cast_to(y.type_code().abs(), &r)
        }
        _ => Ok(r),
    }
}

/// `rank x`.
pub fn rank(x: &Value) -> QResult<Value> {
    let g = super::list::grade(x, false)?;
    let mut out = vec![0i64; g.len()];
    for (r, &i) in g.iter().enumerate() {
        out[i] = r as i64;
    }
    Ok(Value::longs(out))
}

/// `first` for each (helper for tables).
pub fn firsts(x: &Value) -> Value {
    first(x)
}

/// Sum of an i64 range check used by `count` etc.
pub fn count(x: &Value) -> Value {
    Value::Long(x.count() as i64)
}

/// `x xexp y`.
pub fn xexp(x: &Value, y: &Value) -> QResult<Value> {
    dyad(Op::Xexp, x, y)
}

/// `x xlog y`.
pub fn xlog(x: &Value, y: &Value) -> QResult<Value> {
    let a = super::atomic::monad(super::atomic::Un::Log, y)?;
    let b = super::atomic::monad(super::atomic::Un::Log, x)?;
    dyad(Op::Div, &a, &b)
}

/// `ema`.
pub fn ema(a: &Value, x: &Value) -> QResult<Value> {
    let f = floats_of(x)?;
    let al = a.as_f64().ok_or_else(|| Signal::err("type"))?;
    let mut out = Vec::with_capacity(f.len());
    for (i, v) in f.iter().enumerate() {
        if i == 0 {
            out.push(*v);
        } else {
            let p: f64 = out[i - 1];
            out.push(al * v + (1.0 - al) * p);
        }
    }
    Ok(Value::floats(out))
}
