//! Aggregations and uniform functions: sum, max, avg, sums, deltas, fills, var, med ...

use std::rc::Rc;

use super::atomic::{dyad, i64_to_f64, nums, Nums, Op};
use super::list::{first, take_idx};
use crate::q::error::{qerr, QResult, Signal};
use crate::q::value::{Value, NJ, WJ};

fn fold(op: Op, x: &Value) -> QResult<Value> {
    if let Some(r) = crate::q::temporal::fold(
        x,
        match op {
            Op::Add => sum,
            Op::Mul => prd,
            Op::Max => max,
            _ => min,
        },
    ) {
        return r;
    }
    match x {
        Value::Dict(_, v) => fold(op, v),
        Value::Table(n, c) => {
            let vals: QResult<Vec<Value>> = c.iter().map(|col| fold(op, col)).collect();
            Ok(Value::dict(
                Value::Syms(n.clone()),
                Value::from_items(vals?),
            ))
        }
        v if v.is_atom() => {
            if nums(v).is_none() && !matches!(v, Value::Sym(_)) {
                return qerr("type");
            }
            Ok(v.clone())
        }
        Value::List(items) => {
            if items.is_empty() {
                return Ok(identity(op, 7));
            }
            let mut acc = items[0].clone();
            for it in &items[1..] {
                acc = dyad(op, &acc, it)?;
            }
            Ok(acc)
        }
        Value::Syms(s) if matches!(op, Op::Max | Op::Min) => {
            let m = if op == Op::Max {
                s.iter().max_by(|a, b| a.cmp(b))
            } else {
                s.iter().min_by(|a, b| a.cmp(b))
            };
            Ok(Value::Sym(m.cloned().unwrap_or_else(|| Rc::from(""))))
        }
        v => {
            let (n, _, t) = nums(v).ok_or_else(|| Signal::err("type"))?;
            if t == 10 && op != Op::Max && op != Op::Min {
                return qerr("type");
            }
            match n {
                Nums::I(a) => {
                    let r = match op {
                        Op::Add => a
                            .iter()
                            .filter(|&&x| x != NJ)
                            .fold(0i64, |s, &x| s.wrapping_add(x)),
                        Op::Mul => a
                            .iter()
                            .filter(|&&x| x != NJ)
                            .fold(1i64, |s, &x| s.wrapping_mul(x)),
                        Op::Max => a.iter().copied().filter(|&x| x != NJ).max().unwrap_or(-WJ),
                        Op::Min => a.iter().copied().filter(|&x| x != NJ).min().unwrap_or(WJ),
                        _ => return qerr("type"),
                    };
                    let rt = match op {
                        Op::Max | Op::Min => t,
                        _ => {
                            if t == 1 || t == 4 || t == 10 {
                                6
                            } else {
                                t
                            }
                        }
                    };
                    Ok(super::atomic::from_i64(rt, vec![r], true))
                }
                Nums::F(a) => {
                    let r = match op {
                        Op::Add => a.iter().filter(|x| !x.is_nan()).sum(),
                        Op::Mul => a.iter().filter(|x| !x.is_nan()).product(),
                        Op::Max => a
                            .iter()
                            .copied()
                            .filter(|x| !x.is_nan())
                            .fold(f64::NEG_INFINITY, f64::max),
                        Op::Min => a
                            .iter()
                            .copied()
                            .filter(|x| !x.is_nan())
                            .fold(f64::INFINITY, f64::min),
                        _ => return qerr("type"),
                    };
                    let r = if matches!(op, Op::Max | Op::Min)
                        && !a.is_empty()
                        && a.iter().all(|x| x.is_nan())
                    {
                        f64::NAN
                    } else {
                        r
                    };
                    Ok(super::atomic::from_f64(t, vec![r], true))
                }
            }
        }
    }
}

fn identity(op: Op, _t: i16) -> Value {
    match op {
        Op::Add => Value::Long(0),
        Op::Mul => Value::Long(1),
        Op::Max => Value::Long(-WJ),
        _ => Value::Long(WJ),
    }
}

pub fn sum(x: &Value) -> QResult<Value> {
    fold(Op::Add, x)
}
pub fn prd(x: &Value) -> QResult<Value> {
    fold(Op::Mul, x)
}
pub fn max(x: &Value) -> QResult<Value> {
    fold(Op::Max, x)
}
pub fn min(x: &Value) -> QResult<Value> {
    fold(Op::Min, x)
}

