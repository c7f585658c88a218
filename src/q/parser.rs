//! Builds the syntax tree from tokens: terms (nouns and verbs, with brackets and
//! iterators bound to their left) are combined right to left.

use std::rc::Rc;

use super::ast::{Expr, Lambda, Query, QueryKind};
use super::lexer::{lex, Tok, Token};
use super::primitives;
use super::value::{Adverb, Value};

/// A parse problem (reported to the user as `'parse`-style errors).
#[derive(Debug)]
pub struct ParseError(pub String);

/// Parse a whole console line or script chunk into its top-level statements.
pub fn parse(src: &str) -> Result<Vec<Expr>, ParseError> {
    let toks = lex(src).map_err(|e| ParseError(e.0))?;
    let mut p = Parser {
        toks,
        i: 0,
        src,
        lambdas: Vec::new(),
        depth: 0,
    };
    let stmts = p.statements()?;
    if p.i < p.toks.len() {
        if let Some(e) = mismatch(p.peek()) {
            return Err(e);
        }
        return Err(ParseError(format!("unexpected {:?}", p.toks[p.i].tok)));
    }
    Ok(stmts)
}

#[derive(Debug)]
enum Kind {
    Noun,
    Verb,
    Colon,
    DColon,
    VerbAssign(#[allow(dead_code)] String),
    SignalMark,
}

struct Term {
    e: Expr,
    kind: Kind,
}

struct Parser<'a> {
    toks: Vec<Token>,
    i: usize,
    src: &'a str,
    lambdas: Vec<Vec<String>>,
    depth: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Normal,
    /// Inside a qSQL clause: a top-level `,` and the words by/from/where stop.
    Query,
}

