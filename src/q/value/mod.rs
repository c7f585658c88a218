//! q values: atoms, typed vectors behind `Rc` (amended in place with `Rc::make_mut`),
//! general lists, dictionaries, tables and functions, with q's null sentinels.

mod build;
mod eq;
mod inspect;

pub use build::null_of;
pub use eq::{feq, matches};

use std::rc::Rc;

use super::ast::Lambda;
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
