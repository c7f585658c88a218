//! Assignment and amend in place: `x:v`, `x[i]:v`, `x+:v`, and the helpers that avoid copies.

use std::rc::Rc;

use super::index::{find_key, null_item};
use super::Interp;
use crate::q::ast::Expr;
use crate::q::error::{qerr, QResult, Signal};
use crate::q::primitives;
use crate::q::value::{Func, Value};

impl Interp {
    /// `name:value`, `name[i]:value` and `name op: value` (`global` for `::`).
    pub(super) fn assign(
        &mut self,
        name: &str,
        index: Option<&[Option<Expr>]>,
        op: Option<&Expr>,
        global: bool,
        value: &Expr,
    ) -> QResult<Value> {
        let rhs = self.eval(value)?;
        let opv = match op {
            Some(o) => Some(self.eval(o)?),
            None => None,
        };
        // `::` on a name local to the running lambda assigns the local
        let global = (global && !self.is_local(name))
            || (self.frames.is_empty())
            || (index.is_some() && !self.is_local(name) && self.globals.contains_key(name));
        let global = global
            || (op.is_some()
                && !self.is_local(name)
                && !self.frames.is_empty()
                && self.globals.contains_key(name)
                && false);
        match index {
            None => {
                let newv = match &opv {
                    None => rhs,
                    Some(f) => {
                        let old = self.take_var(name, global);
                        let Some(old) = old else {
                            return Err(Signal::Error(name.to_string()));
                        };
                        match fast_join(f, old, &rhs) {
                            Ok(v) => v,
                            Err((old, _)) => {
                                if is_join_prim(f)
                                    && old.is_list()
                                    && !matches!(old, Value::List(_))
                                    && old.type_code() != rhs.type_code().abs()
                                    && !matches!(&rhs, Value::List(l) if l.is_empty())
                                {
                                    self.set_var(name, old, global);
                                    return qerr("type");
                                }
                                let r = self.apply(f, vec![old.clone(), rhs]);
                                match r {
                                    Ok(v) => v,
                                    Err(e) => {
                                        self.set_var(name, old, global);
                                        return Err(e);
                                    }
                                }
                            }
                        }
                    }
                };
                self.set_var(name, newv.clone(), global);
                Ok(if op.is_some() || self.frames.is_empty() {
                    newv
                } else {
                    newv
                })
            }
            Some(idx) => {
                let mut path = Vec::new();
                for a in idx.iter().rev() {
                    path.push(match a {
                        Some(e) => self.eval(e)?,
                        None => Value::Nil,
                    });
                }
                path.reverse();
                let old = match self.take_var(name, global) {
                    Some(v) => v,
                    None => return Err(Signal::Error(name.to_string())),
                };
                match self.amend(old, &path, opv.as_ref().map(|o| (o, false)), rhs.clone()) {
                    Ok(v) => {
                        let r = if opv.is_some() {
                            self.index(&v, &path).unwrap_or(rhs)
                        } else {
                            rhs
                        };
                        self.set_var(name, v, global);
                        Ok(r)
                    }
                    Err((orig, e)) => {
                        self.set_var(name, orig, global);
                        Err(e)
                    }
                }
            }
        }
    }

    /// Amend `target` at `path` with `v` (combined with `op` when given: dyadic
    /// `op[old;v]`, or monadic `op[old]` when the flag is set). On error the target
    /// comes back so the variable is not lost. Amends in place when not shared.
    pub fn amend(
        &mut self,
        mut target: Value,
        path: &[Value],
        op: Option<(&Value, bool)>,
        v: Value,
    ) -> Result<Value, (Value, Signal)> {
        match self.amend_in(&mut target, path, op, v) {
            Ok(()) => {
                crate::q::apply::squeeze(&mut target);
                Ok(target)
            }
            Err(e) => Err((target, e)),
        }
    }

