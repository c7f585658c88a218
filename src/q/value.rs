//! q values: atoms, typed vectors behind `Rc` (amended in place with `Rc::make_mut`),
//! general lists, dictionaries, tables and functions, with q's null sentinels.

use std::rc::Rc;

use super::ast::Lambda;
use super::error::{QResult, Signal};
use super::temporal::Tk;

/// An interned-by-sharing symbol.
pub type Sym = Rc<str>;

/// Long null `0N` and infinity `0W`.
pub const NJ: i64 = i64::MIN;
/// Long infinity.
pub const WJ: i64 = i64::MAX;
/// Int null `0Ni`.
pub const NI: i32 = i32::MIN;
/// Int infinity.
pub const WI: i32 = i32::MAX;
/// Short null `0Nh`.
pub const NH: i16 = i16::MIN;
/// Short infinity.
pub const WH: i16 = i16::MAX;

/// Every q value qlite knows.
#[derive(Clone, Debug)]
pub enum Value {
    /// The generic null `::`.
    Nil,
    Bool(bool),
    Byte(u8),
    Short(i16),
    Int(i32),
    Long(i64),
    Real(f32),
    Float(f64),
    Char(u8),
    Sym(Sym),
    /// A GUID, its 16 bytes (all zero is the null `0Ng`).
    Guid([u8; 16]),
    Bools(Rc<Vec<bool>>),
    Bytes(Rc<Vec<u8>>),
    Shorts(Rc<Vec<i16>>),
    Ints(Rc<Vec<i32>>),
    Longs(Rc<Vec<i64>>),
    Reals(Rc<Vec<f32>>),
    Floats(Rc<Vec<f64>>),
    Chars(Rc<Vec<u8>>),
    Syms(Rc<Vec<Sym>>),
    /// A temporal atom: its kind and count of the kind's unit (see `temporal`).
    Tm(Tk, i64),
    /// A temporal vector.
    Tms(Tk, Rc<Vec<i64>>),
    Guids(Rc<Vec<[u8; 16]>>),
    /// A general (mixed) list.
    List(Rc<Vec<Value>>),
    /// Keys and values of the same count; a keyed table is a dict of two tables.
    Dict(Rc<Value>, Rc<Value>),
    /// Column names and columns (each a list of the same count).
    Table(Rc<Vec<Sym>>, Rc<Vec<Value>>),
    /// Anything applicable that is not a noun.
    Func(Rc<Func>),
}

/// The six iterators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Adverb {
    Each,
    Over,
    Scan,
    Prior,
    EachRight,
    EachLeft,
}

impl Adverb {
    /// The glyph as written.
    pub fn glyph(self) -> &'static str {
        match self {
            Adverb::Each => "'",
            Adverb::Over => "/",
            Adverb::Scan => "\\",
            Adverb::Prior => "':",
            Adverb::EachRight => "/:",
            Adverb::EachLeft => "\\:",
        }
    }
}

/// Functions: primitives (by index in the table), lambdas, projections,
/// compositions and iterator-derived functions.
#[derive(Debug)]
pub enum Func {
    Prim(usize),
    Lambda(Rc<Lambda>),
    /// A function with some arguments fixed; `None` marks a hole.
    Proj(Value, Vec<Option<Value>>),
    /// `f g` compositions: apply the last, then the others.
    Comp(Vec<Value>),
    Derived(Adverb, Value),
}

macro_rules! each_vec {
    ($v:expr, $x:ident => $e:expr, $other:expr) => {
        match $v {
            Value::Bools($x) => $e,
            Value::Bytes($x) => $e,
            Value::Shorts($x) => $e,
            Value::Ints($x) => $e,
            Value::Longs($x) => $e,
            Value::Reals($x) => $e,
            Value::Floats($x) => $e,
            Value::Chars($x) => $e,
            Value::Syms($x) => $e,
            Value::Tms(_, $x) => $e,
            Value::Guids($x) => $e,
            Value::List($x) => $e,
            _ => $other,
        }
    };
}
pub(crate) use each_vec;

