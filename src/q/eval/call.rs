//! Applying values: primitives, lambdas (with their frames), projections, compositions and nouns.

use std::rc::Rc;

use super::{Frame, Interp, MAX_DEPTH};
use crate::q::ast::{Expr, Lambda};
use crate::q::error::{qerr, QResult, Signal};
use crate::q::value::{Func, Value};
use crate::q::{adverbs, primitives};

impl Interp {
    /// Apply a function (or index a noun) monadically, as in prefix position.
    pub fn apply_monad(&mut self, f: &Value, x: Value) -> QResult<Value> {
        if let Value::Func(func) = f {
            if let Func::Prim(p) = &**func {
                return primitives::call_monad(self, *p, x);
            }
        }
        self.apply(f, vec![x])
    }

    /// Apply any value to arguments: call functions, index nouns.
    pub fn apply(&mut self, f: &Value, args: Vec<Value>) -> QResult<Value> {
        match f {
            Value::Func(func) => match &**func {
                Func::Prim(p) => primitives::call(self, *p, args),
                Func::Lambda(l) => {
                    let n = l.params.len();
                    if args.len() > n {
                        return qerr("rank");
                    }
                    if args.len() < n {
                        let mut slots: Vec<Option<Value>> = args.into_iter().map(Some).collect();
                        slots.resize(n, None);
                        return Ok(Value::func(Func::Proj(f.clone(), slots)));
                    }
                    self.call_lambda(f, l, args)
                }
                Func::Proj(g, fixed) => {
                    let mut full = Vec::with_capacity(fixed.len() + args.len());
                    let mut it = args.into_iter();
                    for s in fixed {
                        match s {
                            Some(v) => full.push(Some(v.clone())),
                            None => full.push(it.next()),
                        }
                    }
                    for extra in it {
                        full.push(Some(extra));
                    }
                    if full.iter().any(|v| v.is_none()) {
                        return Ok(Value::func(Func::Proj(g.clone(), full)));
                    }
                    let full: Vec<Value> =
                        full.into_iter().map(|v| v.unwrap_or(Value::Nil)).collect();
                    self.apply(g, full)
                }
                Func::Comp(fs) => {
                    let Some((last, rest)) = fs.split_last() else {
                        // the compose operator itself (`'[;]`): build the composition
                        return Ok(crate::q::apply::compose(args));
                    };
                    let mut r = self.apply(last, args)?;
                    for g in rest.iter().rev() {
                        r = self.apply_monad(g, r)?;
                    }
                    Ok(r)
                }
                Func::Derived(a, g) => adverbs::apply(self, *a, g, args),
            },
            Value::Nil => Ok(args.into_iter().next().unwrap_or(Value::Nil)),
            Value::Sym(s) if !s.is_empty() => {
                let g = self.lookup(s)?;
                if g.is_func() {
                    self.apply(&g, args)
                } else {
                    self.index(&g, &args)
                }
            }
            _ => self.index(f, &args),
        }
    }

    fn call_lambda(&mut self, me: &Value, l: &Rc<Lambda>, args: Vec<Value>) -> QResult<Value> {
        if self.depth >= MAX_DEPTH {
            return qerr("stack");
        }
        self.depth += 1;
        let mut names = l.params.clone();
        let mut vals = args;
        // a name assigned in the body is local from the start: before its assignment
        // runs it reads as the empty list, never as a global of the same name
        for loc in &l.locals {
            if !names.contains(loc) {
                names.push(loc.clone());
                vals.push(Value::list(Vec::new()));
            }
        }
        self.frames.push(Frame {
            names,
            vals,
            this: me.clone(),
        });
        let r = self.eval_block(&l.body);
        self.frames.pop();
        self.depth -= 1;
        match r {
            Ok(v) => Ok(match l.body.last() {
                Some(Expr::Nil) => Value::Nil,
                _ => v,
            }),
            Err(Signal::Return(v)) => Ok(v),
            Err(e) => Err(e),
        }
    }
}
