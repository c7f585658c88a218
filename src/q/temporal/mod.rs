//! q's temporal types — timestamp (p), month (m), date (d), datetime (z), timespan (n),
//! minute (u), second (v), time (t): conversions between them, and arithmetic and
//! comparison done on the underlying numbers, as q does.
//!
//! A temporal value is its kind and an `i64` count of the kind's unit: ns since
//! 2000.01.01 (p), months since 2000.01 (m), days (d), ms (z), ns (n), minutes (u),
//! seconds (v), ms (t); null and infinities are the long sentinels. q's underlying type
//! (int for m d u v t, long for p n, float days for z) is what [`strip`] gives.

pub mod calendar;
pub mod parse;

use std::rc::Rc;

use super::error::{qerr, QResult, Signal};
use super::primitives::atomic::{self, Nums, Op, Un};
use super::value::{Value, NI, NJ, WI, WJ};
use calendar::{month_of_day, month_start, special, DAY_MS, DAY_NS};

/// The eight temporal kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tk {
    P,
    M,
    D,
    Z,
    N,
    U,
    V,
    T,
}

impl Tk {
    /// q's (positive) type number.
    pub fn code(self) -> i16 {
        match self {
            Tk::P => 12,
            Tk::M => 13,
            Tk::D => 14,
            Tk::Z => 15,
            Tk::N => 16,
            Tk::U => 17,
            Tk::V => 18,
            Tk::T => 19,
        }
    }

    /// The kind of a type number (either sign).
    pub fn from_code(t: i16) -> Option<Tk> {
        Some(match t.abs() {
            12 => Tk::P,
            13 => Tk::M,
            14 => Tk::D,
            15 => Tk::Z,
            16 => Tk::N,
            17 => Tk::U,
            18 => Tk::V,
            19 => Tk::T,
            _ => return None,
        })
    }

    /// The type letter (`meta`, literal suffixes).
    pub fn letter(self) -> char {
        b"pmdznuvt"[(self.code() - 12) as usize] as char
    }

    /// The kind of a lower-case type letter.
    pub fn from_letter(c: u8) -> Option<Tk> {
        let i = b"pmdznuvt".iter().position(|&x| x == c)?;
        Tk::from_code(12 + i as i16)
    }

    /// The type name (`` `date$() ``).
    pub fn name(self) -> &'static str {
        [
            "timestamp",
            "month",
            "date",
            "datetime",
            "timespan",
            "minute",
            "second",
            "time",
        ][(self.code() - 12) as usize]
    }

    /// A point in time (p m d z) rather than a duration or time of day (n u v t).
    pub fn absolute(self) -> bool {
        matches!(self, Tk::P | Tk::M | Tk::D | Tk::Z)
    }

    /// Nanoseconds in one unit (months have none: a day is used for ordering only).
    pub fn unit_ns(self) -> i64 {
        match self {
            Tk::P | Tk::N => 1,
            Tk::T | Tk::Z => 1_000_000,
            Tk::V => 1_000_000_000,
            Tk::U => 60_000_000_000,
            Tk::D | Tk::M => DAY_NS,
        }
    }

    /// Precision rank: lower is finer.
    fn fineness(self) -> u8 {
        match self {
            Tk::P | Tk::N => 0,
            Tk::Z | Tk::T => 1,
            Tk::D | Tk::V => 2,
            Tk::M | Tk::U => 3,
        }
    }

    /// Values of this kind are ints in q.
    fn int32(self) -> bool {
        matches!(self, Tk::M | Tk::D | Tk::U | Tk::V | Tk::T)
    }
}

/// A temporal atom or vector from values in the kind's unit.
pub fn make(k: Tk, v: Vec<i64>, atom: bool) -> Value {
    if atom {
        Value::Tm(k, v.first().copied().unwrap_or(NJ))
    } else {
        Value::Tms(k, Rc::new(v))
    }
}