/// Shorthand constructors.
impl Value {
    pub fn longs(v: Vec<i64>) -> Value {
        Value::Longs(Rc::new(v))
    }
    pub fn floats(v: Vec<f64>) -> Value {
        Value::Floats(Rc::new(v))
    }
    pub fn bools(v: Vec<bool>) -> Value {
        Value::Bools(Rc::new(v))
    }
    pub fn chars(v: Vec<u8>) -> Value {
        Value::Chars(Rc::new(v))
    }
    pub fn string(s: &str) -> Value {
        Value::Chars(Rc::new(s.as_bytes().to_vec()))
    }
    pub fn syms(v: Vec<Sym>) -> Value {
        Value::Syms(Rc::new(v))
    }
    pub fn sym(s: &str) -> Value {
        Value::Sym(Rc::from(s))
    }
    pub fn list(v: Vec<Value>) -> Value {
        Value::List(Rc::new(v))
    }
    pub fn dict(k: Value, v: Value) -> Value {
        Value::Dict(Rc::new(k), Rc::new(v))
    }
    pub fn func(f: Func) -> Value {
        Value::Func(Rc::new(f))
    }

    /// q's type number (negative for atoms).
    pub fn type_code(&self) -> i16 {
        match self {
            Value::Nil => 101,
            Value::Bool(_) => -1,
            Value::Byte(_) => -4,
            Value::Short(_) => -5,
            Value::Int(_) => -6,
            Value::Long(_) => -7,
            Value::Real(_) => -8,
            Value::Float(_) => -9,
            Value::Char(_) => -10,
            Value::Sym(_) => -11,
            Value::Guid(_) => -2,
            Value::Bools(_) => 1,
            Value::Bytes(_) => 4,
            Value::Shorts(_) => 5,
            Value::Ints(_) => 6,
            Value::Longs(_) => 7,
            Value::Reals(_) => 8,
            Value::Floats(_) => 9,
            Value::Chars(_) => 10,
            Value::Syms(_) => 11,
            Value::Tm(k, _) => -k.code(),
            Value::Tms(k, _) => k.code(),
            Value::Guids(_) => 2,
            Value::List(_) => 0,
            Value::Table(..) => 98,
            Value::Dict(..) => 99,
            Value::Func(f) => match &**f {
                Func::Lambda(_) => 100,
                Func::Prim(i) => super::primitives::prim_type(*i),
                Func::Proj(..) => 104,
                Func::Comp(_) => 105,
                Func::Derived(a, _) => match a {
                    Adverb::Each => 106,
                    Adverb::Over => 107,
                    Adverb::Scan => 108,
                    Adverb::Prior => 109,
                    Adverb::EachRight => 110,
                    Adverb::EachLeft => 111,
                },
            },
        }
    }

    /// True for atoms (including functions and `::`).
    pub fn is_atom(&self) -> bool {
        let t = self.type_code();
        t < 0 || t >= 100
    }

    /// True for simple vectors and general lists.
    pub fn is_list(&self) -> bool {
        (0..20).contains(&self.type_code())
    }

    /// True for functions.
    pub fn is_func(&self) -> bool {
        matches!(self, Value::Func(_))
    }

    /// q's `count`.
    pub fn count(&self) -> usize {
        match self {
            Value::Dict(k, _) => k.count(),
            Value::Table(_, cols) => cols.first().map(|c| c.count()).unwrap_or(0),
            v => each_vec!(v, x => x.len(), 1),
        }
    }

