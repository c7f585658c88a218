//! Uniform functions of neighbours: deltas, ratios, differ, prev, next, shift, fills.

use std::rc::Rc;

use super::stats::each_column;
use crate::q::error::{qerr, QResult};
use crate::q::primitives::atomic::{dyad, Op};
use crate::q::value::Value;

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
                    crate::q::primitives::list::empty_like(f)
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
            return crate::q::primitives::list::empty_like(like);
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