/// The kind of a temporal atom or vector.
pub fn kind(v: &Value) -> Option<Tk> {
    match v {
        Value::Tm(k, _) | Value::Tms(k, _) => Some(*k),
        _ => None,
    }
}

/// Convert one value between kinds, as `` `kind$x `` does.
pub fn conv(from: Tk, to: Tk, v: i64) -> i64 {
    if from == to || special(v) {
        return v;
    }
    let ns: i128 = match from {
        Tk::M => month_start(v) as i128 * DAY_NS as i128,
        _ => v as i128 * from.unit_ns() as i128,
    };
    let out: i128 = if to.absolute() {
        let to_day = || ns.div_euclid(DAY_NS as i128);
        match to {
            Tk::M => month_of_day(to_day() as i64) as i128,
            Tk::D => to_day(),
            _ => ns.div_euclid(to.unit_ns() as i128),
        }
    } else if from.absolute() && to != Tk::N {
        ns.rem_euclid(DAY_NS as i128) / to.unit_ns() as i128
    } else {
        ns / to.unit_ns() as i128
    };
    if out >= WJ as i128 || out <= -WJ as i128 {
        NJ
    } else {
        out as i64
    }
}

/// A temporal value converted to another kind (non-temporal values unchanged).
pub fn to_kind(v: &Value, to: Tk) -> Value {
    match v {
        Value::Tm(k, x) => Value::Tm(to, conv(*k, to, *x)),
        Value::Tms(k, x) => Value::Tms(to, Rc::new(x.iter().map(|&a| conv(*k, to, a)).collect())),
        _ => v.clone(),
    }
}

fn to_i32(v: i64) -> i32 {
    match v {
        NJ => NI,
        WJ => WI,
        x if x == -WJ => -WI,
        x => x.clamp(-(WI as i64), WI as i64) as i32,
    }
}

fn ms_to_days(v: i64) -> f64 {
    match v {
        NJ => f64::NAN,
        WJ => f64::INFINITY,
        x if x == -WJ => f64::NEG_INFINITY,
        x => x as f64 / DAY_MS as f64,
    }
}

/// The underlying number of a temporal value as q holds it: int for m d u v t, long for
/// p n, float days for z. Other values are returned unchanged.
pub fn strip(v: &Value) -> Value {
    match v {
        Value::Tm(Tk::Z, x) => Value::Float(ms_to_days(*x)),
        Value::Tms(Tk::Z, x) => Value::floats(x.iter().map(|&a| ms_to_days(a)).collect()),
        Value::Tm(k, x) if k.int32() => Value::Int(to_i32(*x)),
        Value::Tms(k, x) if k.int32() => {
            Value::Ints(Rc::new(x.iter().map(|&a| to_i32(a)).collect()))
        }
        Value::Tm(_, x) => Value::Long(*x),
        Value::Tms(_, x) => Value::longs(x.as_ref().clone()),
        _ => v.clone(),
    }
}

/// A whole number of the kind's unit from a long (z counts days).
fn from_int(k: Tk, x: i64) -> i64 {
    if k == Tk::Z && !special(x) {
        x.saturating_mul(DAY_MS)
    } else {
        x
    }
}

/// A value of the kind's unit from a float (z counts days), rounded.
fn from_float(k: Tk, f: f64) -> i64 {
    let f = if k == Tk::Z { f * DAY_MS as f64 } else { f };
    if f.is_nan() {
        NJ
    } else if f >= 9.2e18 {
        WJ
    } else if f <= -9.2e18 {
        -WJ
    } else {
        f.round() as i64
    }
}

/// Numbers (atom or simple vector) read as a temporal kind's underlying values.
pub fn retag(k: Tk, v: &Value) -> QResult<Value> {
    if let Some(have) = kind(v) {
        return Ok(to_kind(v, have).retagged(k));
    }
    let (n, atom, _) = atomic::nums(v).ok_or_else(|| Signal::err("type"))?;
    let vals: Vec<i64> = match n {
        Nums::I(i) => i.iter().map(|&x| from_int(k, x)).collect(),
        Nums::F(f) => f.iter().map(|&x| from_float(k, x)).collect(),
    };
    Ok(make(k, vals, atom))
}

