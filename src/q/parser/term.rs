//! One term: a noun or verb with the brackets and iterators bound to its left.

use std::rc::Rc;

use super::{mismatch, Kind, Mode, ParseError, Parser, Term};
use crate::q::ast::Expr;
use crate::q::lexer::Tok;
use crate::q::primitives;
use crate::q::value::{Adverb, Value};

impl<'a> Parser<'a> {
    /// The next term, given the terms before it on the line.
    pub(super) fn term(&mut self, prev: &[Term]) -> Result<Term, ParseError> {
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
                            e: Expr::Const(Value::func(crate::q::value::Func::Prim(p))),
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
                        e: Expr::Const(Value::func(crate::q::value::Func::Prim(p))),
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
                    e: Expr::Const(Value::func(crate::q::value::Func::Prim(p))),
                    kind: Kind::Verb,
                }
            }
            Tok::VerbAssign(v) => {
                let p = primitives::lookup(&v)
                    .ok_or_else(|| ParseError(format!("unknown verb {v}")))?;
                Term {
                    e: Expr::Const(Value::func(crate::q::value::Func::Prim(p))),
                    kind: Kind::VerbAssign(v),
                }
            }
            Tok::Colon => Term {
                e: Expr::Const(Value::func(
                    crate::q::value::Func::Prim(primitives::colon()),
                )),
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
                                Box::new(Expr::Const(crate::q::apply::compose_op())),
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
                        Kind::Colon => Expr::Const(Value::func(crate::q::value::Func::Prim(
                            primitives::colon(),
                        ))),
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
        Box::new(Expr::Const(Value::func(crate::q::value::Func::Prim(
            enlist,
        )))),
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
