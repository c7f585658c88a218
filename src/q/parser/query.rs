//! qSQL: `select`/`exec`/`update`/`delete ... by ... from ... where ...`.

use std::rc::Rc;

use super::{Mode, ParseError, Parser};
use crate::q::ast::{Expr, Query, QueryKind};
use crate::q::lexer::Tok;

impl<'a> Parser<'a> {
    /// The `[name:expr; ...]` column list of a table literal.
    pub(super) fn named_cols_in_brackets(
        &mut self,
    ) -> Result<Vec<(Option<String>, Expr)>, ParseError> {
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
    pub(super) fn named_expr_progress(
        &mut self,
        mode: Mode,
    ) -> Result<(Option<String>, Expr), ParseError> {
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

    /// A qSQL query starting with `word` (select, exec, update, delete).
    pub(super) fn query(&mut self, word: &str) -> Result<Expr, ParseError> {
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
}