const MAX_DEPTH: usize = 400;

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.i).map(|t| &t.tok)
    }

    fn statements(&mut self) -> Result<Vec<Expr>, ParseError> {
        let mut out = vec![self.expr(Mode::Normal)?];
        while let Some(Tok::Semi) = self.peek() {
            self.i += 1;
            out.push(self.expr(Mode::Normal)?);
        }
        Ok(out)
    }

    fn at_stop(&self, mode: Mode) -> bool {
        match self.peek() {
            None | Some(Tok::Semi | Tok::RParen | Tok::RBracket | Tok::RBrace) => true,
            Some(Tok::Verb(v)) if mode == Mode::Query && v == "," => true,
            Some(Tok::Name(n))
                if mode == Mode::Query && matches!(n.as_str(), "by" | "from" | "where") =>
            {
                true
            }
            _ => false,
        }
    }

    fn expr(&mut self, mode: Mode) -> Result<Expr, ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError("nesting too deep".into()));
        }
        let mut terms: Vec<Term> = Vec::new();
        while !self.at_stop(mode) {
            let t = self.term(&terms)?;
            terms.push(t);
        }
        self.depth -= 1;
        self.build(terms)
    }

    /// Bracketed arguments after `[`: `None` for an empty slot.
    fn args(&mut self) -> Result<Vec<Option<Expr>>, ParseError> {
        // at '['
        self.i += 1;
        let mut out = Vec::new();
        loop {
            let e = self.expr(Mode::Normal)?;
            out.push(match e {
                Expr::Nil => None,
                e => Some(e),
            });
            match self.peek() {
                Some(Tok::Semi) => self.i += 1,
                Some(Tok::RBracket) => {
                    self.i += 1;
                    break;
                }
                _ => return Err(ParseError("expected ]".into())),
            }
        }
        Ok(out)
    }

    fn exprs_in_brackets(&mut self) -> Result<Vec<Expr>, ParseError> {
        Ok(self
            .args()?
            .into_iter()
            .map(|a| a.unwrap_or(Expr::Nil))
            .collect())
    }

    fn term(&mut self, prev: &[Term]) -> Result<Term, ParseError> {
        let tok = self.toks[self.i].clone();
        self.i += 1;
        let mut t = match tok.tok {
            Tok::Num(v) => Term {
                e: Expr::Const(v),
                kind: Kind::Noun,
            },
            Tok::Nyi(s) => Term {
                e: Expr::Nyi(s),
                kind: Kind::Noun,
            },
            Tok::Str(s) => Term {
                e: Expr::Const(if s.len() == 1 {
                    Value::Char(s[0])
                } else {
                    Value::chars(s)
                }),
                kind: Kind::Noun,
            },
            Tok::Syms(s, vec) => Term {
                e: Expr::Const(if vec {
                    Value::syms(s)
                } else {
                    Value::Sym(s.into_iter().next().unwrap_or_else(|| Rc::from("")))
                }),
                kind: Kind::Noun,
            },
            Tok::Name(n) => {
                let next_bracket = matches!(self.peek(), Some(Tok::LBracket));
                match n.as_str() {
                    "if" if next_bracket => Term {
                        e: Expr::If(self.exprs_in_brackets()?),
                        kind: Kind::Noun,
                    },
                    "do" if next_bracket => Term {
                        e: Expr::Do(self.exprs_in_brackets()?),
                        kind: Kind::Noun,
                    },
                    "while" if next_bracket => Term {
                        e: Expr::While(self.exprs_in_brackets()?),
                        kind: Kind::Noun,
                    },
                    "select" | "exec" | "update" | "delete" if !next_bracket => Term {
                        e: self.query(&n)?,
                        kind: Kind::Noun,
                    },
                    _ => match primitives::lookup(&n) {
                        Some(p) => Term {
                            e: Expr::Const(Value::func(super::value::Func::Prim(p))),
                            kind: if primitives::is_infix_word(p) {
                                Kind::Verb
                            } else {
                                Kind::Noun
                            },
                        },
                        None => Term {
                            e: Expr::Name(n),
                            kind: Kind::Noun,
                        },
                    },
                }
            }
            Tok::Verb(v) => {
                if v == "$"
                    && matches!(self.peek(), Some(Tok::LBracket))
                    && !self.toks[self.i].space
                {
                    Term {
                        e: Expr::Cond(self.exprs_in_brackets()?),
                        kind: Kind::Noun,
                    }
                } else {
                    let p = primitives::lookup(&v)
                        .ok_or_else(|| ParseError(format!("unknown verb {v}")))?;
                    Term {
                        e: Expr::Const(Value::func(super::value::Func::Prim(p))),
                        kind: Kind::Verb,
                    }
                }
            }
            Tok::VerbAssign(v)
                if !prev
                    .last()
                    .map(|t| matches!(t.kind, Kind::Noun) && is_target(&t.e))
                    .unwrap_or(false) =>
            {
                // `|:` with nothing assignable on its left is the verb's monadic form
                let word = monadic_word(&v);
                let p = primitives::lookup(word)
                    .ok_or_else(|| ParseError(format!("unknown verb {v}")))?;
                Term {
                    e: Expr::Const(Value::func(super::value::Func::Prim(p))),
                    kind: Kind::Verb,
                }
            }
            Tok::VerbAssign(v) => {
                let p = primitives::lookup(&v)
                    .ok_or_else(|| ParseError(format!("unknown verb {v}")))?;
                Term {
                    e: Expr::Const(Value::func(super::value::Func::Prim(p))),
                    kind: Kind::VerbAssign(v),
                }
            }
            Tok::Colon => Term {
                e: Expr::Const(Value::func(super::value::Func::Prim(primitives::colon()))),
                kind: Kind::Colon,
            },
            Tok::DColon => Term {
                e: Expr::Const(Value::Nil),
                kind: Kind::DColon,
            },
            Tok::Adverb(a) => {
                if matches!(self.peek(), Some(Tok::LBracket)) && !self.toks[self.i].space {
                    let mut fs = self.exprs_in_brackets()?;
                    match (a, fs.len()) {
                        // `'[f]`, `/[f]`, `\[f]`: the iterator applied to f with brackets
                        (_, 1) => Term {
                            e: Expr::Adverb(a, Box::new(fs.remove(0))),
                            kind: Kind::Verb,
                        },
                        // `'[;]`, `'[f;]`: the compose operator with elided functions projects
                        (Adverb::Each, _) if fs.iter().any(|f| matches!(f, Expr::Nil)) => Term {
                            e: Expr::Apply(
                                Box::new(Expr::Const(super::apply::compose_op())),
                                fs.into_iter()
                                    .map(|f| match f {
                                        Expr::Nil => None,
                                        f => Some(f),
                                    })
                                    .collect(),
                            ),
                            kind: Kind::Noun,
                        },
                        (Adverb::Each, _) => Term {
                            e: Expr::Compose(fs),
                            kind: Kind::Noun,
                        },
                        _ => return Err(ParseError(format!("iterator {} rank", a.glyph()))),
                    }
                } else if a == Adverb::Each {
                    Term {
                        e: Expr::Nil,
                        kind: Kind::SignalMark,
                    }
                } else {
                    // an iterator with nothing to its left: apply to nothing (error at run time)
                    let _ = prev;
                    return Err(ParseError(format!(
                        "iterator {} without a function",
                        a.glyph()
                    )));
                }
            }
            Tok::LParen => {
                if matches!(self.peek(), Some(Tok::LBracket)) {
                    Term {
                        e: self.table_literal()?,
                        kind: Kind::Noun,
                    }
                } else {
                    let mut items = Vec::new();
                    let mut semis = false;
                    loop {
                        items.push(self.expr(Mode::Normal)?);
                        match self.peek() {
                            Some(Tok::Semi) => {
                                semis = true;
                                self.i += 1;
                            }
                            Some(Tok::RParen) => {
                                self.i += 1;
                                break;
                            }
                            _ => {
                                return Err(mismatch(self.peek())
                                    .unwrap_or(ParseError("expected )".into())))
                            }
                        }
                    }
                    if !semis {
                        let e = items.pop().unwrap_or(Expr::Nil);
                        match e {
                            Expr::Nil => Term {
                                e: Expr::Const(Value::list(vec![])),
                                kind: Kind::Noun,
                            },
                            e @ Expr::Assign { .. } => Term {
                                e: Expr::Block(vec![e]),
                                kind: Kind::Noun,
                            },
                            e => Term {
                                e,
                                kind: Kind::Noun,
                            },
                        }
                    } else if items.iter().any(|e| matches!(e, Expr::Nil)) {
                        // `(a;;c)`: a list with elided items is a projection of enlist
                        Term {
                            e: list_projection(items),
                            kind: Kind::Noun,
                        }
                    } else {
                        Term {
                            e: Expr::List(items),
                            kind: Kind::Noun,
                        }
                    }
                }
            }
            Tok::LBrace => Term {
                e: self.lambda(tok.pos)?,
                kind: Kind::Noun,
            },
            Tok::LBracket => {
                // a bare bracket block: evaluate statements, value of the last
                self.i -= 1;
                let stmts = self.exprs_in_brackets()?;
                Term {
                    e: Expr::Block(stmts),
                    kind: Kind::Noun,
                }
            }
            Tok::RParen | Tok::RBracket | Tok::RBrace | Tok::Semi => {
                return Err(ParseError("unexpected closing bracket".into()))
            }
        };
        // postfix: brackets and iterators
        loop {
            match self.peek() {
                Some(Tok::LBracket)
                    if !matches!(
                        t.kind,
                        Kind::Colon | Kind::DColon | Kind::VerbAssign(_) | Kind::SignalMark
                    ) =>
                {
                    let args = self.args()?;
                    let kind = match t.kind {
                        Kind::Verb => Kind::Noun,
                        k => k,
                    };
                    t = Term {
                        e: Expr::Apply(Box::new(t.e), args),
                        kind,
                    };
                }
                Some(Tok::Adverb(a))
                    if !self.toks[self.i].space && !matches!(t.kind, Kind::SignalMark) =>
                {
                    let a = *a;
                    self.i += 1;
                    let e = match t.kind {
                        Kind::Colon => {
                            Expr::Const(Value::func(super::value::Func::Prim(primitives::colon())))
                        }
                        _ => t.e,
                    };
                    t = Term {
                        e: Expr::Adverb(a, Box::new(e)),
                        kind: Kind::Verb,
                    };
                }
                _ => break,
            }
        }
        Ok(t)
    }

    fn lambda(&mut self, start: usize) -> Result<Expr, ParseError> {
        let mut params: Option<Vec<String>> = None;
        if matches!(self.peek(), Some(Tok::LBracket)) {
            self.i += 1;
            let mut ps = Vec::new();
            loop {
                match self.peek() {
                    Some(Tok::Name(n)) => {
                        ps.push(n.clone());
                        self.i += 1;
                    }
                    Some(Tok::Semi) => self.i += 1,
                    Some(Tok::RBracket) => {
                        self.i += 1;
                        break;
                    }
                    _ => return Err(ParseError("bad parameter list".into())),
                }
            }
            params = Some(ps);
        }
        let body_start = self.i;
        self.lambdas.push(Vec::new());
        let body = self.statements()?;
        let locals = self.lambdas.pop().unwrap_or_default();
        let end = match self.toks.get(self.i) {
            Some(Token {
                tok: Tok::RBrace,
                pos,
                ..
            }) => *pos,
            _ => return Err(mismatch(self.peek()).unwrap_or(ParseError("expected }".into()))),
        };
        let body_end = self.i;
        self.i += 1;
        let params = match params {
            Some(p) => p,
            None => {
                // implicit x, y, z: the highest one used decides the rank
                let mut rank = 1;
                let mut depth = 0;
                for t in &self.toks[body_start..body_end] {
                    match &t.tok {
                        Tok::LBrace => depth += 1,
                        Tok::RBrace => depth -= 1,
                        Tok::Name(n) if depth == 0 => {
                            let r = match n.as_str() {
                                "x" => 1,
                                "y" => 2,
                                "z" => 3,
                                _ => 0,
                            };
                            rank = rank.max(r);
                        }
                        _ => {}
                    }
                }
                ["x", "y", "z"][..rank]
                    .iter()
                    .map(|s| s.to_string())
                    .collect()
            }
        };
        let src = self.src.get(start..=end).unwrap_or("{..}").to_string();
        Ok(Expr::Lambda(Rc::new(Lambda {
            params,
            body,
            src,
            locals,
        })))
    }

    fn table_literal(&mut self) -> Result<Expr, ParseError> {
        // at '[' after '('
        let keys = self.named_cols_in_brackets()?;
        let mut cols = Vec::new();
        loop {
            match self.peek() {
                Some(Tok::RParen) => {
                    self.i += 1;
                    break;
                }
                Some(Tok::Semi) => self.i += 1,
                None => return Err(ParseError("expected )".into())),
                _ => cols.push(self.named_expr_progress(Mode::Normal)?),
            }
        }
        let name = |cs: Vec<(Option<String>, Expr)>| -> Vec<(String, Expr)> {
            cs.into_iter()
                .enumerate()
                .map(|(i, (n, e))| (n.unwrap_or_else(|| implied_name(&e, i)), e))
                .collect()
        };
        Ok(Expr::TableLit(name(keys), name(cols)))
    }

    fn named_cols_in_brackets(&mut self) -> Result<Vec<(Option<String>, Expr)>, ParseError> {
        self.i += 1;
        let mut out = Vec::new();
        loop {
            match self.peek() {
                Some(Tok::RBracket) => {
                    self.i += 1;
                    break;
                }
                Some(Tok::Semi) => self.i += 1,
                None => return Err(ParseError("expected ]".into())),
                _ => out.push(self.named_expr_progress(Mode::Normal)?),
            }
        }
        Ok(out)
    }

    /// `named_expr` that must consume at least one token (so loops always advance).
    fn named_expr_progress(&mut self, mode: Mode) -> Result<(Option<String>, Expr), ParseError> {
        let start = self.i;
        let r = self.named_expr(mode)?;
        if self.i == start {
            return Err(ParseError("unexpected token".into()));
        }
        Ok(r)
    }

    fn named_expr(&mut self, mode: Mode) -> Result<(Option<String>, Expr), ParseError> {
        if let (Some(Tok::Name(n)), Some(Tok::Colon)) =
            (self.peek(), self.toks.get(self.i + 1).map(|t| &t.tok))
        {
            let n = n.clone();
            self.i += 2;
            let e = self.expr(mode)?;
            return Ok((Some(n), e));
        }
        Ok((None, self.expr(mode)?))
    }

    fn query(&mut self, word: &str) -> Result<Expr, ParseError> {
        let kind = match word {
            "select" => QueryKind::Select,
            "exec" => QueryKind::Exec,
            "update" => QueryKind::Update,
            _ => QueryKind::Delete,
        };
        let is_word = |p: &Parser, w: &str| matches!(p.peek(), Some(Tok::Name(n)) if n == w);
        let mut cols = Vec::new();
        let mut del_cols = Vec::new();
        let clause = |p: &mut Parser,
                      out: &mut Vec<(Option<String>, Expr)>|
         -> Result<(), ParseError> {
            loop {
                if p.at_stop(Mode::Query) && !matches!(p.peek(), Some(Tok::Verb(v)) if v == ",") {
                    break;
                }
                if matches!(p.peek(), Some(Tok::Verb(v)) if v == ",") {
                    p.i += 1;
                    continue;
                }
                out.push(p.named_expr_progress(Mode::Query)?);
            }
            Ok(())
        };
        if kind == QueryKind::Delete {
            while let Some(Tok::Name(n)) = self.peek() {
                if n == "from" {
                    break;
                }
                del_cols.push(n.clone());
                self.i += 1;
                if matches!(self.peek(), Some(Tok::Verb(v)) if v == ",") {
                    self.i += 1;
                }
            }
        } else {
            clause(self, &mut cols)?;
        }
        let mut by = Vec::new();
        if is_word(self, "by") {
            self.i += 1;
            clause(self, &mut by)?;
        }
        if !is_word(self, "from") {
            return Err(ParseError("expected from".into()));
        }
        self.i += 1;
        // the table: an expression up to `where`
        let mut terms = Vec::new();
        while !self.at_stop(Mode::Normal) && !is_word(self, "where") {
            let t = self.term(&terms)?;
            terms.push(t);
        }
        let from = self.build(terms)?;
        let mut wheres = Vec::new();
        if is_word(self, "where") {
            self.i += 1;
            let mut w = Vec::new();
            clause(self, &mut w)?;
            wheres = w.into_iter().map(|(_, e)| e).collect();
        }
        Ok(Expr::Query(Rc::new(Query {
            kind,
            cols,
            by,
            from,
            wheres,
            del_cols,
        })))
    }

    fn build(&mut self, mut terms: Vec<Term>) -> Result<Expr, ParseError> {
        if terms.is_empty() {
            return Ok(Expr::Nil);
        }
        // assignment forms
        if terms.len() >= 2 {
            let assign = matches!(
                terms[1].kind,
                Kind::Colon | Kind::DColon | Kind::VerbAssign(_)
            );
            let target = match &terms[0].e {
                Expr::Name(n) => Some((n.clone(), None)),
                Expr::Apply(f, args) => match &**f {
                    Expr::Name(n) if matches!(terms[0].kind, Kind::Noun) => {
                        Some((n.clone(), Some(args.clone())))
                    }
                    _ => None,
                },
                _ => None,
            };
            if assign && matches!(terms[0].kind, Kind::Noun) {
                if let Some((name, index)) = target {
                    let rest: Vec<Term> = terms.drain(2..).collect();
                    let op_term = terms.pop();
                    let value = self.build(rest)?;
                    let (op, global) = match op_term.map(|t| (t.kind, t.e)) {
                        Some((Kind::VerbAssign(_), e)) => (Some(Box::new(e)), false),
                        Some((Kind::DColon, _)) => (None, true),
                        _ => (None, false),
                    };
                    // plain `name:v` makes a local; `name[i]:v` and `name+:v` may amend a global
                    if !global && index.is_none() && op.is_none() {
                        if let Some(l) = self.lambdas.last_mut() {
                            if !l.contains(&name) {
                                l.push(name.clone());
                            }
                        }
                    }
                    return Ok(Expr::Assign {
                        name,
                        index,
                        op,
                        global,
                        value: Box::new(value),
                    });
                }
            }
        }
        let first = terms.remove(0);
        match first.kind {
            Kind::SignalMark => {
                let rest = self.build(terms)?;
                Ok(Expr::Signal(Box::new(rest)))
            }
            Kind::Colon if !terms.is_empty() => {
                let rest = self.build(terms)?;
                Ok(Expr::Return(Box::new(rest)))
            }
            Kind::Verb | Kind::Colon | Kind::VerbAssign(_) | Kind::DColon => {
                if terms.is_empty() {
                    return Ok(first.e);
                }
                let rest = self.build(terms)?;
                Ok(Expr::Prefix(Box::new(first.e), Box::new(rest)))
            }
            Kind::Noun => {
                if terms.len() == 1 && matches!(terms[0].kind, Kind::DColon) {
                    // `3 ::`: a trailing `::` after a noun is the identity, not an index
                    return Ok(first.e);
                }
                if terms.is_empty() {
                    return Ok(first.e);
                }
                if matches!(terms[0].kind, Kind::Verb | Kind::Colon) {
                    let verb = terms.remove(0);
                    if terms.is_empty() {
                        return Ok(Expr::Apply(Box::new(verb.e), vec![Some(first.e), None]));
                    }
                    if matches!(terms.last().map(|t| &t.kind), Some(Kind::Verb)) {
                        // `x v w` with w ending in a verb with nothing right of it: `'[x v;w]`
                        let w = self.build(terms)?;
                        let left = Expr::Apply(Box::new(verb.e), vec![Some(first.e), None]);
                        return Ok(Expr::Compose(vec![left, w]));
                    }
                    let rest = self.build(terms)?;
                    return Ok(Expr::Apply(
                        Box::new(verb.e),
                        vec![Some(first.e), Some(rest)],
                    ));
                }
                // `f g v`: a train ending in a verb with no right argument composes
                let n = terms.len();
                if n >= 2
                    && matches!(terms[n - 1].kind, Kind::Verb)
                    && matches!(terms[n - 2].kind, Kind::Noun)
                    && terms[..n - 1].iter().all(|t| matches!(t.kind, Kind::Noun))
                {
                    let verb = terms.pop().map(|t| t.e).unwrap_or(Expr::Nil);
                    let last = terms.pop().map(|t| t.e).unwrap_or(Expr::Nil);
                    let mut fs = vec![first.e];
                    fs.extend(terms.into_iter().map(|t| t.e));
                    fs.push(Expr::Apply(Box::new(verb), vec![Some(last), None]));
                    return Ok(Expr::Compose(fs));
                }
                let rest = self.build(terms)?;
                Ok(Expr::Apply(Box::new(first.e), vec![Some(rest)]))
            }
        }
    }
}

