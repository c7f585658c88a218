//! The evaluator: walks the syntax tree, keeps globals and lambda frames, applies
//! functions (table-driven for primitives), indexes nouns and amends in place.

use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;

use super::ast::{Expr, Lambda};
use super::error::{qerr, QResult, Signal};
use super::value::{matches, Func, Value};
use super::{adverbs, primitives, query};

/// Maximum lambda call depth before `'stack`.
pub const MAX_DEPTH: usize = 2000;

struct Frame {
    names: Vec<String>,
    vals: Vec<Value>,
    this: Value,
}

/// An interpreter session: globals, frames and console settings.
pub struct Interp {
    pub globals: HashMap<String, Value>,
    frames: Vec<Frame>,
    /// `\P`: significant digits for floats (0 means 17).
    pub precision: usize,
    /// `\c`: console rows and columns.
    pub console: (usize, usize),
    depth: usize,
    /// Seed state for `?` (roll/deal).
    pub rng: u64,
    pub out: Box<dyn Write>,
    /// Keys of dictionaries given the sorted attribute (`` `s#d ``): indexing such a
    /// dictionary is a step function. Held here, by identity, as values carry no attributes.
    pub step_keys: Vec<Rc<Value>>,
}

impl Default for Interp {
    fn default() -> Self {
        Self::new(Box::new(std::io::stdout()))
    }
}

impl Interp {
    /// A fresh session writing console output to `out`.
    pub fn new(out: Box<dyn Write>) -> Interp {
        Interp {
            globals: HashMap::new(),
            frames: Vec::new(),
            precision: 7,
            console: (25, 80),
            depth: 0,
            rng: 0x2545_F491_4F6C_DD1D,
            out,
            step_keys: Vec::new(),
        }
    }

    /// Evaluate statements; the value of the last.
    pub fn eval_block(&mut self, stmts: &[Expr]) -> QResult<Value> {
        let mut last = Value::Nil;
        for s in stmts {
            last = self.eval(s)?;
        }
        Ok(last)
    }