/// Running fold (`sums`, `maxs` ...).
fn scan(op: Op, x: &Value) -> QResult<Value> {
    match x {
        Value::Dict(k, v) => Ok(Value::Dict(k.clone(), Rc::new(scan(op, v)?))),
        v if v.is_atom() => Ok(v.clone()),
        Value::Longs(a) if matches!(op, Op::Add) => {
            let mut s = 0i64;
            Ok(Value::longs(
                a.iter()
                    .map(|&x| {
                        if x != NJ {
                            s = s.wrapping_add(x);
                        }
                        s
                    })
                    .collect(),
            ))
        }
        Value::Floats(a) if matches!(op, Op::Add) => {
            let mut s = 0f64;
            Ok(Value::floats(
                a.iter()
                    .map(|&x| {
                        if !x.is_nan() {
                            s += x;
                        }
                        s
                    })
                    .collect(),
            ))
        }
        v => {
            let items = v.items();
            if items.is_empty() {
                return Ok(v.clone());
            }
            let mut out = Vec::with_capacity(items.len());
            let mut acc = items[0].clone();
            if matches!(op, Op::Add | Op::Mul) {
                if let Some(i) = acc.as_i64() {
                    if i == NJ {
                        acc = dyad(
                            op,
                            &acc.null_zero(op),
                            &Value::Long(if op == Op::Add { 0 } else { 1 }),
                        )?;
                    }
                }
                if let Value::Float(f) = acc {
                    if f.is_nan() {
                        acc = Value::Float(if op == Op::Add { 0.0 } else { 1.0 });
                    }
                }
                if matches!(acc, Value::Bool(_) | Value::Byte(_)) {
                    acc = dyad(op, &acc, &Value::Int(if op == Op::Add { 0 } else { 1 }))?;
                }
            }
            out.push(acc.clone());
            for it in &items[1..] {
                let it = if matches!(op, Op::Add | Op::Mul) && it.is_null() && it.is_atom() {
                    acc.null_zero(op)
                } else {
                    it.clone()
                };
                acc = if matches!(op, Op::Add | Op::Mul) && it.is_null() {
                    acc
                } else {
                    dyad(op, &acc, &it)?
                };
                out.push(acc.clone());
            }
            Ok(Value::from_items(out))
        }
    }
}

impl Value {
    fn null_zero(&self, op: Op) -> Value {
        let id = if op == Op::Add { 0 } else { 1 };
        match self {
            Value::Float(_) => Value::Float(id as f64),
            _ => Value::Long(id),
        }
    }
}

pub fn sums(x: &Value) -> QResult<Value> {
    scan(Op::Add, x)
}
pub fn prds(x: &Value) -> QResult<Value> {
    if matches!(x, Value::Chars(_)) {
        return qerr("type");
    }
    scan(Op::Mul, x)
}
pub fn maxs(x: &Value) -> QResult<Value> {
    running_extreme(x, true)
}
pub fn mins(x: &Value) -> QResult<Value> {
    running_extreme(x, false)
}

/// `maxs`/`mins`: nulls are skipped (the running value starts at the infinity).
fn running_extreme(x: &Value, max: bool) -> QResult<Value> {
    match x {
        Value::Longs(a) => {
            let mut acc = if max { -WJ } else { WJ };
            Ok(Value::longs(
                a.iter()
                    .map(|&v| {
                        if v != NJ {
                            acc = if max { acc.max(v) } else { acc.min(v) };
                        }
                        acc
                    })
                    .collect(),
            ))
        }
        Value::Floats(a) => {
            let mut acc = if max {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            };
            Ok(Value::floats(
                a.iter()
                    .map(|&v| {
                        if !v.is_nan() {
                            acc = if max { acc.max(v) } else { acc.min(v) };
                        }
                        acc
                    })
                    .collect(),
            ))
        }
        _ => scan(if max { Op::Max } else { Op::Min }, x),
    }
}

