//! Application helpers the evaluator shares: squeezing an amended general list back
//! to a typed vector, and the compose operator `'[f;g]` used as a value (`'[;]`).

use std::rc::Rc;

use super::error::{qerr, QResult};
use super::eval::Interp;
use super::value::{Adverb, Func, Value};
use super::{adverbs, primitives};

/// After an amend, a general list whose items are now all atoms of one simple type
/// becomes a typed vector, as in q (`s:(1;2f;3); s[1]:4` makes `s` a long vector).
/// The ends are checked first so filling a list of `::` front to back or back to
/// front stays O(1) per amend.
pub fn squeeze(v: &mut Value) {
    match v {
        Value::List(items) => {
            if !squeezable(items) {
                return;
            }
            let items = std::mem::take(Rc::make_mut(items));
            *v = Value::from_items(items);
        }
        Value::Dict(_, vals) => {
            if let Value::List(items) = &**vals {
                if squeezable(items) {
                    let vm = Rc::make_mut(vals);
                    squeeze(vm);
                }
            }
        }
        _ => {}
    }
}

fn squeezable(items: &[Value]) -> bool {
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return false;
    };
    let t = first.type_code();
    if !(-11..0).contains(&t) || last.type_code() != t {
        return false;
    }
    items.iter().all(|x| x.type_code() == t)
}

/// The compose operator itself: `'[;]` with both functions elided. Applied to
/// `f` and `g` it gives the composition `'[f;g]`.
pub fn compose_op() -> Value {
    Value::func(Func::Comp(Vec::new()))
}

/// `'[f;g;..]` built from values (the compose operator applied).
pub fn compose(fs: Vec<Value>) -> Value {
    Value::func(Func::Comp(fs))
}

/// How the console shows a primitive that q defines in terms of others
/// (`deltas` is `-':`, `type` is `@:`).
pub fn prim_display(name: &'static str) -> &'static str {
    match name {
        "deltas" => "-':",
        "type" => "@:",
        _ => name,
    }
}

/// `x deltas y` (`deltas[x;y]`): Subtract Each Prior with `x` as the first prior.
pub fn deltas2(ip: &mut Interp, x: Value, y: Value) -> QResult<Value> {
    let minus = match primitives::lookup("-") {
        Some(p) => Value::func(Func::Prim(p)),
        None => return qerr("nyi"),
    };
    adverbs::apply(ip, Adverb::Prior, &minus, vec![x, y])
}

/// How many sorted dictionaries the interpreter remembers (the oldest is forgotten).
const MAX_STEP_DICTS: usize = 256;

/// `x#y`: with `` `s`u`p`g `` on the left, set an attribute (checked as q checks it:
/// `` `s# `` needs ascending items, `` `u# `` distinct ones); otherwise Take.
/// A sorted dictionary becomes a step function when indexed.
pub fn take_or_attr(ip: &mut Interp, x: Value, y: Value) -> QResult<Value> {
    let attr = match &x {
        Value::Sym(s) if matches!(&**s, "s" | "u" | "p" | "g") && !y.is_atom() => s.clone(),
        Value::Sym(s) if matches!(&**s, "s" | "u" | "p" | "g") && matches!(y, Value::Dict(..)) => {
            s.clone()
        }
        _ => return primitives::list::take(&x, &y),
    };
    match (&*attr, &y) {
        ("s", Value::Dict(k, v)) => {
            if !ascending(k) {
                return qerr("s-fail");
            }
            // a fresh key list, so only this dictionary (and its copies) steps
            let keys = Rc::new((**k).clone());
            if ip.step_keys.len() >= MAX_STEP_DICTS {
                ip.step_keys.remove(0);
            }
            ip.step_keys.push(keys.clone());
            Ok(Value::Dict(keys, v.clone()))
        }
        ("s", y) if y.is_list() && !ascending(y) => qerr("s-fail"),
        ("u", y) if y.is_list() => {
            let d = primitives::list::distinct(y)?;
            if d.count() != y.count() {
                return qerr("u-fail");
            }
            Ok(y.clone())
        }
        _ => Ok(y),
    }
}

fn ascending(v: &Value) -> bool {
    let items = v.items();
    items
        .windows(2)
        .all(|w| primitives::list::qcmp(&w[0], &w[1]) != std::cmp::Ordering::Greater)
}

/// Are these the keys of a dictionary with the sorted attribute?
pub fn is_step(ip: &Interp, k: &Rc<Value>) -> bool {
    ip.step_keys.iter().any(|s| Rc::ptr_eq(s, k))
}

/// Index a sorted dictionary: each index finds the last key not above it
/// (`` (`s#10 20!`a`b) 15 `` is `` `a ``); below the first key gives a null.
pub fn step_lookup(k: &Value, vals: &Value, i: &Value) -> QResult<Value> {
    let pos = primitives::list::bin(k, i, false)?;
    super::eval::index_list(vals, &pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squeeze_makes_a_vector_of_uniform_atoms() {
        let mut v = Value::list(vec![Value::Long(1), Value::Long(4), Value::Long(3)]);
        squeeze(&mut v);
        assert!(matches!(v, Value::Longs(_)));
    }

    #[test]
    fn squeeze_keeps_mixed_lists() {
        let mut v = Value::list(vec![Value::Long(1), Value::Float(4.0), Value::Long(3)]);
        squeeze(&mut v);
        assert!(matches!(v, Value::List(_)));
        let mut w = Value::list(vec![Value::Long(1), Value::longs(vec![2, 3])]);
        squeeze(&mut w);
        assert!(matches!(w, Value::List(_)));
        let mut e = Value::list(vec![]);
        squeeze(&mut e);
        assert!(matches!(e, Value::List(_)));
    }
}
