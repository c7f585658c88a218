//! qSQL: select / exec / update / delete with `by` and `where`, evaluated with the
//! table's columns bound as local names.

use std::rc::Rc;

use super::ast::{Expr, Query, QueryKind};
use super::error::{qerr, QResult};
use super::eval::Interp;
use super::primitives::list::{group, take_idx};
use super::primitives::table::{make_table, unkey, xkey_n};
use super::value::{Sym, Value};

/// The name q gives an unnamed column expression.
fn implied(e: &Expr) -> Option<String> {
    match e {
        Expr::Name(n) if n == "i" => None,
        Expr::Name(n) => Some(n.rsplit('.').next().unwrap_or(n).to_string()),
        Expr::Apply(f, args) => {
            for a in args.iter().flatten() {
                if let Some(n) = implied(a) {
                    return Some(n);
                }
            }
            implied(f)
        }
        Expr::Prefix(_, x) => implied(x),
        _ => None,
    }
}

fn names_of(cols: &[(Option<String>, Expr)]) -> Vec<Sym> {
    cols.iter()
        .enumerate()
        .map(|(i, (n, e))| {
            Rc::from(
                n.clone()
                    .or_else(|| implied(e))
                    .unwrap_or_else(|| if i == 0 { "x".into() } else { format!("x{i}") })
                    .as_str(),
            )
        })
        .collect()
}

