//! Tight loops over typed vectors (atom or list on either side) and q's integer/float arithmetic.

use crate::q::error::{qerr, QResult};
use crate::q::value::{NJ, WJ};

/// Combine two typed slices item-wise (q's long, float and comparison arithmetic); an
/// atom side (`ax`/`bx`) is repeated, otherwise the lengths must match.
pub(super) fn zip<A: Copy, B: Copy, T>(
    a: &[A],
    b: &[B],
    ax: bool,
    bx: bool,
    f: impl Fn(A, B) -> T,
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

#[inline]
pub(super) fn imod(x: i64, y: i64) -> i64 {
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
pub(super) fn idiv(x: i64, y: i64) -> i64 {
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

/// Float modulo with the sign of the divisor; `x mod 0` is `x`.
pub(super) fn fmod(x: f64, y: f64) -> f64 {
    if y == 0.0 {
        return x;
    }
    x - y * (x / y).floor()
}

/// Compare floats with q's order: null below everything.
#[inline]
pub(super) fn fcmp(x: f64, y: f64) -> std::cmp::Ordering {
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
