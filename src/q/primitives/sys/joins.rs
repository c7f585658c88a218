//! Table joins: lj, ij, pj, uj.

use std::rc::Rc;

use crate::q::error::{qerr, QResult, Signal};
use crate::q::primitives::list::{join, take_idx};
use crate::q::primitives::table::{unkey, xkey_n};
use crate::q::value::Value;

fn key_cols(kt: &Value) -> QResult<(Value, Value, Vec<Rc<str>>)> {
    match kt {
        Value::Dict(k, v) => match (&**k, &**v) {
            (Value::Table(kn, _), Value::Table(..)) => {
                Ok(((**k).clone(), (**v).clone(), kn.as_ref().clone()))
            }
            _ => qerr("type"),
        },
        _ => qerr("type"),
    }
}

fn join_core(x: &Value, y: &Value, inner: bool) -> QResult<Value> {
    let (ky, vy, kn) = key_cols(y)?;
    let xt = unkey(x);
    let Value::Table(xn, xc) = &xt else {
        return qerr("type");
    };
    let Value::Table(vn, vc) = &vy else {
        return qerr("type");
    };
    let mut kidx = Vec::new();
    for k in &kn {
        kidx.push(
            xn.iter()
                .position(|n| n == k)
                .ok_or_else(|| Signal::err("mismatch"))?,
        );
    }
    let keyrows = ky.items();
    let n = xt.count();
    let mut rows_keep = Vec::new();
    let mut match_of = Vec::new();
    for r in 0..n {
        let kv: Vec<Value> = kidx.iter().map(|&j| xc[j].item(r)).collect();
        let want = Value::from_items(kv);
        let pos = keyrows.iter().position(|kr| match kr {
            Value::Dict(_, v) => {
                crate::q::value::matches(v, &want)
                    || v.items()
                        .iter()
                        .zip(want.items().iter())
                        .all(|(a, b)| crate::q::value::matches(a, b))
            }
            _ => false,
        });
        if inner && pos.is_none() {
            continue;
        }
        rows_keep.push(r);
        match_of.push(pos);
    }
    let mut names = xn.as_ref().clone();
    let mut cols: Vec<Value> = xc.iter().map(|c| take_idx(c, &rows_keep)).collect();
    for (j, name) in vn.iter().enumerate() {
        let newcol: Vec<Value> = rows_keep
            .iter()
            .zip(match_of.iter())
            .map(|(&r, m)| match m {
                Some(p) => vc[j].item(*p),
                None => match xn.iter().position(|n| n == name) {
                    Some(xj) => xc[xj].item(r),
                    None => vc[j].null_like(),
                },
            })
            .collect();
        let newcol = if newcol.is_empty() {
            crate::q::primitives::list::empty_like(&vc[j])
        } else {
            Value::from_items(newcol)
        };
        match names.iter().position(|n| n == name) {
            Some(p) => cols[p] = newcol,
            None => {
                names.push(name.clone());
                cols.push(newcol);
            }
        }
    }
    let out = Value::Table(Rc::new(names), Rc::new(cols));
    if let Value::Dict(k, _) = x {
        if let Value::Table(xkn, _) = &**k {
            return xkey_n(xkn.len() as i64, &out);
        }
    }
    Ok(out)
}

/// `x lj y`.
pub fn lj(x: &Value, y: &Value) -> QResult<Value> {
    join_core(x, y, false)
}
/// `x ij y`.
pub fn ij(x: &Value, y: &Value) -> QResult<Value> {
    join_core(x, y, true)
}
/// `x pj y`: plus join.
pub fn pj(_x: &Value, y: &Value) -> QResult<Value> {
    let (_ky, _vy, _kn) = key_cols(y)?;
    qerr("nyi")
}
/// `x uj y`.
pub fn uj(x: &Value, y: &Value) -> QResult<Value> {
    let (Value::Table(n1, c1), Value::Table(n2, c2)) = (x, y) else {
        return qerr("nyi");
    };
    let mut names = n1.as_ref().clone();
    for n in n2.iter() {
        if !names.contains(n) {
            names.push(n.clone());
        }
    }
    let (r1, r2) = (x.count(), y.count());
    let mut cols = Vec::new();
    for n in &names {
        let a = match n1.iter().position(|m| m == n) {
            Some(p) => c1[p].clone(),
            None => {
                let proto = c2[n2.iter().position(|m| m == n).unwrap_or(0)].null_like();
                crate::q::primitives::list::take(&Value::Long(r1 as i64), &proto)?
            }
        };
        let b = match n2.iter().position(|m| m == n) {
            Some(p) => c2[p].clone(),
            None => {
                let proto = c1[n1.iter().position(|m| m == n).unwrap_or(0)].null_like();
                crate::q::primitives::list::take(&Value::Long(r2 as i64), &proto)?
            }
        };
        cols.push(join(&a, &b)?);
    }
    Ok(Value::Table(Rc::new(names), Rc::new(cols)))
}