/// Run a query.
pub fn run(ip: &mut Interp, q: &Query) -> QResult<Value> {
    let src = ip.eval(&q.from)?;
    if let (QueryKind::Delete, Value::Sym(ns)) = (&q.kind, &src) {
        if ns.as_ref() == "." && !q.del_cols.is_empty() {
            // `delete v from `.`: drop global variables
            for c in &q.del_cols {
                ip.globals.remove(c.as_str());
            }
            return Ok(src);
        }
    }
    let src = match &src {
        Value::Sym(s) => ip
            .globals
            .get(s.as_ref())
            .cloned()
            .ok_or_else(|| super::error::Signal::Error(s.to_string()))?,
        _ => src,
    };
    let keyed = match &src {
        Value::Dict(k, _) => match &**k {
            Value::Table(n, _) => Some(n.len()),
            _ => None,
        },
        _ => None,
    };
    let t = unkey(&src);
    let Value::Table(names, cols) = &t else {
        return qerr("type");
    };
    let n = t.count();
    // where: successive filters
    let mut rows: Vec<usize> = (0..n).collect();
    for w in &q.wheres {
        let sub: Vec<Value> = cols.iter().map(|c| take_idx(c, &rows)).collect();
        let r = ip.eval_with(names, &sub, &rows, w)?;
        let keep: Vec<usize> = match &r {
            Value::Bools(b) => {
                if b.len() != rows.len() {
                    return qerr("length");
                }
                rows.iter()
                    .zip(b.iter())
                    .filter(|(_, &k)| k)
                    .map(|(&i, _)| i)
                    .collect()
            }
            Value::Bool(b) => {
                if *b {
                    rows.clone()
                } else {
                    vec![]
                }
            }
            Value::Longs(ix) => ix
                .iter()
                .filter_map(|&i| rows.get(i as usize).copied())
                .collect(),
            _ => return qerr("type"),
        };
        rows = keep;
    }
    let sub: Vec<Value> = cols.iter().map(|c| take_idx(c, &rows)).collect();
    match q.kind {
        QueryKind::Delete => {
            if !q.del_cols.is_empty() {
                let keep: Vec<usize> = (0..names.len())
                    .filter(|&i| !q.del_cols.iter().any(|d| d.as_str() == &*names[i]))
                    .collect();
                let out = Value::Table(
                    Rc::new(keep.iter().map(|&i| names[i].clone()).collect()),
                    Rc::new(keep.iter().map(|&i| cols[i].clone()).collect()),
                );
                return rekey(out, keyed);
            }
            let keep: Vec<usize> = if q.wheres.is_empty() {
                vec![]
            } else {
                (0..n).filter(|i| !rows.contains(i)).collect()
            };
            rekey(take_idx(&t, &keep), keyed)
        }
        QueryKind::Select | QueryKind::Exec if q.by.is_empty() => {
            if q.cols.is_empty() {
                if q.kind == QueryKind::Exec {
                    return Ok(sub.last().cloned().unwrap_or(Value::Nil));
                }
                return rekey(take_idx(&t, &rows), keyed);
            }
            let cn = names_of(&q.cols);
            let mut vals = Vec::new();
            for (_, e) in &q.cols {
                vals.push(ip.eval_with(names, &sub, &rows, e)?);
            }
            if q.kind == QueryKind::Exec {
                if q.cols.len() == 1 && q.cols[0].0.is_none() {
                    return Ok(vals.pop().unwrap_or(Value::Nil));
                }
                return Ok(Value::dict(Value::syms(cn), Value::list(vals)));
            }
            make_table(cn, vals)
        }
        QueryKind::Select | QueryKind::Exec => {
            // group rows by the by-columns
            let bn = names_of(&q.by);
            let mut bvals = Vec::new();
            for (_, e) in &q.by {
                bvals.push(ip.eval_with(names, &sub, &rows, e)?);
            }
            let keys = if bvals.len() == 1 {
                bvals[0].clone()
            } else {
                // several by-columns group on the rows of a table of them
                make_table(bn.clone(), bvals.clone())?
            };
            let g = group(&keys)?;
            let Value::Dict(gk, gv) = &g else {
                return qerr("type");
            };
            // q lists the groups in the order of their keys
            let ord = super::primitives::list::grade(gk, false)?;
            let gk = &Rc::new(take_idx(gk, &ord));
            let gv = take_idx(gv, &ord);
            let groups: Vec<Vec<usize>> = gv
                .items()
                .iter()
                .map(|v| {
                    v.items()
                        .iter()
                        .map(|i| i.as_i64().unwrap_or(0) as usize)
                        .collect()
                })
                .collect();
            let cn = if q.cols.is_empty() {
                names.iter().filter(|n| !bn.contains(n)).cloned().collect()
            } else {
                names_of(&q.cols)
            };
            let mut outcols: Vec<Vec<Value>> = vec![Vec::new(); cn.len()];
            for grp in &groups {
                let grows: Vec<usize> = grp.iter().map(|&i| rows[i]).collect();
                let gsub: Vec<Value> = sub.iter().map(|c| take_idx(c, grp)).collect();
                if q.cols.is_empty() {
                    for (j, name) in cn.iter().enumerate() {
                        let p = names.iter().position(|m| m == name).unwrap_or(0);
                        outcols[j].push(super::primitives::list::last(&gsub[p]));
                    }
                } else {
                    for (j, (_, e)) in q.cols.iter().enumerate() {
                        outcols[j].push(ip.eval_with(names, &gsub, &grows, e)?);
                    }
                }
            }
            let vals: Vec<Value> = outcols
                .into_iter()
                .map(|c| {
                    if c.iter().all(|v| v.is_atom()) {
                        Value::from_items(c)
                    } else {
                        Value::list(c)
                    }
                })
                .collect();
            let keycols: Vec<Value> = if bn.len() == 1 {
                vec![(**gk).clone()]
            } else {
                match &**gk {
                    Value::Table(_, c) => c.as_ref().clone(),
                    other => other.items(),
                }
            };
            let kt = make_table(bn, keycols)?;
            let vt = make_table(cn, vals)?;
            if q.kind == QueryKind::Exec {
                return Ok(Value::dict(kt, vt));
            }
            Ok(Value::dict(kt, vt))
        }
        QueryKind::Update => {
            let cn = names_of(&q.cols);
            let mut newnames = names.as_ref().clone();
            let mut newcols = cols.as_ref().clone();
            let groups: Vec<Vec<usize>> = if q.by.is_empty() {
                vec![(0..rows.len()).collect()]
            } else {
                let mut bvals = Vec::new();
                for (_, e) in &q.by {
                    bvals.push(ip.eval_with(names, &sub, &rows, e)?);
                }
                let keys = if bvals.len() == 1 {
                    bvals[0].clone()
                } else {
                    super::primitives::table::flip(&Value::list(bvals))?
                };
                let g = group(&keys)?;
                let Value::Dict(_, gv) = &g else {
                    return qerr("type");
                };
                gv.items()
                    .iter()
                    .map(|v| {
                        v.items()
                            .iter()
                            .map(|i| i.as_i64().unwrap_or(0) as usize)
                            .collect()
                    })
                    .collect()
            };
            for (j, (_, e)) in q.cols.iter().enumerate() {
                let name = &cn[j];
                let pos = newnames.iter().position(|m| m == name);
                let mut target: Vec<Value> = match pos {
                    Some(p) => newcols[p].items(),
                    None => vec![Value::Nil; n],
                };
                for grp in &groups {
                    let grows: Vec<usize> = grp.iter().map(|&i| rows[i]).collect();
                    let gsub: Vec<Value> = sub.iter().map(|c| take_idx(c, grp)).collect();
                    let v = ip.eval_with(names, &gsub, &grows, e)?;
                    for (k, &r) in grows.iter().enumerate() {
                        target[r] = if v.is_atom() { v.clone() } else { v.item(k) };
                    }
                }
                if pos.is_none() && rows.len() < n {
                    let proto = target
                        .iter()
                        .find(|v| !matches!(v, Value::Nil))
                        .map(|v| v.null_like())
                        .unwrap_or(Value::Nil);
                    for v in target.iter_mut() {
                        if matches!(v, Value::Nil) {
                            *v = proto.clone();
                        }
                    }
                }
                let col = if target.is_empty() {
                    Value::list(vec![])
                } else {
                    Value::from_items(target)
                };
                match pos {
                    Some(p) => newcols[p] = col,
                    None => {
                        newnames.push(name.clone());
                        newcols.push(col);
                    }
                }
            }
            rekey(Value::Table(Rc::new(newnames), Rc::new(newcols)), keyed)
        }
    }
}

fn rekey(t: Value, keyed: Option<usize>) -> QResult<Value> {
    match keyed {
        Some(k) => xkey_n(k as i64, &t),
        None => Ok(t),
    }
}