fn floats_of(x: &Value) -> QResult<Vec<f64>> {
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
                if let Value::Floats(f) = super::cast::cast_to(9, x)? {
                    let s: f64 = f.iter().filter(|v| !v.is_nan()).sum();
                    return Ok(Value::Float(s / f.len() as f64));
                }
                return avg(&super::cast::cast_to(9, x)?);
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
fn per_column(x: &Value, f: fn(&Value) -> QResult<Value>) -> Option<QResult<Value>> {
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
fn each_column(x: &Value, f: fn(&Value) -> QResult<Value>) -> Option<QResult<Value>> {
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
        let g = super::list::grade(x, false)?;
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
        v => super::atomic::monad(super::atomic::Un::Sqrt, &v),
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

/// `deltas x` (and `x -': y` with a seed).
pub fn deltas(x: &Value) -> QResult<Value> {
    if let Value::Dict(k, v) = x {
        return Ok(Value::Dict(k.clone(), Rc::new(deltas(v)?)));
    }
    if x.is_atom() {
        return Ok(x.clone());
    }
    let prev = prev_(x)?;
    let n = x.count();
    if n == 0 {
        return Ok(x.clone());
    }
    let d = dyad(Op::Sub, x, &prev)?;
    // first item is itself
    let mut items = d.items();
    items[0] = x.item(0);
    let first = &items[0];
    if let Value::Bool(_) | Value::Byte(_) = first {
        items[0] = dyad(Op::Add, first, &Value::Int(0))?;
    }
    Ok(Value::from_items(items))
}

/// `ratios x`.
pub fn ratios(x: &Value) -> QResult<Value> {
    if let Some(r) = each_column(x, ratios) {
        return r;
    }
    if let Value::List(items) = x {
        if let Some(first) = items.first() {
            let mut out = vec![dyad(Op::Div, first, &Value::Long(1))?];
            for w in items.windows(2) {
                out.push(dyad(Op::Div, &w[1], &w[0])?);
            }
            return Ok(Value::from_items(out));
        }
    }
    if x.is_atom() {
        return Ok(x.clone());
    }
    let n = x.count();
    if n == 0 {
        return Ok(x.clone());
    }
    let prev = prev_(x)?;
    let d = dyad(Op::Div, x, &prev)?;
    let mut items = d.items();
    items[0] = dyad(Op::Div, &x.item(0), &Value::Long(1))?;
    Ok(Value::from_items(items))
}

/// `differ x`.
pub fn differ(x: &Value) -> QResult<Value> {
    let items = x.items();
    let mut out = Vec::with_capacity(items.len());
    for i in 0..items.len() {
        out.push(i == 0 || !crate::q::value::matches(&items[i], &items[i - 1]));
    }
    Ok(Value::bools(out))
}

/// `prev x`.
pub fn prev_(x: &Value) -> QResult<Value> {
    shift(x, 1)
}

/// `next x`.
pub fn next_(x: &Value) -> QResult<Value> {
    shift(x, -1)
}

/// `xprev`-style shift: positive moves items right.
pub fn shift(x: &Value, n: i64) -> QResult<Value> {
    if let Value::Dict(k, v) = x {
        return Ok(Value::Dict(k.clone(), Rc::new(shift(v, n)?)));
    }
    if x.is_atom() {
        return qerr("type");
    }
    let len = x.count() as i64;
    let items = x.items();
    let null = match x {
        Value::List(l) => l
            .first()
            .map(|f| {
                if f.is_atom() {
                    f.null_like()
                } else {
                    super::list::empty_like(f)
                }
            })
            .unwrap_or(Value::Nil),
        _ => x.null_like(),
    };
    let out: Vec<Value> = (0..len)
        .map(|i| {
            let j = i - n;
            if j < 0 || j >= len {
                null.clone()
            } else {
                items[j as usize].clone()
            }
        })
        .collect();
    Ok(match x {
        Value::List(_) => Value::list(out),
        _ => Value::from_items(out).or_typed(x),
    })
}

impl Value {
    fn or_typed(self, like: &Value) -> Value {
        if self.count() == 0 {
            return super::list::empty_like(like);
        }
        self
    }
}

/// `fills x`.
pub fn fills(x: &Value) -> QResult<Value> {
    if let Value::Dict(k, v) = x {
        return Ok(Value::Dict(k.clone(), Rc::new(fills(v)?)));
    }
    if let Value::Table(n, c) = x {
        let cols: QResult<Vec<Value>> = c.iter().map(fills).collect();
        return Ok(Value::Table(n.clone(), Rc::new(cols?)));
    }
    let items = x.items();
    let mut out = Vec::with_capacity(items.len());
    let mut last: Option<Value> = None;
    for it in items {
        if it.is_atom() && it.is_null() {
            out.push(last.clone().unwrap_or(it));
        } else {
            last = Some(it.clone());
            out.push(it);
        }
    }
    Ok(match x {
        Value::List(_) => Value::list(out),
        _ => Value::from_items(out).or_typed(x),
    })
}

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

/// Remove this helper's unused warning.
pub fn _unused() -> i64 {
    WJ
}
