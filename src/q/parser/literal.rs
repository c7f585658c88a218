//! Lambda and table literals: `{[x;y] ...}` and `([] c:...)`, with implied column names.

use std::rc::Rc;

use super::{mismatch, Mode, ParseError, Parser};
use crate::q::ast::{Expr, Lambda};
use crate::q::lexer::{Tok, Token};

impl<'a> Parser<'a> {
    /// A lambda from its opening brace at `start`: parameters, body, source text.
    pub(super) fn lambda(&mut self, start: usize) -> Result<Expr, ParseError> {
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

    /// A table literal `([k:..] c:..; ..)`, from the `[` after its opening parenthesis.
    pub(super) fn table_literal(&mut self) -> Result<Expr, ParseError> {
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