impl Value {
    fn retagged(self, k: Tk) -> Value {
        match self {
            Value::Tm(_, x) => Value::Tm(k, x),
            Value::Tms(_, x) => Value::Tms(k, x),
            v => v,
        }
    }
}

/// The kind two temporal operands are compared in: the finer of two durations or two
/// points in time; a point in time against a duration becomes that duration's kind.
fn common(a: Tk, b: Tk) -> Tk {
    if a == b {
        return a;
    }
    match (a.absolute(), b.absolute()) {
        (true, false) => b,
        (false, true) => a,
        _ => {
            if a.fineness() <= b.fineness() {
                a
            } else {
                b
            }
        }
    }
}

fn is_float(v: &Value) -> bool {
    matches!(
        v,
        Value::Float(_) | Value::Floats(_) | Value::Real(_) | Value::Reals(_)
    )
}

/// A binary atomic operation where at least one operand is temporal (both simple).
pub fn dyad(op: Op, x: &Value, y: &Value) -> QResult<Value> {
    let (kx, ky) = (kind(x), kind(y));
    for (k, v) in [(kx, x), (ky, y)] {
        if k.is_none() && atomic::nums(v).is_none() {
            return qerr("type");
        }
    }
    let cmp = matches!(op, Op::Eq | Op::Ne | Op::Lt | Op::Gt | Op::Le | Op::Ge);
    if cmp || matches!(op, Op::Min | Op::Max | Op::Fill) {
        let (a, b, k) = match (kx, ky) {
            (Some(a), Some(b)) => {
                let c = common(a, b);
                (strip(&to_kind(x, c)), strip(&to_kind(y, c)), c)
            }
            (Some(a), None) => (strip(x), y.clone(), a),
            (None, Some(b)) => (x.clone(), strip(y), b),
            (None, None) => return atomic::dyad(op, x, y),
        };
        let r = atomic::dyad(op, &a, &b)?;
        return if cmp { Ok(r) } else { retag(k, &r) };
    }
    match op {
        Op::Add | Op::Sub => add_sub(op, x, y, kx, ky),
        Op::Mul => match (kx, ky) {
            (Some(k), None) | (None, Some(k)) => {
                let r = atomic::dyad(op, &strip(x), &strip(y))?;
                retag(k, &r)
            }
            _ => qerr("type"),
        },
        Op::IDiv | Op::Mod => match (kx, ky) {
            (Some(k), None) => retag(k, &atomic::dyad(op, &strip(x), y)?),
            _ => atomic::dyad(op, &strip(x), &strip(y)),
        },
        _ => atomic::dyad(op, &strip(x), &strip(y)),
    }
}

