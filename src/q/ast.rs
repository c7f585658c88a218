//! The syntax tree the parser builds and the evaluator walks.

use std::rc::Rc;

use super::value::{Adverb, Value};

/// One expression.
#[derive(Debug, Clone)]
pub enum Expr {
    /// A literal or a constant function (a primitive).
    Const(Value),
    /// A variable reference.
    Name(String),
    /// A lambda literal.
    Lambda(Rc<Lambda>),
    /// `(a;b;c)`: a list built from its items (evaluated right to left).
    List(Vec<Expr>),
    /// Application `f[a;b]`, `f x`, `x f y`; `None` is an elided argument.
    Apply(Box<Expr>, Vec<Option<Expr>>),
    /// A verb or function modified by an iterator.
    Adverb(Adverb, Box<Expr>),
    /// `name:v`, `name[i]:v`, `name+:v`, `name[i],:v`; `global` for `::`.
    Assign {
        name: String,
        index: Option<Vec<Option<Expr>>>,
        op: Option<Box<Expr>>,
        global: bool,
        value: Box<Expr>,
    },
    /// `:x` early return.
    Return(Box<Expr>),
    /// `'x` signal.
    Signal(Box<Expr>),
    /// `$[c;t;...;f]`.
    Cond(Vec<Expr>),
    /// `if[c;...]`.
    If(Vec<Expr>),
    /// `do[n;...]`.
    Do(Vec<Expr>),
    /// `while[c;...]`.
    While(Vec<Expr>),
    /// Statements separated by `;` inside brackets or a lambda; value of the last.
    Block(Vec<Expr>),
    /// Prefix (monadic) use of a verb: `-x`, `+/x`.
    Prefix(Box<Expr>, Box<Expr>),
    /// `([k:..] c:..; ..)`: key columns and columns.
    TableLit(Vec<(String, Expr)>, Vec<(String, Expr)>),
    /// A composition of functions (`'[f;g]`, or `f g v` ending in a verb).
    Compose(Vec<Expr>),
    /// A qSQL query.
    Query(Rc<Query>),
    /// Nothing (an empty statement): evaluates to `::`.
    Nil,
    /// A literal qlite cannot evaluate (temporal): raises `'nyi`.
    Nyi(String),
}

/// A lambda: parameter names, body statements and its source text.
#[derive(Debug)]
pub struct Lambda {
    pub params: Vec<String>,
    pub body: Vec<Expr>,
    pub src: String,
    /// Names assigned with `:` in the body (the locals).
    pub locals: Vec<String>,
}

/// `select`, `exec`, `update` or `delete`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryKind {
    Select,
    Exec,
    Update,
    Delete,
}

/// A qSQL query: columns `name:expr`, by-columns, the table and where-clauses.
#[derive(Debug)]
pub struct Query {
    pub kind: QueryKind,
    pub cols: Vec<(Option<String>, Expr)>,
    pub by: Vec<(Option<String>, Expr)>,
    pub from: Expr,
    pub wheres: Vec<Expr>,
    /// For `delete`: plain column names to drop.
    pub del_cols: Vec<String>,
}
