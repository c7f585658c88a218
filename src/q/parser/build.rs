//! Combining the terms of an expression right to left: application, assignment, projection.

use super::{Kind, ParseError, Parser, Term};
use crate::q::ast::Expr;

impl<'a> Parser<'a> {
    /// Combine an expression's terms right to left into one tree.
    pub(super) fn build(&mut self, mut terms: Vec<Term>) -> Result<Expr, ParseError> {
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