fn add_sub(op: Op, x: &Value, y: &Value, kx: Option<Tk>, ky: Option<Tk>) -> QResult<Value> {
    let sub = op == Op::Sub;
    match (kx, ky) {
        (Some(k), None) | (None, Some(k)) => {
            let other = if kx.is_some() { y } else { x };
            let k = if k == Tk::D && is_float(other) {
                Tk::Z
            } else {
                k
            };
            let r = atomic::dyad(op, &strip(&to_kind(x, k)), &strip(&to_kind(y, k)))?;
            retag(k, &r)
        }
        (Some(a), Some(b)) => match (a.absolute(), b.absolute()) {
            (false, false) => {
                let c = common(a, b);
                let r = atomic::dyad(op, &strip(&to_kind(x, c)), &strip(&to_kind(y, c)))?;
                retag(c, &r)
            }
            (true, false) | (false, true) if !(sub && b.absolute()) => {
                let (t, s) = if a.absolute() { (x, y) } else { (y, x) };
                let at = if a.absolute() { a } else { b };
                let (c, sk) = match at {
                    Tk::P | Tk::D => (Tk::P, Tk::N),
                    Tk::Z => (Tk::Z, Tk::T),
                    Tk::M => return qerr("type"),
                    _ => return qerr("type"),
                };
                let span = strip(&to_kind(s, sk));
                let span = if c == Tk::Z {
                    atomic::dyad(Op::Div, &span, &Value::Long(DAY_MS))?
                } else {
                    span
                };
                let (l, r) = if a.absolute() {
                    (strip(&to_kind(t, c)), span)
                } else {
                    (span, strip(&to_kind(t, c)))
                };
                retag(c, &atomic::dyad(op, &l, &r)?)
            }
            (true, true) if sub => {
                let c = common(a, b);
                let r = atomic::dyad(op, &strip(&to_kind(x, c)), &strip(&to_kind(y, c)))?;
                match c {
                    Tk::P => retag(Tk::N, &r),
                    _ => Ok(r),
                }
            }
            _ => qerr("type"),
        },
        (None, None) => atomic::dyad(op, x, y),
    }
}

/// A unary atomic operation on a temporal value; `None` when `x` is not temporal.
pub fn monad(op: Un, x: &Value) -> Option<QResult<Value>> {
    let k = kind(x)?;
    Some(match op {
        Un::Neg | Un::Abs => atomic::monad(op, &strip(x)).and_then(|r| retag(k, &r)),
        Un::Floor | Un::Ceiling if k == Tk::Z => {
            atomic::monad(op, &strip(x)).and_then(|r| retag(Tk::D, &r))
        }
        Un::Floor | Un::Ceiling => Ok(x.clone()),
        _ => atomic::monad(op, &strip(x)),
    })
}

/// `` `kind$y `` for a temporal target: numbers are the underlying count, other temporal
/// kinds are converted.
pub fn cast_to(t: i16, y: &Value) -> QResult<Value> {
    let to = Tk::from_code(t).ok_or_else(|| Signal::err("type"))?;
    if kind(y).is_some() {
        return Ok(to_kind(y, to));
    }
    if matches!(
        y,
        Value::Sym(_) | Value::Syms(_) | Value::Char(_) | Value::Chars(_)
    ) {
        return qerr("type");
    }
    retag(to, y)
}

/// Field extraction `` `year$x ``, `` `mm$x ``, `` `dd$x ``, `` `hh$x ``, `` `uu$x ``,
/// `` `ss$x ``: ints. `None` when `name` is no field name.
pub fn field(name: &str, y: &Value) -> Option<QResult<Value>> {
    if !matches!(name, "year" | "mm" | "dd" | "hh" | "uu" | "ss") {
        return None;
    }
    let Some(k) = kind(y) else {
        return Some(match y {
            Value::Dict(..) | Value::Table(..) | Value::List(_) => qerr("nyi"),
            _ => qerr("type"),
        });
    };
    let one = |v: i64| -> i64 {
        if special(v) {
            return NJ;
        }
        let date_part = matches!(name, "year" | "mm" | "dd");
        if date_part {
            let days = match k {
                Tk::M => month_start(v),
                _ if k.absolute() => conv(k, Tk::D, v),
                _ => return NJ,
            };
            let (yy, mm, dd) = calendar::civil_from_days(days);
            return match name {
                "year" => yy,
                "mm" => mm,
                _ => dd,
            };
        }
        let ns = if k == Tk::M {
            0
        } else if k.absolute() {
            conv(k, Tk::P, v).rem_euclid(DAY_NS)
        } else {
            v.saturating_mul(k.unit_ns())
        };
        let secs = ns / 1_000_000_000;
        match name {
            "hh" => secs / 3600,
            "uu" => (secs / 60) % 60,
            _ => secs % 60,
        }
    };
    Some(Ok(match y {
        Value::Tm(_, v) => Value::Int(to_i32(one(*v))),
        Value::Tms(_, v) => Value::Ints(Rc::new(v.iter().map(|&a| to_i32(one(a))).collect())),
        _ => return Some(qerr("type")),
    }))
}