    fn amend_in(
        &mut self,
        target: &mut Value,
        path: &[Value],
        op: Option<(&Value, bool)>,
        v: Value,
    ) -> QResult<()> {
        let Some((first, rest)) = path.split_first() else {
            let old = std::mem::replace(target, Value::Nil);
            let new = match op {
                Some((f, false)) => self.apply(f, vec![old.clone(), v]),
                Some((f, true)) => self.apply(f, vec![old.clone()]),
                None => Ok(v),
            };
            return match new {
                Ok(n) => {
                    *target = n;
                    Ok(())
                }
                Err(e) => {
                    *target = old;
                    Err(e)
                }
            };
        };
        let dict_list_keys = matches!(&*target, Value::Dict(k, _) if matches!(**k, Value::List(_)));
        if let Value::Nil = first {
            let idx: Vec<Value> = match &*target {
                Value::Dict(k, _) => k.items(),
                t => (0..t.count() as i64).map(Value::Long).collect(),
            };
            let n = idx.len();
            let list_v = !v.is_atom() && v.count() == n && op.map(|o| !o.1).unwrap_or(true);
            for (j, i) in idx.into_iter().enumerate() {
                let vj = if list_v { v.item(j) } else { v.clone() };
                self.amend_in(target, &[&[i], rest].concat(), op, vj)?;
            }
            return Ok(());
        }
        if !first.is_atom() && !dict_list_keys && !matches!(target, Value::Table(..)) {
            let idx = first.items();
            let monadic = matches!(op, Some((_, true)));
            let list_v = !monadic && !v.is_atom() && v.count() == idx.len();
            if !monadic && !v.is_atom() && !list_v && rest.is_empty() {
                return qerr("length");
            }
            for (j, i) in idx.into_iter().enumerate() {
                let vj = if list_v { v.item(j) } else { v.clone() };
                self.amend_in(target, &[&[i], rest].concat(), op, vj)?;
            }
            return Ok(());
        }
        match target {
            Value::Dict(k, vals) => {
                match find_key(k, first) {
                    Some(p) => {
                        let vm = Rc::make_mut(vals);
                        let mut old = take_item(vm, p);
                        let r = self.amend_in(&mut old, rest, op, v);
                        put_item(vm, p, old)?;
                        r?;
                    }
                    None => {
                        let mut newv = null_item(vals);
                        self.amend_in(&mut newv, rest, op, v)?;
                        let nk = primitives::list::join(k, &enlist_atom(first))?;
                        let nv = primitives::list::join(vals, &enlist_atom(&newv))?;
                        *k = Rc::new(nk);
                        *vals = Rc::new(nv);
                    }
                }
                Ok(())
            }
            Value::Table(names, cols) => {
                if let Value::Sym(s) = first {
                    match names.iter().position(|n| n == s) {
                        Some(p) => {
                            let cm = Rc::make_mut(cols);
                            let mut old = std::mem::replace(&mut cm[p], Value::Nil);
                            let r = self.amend_in(&mut old, rest, op, v);
                            cm[p] = old;
                            r?;
                        }
                        None => {
                            let mut nv = Value::Nil;
                            self.amend_in(&mut nv, rest, op, v)?;
                            Rc::make_mut(names).push(s.clone());
                            Rc::make_mut(cols).push(nv);
                        }
                    }
                    return Ok(());
                }
                qerr("nyi")
            }
            t if t.is_list() => {
                let i = first.as_i64().ok_or_else(|| Signal::err("type"))?;
                let n = t.count();
                if i < 0 || i as usize >= n {
                    return qerr("index");
                }
                let i = i as usize;
                if rest.is_empty() && op.is_none() {
                    return set_item(t, i, v);
                }
                let mut old = take_item(t, i);
                let r = self.amend_in(&mut old, rest, op, v);
                put_item(t, i, old)?;
                r
            }
            _ => qerr("type"),
        }
    }
}

/// Take item `i` out of a list (general lists leave `::` behind, so no copy is made).
fn take_item(t: &mut Value, i: usize) -> Value {
    match t {
        Value::List(x) => std::mem::replace(&mut Rc::make_mut(x)[i], Value::Nil),
        t => t.item(i),
    }
}

/// Put an item back (a typed vector takes only its own atom type).
fn put_item(t: &mut Value, i: usize, v: Value) -> QResult<()> {
    // a typed vector takes only its own atoms: q answers 'type, not a widened list
    set_item(t, i, v)
}

fn is_join_prim(f: &Value) -> bool {
    matches!(f, Value::Func(g) if matches!(**g, Func::Prim(p) if primitives::is_join(p)))
}

fn enlist_atom(v: &Value) -> Value {
    primitives::list::enlist(v.clone())
}

/// `x,:y` on a typed vector without copying it.
fn fast_join(f: &Value, mut old: Value, y: &Value) -> Result<Value, (Value, ())> {
    let Value::Func(func) = f else {
        return Err((old, ()));
    };
    let Func::Prim(p) = &**func else {
        return Err((old, ()));
    };
    if !primitives::is_join(*p) {
        return Err((old, ()));
    }
    macro_rules! push {
        ($vec:ident, $atom:ident) => {
            match (&mut old, y) {
                (Value::$vec(v), Value::$atom(a)) => {
                    Rc::make_mut(v).push(a.clone());
                    return Ok(old);
                }
                (Value::$vec(v), Value::$vec(a)) => {
                    Rc::make_mut(v).extend(a.iter().cloned());
                    return Ok(old);
                }
                _ => {}
            }
        };
    }
    push!(Longs, Long);
    push!(Floats, Float);
    push!(Chars, Char);
    push!(Syms, Sym);
    push!(Bools, Bool);
    push!(Ints, Int);
    if let Value::List(v) = &mut old {
        if !v.is_empty() {
            match y {
                Value::List(a) => Rc::make_mut(v).extend(a.iter().cloned()),
                a if a.is_atom() => Rc::make_mut(v).push(a.clone()),
                a => Rc::make_mut(v).extend(a.items()),
            }
            return Ok(old);
        }
    }
    Err((old, ()))
}

/// Set item `i` of a list, widening a typed vector to a general list when needed.
pub fn set_item(t: &mut Value, i: usize, v: Value) -> QResult<()> {
    if let (Value::Tms(k, x), Value::Tm(k2, a)) = (&mut *t, &v) {
        return match Rc::make_mut(x).get_mut(i) {
            Some(slot) if k == k2 => {
                *slot = *a;
                Ok(())
            }
            Some(_) => qerr("type"),
            None => qerr("index"),
        };
    }
    macro_rules! set {
        ($($vec:ident $atom:ident),*) => {
            match (&mut *t, v) {
                $((Value::$vec(x), Value::$atom(a)) => {
                    Rc::make_mut(x)[i] = a;
                    return Ok(());
                })*
                (Value::List(x), v) => {
                    Rc::make_mut(x)[i] = v;
                    return Ok(());
                }
                (_, _) => return qerr("type"),
            }
        };
    }
    set!(Bools Bool, Bytes Byte, Shorts Short, Ints Int, Longs Long, Reals Real, Floats Float, Chars Char, Syms Sym)
}
