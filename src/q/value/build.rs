//! Building values: shorthand constructors, lists from items, empty lists and nulls of a type.

use std::rc::Rc;

use super::{Func, Sym, Value, NH, NI, NJ};
use crate::q::temporal::Tk;

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