/// `.z.d`, `.z.t`, `.z.p` ... read from the system clock (UTC for both cases).
pub fn clock(name: &str) -> Option<Value> {
    let k = match name {
        ".z.d" | ".z.D" => Tk::D,
        ".z.t" | ".z.T" => Tk::T,
        ".z.p" | ".z.P" => Tk::P,
        ".z.n" | ".z.N" => Tk::N,
        ".z.z" | ".z.Z" => Tk::Z,
        _ => return None,
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0);
    let p = now - 10_957 * DAY_NS;
    let v = match k {
        Tk::N => p.rem_euclid(DAY_NS),
        _ => conv(Tk::P, k, p),
    };
    Some(Value::Tm(k, v))
}

/// Fold `sum`/`max`/`min` over a temporal vector; `None` when `x` is not temporal.
pub fn fold(x: &Value, f: fn(&Value) -> QResult<Value>) -> Option<QResult<Value>> {
    let k = kind(x)?;
    Some(f(&strip(x)).and_then(|r| retag(k, &r)))
}

/// `x xbar y` for temporal y: bars of the underlying count, same kind.
pub fn xbar(
    x: &Value,
    y: &Value,
    f: fn(&Value, &Value) -> QResult<Value>,
) -> Option<QResult<Value>> {
    let k = kind(y)?;
    let bar = match kind(x) {
        Some(_) => strip(&to_kind(x, k)),
        None => x.clone(),
    };
    Some(f(&bar, &strip(y)).and_then(|r| retag(k, &r)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::q::format::show1;

    fn s(v: QResult<Value>) -> String {
        match v {
            Ok(v) => show1(&v, 7),
            Err(Signal::Error(e)) => format!("'{e}"),
            Err(_) => "?".into(),
        }
    }

    #[test]
    fn arithmetic_kinds() {
        let d = |x| Value::Tm(Tk::D, x);
        assert_eq!(s(dyad(Op::Sub, &d(10), &d(3))), "7i");
        assert_eq!(
            s(dyad(Op::Add, &d(0), &Value::longs(vec![0, 1]))),
            "2000.01.01 2000.01.02"
        );
        assert_eq!(
            s(dyad(Op::Add, &d(0), &Value::Tm(Tk::T, 1000))),
            "2000.01.01D00:00:01.000000000"
        );
        assert_eq!(
            s(dyad(Op::Sub, &Value::Tm(Tk::P, 5), &Value::Tm(Tk::P, 2))),
            "0D00:00:00.000000003"
        );
        assert_eq!(
            s(dyad(Op::Div, &Value::Tm(Tk::U, 10), &Value::Long(2))),
            "5f"
        );
        assert_eq!(
            s(dyad(Op::Mul, &Value::Tm(Tk::M, 215), &Value::Long(2))),
            "2035.11m"
        );
        assert_eq!(s(dyad(Op::Add, &d(0), &d(1))), "'type");
    }

    #[test]
    fn conversions() {
        assert_eq!(conv(Tk::P, Tk::T, DAY_NS + 1_000_000), 1);
        assert_eq!(conv(Tk::T, Tk::N, 1), 1_000_000);
        assert_eq!(conv(Tk::D, Tk::M, 31), 1);
        assert_eq!(conv(Tk::M, Tk::D, 1), 31);
        assert_eq!(conv(Tk::D, Tk::T, NJ), NJ);
        assert_eq!(common(Tk::P, Tk::U), Tk::U);
        assert_eq!(common(Tk::N, Tk::U), Tk::N);
        assert_eq!(common(Tk::D, Tk::P), Tk::P);
    }
}
