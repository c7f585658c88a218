//! Atomic (pervasive) primitives written once: a type-promotion table, tight loops over
//! typed vectors, and recursion into general lists, dictionaries and tables.

use std::borrow::Cow;
use std::rc::Rc;

use crate::q::error::{qerr, QResult, Signal};
use crate::q::value::{Value, NH, NI, NJ, WH, WI, WJ};

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

/// Numbers of one operand, borrowed where the representation already fits.
pub enum Nums<'a> {
    I(Cow<'a, [i64]>),
    F(Cow<'a, [f64]>),
}

/// Rank of a numeric type in the promotion order (bool < byte < short < int < long < real < float).
fn rank(t: i16) -> Option<u8> {
    Some(match t {
        1 => 0,
        4 => 1,
        10 => 1,
        5 => 2,
        6 => 3,
        7 => 4,
        8 => 5,
        9 => 6,
        _ => return None,
    })
}

fn type_of_rank(r: u8) -> i16 {
    [1, 4, 5, 6, 7, 8, 9][r as usize]
}

/// i64 from an int with q's null/infinity mapping.
#[inline]
pub fn i32_to_i64(v: i32) -> i64 {
    if v == NI {
        NJ
    } else if v == WI {
        WJ
    } else if v == -WI {
        -WJ
    } else {
        v as i64
    }
}

#[inline]
pub fn i16_to_i64(v: i16) -> i64 {
    if v == NH {
        NJ
    } else if v == WH {
        WJ
    } else if v == -WH {
        -WJ
    } else {
        v as i64
    }
}

#[inline]
pub fn i64_to_f64(v: i64) -> f64 {
    if v == NJ {
        f64::NAN
    } else if v == WJ {
        f64::INFINITY
    } else if v == -WJ {
        f64::NEG_INFINITY
    } else {
        v as f64
    }
}

#[inline]
pub fn f64_to_i64(f: f64) -> i64 {
    if f.is_nan() {
        NJ
    } else if f >= 9.2e18 {
        WJ
    } else if f <= -9.2e18 {
        -WJ
    } else {
        f as i64
    }
}

/// Numeric view of an atom or simple vector: (numbers, is_atom, type).
pub fn nums(v: &Value) -> Option<(Nums<'_>, bool, i16)> {
    use Value::*;
    let one_i = |x: i64| Nums::I(Cow::Owned(vec![x]));
    Some(match v {
        Bool(b) => (one_i(*b as i64), true, 1),
        Byte(b) => (one_i(*b as i64), true, 4),
        Char(c) => (one_i(*c as i64), true, 10),
        Short(h) => (one_i(i16_to_i64(*h)), true, 5),
        Int(i) => (one_i(i32_to_i64(*i)), true, 6),
        Long(j) => (one_i(*j), true, 7),
        Real(e) => (Nums::F(Cow::Owned(vec![*e as f64])), true, 8),
        Float(f) => (Nums::F(Cow::Owned(vec![*f])), true, 9),
        Bools(x) => (
            Nums::I(Cow::Owned(x.iter().map(|&b| b as i64).collect())),
            false,
            1,
        ),
        Bytes(x) => (
            Nums::I(Cow::Owned(x.iter().map(|&b| b as i64).collect())),
            false,
            4,
        ),
        Chars(x) => (
            Nums::I(Cow::Owned(x.iter().map(|&b| b as i64).collect())),
            false,
            10,
        ),
        Shorts(x) => (
            Nums::I(Cow::Owned(x.iter().map(|&b| i16_to_i64(b)).collect())),
            false,
            5,
        ),
        Ints(x) => (
            Nums::I(Cow::Owned(x.iter().map(|&b| i32_to_i64(b)).collect())),
            false,
            6,
        ),
        Longs(x) => (Nums::I(Cow::Borrowed(&x[..])), false, 7),
        Reals(x) => (
            Nums::F(Cow::Owned(x.iter().map(|&b| b as f64).collect())),
            false,
            8,
        ),
        Floats(x) => (Nums::F(Cow::Borrowed(&x[..])), false, 9),
        _ => return None,
    })
}

fn to_f<'a>(n: Nums<'a>) -> Cow<'a, [f64]> {
    match n {
        Nums::F(f) => f,
        Nums::I(i) => Cow::Owned(i.iter().map(|&v| i64_to_f64(v)).collect()),
    }
}

