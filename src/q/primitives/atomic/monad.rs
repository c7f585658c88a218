//! Unary numeric operations (neg, abs, sqrt, ...) applied atomically.

use std::rc::Rc;

use super::convert::{f64_to_i64, from_f64, from_i64, nums, to_f, Nums};
use super::simple::is_simple;
use crate::q::error::{qerr, QResult, Signal};
use crate::q::value::{Value, NJ};

/// Unary numeric operations.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Un {
    Neg,
    Abs,
    Signum,
    Sqrt,
    Exp,
    Log,
    Floor,
    Ceiling,
    Recip,
    Not,
    Null,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
}

/// Apply a unary atomic operation.
pub fn monad(op: Un, x: &Value) -> QResult<Value> {
    if !is_simple(x) {
        return match x {
            Value::Dict(k, v) => Ok(Value::Dict(k.clone(), Rc::new(monad(op, v)?))),
            Value::Table(n, c) => {
                let cols: QResult<Vec<Value>> = c.iter().map(|col| monad(op, col)).collect();
                Ok(Value::Table(n.clone(), Rc::new(cols?)))
            }
            Value::List(items) => {
                let out: QResult<Vec<Value>> = items.iter().map(|i| monad(op, i)).collect();
                let out = out?;
                Ok(if out.iter().all(|v| v.is_atom()) {
                    Value::from_items(out)
                } else {
                    Value::list(out)
                })
            }
            Value::Nil if op == Un::Null => Ok(Value::Bool(true)),
            _ => qerr("type"),
        };
    }
    if let Some(r) = crate::q::temporal::monad(op, x) {
        return r;
    }
    if op == Un::Null {
        return Ok(match x {
            Value::Syms(s) => Value::bools(s.iter().map(|s| s.is_empty()).collect()),
            Value::Sym(s) => Value::Bool(s.is_empty()),
            Value::Chars(c) => Value::bools(c.iter().map(|&c| c == b' ').collect()),
            Value::Char(c) => Value::Bool(*c == b' '),
            Value::Bool(_) | Value::Byte(_) => Value::Bool(false),
            Value::Bools(b) => Value::bools(vec![false; b.len()]),
            Value::Bytes(b) => Value::bools(vec![false; b.len()]),
            _ => {
                let (n, atom, _) = nums(x).ok_or_else(|| Signal::err("type"))?;
                let v: Vec<bool> = match n {
                    Nums::I(i) => i.iter().map(|&v| v == NJ).collect(),
                    Nums::F(f) => f.iter().map(|v| v.is_nan()).collect(),
                };
                if atom {
                    Value::Bool(v[0])
                } else {
                    Value::bools(v)
                }
            }
        });
    }
    if matches!(x, Value::Sym(_) | Value::Syms(_)) {
        return qerr("type");
    }
    let (n, atom, t) = nums(x).ok_or_else(|| Signal::err("type"))?;
    if op == Un::Not {
        let v: Vec<bool> = match n {
            Nums::I(i) => i.iter().map(|&v| v == 0).collect(),
            Nums::F(f) => f.iter().map(|&v| v == 0.0).collect(),
        };
        return Ok(if atom {
            Value::Bool(v[0])
        } else {
            Value::bools(v)
        });
    }
    let float_op = matches!(
        op,
        Un::Sqrt
            | Un::Exp
            | Un::Log
            | Un::Recip
            | Un::Sin
            | Un::Cos
            | Un::Tan
            | Un::Asin
            | Un::Acos
            | Un::Atan
    );
    if float_op || matches!(n, Nums::F(_)) {
        let f = to_f(n);
        if matches!(op, Un::Floor | Un::Ceiling) {
            let v: Vec<i64> = f
                .iter()
                .map(|&a| {
                    f64_to_i64(if op == Un::Floor {
                        (a + 1.1368683772161603e-13 * a.abs()).floor()
                    } else {
                        (a - 1.1368683772161603e-13 * a.abs()).ceil()
                    })
                })
                .collect();
            return Ok(from_i64(7, v, atom));
        }
        if op == Un::Signum {
            let v: Vec<i64> = f
                .iter()
                .map(|&a| {
                    if a > 0.0 {
                        1
                    } else if a < 0.0 || a.is_nan() {
                        -1
                    } else {
                        0
                    }
                })
                .collect();
            return Ok(from_i64(6, v, atom));
        }
        let g: fn(f64) -> f64 = match op {
            Un::Neg => |a| -a,
            Un::Abs => f64::abs,
            Un::Sqrt => f64::sqrt,
            Un::Exp => f64::exp,
            Un::Log => f64::ln,
            Un::Recip => |a| 1.0 / a,
            Un::Sin => f64::sin,
            Un::Cos => f64::cos,
            Un::Tan => f64::tan,
            Un::Asin => f64::asin,
            Un::Acos => f64::acos,
            Un::Atan => f64::atan,
            _ => return qerr("type"),
        };
        let out = f.iter().map(|&a| g(a)).collect();
        let rt = if t == 8 && matches!(op, Un::Neg | Un::Abs) {
            8
        } else {
            9
        };
        return Ok(from_f64(rt, out, atom));
    }
    let Nums::I(i) = n else { return qerr("type") };
    let (g, rt): (fn(i64) -> i64, i16) = match op {
        Un::Neg => (|a| if a == NJ { NJ } else { a.wrapping_neg() }, t.max(6)),
        Un::Abs => (|a| if a == NJ { NJ } else { a.wrapping_abs() }, t.max(6)),
        Un::Signum => (|a| a.signum(), 6),
        Un::Floor | Un::Ceiling => (
            |a| a,
            if t == 10 {
                return qerr("type");
            } else if t == 1 && op == Un::Ceiling {
                // ceiling is neg floor neg: a boolean becomes an int
                6
            } else {
                t.max(6).max(7)
            },
        ),
        _ => return qerr("type"),
    };
    let rt = if rt == 10 { 6 } else { rt };
    let out = i.iter().map(|&a| g(a)).collect();
    Ok(from_i64(rt, out, atom))
}
