//! Primitives that need the session: key, `!`, value, show, exit, set, tables, constants, handles.

mod apply;
mod joins;
mod random;
mod tables;

pub use apply::{at, at_n, dot, dot_n};
pub use joins::{ij, lj, pj, uj};
pub use random::{query, vcond};
pub use tables::{insert, ungroup, upsert, xcol, xcols};

use std::io::Write;
use std::rc::Rc;

use super::atomic::{dyad, Op};
use super::list::{enlist, take_idx};
use super::table::xkey_n;
use crate::q::error::{qerr, QResult, Signal};
use crate::q::eval::Interp;
use crate::q::value::{Func, Value, NJ};

/// `iasc` / `idesc` / `<` / `>`.
pub fn grade_v(x: &Value, desc: bool) -> QResult<Value> {
    if let Value::Dict(k, v) = x {
        let g = super::list::grade(v, desc)?;
        return Ok(take_idx(k, &g));
    }
    if x.is_atom() {
        return qerr("rank");
    }
    let g = super::list::grade(x, desc)?;
    Ok(Value::longs(g.into_iter().map(|i| i as i64).collect()))
}

/// `x^y`: fill nulls of y with x.
pub fn fill(x: &Value, y: &Value) -> QResult<Value> {
    if let (Value::Dict(..), Value::Dict(..)) = (x, y) {
        return dyad(Op::Fill, x, y);
    }
    dyad(Op::Fill, x, y)
}

/// `key x` (and monadic `!`).
pub fn key(ip: &mut Interp, x: Value) -> QResult<Value> {
    match &x {
        Value::Dict(k, _) => Ok((**k).clone()),
        Value::Table(..) => Ok(Value::syms(vec![])),
        Value::Long(_) | Value::Int(_) | Value::Short(_) => super::list::til(&x),
        v if v.is_list() => Ok(Value::sym(super::cast::type_name(v.type_code()))),
        Value::Sym(s) => super::extra::key_sym(ip, s),
        _ => qerr("type"),
    }
}

/// `x!y`: dictionary, keyed table (`n!t`), and `0N!x` debug print.
pub fn bang(ip: &mut Interp, x: Value, y: Value) -> QResult<Value> {
    if let Value::Long(NJ) = x {
        let s = crate::q::format::show1(&y, ip.precision);
        let _ = writeln!(ip.out, "{s}");
        return Ok(y);
    }
    if let (Some(n), Value::Table(..) | Value::Dict(..)) = (x.as_i64(), &y) {
        if x.is_atom()
            && (matches!(y, Value::Table(..))
                || matches!(&y, Value::Dict(k, _) if matches!(**k, Value::Table(..))))
        {
            return xkey_n(n, &y);
        }
    }
    if let (Value::Table(..), Value::Table(..)) = (&x, &y) {
        if x.count() != y.count() {
            return qerr("length");
        }
        return Ok(Value::dict(x, y));
    }
    if x.is_atom() && y.is_atom() {
        return Ok(Value::dict(enlist(x), enlist(y)));
    }
    if x.is_atom() || (y.is_atom() && !x.is_atom()) {
        if x.is_atom() {
            return qerr("length");
        }
        let n = x.count();
        return Ok(Value::dict(
            x,
            super::list::take(&Value::Long(n as i64), &y)?,
        ));
    }
    if x.count() != y.count() {
        return qerr("length");
    }
    Ok(Value::dict(x, y))
}

/// `value x`.
pub fn value(ip: &mut Interp, x: Value) -> QResult<Value> {
    match &x {
        Value::Chars(_) | Value::Char(_) => {
            let src = x.as_str().unwrap_or_default();
            ip.eval_str(&src)
        }
        Value::Dict(_, v) => Ok((**v).clone()),
        Value::Sym(s) => match ip.globals.get(s.as_ref()) {
            Some(v) => Ok(v.clone()),
            None => Err(Signal::Error(s.to_string())),
        },
        Value::List(items) if !items.is_empty() && items[0].is_func() => {
            let mut args = Vec::new();
            for a in &items[1..] {
                args.push(match a {
                    Value::List(l) if !l.is_empty() && l[0].is_func() => value(ip, a.clone())?,
                    Value::Sym(s) => ip.globals.get(s.as_ref()).cloned().unwrap_or(a.clone()),
                    other => other.clone(),
                });
            }
            ip.apply(&items[0], args)
        }
        Value::Func(f) => match &**f {
            Func::Proj(g, args) => {
                let mut v = vec![g.clone()];
                v.extend(args.iter().map(|a| a.clone().unwrap_or(Value::Nil)));
                Ok(Value::list(v))
            }
            Func::Comp(fs) => Ok(Value::list(fs.clone())),
            Func::Derived(_, g) => Ok(g.clone()),
            _ => Ok(x.clone()),
        },
        _ => Ok(x),
    }
}

/// `avgs x`.
pub fn avgs(x: &Value) -> QResult<Value> {
    let f = super::cast::cast_to(9, x)?;
    let Value::Floats(v) = &f else {
        return dyad(Op::Div, &super::agg::sums(&f)?, &Value::Long(1));
    };
    let (mut s, mut n) = (0f64, 0f64);
    Ok(Value::floats(
        v.iter()
            .map(|&a| {
                if !a.is_nan() {
                    s += a;
                    n += 1.0;
                }
                if n == 0.0 {
                    f64::NAN
                } else {
                    s / n
                }
            })
            .collect(),
    ))
}