/// A closing bracket where another was expected: q names the stray token (`')`).
fn mismatch(t: Option<&Tok>) -> Option<ParseError> {
    let c = match t? {
        Tok::RParen => ")",
        Tok::RBracket => "]",
        Tok::RBrace => "}",
        _ => return None,
    };
    Some(ParseError(format!("mismatch {c}")))
}

fn list_projection(items: Vec<Expr>) -> Expr {
    let enlist = primitives::lookup("enlist").unwrap_or(0);
    let args = items
        .into_iter()
        .map(|e| match e {
            Expr::Nil => None,
            e => Some(e),
        })
        .collect();
    Expr::Apply(
        Box::new(Expr::Const(Value::func(super::value::Func::Prim(enlist)))),
        args,
    )
}

fn is_target(e: &Expr) -> bool {
    match e {
        Expr::Name(_) => true,
        Expr::Apply(f, _) => matches!(**f, Expr::Name(_)),
        _ => false,
    }
}

fn monadic_word(v: &str) -> &'static str {
    match v {
        "+" => "flip",
        "-" => "neg",
        "*" => "first",
        "%" => "reciprocal",
        "!" => "key",
        "&" => "where",
        "|" => "reverse",
        "<" => "iasc",
        ">" => "idesc",
        "=" => "group",
        "~" => "not",
        "," => "enlist",
        "^" => "null",
        "#" => "count",
        "_" => "floor",
        "?" => "distinct",
        "@" => "type",
        "." => "value",
        "$" => "string",
        _ => ":",
    }
}

fn implied_name(e: &Expr, i: usize) -> String {
    match e {
        Expr::Name(n) => n.rsplit('.').next().unwrap_or(n).to_string(),
        Expr::Apply(_, args) => {
            for a in args.iter().rev().flatten() {
                if let Expr::Name(n) = a {
                    return n.clone();
                }
            }
            if let Some(Some(a)) = args.last() {
                return implied_name(a, i);
            }
            if i == 0 {
                "x".into()
            } else {
                format!("x{i}")
            }
        }
        _ => {
            if i == 0 {
                "x".into()
            } else {
                format!("x{i}")
            }
        }
    }
}
