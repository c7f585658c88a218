//! The dyadic kernel on atoms and simple vectors: promotion, then one loop per result type.

use std::borrow::Cow;
use std::rc::Rc;

use super::convert::{from_f64, from_i64, nums, rank, to_f, type_of_rank, Nums};
use super::zip::{fcmp, fmod, idiv, imod, zip};
use super::Op;
use crate::q::error::{qerr, QResult, Signal};
use crate::q::value::{Value, NJ};

/// The kernel on atoms / simple vectors.
pub(super) fn simple(op: Op, x: &Value, y: &Value) -> QResult<Value> {
    // symbols: comparison and fill only
    if let (Some(a), Some(b)) = (sym_view(x), sym_view(y)) {
        let (xs, ax) = a;
        let (ys, bx) = b;
        let n = if ax { ys.len() } else { xs.len() };
        if !ax && !bx && xs.len() != ys.len() {
            return qerr("length");
        }
        let get = |v: &[Rc<str>], atom: bool, i: usize| v[if atom { 0 } else { i }].clone();
        if op == Op::Fill {
            let out: Vec<Rc<str>> = (0..n)
                .map(|i| {
                    let yv = get(&ys, bx, i);
                    if yv.is_empty() {
                        get(&xs, ax, i)
                    } else {
                        yv
                    }
                })
                .collect();
            return Ok(if ax && bx {
                Value::Sym(out[0].clone())
            } else {
                Value::syms(out)
            });
        }
        if !op.is_cmp() && !matches!(op, Op::Min | Op::Max) {
            return qerr("type");
        }
        let mut out = Vec::with_capacity(n);
        let mut outs = Vec::new();
        for i in 0..n {
            let (p, q) = (get(&xs, ax, i), get(&ys, bx, i));
            let o = p.as_ref().cmp(q.as_ref());
            match op {
                Op::Min => outs.push(if o.is_le() { p } else { q }),
                Op::Max => outs.push(if o.is_ge() { p } else { q }),
                _ => out.push(cmp_result(op, o)),
            }
        }
        if matches!(op, Op::Min | Op::Max) {
            return Ok(if ax && bx {
                Value::Sym(outs[0].clone())
            } else {
                Value::syms(outs)
            });
        }
        return Ok(if ax && bx {
            Value::Bool(out[0])
        } else {
            Value::bools(out)
        });
    }
    if let Some(r) =
        crate::q::primitives::extra::guid_compare(op.is_cmp(), x, y, |o| cmp_result(op, o))
    {
        return r;
    }
    let (nx, ax, tx) = nums(x).ok_or_else(|| Signal::err("type"))?;
    let (ny, bx, ty) = nums(y).ok_or_else(|| Signal::err("type"))?;
    let atom = ax && bx;
    let rx = rank(tx).ok_or_else(|| Signal::err("type"))?;
    let ry = rank(ty).ok_or_else(|| Signal::err("type"))?;
    if (tx == 10 || ty == 10)
        && !op.is_cmp()
        && !matches!(
            op,
            Op::Min | Op::Max | Op::Fill | Op::Div | Op::IDiv | Op::Mod
        )
    {
        return qerr("type");
    }
    let mut rt = type_of_rank(rx.max(ry));
    if tx == 10 && ty == 10 {
        rt = 10;
    }
    let float = rt == 8 || rt == 9;
    if op.is_cmp() {
        let out = if float || matches!((&nx, &ny), (Nums::F(_), _) | (_, Nums::F(_))) {
            let (fx, fy) = (to_f(nx), to_f(ny));
            zip(&fx, &fy, ax, bx, |a, b| cmp_result(op, fcmp(a, b)))?
        } else {
            let (Nums::I(ix), Nums::I(iy)) = (nx, ny) else {
                return qerr("type");
            };
            zip(&ix, &iy, ax, bx, |a, b| cmp_result(op, a.cmp(&b)))?
        };
        return Ok(if atom {
            Value::Bool(out[0])
        } else {
            Value::bools(out)
        });
    }
    match op {
        Op::Div | Op::Xexp => {
            let (fx, fy) = (to_f(nx), to_f(ny));
            let out = match op {
                Op::Div => zip(&fx, &fy, ax, bx, |a, b| a / b)?,
                _ => zip(&fx, &fy, ax, bx, |a, b| {
                    if a < 0.0 && b.fract() != 0.0 {
                        f64::NAN
                    } else {
                        a.powf(b)
                    }
                })?,
            };
            let t = if tx == 8 && ty == 8 && op == Op::Div {
                8
            } else {
                9
            };
            return Ok(from_f64(t, out, atom));
        }
        _ => {}
    }
    if float {
        let (fx, fy) = (to_f(nx), to_f(ny));
        let out = match op {
            Op::Add => zip(&fx, &fy, ax, bx, |a, b| a + b)?,
            Op::Sub => zip(&fx, &fy, ax, bx, |a, b| a - b)?,
            Op::Mul => zip(&fx, &fy, ax, bx, |a, b| a * b)?,
            Op::Min => zip(
                &fx,
                &fy,
                ax,
                bx,
                |a, b| if fcmp(a, b).is_le() { a } else { b },
            )?,
            Op::Max => zip(
                &fx,
                &fy,
                ax,
                bx,
                |a, b| if fcmp(a, b).is_ge() { a } else { b },
            )?,
            Op::Mod => zip(&fx, &fy, ax, bx, fmod)?,
            Op::IDiv => {
                let v = zip(&fx, &fy, ax, bx, |a, b| (a / b).floor())?;
                return Ok(from_f64(rt, v, atom));
            }
            Op::Fill => zip(&fx, &fy, ax, bx, |a, b| if b.is_nan() { a } else { b })?,
            _ => return qerr("type"),
        };
        let t = if op == Op::Fill {
            ty.max(8).min(9).max(if rt == 9 { 9 } else { 8 })
        } else {
            rt
        };
        return Ok(from_f64(t, out, atom));
    }
    let (Nums::I(ix), Nums::I(iy)) = (nx, ny) else {
        return qerr("type");
    };
    let n2 = |f: fn(i64, i64) -> i64| {
        move |a: i64, b: i64| if a == NJ || b == NJ { NJ } else { f(a, b) }
    };
    let out = match op {
        Op::Add => zip(&ix, &iy, ax, bx, n2(|a, b| a.wrapping_add(b)))?,
        Op::Sub => zip(&ix, &iy, ax, bx, n2(|a, b| a.wrapping_sub(b)))?,
        Op::Mul => zip(&ix, &iy, ax, bx, n2(|a, b| a.wrapping_mul(b)))?,
        Op::Min => zip(&ix, &iy, ax, bx, |a, b| a.min(b))?,
        Op::Max => zip(&ix, &iy, ax, bx, |a, b| a.max(b))?,
        Op::Mod => zip(&ix, &iy, ax, bx, imod)?,
        Op::IDiv => zip(&ix, &iy, ax, bx, idiv)?,
        Op::Fill => zip(&ix, &iy, ax, bx, |a, b| if b == NJ { a } else { b })?,
        _ => return qerr("type"),
    };
    let t = match op {
        Op::Min | Op::Max => rt,
        Op::Fill => {
            if ty == 1 || ty == 4 || ty == 10 {
                ty
            } else {
                rt
            }
        }
        Op::IDiv => rt.max(6).min(7).max(if rt == 7 { 7 } else { 6 }),
        _ => {
            if rt <= 4 || rt == 10 {
                6
            } else {
                rt
            }
        }
    };
    let t = if op == Op::IDiv {
        if tx == 7 {
            7
        } else {
            6
        }
    } else {
        t
    };
    Ok(from_i64(t, out, atom))
}

fn cmp_result(op: Op, o: std::cmp::Ordering) -> bool {
    match op {
        Op::Eq => o.is_eq(),
        Op::Ne => o.is_ne(),
        Op::Lt => o.is_lt(),
        Op::Gt => o.is_gt(),
        Op::Le => o.is_le(),
        _ => o.is_ge(),
    }
}

fn sym_view(v: &Value) -> Option<(Cow<'_, [Rc<str>]>, bool)> {
    match v {
        Value::Sym(s) => Some((Cow::Owned(vec![s.clone()]), true)),
        Value::Syms(s) => Some((Cow::Borrowed(&s[..]), false)),
        _ => None,
    }
}

/// Whether a value is an atom or a simple (typed) vector.
pub(super) fn is_simple(v: &Value) -> bool {
    let t = v.type_code();
    (-20..0).contains(&t) || (1..20).contains(&t)
}
