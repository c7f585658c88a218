//! Rebuilding a typed vector of the same kind as another from its elements.

use std::rc::Rc;

use crate::q::value::Value;

/// Trait to rebuild a typed vector value from elements.
pub trait Rewrap: Sized {
    fn wrap(like: &Value, v: Vec<Self>) -> Value;
}
macro_rules! impl_rewrap {
    ($t:ty, $($var:ident),*) => {
        impl Rewrap for $t {
            fn wrap(like: &Value, v: Vec<Self>) -> Value {
                match like {
                    $(Value::$var(_) => Value::$var(Rc::new(v)),)*
                    _ => unreachable!(),
                }
            }
        }
    };
}
impl_rewrap!(bool, Bools);
impl_rewrap!(u8, Bytes, Chars);
impl_rewrap!(i16, Shorts);
impl_rewrap!(i32, Ints);
impl Rewrap for i64 {
    fn wrap(like: &Value, v: Vec<Self>) -> Value {
        match like {
            Value::Tms(k, _) => Value::Tms(*k, Rc::new(v)),
            _ => Value::Longs(Rc::new(v)),
        }
    }
}
impl_rewrap!(f32, Reals);
impl_rewrap!(f64, Floats);
impl_rewrap!(Rc<str>, Syms);
impl_rewrap!([u8; 16], Guids);
impl_rewrap!(Value, List);

/// Rebuild a vector like `like` from elements.
pub fn rewrap<T: Rewrap>(like: &Value, v: Vec<T>) -> Value {
    T::wrap(like, v)
}
