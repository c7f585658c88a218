//! Running folds: sums, prds, maxs, mins.

use std::rc::Rc;

use crate::q::error::{qerr, QResult};
use crate::q::primitives::atomic::{dyad, Op};
use crate::q::value::{Value, NJ, WJ};

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