    fn lookup(&self, name: &str) -> QResult<Value> {
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
        if let Some(v) = super::temporal::clock(name) {
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
                super::temporal::field(part, &v).or_else(|| {
                    let t = Value::sym(part);
                    Some(primitives::cast::dollar(&t, &v))
                })
            }
            _ => None,
        }
    }

    /// Take a variable's value out (leaving `::`) so it can be amended without a copy.
    fn take_var(&mut self, name: &str, global: bool) -> Option<Value> {
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

    fn set_var(&mut self, name: &str, v: Value, global: bool) {
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

    fn is_local(&self, name: &str) -> bool {
        self.frames
            .last()
            .map(|f| f.names.iter().any(|n| n == name))
            .unwrap_or(false)
    }

    /// Evaluate one expression.
    pub fn eval(&mut self, e: &Expr) -> QResult<Value> {
        match e {
            Expr::Const(v) => Ok(v.clone()),
            Expr::Nil => Ok(Value::Nil),
            Expr::Nyi(_) => qerr("nyi"),
            Expr::Name(n) => self.lookup(n),
            Expr::Lambda(l) => Ok(Value::func(Func::Lambda(l.clone()))),
            Expr::List(items) => {
                let mut vals = Vec::with_capacity(items.len());
                for it in items.iter().rev() {
                    vals.push(self.eval(it)?);
                }
                vals.reverse();
                Ok(Value::from_items(vals))
            }
            Expr::Block(stmts) => self.eval_block(stmts),
            Expr::Apply(f, args) => {
                let mut vals: Vec<Option<Value>> = Vec::with_capacity(args.len());
                for a in args.iter().rev() {
                    vals.push(match a {
                        Some(a) => Some(self.eval(a)?),
                        None => None,
                    });
                }
                vals.reverse();
                let fv = self.eval(f)?;
                if vals.len() == 1 && vals[0].is_none() {
                    // f[] : call with ::
                    return self.apply(&fv, vec![Value::Nil]);
                }
                if let Value::Func(func) = &fv {
                    if let Func::Lambda(l) = &**func {
                        if vals.len() > l.params.len() {
                            return qerr("rank");
                        }
                    }
                }
                if vals.iter().any(|v| v.is_none()) && (fv.is_func() || matches!(fv, Value::Sym(_)))
                {
                    return Ok(Value::func(Func::Proj(fv, vals)));
                }
                let vals: Vec<Value> = vals.into_iter().map(|v| v.unwrap_or(Value::Nil)).collect();
                // a primitive verb called with one bracketed argument is a projection
                if vals.len() == 1 {
                    if let Value::Func(func) = &fv {
                        if let Func::Prim(p) = &**func {
                            if primitives::bracket_one_projects(*p)
                                && matches!(&**f, Expr::Const(_))
                            {
                                return Ok(Value::func(Func::Proj(
                                    fv.clone(),
                                    vec![vals.into_iter().next(), None],
                                )));
                            }
                        }
                    }
                }
                self.apply(&fv, vals)
            }
            Expr::Prefix(f, x) => {
                let xv = self.eval(x)?;
                let fv = self.eval(f)?;
                self.apply_monad(&fv, xv)
            }
            Expr::Adverb(a, f) => {
                let fv = self.eval(f)?;
                Ok(Value::func(Func::Derived(*a, fv)))
            }
            Expr::Assign {
                name,
                index,
                op,
                global,
                value,
            } => self.assign(name, index.as_deref(), op.as_deref(), *global, value),
            Expr::Return(x) => {
                let v = self.eval(x)?;
                Err(Signal::Return(v))
            }
            Expr::Signal(x) => {
                let v = self.eval(x)?;
                let msg = match &v {
                    Value::Sym(s) => s.to_string(),
                    Value::Chars(_) | Value::Char(_) => v.as_str().unwrap_or_default(),
                    _ => return qerr("type"),
                };
                Err(Signal::Error(msg))
            }
            Expr::Cond(items) => {
                if items.len() < 3 {
                    // $[c;t] is not allowed in q, but 2 items behave as if[c;t] returning ::
                    if items.len() == 2 {
                        if self.eval(&items[0])?.truthy()? {
                            return self.eval(&items[1]);
                        }
                        return Ok(Value::Nil);
                    }
                    return qerr("rank");
                }
                let mut i = 0;
                while i + 1 < items.len() {
                    let c = self.eval(&items[i])?;
                    if cond_true(&c)? {
                        return self.eval(&items[i + 1]);
                    }
                    i += 2;
                }
                if i < items.len() {
                    self.eval(&items[i])
                } else {
                    Ok(Value::Nil)
                }
            }
            Expr::If(items) => {
                let Some(c) = items.first() else {
                    return qerr("rank");
                };
                if cond_true(&self.eval(c)?)? {
                    for s in &items[1..] {
                        self.eval(s)?;
                    }
                }
                Ok(Value::Nil)
            }
            Expr::Do(items) => {
                let Some(c) = items.first() else {
                    return qerr("rank");
                };
                let n = self.eval(c)?.as_i64().ok_or_else(|| Signal::err("type"))?;
                for _ in 0..n.max(0) {
                    for s in &items[1..] {
                        self.eval(s)?;
                    }
                }
                Ok(Value::Nil)
            }
            Expr::While(items) => {
                let Some(c) = items.first() else {
                    return qerr("rank");
                };
                while cond_true(&self.eval(c)?)? {
                    for s in &items[1..] {
                        self.eval(s)?;
                    }
                }
                Ok(Value::Nil)
            }
            Expr::TableLit(keys, cols) => {
                let mk = |me: &mut Interp, cs: &[(String, Expr)]| -> QResult<Value> {
                    let mut names = Vec::new();
                    let mut vals = Vec::new();
                    for (n, e) in cs.iter().rev() {
                        names.push(Rc::from(n.as_str()));
                        vals.push(me.eval(e)?);
                    }
                    names.reverse();
                    vals.reverse();
                    primitives::table::make_table(names, vals)
                };
                let t = mk(self, cols)?;
                if keys.is_empty() {
                    Ok(t)
                } else {
                    let k = mk(self, keys)?;
                    Ok(Value::dict(k, t))
                }
            }
            Expr::Query(q) => query::run(self, q),
            Expr::Compose(fs) => {
                let mut vals = Vec::with_capacity(fs.len());
                for f in fs {
                    vals.push(self.eval(f)?);
                }
                if vals.len() == 1 {
                    return Ok(vals.pop().unwrap_or(Value::Nil));
                }
                Ok(Value::func(Func::Comp(vals)))
            }
        }
    }

    /// Evaluate `e` with table columns (and `i`, the row numbers) bound as locals.
    pub fn eval_with(
        &mut self,
        names: &[Rc<str>],
        cols: &[Value],
        rows: &[usize],
        e: &Expr,
    ) -> QResult<Value> {
        let (mut fnames, mut fvals, this) = match self.frames.last() {
            Some(f) => (f.names.clone(), f.vals.clone(), f.this.clone()),
            None => (Vec::new(), Vec::new(), Value::Nil),
        };
        for (n, c) in names.iter().zip(cols.iter()) {
            fnames.push(n.to_string());
            fvals.push(c.clone());
        }
        fnames.push("i".to_string());
        fvals.push(Value::longs(rows.iter().map(|&r| r as i64).collect()));
        self.frames.push(Frame {
            names: fnames,
            vals: fvals,
            this,
        });
        let r = self.eval(e);
        self.frames.pop();
        r
    }

    /// Parse and evaluate source text in the global context (`value "..."`).
    pub fn eval_str(&mut self, src: &str) -> QResult<Value> {
        let stmts = super::parser::parse(src).map_err(|e| Signal::Error(parse_error_name(&e.0)))?;
        let saved = std::mem::take(&mut self.frames);
        let r = self.eval_block(&stmts);
        self.frames = saved;
        match r {
            Ok(v) => Ok(match stmts.last() {
                Some(Expr::Nil) => Value::Nil,
                _ => v,
            }),
            Err(Signal::Return(v)) => Ok(v),
            Err(e) => Err(e),
        }
    }

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
                        return Ok(super::apply::compose(args));
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

    /// Index a noun at a path of indices (`m[i;j]`).
    pub fn index(&mut self, v: &Value, args: &[Value]) -> QResult<Value> {
        let Some((first, rest)) = args.split_first() else {
            return Ok(v.clone());
        };
        if rest.is_empty() {
            return self.index1(v, first);
        }
        if let Value::Table(..) = v {
            // t[rows;cols]
            let r = self.index1(v, first)?;
            return self.index(&r, rest);
        }
        match first {
            Value::Nil => {
                let items = v.items();
                let mut out = Vec::with_capacity(items.len());
                for it in items {
                    out.push(self.index(&it, rest)?);
                }
                let r = Value::from_items(out);
                Ok(match v {
                    Value::Dict(k, _) => Value::Dict(k.clone(), Rc::new(r)),
                    _ => r,
                })
            }
            i if i.is_atom() => {
                let x = self.index1(v, i)?;
                self.index(&x, rest)
            }
            i => {
                let mut out = Vec::new();
                for ii in i.items() {
                    let x = self.index1(v, &ii)?;
                    out.push(self.index(&x, rest)?);
                }
                Ok(Value::from_items(out))
            }
        }
    }

    /// Index with one index (which may be a list: the result has its shape).
    pub fn index1(&mut self, v: &Value, i: &Value) -> QResult<Value> {
        if let Value::Nil = i {
            if v.is_atom() && !matches!(v, Value::Func(_) | Value::Dict(..) | Value::Table(..)) {
                return qerr("type");
            }
            return Ok(v.clone());
        }
        match v {
            Value::Func(_) => self.apply(v, vec![i.clone()]),
            Value::Dict(k, vals) => {
                if let (Value::Table(..), Value::Table(..)) = (&**k, &**vals) {
                    return primitives::table::keyed_lookup(self, k, vals, i);
                }
                if !self.step_keys.is_empty() && super::apply::is_step(self, k) {
                    return super::apply::step_lookup(k, vals, i);
                }
                if i.is_atom() || (k.is_list() && !matches!(**k, Value::List(_)) && false) {
                    return Ok(match find_key(k, i) {
                        Some(p) => vals.item(p),
                        None => null_item(vals),
                    });
                }
                if let Value::Dict(ik, iv) = i {
                    return Ok(Value::Dict(ik.clone(), Rc::new(self.index1(v, iv)?)));
                }
                // a key that is itself a list (general-list keys)
                if let Value::List(_) = &**k {
                    if let Some(p) = find_key(k, i) {
                        return Ok(vals.item(p));
                    }
                }
                let mut out = Vec::with_capacity(i.count());
                for ii in i.items() {
                    out.push(self.index1(v, &ii)?);
                }
                Ok(Value::from_items(out))
            }
            Value::Table(names, cols) => match i {
                Value::Sym(s) => match names.iter().position(|n| n == s) {
                    Some(p) => Ok(cols[p].clone()),
                    None => Err(Signal::Error(s.to_string())),
                },
                Value::Syms(ss) => {
                    let mut out = Vec::new();
                    for s in ss.iter() {
                        out.push(self.index1(v, &Value::Sym(s.clone()))?);
                    }
                    Ok(Value::list(out))
                }
                i if i.is_atom() => {
                    let n = i.as_i64().ok_or_else(|| Signal::err("type"))?;
                    Ok(v.item(if n < 0 { usize::MAX } else { n as usize }))
                }
                i => {
                    let mut newcols = Vec::new();
                    for c in cols.iter() {
                        newcols.push(self.index1(c, i)?);
                    }
                    Ok(Value::Table(names.clone(), Rc::new(newcols)))
                }
            },
            _ if v.is_list() => index_list(v, i),
            Value::Long(h) if matches!(i, Value::Chars(_) | Value::Char(_) | Value::List(_)) => {
                primitives::sys::write_handle(self, *h, i)
            }
            Value::Int(h) if matches!(i, Value::Chars(_) | Value::Char(_) | Value::List(_)) => {
                primitives::sys::write_handle(self, *h as i64, i)
            }
            _ => qerr("type"),
        }
    }

    fn assign(
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
                super::apply::squeeze(&mut target);
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

/// The error name for a parse problem.
pub fn parse_error_name(msg: &str) -> String {
    match msg.strip_prefix("mismatch ") {
        Some(tok) => tok.to_string(),
        None => "parse".to_string(),
    }
}

fn enlist_atom(v: &Value) -> Value {
    primitives::list::enlist(v.clone())
}

/// A condition for `$[`/if/while: atoms only.
fn cond_true(v: &Value) -> QResult<bool> {
    if !v.is_atom() {
        return qerr("type");
    }
    v.truthy()
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

/// Position of a key in a dictionary's keys.
pub fn find_key(k: &Value, x: &Value) -> Option<usize> {
    match (k, x) {
        (Value::Syms(ks), Value::Sym(s)) => ks.iter().position(|a| a == s),
        (Value::Longs(ks), Value::Long(j)) => ks.iter().position(|a| a == j),
        (Value::Chars(ks), Value::Char(c)) => ks.iter().position(|a| a == c),
        _ => {
            let n = k.count();
            (0..n).find(|&i| matches(&k.item(i), x))
        }
    }
}

fn null_item(vals: &Value) -> Value {
    match vals {
        Value::List(items) => items
            .first()
            .map(|f| {
                if f.is_atom() {
                    f.null_like()
                } else {
                    primitives::list::empty_like(f)
                }
            })
            .unwrap_or(Value::Nil),
        v if v.is_list() => v.null_like(),
        _ => Value::Nil,
    }
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

/// Index a list by an index value of any shape.
pub fn index_list(v: &Value, i: &Value) -> QResult<Value> {
    let n = v.count();
    let at = |j: i64| -> usize {
        if j < 0 || j as usize >= n {
            usize::MAX
        } else {
            j as usize
        }
    };
    macro_rules! gather {
        ($idx:expr) => {
            match v {
                Value::Longs(x) => Value::longs(
                    $idx.map(|j| x.get(at(j)).copied().unwrap_or(super::value::NJ))
                        .collect(),
                ),
                Value::Floats(x) => Value::floats(
                    $idx.map(|j| x.get(at(j)).copied().unwrap_or(f64::NAN))
                        .collect(),
                ),
                Value::Chars(x) => Value::chars(
                    $idx.map(|j| x.get(at(j)).copied().unwrap_or(b' '))
                        .collect(),
                ),
                Value::Syms(x) => Value::syms(
                    $idx.map(|j| x.get(at(j)).cloned().unwrap_or_else(|| Rc::from("")))
                        .collect(),
                ),
                Value::Bools(x) => Value::bools(
                    $idx.map(|j| x.get(at(j)).copied().unwrap_or(false))
                        .collect(),
                ),
                Value::List(_) => {
                    let items: Vec<Value> = $idx.map(|j| v.item(at(j))).collect();
                    Value::from_items(items)
                }
                _ => {
                    let items: Vec<Value> = $idx.map(|j| v.item(at(j))).collect();
                    if items.is_empty() {
                        // an empty selection keeps the list's type
                        primitives::list::take(&Value::Long(0), v)?
                    } else {
                        Value::from_items(items)
                    }
                }
            }
        };
    }
    match i {
        Value::Longs(ix) => Ok(gather!(ix.iter().copied())),
        Value::Ints(ix) => Ok(gather!(ix.iter().map(|&j| j as i64))),
        Value::Shorts(ix) => Ok(gather!(ix.iter().map(|&j| j as i64))),
        Value::Bools(ix) => Ok(gather!(ix.iter().map(|&j| j as i64))),
        Value::Bytes(ix) => Ok(gather!(ix.iter().map(|&j| j as i64))),
        Value::List(items) => {
            let mut out = Vec::with_capacity(items.len());
            for it in items.iter() {
                out.push(index_list(v, it)?);
            }
            Ok(Value::from_items_keep(out, items.is_empty(), v))
        }
        Value::Dict(k, iv) => Ok(Value::Dict(k.clone(), Rc::new(index_list(v, iv)?))),
        a if a.is_atom() => match a.as_i64() {
            Some(j) => Ok(v.item(at(j))),
            None => qerr("type"),
        },
        _ => qerr("type"),
    }
}

impl Value {
    /// `from_items`, but an empty index gives an empty list of the source's type.
    pub fn from_items_keep(items: Vec<Value>, empty: bool, src: &Value) -> Value {
        if empty {
            return primitives::list::empty_like(src);
        }
        Value::from_items(items)
    }
}