/// `show x`.
pub fn show(ip: &mut Interp, x: Value) -> QResult<Value> {
    let s = crate::q::format::show(&x, ip.precision, ip.console.1);
    let _ = writeln!(ip.out, "{s}");
    Ok(Value::Nil)
}

/// `exit n`.
pub fn exit(_ip: &mut Interp, x: Value) -> QResult<Value> {
    let code = x.as_i64().unwrap_or(0);
    Err(Signal::Exit(code as i32))
}

/// `tables[]`.
pub fn tables(ip: &mut Interp, _x: Value) -> QResult<Value> {
    let mut names: Vec<&String> = ip
        .globals
        .iter()
        .filter(|(_, v)| {
            matches!(v, Value::Table(..))
                || matches!(v, Value::Dict(k, _) if matches!(**k, Value::Table(..)))
        })
        .map(|(k, _)| k)
        .collect();
    names.sort();
    Ok(Value::syms(
        names.into_iter().map(|s| Rc::from(s.as_str())).collect(),
    ))
}

/// `n xrank x`.
pub fn xrank(x: &Value, y: &Value) -> QResult<Value> {
    let n = x.as_i64().ok_or_else(|| Signal::err("type"))?;
    let g = super::list::grade(y, false)?;
    let len = g.len() as i64;
    let mut out = vec![0i64; g.len()];
    for (r, &i) in g.iter().enumerate() {
        out[i] = if len == 0 { 0 } else { (r as i64 * n) / len };
    }
    Ok(Value::longs(out))
}

/// `` `name set v ``: assign a global (no files).
pub fn set(ip: &mut Interp, x: Value, y: Value) -> QResult<Value> {
    match &x {
        Value::Sym(s) if !s.starts_with(':') => {
            ip.globals.insert(s.to_string(), y);
            Ok(x)
        }
        _ => qerr("access"),
    }
}

/// Named constants of the q namespace (`.Q.a` ...).
pub fn constant(name: &str) -> Option<Value> {
    let s = match name {
        ".Q.a" => "abcdefghijklmnopqrstuvwxyz",
        ".Q.A" => "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        ".Q.n" => "0123456789",
        ".Q.an" => "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789",
        _ => return None,
    };
    Some(Value::string(s))
}

/// `x mmu y`: matrix product; a simple vector on the left is one row, on the right
/// one column, and that side's dimension is dropped from the result.
pub fn mmu(x: &Value, y: &Value) -> QResult<Value> {
    let rows = |v: &Value| -> Vec<Vec<f64>> {
        v.items()
            .iter()
            .map(|r| {
                r.items()
                    .iter()
                    .map(|v| v.as_f64().unwrap_or(f64::NAN))
                    .collect()
            })
            .collect()
    };
    let floats = |v: &Value| -> Vec<f64> {
        v.items()
            .iter()
            .map(|v| v.as_f64().unwrap_or(f64::NAN))
            .collect()
    };
    let xv = x.is_list() && !matches!(x, Value::List(_));
    let yv = y.is_list() && !matches!(y, Value::List(_));
    let a: Vec<Vec<f64>> = if xv { vec![floats(x)] } else { rows(x) };
    let b: Vec<Vec<f64>> = if yv {
        floats(y).into_iter().map(|f| vec![f]).collect()
    } else {
        rows(y)
    };
    let m = b.first().map(|r| r.len()).unwrap_or(0);
    if b.iter().any(|r| r.len() != m) {
        return qerr("length");
    }
    let mut out = Vec::new();
    for r in &a {
        if r.len() != b.len() {
            return qerr("length");
        }
        let row: Vec<f64> = (0..m)
            .map(|j| r.iter().zip(b.iter()).map(|(p, row)| p * row[j]).sum())
            .collect();
        out.push(row);
    }
    Ok(match (xv, yv) {
        (true, true) => Value::Float(out.first().and_then(|r| r.first()).copied().unwrap_or(0.0)),
        (true, false) => Value::floats(out.into_iter().next().unwrap_or_default()),
        (false, true) => Value::floats(
            out.into_iter()
                .map(|r| r.first().copied().unwrap_or(f64::NAN))
                .collect(),
        ),
        (false, false) => Value::list(out.into_iter().map(Value::floats).collect()),
    })
}

/// Console write for `-1 "text"`, `1 "text"`, `-2`/`2`: returns the handle.
pub fn write_handle(ip: &mut Interp, h: i64, x: &Value) -> QResult<Value> {
    let text: String = match x {
        Value::Chars(_) | Value::Char(_) => x.as_str().unwrap_or_default(),
        Value::List(items) => {
            let mut s = Vec::new();
            for it in items.iter() {
                match it.as_str() {
                    Some(t) => s.push(t),
                    None => return qerr("type"),
                }
            }
            if h < 0 {
                s.join("\n")
            } else {
                s.concat()
            }
        }
        Value::Syms(_) | Value::Sym(_) if false => String::new(),
        _ => return qerr("type"),
    };
    let nl = if h < 0 { "\n" } else { "" };
    match h.abs() {
        1 => {
            let _ = write!(ip.out, "{text}{nl}");
        }
        2 => {
            let _ = ip.out.flush();
            eprint!("{text}{nl}");
        }
        _ => return qerr("access"),
    }
    Ok(Value::Long(h))
}
