//! `@` and `.`: apply and index, protected evaluation (trap) and functional amend.

use crate::q::error::{qerr, QResult, Signal};
use crate::q::eval::Interp;
use crate::q::value::{Func, Value};

/// `x@y`: apply a function to one argument, or index at the top level.
pub fn at(ip: &mut Interp, x: Value, y: Value) -> QResult<Value> {
    match &x {
        Value::Func(_) => ip.apply(&x, vec![y]),
        Value::Nil => Ok(y),
        _ => {
            if x.is_atom() && !matches!(x, Value::Long(_) | Value::Int(_)) {
                return qerr("type");
            }
            ip.index1(&x, &y)
        }
    }
}

/// `f . args` / `x . path`.
pub fn dot(ip: &mut Interp, x: Value, y: Value) -> QResult<Value> {
    let args = if y.is_atom() { vec![y] } else { y.items() };
    match &x {
        Value::Func(_) | Value::Sym(_) => ip.apply(&x, args),
        _ => ip.index(&x, &args),
    }
}

fn err_string(e: &Signal) -> Option<Value> {
    match e {
        Signal::Error(s) => Some(Value::string(s)),
        _ => None,
    }
}

/// Protected evaluation: run `body`; on a q error, call `h` with the message.
fn trap(ip: &mut Interp, r: QResult<Value>, h: &Value) -> QResult<Value> {
    match r {
        Ok(v) => Ok(v),
        Err(e) => match err_string(&e) {
            Some(msg) => match h {
                Value::Func(_) => ip.apply(h, vec![msg]),
                other => Ok(other.clone()),
            },
            None => Err(e),
        },
    }
}

/// `@[f;x;h]` trap, `@[x;i;f]` and `@[x;i;f;y]` amend.
pub fn at_n(ip: &mut Interp, v: Vec<Value>) -> QResult<Value> {
    match v.len() {
        3 if v[0].is_func() => {
            let r = ip.apply(&v[0], vec![v[1].clone()]);
            trap(ip, r, &v[2])
        }
        3 | 4 => {
            let (target, idx, f) = (&v[0], &v[1], &v[2]);
            let y = v.get(3).cloned();
            amend_top(ip, target, idx, f, y, false)
        }
        _ => qerr("rank"),
    }
}

/// `.[f;args;h]` trap, `.[x;path;f]` and `.[x;path;f;y]` amend at depth.
pub fn dot_n(ip: &mut Interp, v: Vec<Value>) -> QResult<Value> {
    match v.len() {
        3 if v[0].is_func() => {
            let args = if v[1].is_atom() {
                vec![v[1].clone()]
            } else {
                v[1].items()
            };
            let r = ip.apply(&v[0], args);
            trap(ip, r, &v[2])
        }
        3 | 4 => {
            let (target, idx, f) = (&v[0], &v[1], &v[2]);
            let y = v.get(3).cloned();
            amend_top(ip, target, idx, f, y, true)
        }
        _ => qerr("rank"),
    }
}

fn amend_top(
    ip: &mut Interp,
    target: &Value,
    idx: &Value,
    f: &Value,
    y: ValueOpt,
    deep: bool,
) -> QResult<Value> {
    // a symbol target names a global variable, amended in place
    if let Value::Sym(name) = target {
        let cur = ip
            .globals
            .get(name.as_ref())
            .cloned()
            .ok_or_else(|| Signal::Error(name.to_string()))?;
        let nv = amend_value(ip, cur, idx, f, y, deep)?;
        ip.globals.insert(name.to_string(), nv);
        return Ok(target.clone());
    }
    amend_value(ip, target.clone(), idx, f, y, deep)
}

type ValueOpt = Option<Value>;

fn amend_value(
    ip: &mut Interp,
    cur: Value,
    idx: &Value,
    f: &Value,
    y: Option<Value>,
    deep: bool,
) -> QResult<Value> {
    let path: Vec<Value> = if deep {
        if idx.is_atom() {
            vec![idx.clone()]
        } else {
            idx.items()
        }
    } else {
        vec![idx.clone()]
    };
    let is_colon = matches!(f, Value::Func(g) if matches!(**g, Func::Prim(p) if p == crate::q::primitives::colon()));
    let r = match y {
        Some(y) if is_colon => ip.amend(cur, &path, None, y),
        Some(y) => ip.amend(cur, &path, Some((f, false)), y),
        None if f.is_func() => ip.amend(cur, &path, Some((f, true)), Value::Nil),
        // `.[x;();m]`: an empty path applies the map m to the whole of x
        None if deep && path.is_empty() => ip.amend(cur, &path, Some((f, true)), Value::Nil),
        None => ip.amend(cur, &path, None, f.clone()),
    };
    r.map_err(|(_, e)| e)
}
