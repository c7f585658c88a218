//! The evaluator: the session state and the walk over the syntax tree (eval, eval_with, eval_str).

mod assign;
mod call;
mod index;
mod scope;

pub use assign::set_item;
pub use index::{find_key, index_list};

use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;

use super::ast::Expr;
use super::error::{qerr, QResult, Signal};
use super::value::{Func, Value};
use super::{primitives, query};

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
}

/// The error name for a parse problem.
pub fn parse_error_name(msg: &str) -> String {
    match msg.strip_prefix("mismatch ") {
        Some(tok) => tok.to_string(),
        None => "parse".to_string(),
    }
}

/// A condition for `$[`/if/while: atoms only.
fn cond_true(v: &Value) -> QResult<bool> {
    if !v.is_atom() {
        return qerr("type");
    }
    v.truthy()
}
