//! Equality: q's match (`~`) and float comparison with q's tolerance.

use std::rc::Rc;

use super::{Func, Value};

/// q's match (`~`): same type and same items.
pub fn matches(a: &Value, b: &Value) -> bool {
    use Value::*;
    match (a, b) {
        (Nil, Nil) => true,
        (Bool(x), Bool(y)) => x == y,
        (Byte(x), Byte(y)) => x == y,
        (Short(x), Short(y)) => x == y,
        (Int(x), Int(y)) => x == y,
        (Long(x), Long(y)) => x == y,
        (Real(x), Real(y)) => x == y || (x.is_nan() && y.is_nan()),
        (Float(x), Float(y)) => feq(*x, *y),
        (Char(x), Char(y)) => x == y,
        (Sym(x), Sym(y)) => x == y,
        (Bools(x), Bools(y)) => x == y,
        (Bytes(x), Bytes(y)) => x == y,
        (Shorts(x), Shorts(y)) => x == y,
        (Ints(x), Ints(y)) => x == y,
        (Longs(x), Longs(y)) => x == y,
        (Reals(x), Reals(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y.iter())
                    .all(|(a, b)| a == b || (a.is_nan() && b.is_nan()))
        }
        (Floats(x), Floats(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(a, b)| feq(*a, *b))
        }
        (Chars(x), Chars(y)) => x == y,
        (Syms(x), Syms(y)) => x == y,
        (Tm(a, x), Tm(b, y)) => a == b && x == y,
        (Tms(a, x), Tms(b, y)) => a == b && x == y,
        (Guid(x), Guid(y)) => x == y,
        (Guids(x), Guids(y)) => x == y,
        (List(x), List(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(a, b)| matches(a, b))
        }
        (Dict(k1, v1), Dict(k2, v2)) => matches(k1, k2) && matches(v1, v2),
        (Table(n1, c1), Table(n2, c2)) => {
            n1 == n2 && c1.len() == c2.len() && c1.iter().zip(c2.iter()).all(|(a, b)| matches(a, b))
        }
        (Func(f), Func(g)) => Rc::ptr_eq(f, g) || func_eq(f, g),
        _ => {
            // empty general list matches empty general list only
            false
        }
    }
}

fn func_eq(f: &Func, g: &Func) -> bool {
    match (f, g) {
        (Func::Prim(a), Func::Prim(b)) => a == b,
        (Func::Lambda(a), Func::Lambda(b)) => a.src == b.src,
        _ => false,
    }
}

/// Float equality with q's tolerance (relative 1e-14) and null = null.
pub fn feq(a: f64, b: f64) -> bool {
    if a.is_nan() || b.is_nan() {
        return a.is_nan() && b.is_nan();
    }
    if a == b {
        return true;
    }
    if a.is_infinite() || b.is_infinite() {
        return false;
    }
    (a - b).abs() <= 1.1368683772161603e-13 * a.abs().max(b.abs())
}
