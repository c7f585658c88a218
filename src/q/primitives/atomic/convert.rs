//! Numeric views of operands, the promotion order, and conversions with q's nulls and infinities.

use std::borrow::Cow;
use std::rc::Rc;

use crate::q::value::{Value, NH, NI, NJ, WH, WI, WJ};

/// Numbers of one operand, borrowed where the representation already fits.
pub enum Nums<'a> {
    I(Cow<'a, [i64]>),
    F(Cow<'a, [f64]>),
}

/// Rank of a numeric type in the promotion order (bool < byte < short < int < long < real < float).
pub(super) fn rank(t: i16) -> Option<u8> {
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

/// The type code at a promotion rank (inverse of `rank`).
pub(super) fn type_of_rank(r: u8) -> i16 {
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

/// The numbers as floats, borrowed when they already are.
pub(super) fn to_f<'a>(n: Nums<'a>) -> Cow<'a, [f64]> {
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