/// Build a value of type `t` (positive) from i64s.
pub fn from_i64(t: i16, v: Vec<i64>, atom: bool) -> Value {
    let out = match t {
        1 => Value::bools(v.iter().map(|&x| x != 0).collect()),
        4 => Value::Bytes(Rc::new(v.iter().map(|&x| x as u8).collect())),
        10 => Value::chars(v.iter().map(|&x| x as u8).collect()),
        5 => Value::Shorts(Rc::new(
            v.iter()
                .map(|&x| {
                    if x == NJ {
                        NH
                    } else if x == WJ {
                        WH
                    } else if x == -WJ {
                        -WH
                    } else {
                        x as i16
                    }
                })
                .collect(),
        )),
        6 => Value::Ints(Rc::new(
            v.iter()
                .map(|&x| {
                    if x == NJ {
                        NI
                    } else if x == WJ {
                        WI
                    } else if x == -WJ {
                        -WI
                    } else {
                        x as i32
                    }
                })
                .collect(),
        )),
        _ => Value::longs(v),
    };
    if atom {
        out.item(0)
    } else {
        out
    }
}

/// Build a value of type `t` (8 real or 9 float) from f64s.
pub fn from_f64(t: i16, v: Vec<f64>, atom: bool) -> Value {
    let out = if t == 8 {
        Value::Reals(Rc::new(v.iter().map(|&x| x as f32).collect()))
    } else {
        Value::floats(v)
    };
    if atom {
        out.item(0)
    } else {
        out
    }
}

fn zip_i(
    a: &[i64],
    b: &[i64],
    ax: bool,
    bx: bool,
    f: impl Fn(i64, i64) -> i64,
) -> QResult<Vec<i64>> {
    Ok(match (ax, bx) {
        (true, true) => vec![f(a[0], b[0])],
        (true, false) => b.iter().map(|&y| f(a[0], y)).collect(),
        (false, true) => a.iter().map(|&x| f(x, b[0])).collect(),
        (false, false) => {
            if a.len() != b.len() {
                return qerr("length");
            }
            a.iter().zip(b.iter()).map(|(&x, &y)| f(x, y)).collect()
        }
    })
}

fn zip_f<T>(
    a: &[f64],
    b: &[f64],
    ax: bool,
    bx: bool,
    f: impl Fn(f64, f64) -> T,
) -> QResult<Vec<T>> {
    Ok(match (ax, bx) {
        (true, true) => vec![f(a[0], b[0])],
        (true, false) => b.iter().map(|&y| f(a[0], y)).collect(),
        (false, true) => a.iter().map(|&x| f(x, b[0])).collect(),
        (false, false) => {
            if a.len() != b.len() {
                return qerr("length");
            }
            a.iter().zip(b.iter()).map(|(&x, &y)| f(x, y)).collect()
        }
    })
}

fn zip_ib(
    a: &[i64],
    b: &[i64],
    ax: bool,
    bx: bool,
    f: impl Fn(i64, i64) -> bool,
) -> QResult<Vec<bool>> {
    Ok(match (ax, bx) {
        (true, true) => vec![f(a[0], b[0])],
        (true, false) => b.iter().map(|&y| f(a[0], y)).collect(),
        (false, true) => a.iter().map(|&x| f(x, b[0])).collect(),
        (false, false) => {
            if a.len() != b.len() {
                return qerr("length");
            }
            a.iter().zip(b.iter()).map(|(&x, &y)| f(x, y)).collect()
        }
    })
}

#[inline]
fn imod(x: i64, y: i64) -> i64 {
    if x == NJ || y == NJ {
        return NJ;
    }
    if y == 0 {
        return x;
    }
    let r = x.wrapping_rem(y);
    if r != 0 && ((r < 0) != (y < 0)) {
        r + y
    } else {
        r
    }
}

