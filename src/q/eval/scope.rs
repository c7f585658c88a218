//! Variables: lookup of globals, locals, primitives and dotted names; taking and setting them.

use super::Interp;
use crate::q::error::{QResult, Signal};
use crate::q::primitives;
use crate::q::value::{Func, Value};

impl Interp {
    /// A name's value: local, global, primitive, system constant, clock or dotted part.
    pub(super) fn lookup(&self, name: &str) -> QResult<Value> {
        if let Some(f) = self.frames.last() {
            if let Some(i) = f.names.iter().position(|n| n == name) {
                return Ok(f.vals[i].clone());
            }
            if name == ".z.s" {
                return Ok(f.this.clone());
            }
        }
        if let Some(v) = self.globals.get(name) {
            return Ok(v.clone());
        }
        if let Some(p) = primitives::lookup(name) {
            return Ok(Value::func(Func::Prim(p)));
        }
        if let Some(v) = primitives::sys::constant(name) {
            return Ok(v);
        }
        if let Some(v) = crate::q::temporal::clock(name) {
            return Ok(v);
        }
        if let Some(v) = self.dotted(name) {
            return v;
        }
        Err(Signal::Error(name.to_string()))
    }

    /// `t.c`, a column of a table variable, and `d.year`, `p.date`..., a part of a
    /// temporal variable.
    fn dotted(&self, name: &str) -> Option<QResult<Value>> {
        let (var, part) = name.rsplit_once('.')?;
        if var.is_empty() || part.is_empty() {
            return None;
        }
        match self.lookup(var).ok()? {
            Value::Table(names, cols) => {
                let i = names.iter().position(|n| &**n == part)?;
                Some(Ok(cols[i].clone()))
            }
            v @ (Value::Tm(..) | Value::Tms(..)) => {
                crate::q::temporal::field(part, &v).or_else(|| {
                    let t = Value::sym(part);
                    Some(primitives::cast::dollar(&t, &v))
                })
            }
            _ => None,
        }
    }

    /// Take a variable's value out (leaving `::`) so it can be amended without a copy.
    pub(super) fn take_var(&mut self, name: &str, global: bool) -> Option<Value> {
        if !global {
            if let Some(f) = self.frames.last_mut() {
                if let Some(i) = f.names.iter().position(|n| n == name) {
                    return Some(std::mem::replace(&mut f.vals[i], Value::Nil));
                }
            }
        }
        self.globals
            .get_mut(name)
            .map(|v| std::mem::replace(v, Value::Nil))
    }

    /// Bind a name: in the current frame unless `global` or there is none.
    pub(super) fn set_var(&mut self, name: &str, v: Value, global: bool) {
        if !global {
            if let Some(f) = self.frames.last_mut() {
                if let Some(i) = f.names.iter().position(|n| n == name) {
                    f.vals[i] = v;
                    return;
                }
                f.names.push(name.to_string());
                f.vals.push(v);
                return;
            }
        }
        self.globals.insert(name.to_string(), v);
    }

    /// Whether the name is bound in the current lambda frame.
    pub(super) fn is_local(&self, name: &str) -> bool {
        self.frames
            .last()
            .map(|f| f.names.iter().any(|n| n == name))
            .unwrap_or(false)
    }
}