    /// Item `i` of a list (null of the list's type when out of range); atoms give themselves.
    pub fn item(&self, i: usize) -> Value {
        match self {
            Value::Bools(x) => x
                .get(i)
                .map(|&b| Value::Bool(b))
                .unwrap_or(Value::Bool(false)),
            Value::Bytes(x) => Value::Byte(x.get(i).copied().unwrap_or(0)),
            Value::Shorts(x) => Value::Short(x.get(i).copied().unwrap_or(NH)),
            Value::Ints(x) => Value::Int(x.get(i).copied().unwrap_or(NI)),
            Value::Longs(x) => Value::Long(x.get(i).copied().unwrap_or(NJ)),
            Value::Reals(x) => Value::Real(x.get(i).copied().unwrap_or(f32::NAN)),
            Value::Floats(x) => Value::Float(x.get(i).copied().unwrap_or(f64::NAN)),
            Value::Chars(x) => Value::Char(x.get(i).copied().unwrap_or(b' ')),
            Value::Syms(x) => Value::Sym(x.get(i).cloned().unwrap_or_else(|| Rc::from(""))),
            Value::Tms(k, x) => Value::Tm(*k, x.get(i).copied().unwrap_or(NJ)),
            Value::Guids(x) => Value::Guid(x.get(i).copied().unwrap_or([0; 16])),
            Value::List(x) => match x.get(i) {
                Some(v) => v.clone(),
                None => x.first().map(|f| f.null_like()).unwrap_or(Value::Nil),
            },
            Value::Table(names, cols) => {
                let vals: Vec<Value> = cols.iter().map(|c| c.item(i)).collect();
                Value::dict(Value::Syms(names.clone()), Value::from_items(vals))
            }
            Value::Dict(_, v) => v.item(i),
            v => v.clone(),
        }
    }

    /// The items of a list as values (atoms give one item).
    pub fn items(&self) -> Vec<Value> {
        match self {
            Value::List(x) => x.as_ref().clone(),
            Value::Dict(_, v) => v.items(),
            v if v.is_list() || matches!(v, Value::Table(..)) => {
                (0..v.count()).map(|i| v.item(i)).collect()
            }
            v => vec![v.clone()],
        }
    }

    /// The null of this value's type (atom).
    pub fn null_like(&self) -> Value {
        null_of(self.type_code().abs())
    }

    /// A list from items: a typed vector when all are atoms of one type.
    pub fn from_items(items: Vec<Value>) -> Value {
        if items.is_empty() {
            return Value::list(items);
        }
        let t = items[0].type_code();
        if let Some(k) = Tk::from_code(t).filter(|_| t < 0) {
            if items.iter().all(|v| v.type_code() == t) {
                let v = items
                    .iter()
                    .map(|v| match v {
                        Value::Tm(_, x) => *x,
                        _ => NJ,
                    })
                    .collect();
                return Value::Tms(k, Rc::new(v));
            }
        }
        if t == 99 {
            // a list of dictionaries with the same symbol keys is a table
            return dicts_to_table(&items).unwrap_or_else(|| Value::list(items));
        }
        if !(-11..0).contains(&t) || items.iter().any(|v| v.type_code() != t) {
            return Value::list(items);
        }
        macro_rules! collect {
            ($var:ident, $vec:ident) => {
                Value::$vec(Rc::new(
                    items
                        .into_iter()
                        .map(|v| match v {
                            Value::$var(a) => a,
                            _ => unreachable!(),
                        })
                        .collect(),
                ))
            };
        }
        match t {
            -1 => collect!(Bool, Bools),
            -4 => collect!(Byte, Bytes),
            -5 => collect!(Short, Shorts),
            -6 => collect!(Int, Ints),
            -7 => collect!(Long, Longs),
            -8 => collect!(Real, Reals),
            -9 => collect!(Float, Floats),
            -10 => collect!(Char, Chars),
            -11 => collect!(Sym, Syms),
            -2 => collect!(Guid, Guids),
            _ => Value::list(items),
        }
    }

    /// An empty list of the given (positive) type.
    pub fn empty(t: i16) -> Value {
        match t {
            1 => Value::bools(vec![]),
            4 => Value::Bytes(Rc::new(vec![])),
            5 => Value::Shorts(Rc::new(vec![])),
            6 => Value::Ints(Rc::new(vec![])),
            7 => Value::longs(vec![]),
            8 => Value::Reals(Rc::new(vec![])),
            9 => Value::floats(vec![]),
            10 => Value::chars(vec![]),
            11 => Value::syms(vec![]),
            12..=19 => match Tk::from_code(t) {
                Some(k) => Value::Tms(k, Rc::new(vec![])),
                None => Value::list(vec![]),
            },
            2 => Value::Guids(Rc::new(vec![])),
            _ => Value::list(vec![]),
        }
    }