#[inline]
fn idiv(x: i64, y: i64) -> i64 {
    if x == NJ || y == NJ {
        return NJ;
    }
    if y == 0 {
        return if x == 0 {
            NJ
        } else if x > 0 {
            WJ
        } else {
            -WJ
        };
    }
    let q = x.wrapping_div(y);
    if (x % y != 0) && ((x < 0) != (y < 0)) {
        q - 1
    } else {
        q
    }
}

fn fmod(x: f64, y: f64) -> f64 {
    if y == 0.0 {
        return x;
    }
    x - y * (x / y).floor()
}

/// Compare floats with q's order: null below everything.
#[inline]
fn fcmp(x: f64, y: f64) -> std::cmp::Ordering {
    use std::cmp::Ordering::*;
    match (x.is_nan(), y.is_nan()) {
        (true, true) => Equal,
        (true, false) => Less,
        (false, true) => Greater,
        _ => {
            if crate::q::value::feq(x, y) {
                Equal
            } else if x < y {
                Less
            } else {
                Greater
            }
        }
    }
}

/// The kernel on atoms / simple vectors.
fn simple(op: Op, x: &Value, y: &Value) -> QResult<Value> {
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
    if let Some(r) = super::extra::guid_compare(op.is_cmp(), x, y, |o| cmp_result(op, o)) {
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
            zip_f(&fx, &fy, ax, bx, |a, b| cmp_result(op, fcmp(a, b)))?
        } else {
            let (Nums::I(ix), Nums::I(iy)) = (nx, ny) else {
                return qerr("type");
            };
            zip_ib(&ix, &iy, ax, bx, |a, b| cmp_result(op, a.cmp(&b)))?
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
                Op::Div => zip_f(&fx, &fy, ax, bx, |a, b| a / b)?,
                _ => zip_f(&fx, &fy, ax, bx, |a, b| {
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
            Op::Add => zip_f(&fx, &fy, ax, bx, |a, b| a + b)?,
            Op::Sub => zip_f(&fx, &fy, ax, bx, |a, b| a - b)?,
            Op::Mul => zip_f(&fx, &fy, ax, bx, |a, b| a * b)?,
            Op::Min => zip_f(
                &fx,
                &fy,
                ax,
                bx,
                |a, b| if fcmp(a, b).is_le() { a } else { b },
            )?,
            Op::Max => zip_f(
                &fx,
                &fy,
                ax,
                bx,
                |a, b| if fcmp(a, b).is_ge() { a } else { b },
            )?,
            Op::Mod => zip_f(&fx, &fy, ax, bx, fmod)?,
            Op::IDiv => {
                let v = zip_f(&fx, &fy, ax, bx, |a, b| (a / b).floor())?;
                return Ok(from_f64(rt, v, atom));
            }
            Op::Fill => zip_f(&fx, &fy, ax, bx, |a, b| if b.is_nan() { a } else { b })?,
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
        Op::Add => zip_i(&ix, &iy, ax, bx, n2(|a, b| a.wrapping_add(b)))?,
        Op::Sub => zip_i(&ix, &iy, ax, bx, n2(|a, b| a.wrapping_sub(b)))?,
        Op::Mul => zip_i(&ix, &iy, ax, bx, n2(|a, b| a.wrapping_mul(b)))?,
        Op::Min => zip_i(&ix, &iy, ax, bx, |a, b| a.min(b))?,
        Op::Max => zip_i(&ix, &iy, ax, bx, |a, b| a.max(b))?,
        Op::Mod => zip_i(&ix, &iy, ax, bx, imod)?,
        Op::IDiv => zip_i(&ix, &iy, ax, bx, idiv)?,
        Op::Fill => zip_i(&ix, &iy, ax, bx, |a, b| if b == NJ { a } else { b })?,
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

fn is_simple(v: &Value) -> bool {
    let t = v.type_code();
    (-20..0).contains(&t) || (1..20).contains(&t)
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
