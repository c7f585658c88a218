//! Looking at values: type numbers, counts, items, numeric views, truth and nulls.

use std::rc::Rc;

use super::build::null_of;
use super::{each_vec, Adverb, Func, Value, NH, NI, NJ, WJ};
use crate::q::error::{QResult, Signal};

impl Value {
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
                Func::Prim(i) => crate::q::primitives::prim_type(*i),
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
