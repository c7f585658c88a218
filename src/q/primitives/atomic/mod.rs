//! Atomic (pervasive) primitives written once: the operations and `dyad`'s broadcasting.

mod convert;
mod monad;
mod simple;
mod zip;

pub use convert::{f64_to_i64, from_f64, from_i64, i16_to_i64, i32_to_i64, i64_to_f64, nums, Nums};
pub use monad::{monad, Un};

use std::rc::Rc;

use crate::q::error::{qerr, QResult};
use crate::q::value::Value;
use simple::{is_simple, simple};

/// Binary atomic operations.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Min,
    Max,
    Mod,
    IDiv,
    Xexp,
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
    Fill,
}

impl Op {
    fn is_cmp(self) -> bool {
        matches!(self, Op::Eq | Op::Ne | Op::Lt | Op::Gt | Op::Le | Op::Ge)
    }
}

/// Apply a binary atomic operation with q's broadcasting.
pub fn dyad(op: Op, x: &Value, y: &Value) -> QResult<Value> {
    if is_simple(x) && is_simple(y) {
        if let (Value::Tm(..) | Value::Tms(..), _) | (_, Value::Tm(..) | Value::Tms(..)) = (x, y) {
            return crate::q::temporal::dyad(op, x, y);
        }
        return simple(op, x, y);
    }
    match (x, y) {
        (Value::Dict(kx, vx), Value::Dict(ky, vy)) => {
            // union of keys; common keys combine
            let mut keys = kx.items();
            let mut vals = vx.items();
            for (k, v) in ky.items().into_iter().zip(vy.items()) {
                match keys.iter().position(|a| crate::q::value::matches(a, &k)) {
                    Some(i) => vals[i] = dyad(op, &vals[i], &v)?,
                    None => {
                        keys.push(k);
                        // a key only on the right: as if the left held zero (upsert)
                        vals.push(if op == Op::Sub {
                            monad(Un::Neg, &v)?
                        } else {
                            v
                        });
                    }
                }
            }
            Ok(Value::dict(
                Value::from_items(keys),
                Value::from_items(vals),
            ))
        }
        (Value::Dict(k, v), o) => Ok(Value::Dict(k.clone(), Rc::new(dyad(op, v, o)?))),
        (o, Value::Dict(k, v)) => Ok(Value::Dict(k.clone(), Rc::new(dyad(op, o, v)?))),
        (Value::Table(n, c), o) if o.is_atom() => {
            let cols: QResult<Vec<Value>> = c.iter().map(|col| dyad(op, col, o)).collect();
            Ok(Value::Table(n.clone(), Rc::new(cols?)))
        }
        (o, Value::Table(n, c)) if o.is_atom() => {
            let cols: QResult<Vec<Value>> = c.iter().map(|col| dyad(op, o, col)).collect();
            Ok(Value::Table(n.clone(), Rc::new(cols?)))
        }
        (Value::Table(n, c), Value::Table(_, c2)) => {
            if c.len() != c2.len() {
                return qerr("length");
            }
            let cols: QResult<Vec<Value>> = c
                .iter()
                .zip(c2.iter())
                .map(|(a, b)| dyad(op, a, b))
                .collect();
            Ok(Value::Table(n.clone(), Rc::new(cols?)))
        }
        (Value::Nil, _) | (_, Value::Nil) => qerr("type"),
        (Value::Func(_), _) | (_, Value::Func(_)) => qerr("type"),
        _ => {
            let (xa, ya) = (x.is_atom(), y.is_atom());
            if !xa && !ya && x.count() != y.count() {
                return qerr("length");
            }
            let n = if xa { y.count() } else { x.count() };
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                let a = if xa { x.clone() } else { x.item(i) };
                let b = if ya { y.clone() } else { y.item(i) };
                out.push(dyad(op, &a, &b)?);
            }
            Ok(
                if matches!(x, Value::List(_)) || matches!(y, Value::List(_)) {
                    Value::from_items(out)
                } else {
                    Value::list(out)
                },
            )
        }
    }
}
