//! Builds the syntax tree from tokens: the parser state, statements and bracketed lists.

mod build;
mod literal;
mod query;
mod term;

use super::ast::Expr;
use super::lexer::{lex, Tok, Token};

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