    /// Integer value of a numeric atom (for indices and counts).
    pub fn as_i64(&self) -> Option<i64> {
        Some(match self {
            Value::Bool(b) => *b as i64,
            Value::Byte(b) => *b as i64,
            Value::Short(h) => {
                if *h == NH {
                    NJ
                } else {
                    *h as i64
                }
            }
            Value::Int(i) => {
                if *i == NI {
                    NJ
                } else {
                    *i as i64
                }
            }
            Value::Long(j) => *j,
            _ => return None,
        })
    }

    /// Float value of a numeric atom.
    pub fn as_f64(&self) -> Option<f64> {
        Some(match self {
            Value::Real(e) => *e as f64,
            Value::Float(f) => *f,
            v => {
                let i = v.as_i64()?;
                if i == NJ {
                    f64::NAN
                } else if i == WJ {
                    f64::INFINITY
                } else if i == -WJ {
                    f64::NEG_INFINITY
                } else {
                    i as f64
                }
            }
        })
    }

    /// The bytes of a string (char vector or char atom).
    pub fn as_str(&self) -> Option<String> {
        match self {
            Value::Chars(c) => Some(String::from_utf8_lossy(c).into_owned()),
            Value::Char(c) => Some((*c as char).to_string()),
            _ => None,
        }
    }

    /// Truth of a condition atom.
    pub fn truthy(&self) -> QResult<bool> {
        match self {
            Value::Float(f) => Ok(*f != 0.0),
            Value::Real(f) => Ok(*f != 0.0),
            Value::Char(c) => Ok(*c != 0),
            v => match v.as_i64() {
                Some(i) => Ok(i != 0),
                None => Err(Signal::err("type")),
            },
        }
    }

    /// Is this atom a null?
    pub fn is_null(&self) -> bool {
        match self {
            Value::Nil => true,
            Value::Short(h) => *h == NH,
            Value::Int(i) => *i == NI,
            Value::Long(j) => *j == NJ,
            Value::Real(e) => e.is_nan(),
            Value::Float(f) => f.is_nan(),
            Value::Char(c) => *c == b' ',
            Value::Sym(s) => s.is_empty(),
            Value::Tm(_, x) => *x == NJ,
            Value::Guid(g) => *g == [0; 16],
            _ => false,
        }
    }

    /// The same list with a general list form (for amending with mixed types).
    pub fn to_general(&self) -> Vec<Value> {
        self.items()
    }
}

/// Dictionaries that all have the same symbol-vector keys form a table (q's rule), as
/// rows; `None` when they do not.
fn dicts_to_table(items: &[Value]) -> Option<Value> {
    let Value::Dict(k0, _) = items.first()? else {
        return None;
    };
    let Value::Syms(names) = &**k0 else {
        return None;
    };
    if names.is_empty() {
        return None;
    }
    let mut rows = Vec::with_capacity(items.len());
    for it in items {
        match it {
            Value::Dict(k, v) => match &**k {
                Value::Syms(n) if n == names && v.count() == names.len() && !v.is_atom() => {
                    rows.push(v)
                }
                _ => return None,
            },
            _ => return None,
        }
    }
    let cols: Vec<Value> = (0..names.len())
        .map(|j| Value::from_items(rows.iter().map(|r| r.item(j)).collect()))
        .collect();
    Some(Value::Table(names.clone(), Rc::new(cols)))
}

/// The null atom of a type (by absolute type number).
pub fn null_of(t: i16) -> Value {
    match t {
        1 => Value::Bool(false),
        4 => Value::Byte(0),
        5 => Value::Short(NH),
        6 => Value::Int(NI),
        7 => Value::Long(NJ),
        8 => Value::Real(f32::NAN),
        9 => Value::Float(f64::NAN),
        10 => Value::Char(b' '),
        11 => Value::sym(""),
        12..=19 => match Tk::from_code(t) {
            Some(k) => Value::Tm(k, NJ),
            None => Value::Nil,
        },
        2 => Value::Guid([0; 16]),
        _ => Value::Nil,
    }
}

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
