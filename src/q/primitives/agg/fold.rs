//! Folds over a list with an atomic operation: sum, prd, max, min.

use std::rc::Rc;

use crate::q::error::{qerr, QResult, Signal};
use crate::q::primitives::atomic::{dyad, nums, Nums, Op};
use crate::q::value::{Value, NJ, WJ};

/// Fold a list with an atomic operation (`sum` is `fold(Add)`); dictionaries over their
/// values, tables per column.
pub(super) fn fold(op: Op, x: &Value) -> QResult<Value> {
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
                    Ok(crate::q::primitives::atomic::from_i64(rt, vec![r], true))
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
                    Ok(crate::q::primitives::atomic::from_f64(t, vec![r], true))
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
