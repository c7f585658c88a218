//! Set operations on lists: in, except, inter, union, cross.

use std::rc::Rc;

use super::join;
use super::search::{distinct, hkey, num_key, promote_like, HKey};
use super::take::take_idx;
use crate::q::error::{qerr, QResult};
use crate::q::value::{Sym, Value};

/// `x in y`.
pub fn in_(x: &Value, y: &Value) -> QResult<Value> {
    if let Value::List(items) = y {
        return Ok(crate::q::primitives::extra::in_general(x, items));
    }
    if crate::q::primitives::extra::in_type_clash(x, y) {
        return qerr("type");
    }
    let numeric = |v: &Value| matches!(v.type_code().abs(), 4..=9);
    if numeric(x) && numeric(y) && x.type_code().abs() != y.type_code().abs() {
        let set: std::collections::HashSet<HKey> = if y.is_atom() {
            [num_key(y)].into_iter().collect()
        } else {
            y.items().iter().map(num_key).collect()
        };
        if x.is_atom() {
            return Ok(Value::Bool(set.contains(&num_key(x))));
        }
        return Ok(Value::bools(
            x.items()
                .iter()
                .map(|v| set.contains(&num_key(v)))
                .collect(),
        ));
    }
    let set: std::collections::HashSet<HKey> = if y.is_atom() {
        [hkey(y)].into_iter().collect()
    } else {
        y.items()
            .iter()
            .map(|v| hkey(&promote_like(y, v)))
            .collect()
    };
    if x.is_atom() {
        return Ok(Value::Bool(set.contains(&hkey(&promote_like(y, x)))));
    }
    if let Value::List(_) = x {
        let out: QResult<Vec<Value>> = x.items().iter().map(|i| in_(i, y)).collect();
        return Ok(Value::from_items(out?));
    }
    Ok(Value::bools(
        x.items()
            .iter()
            .map(|v| set.contains(&hkey(&promote_like(y, v))))
            .collect(),
    ))
}

/// `x except y`.
pub fn except(x: &Value, y: &Value) -> QResult<Value> {
    let set: std::collections::HashSet<HKey> = if y.is_atom() {
        [hkey(y)].into_iter().collect()
    } else {
        y.items().iter().map(hkey).collect()
    };
    let items = x.items();
    let idx: Vec<usize> = (0..items.len())
        .filter(|&i| !set.contains(&hkey(&items[i])))
        .collect();
    Ok(take_idx(x, &idx))
}

/// `x inter y`.
pub fn inter(x: &Value, y: &Value) -> QResult<Value> {
    if let (Value::Dict(kx, vx), Value::Dict(ky, vy)) = (x, y) {
        // dictionaries: the values of x that are values of y
        if !matches!(**kx, Value::Table(..)) && !matches!(**ky, Value::Table(..)) {
            return inter(vx, vy);
        }
    }
    let set: std::collections::HashSet<HKey> = y.items().iter().map(hkey).collect();
    let items = x.items();
    let idx: Vec<usize> = (0..items.len())
        .filter(|&i| set.contains(&hkey(&items[i])))
        .collect();
    Ok(take_idx(x, &idx))
}

/// `x union y`.
pub fn union(x: &Value, y: &Value) -> QResult<Value> {
    distinct(&join(x, y)?)
}

/// `x cross y`.
pub fn cross(x: &Value, y: &Value) -> QResult<Value> {
    if let (Value::Table(xn, xc), Value::Table(yn, yc)) = (x, y) {
        return Ok(cross_tables((xn, xc), (yn, yc), x.count(), y.count()));
    }
    let (xs, ys) = (
        if x.is_atom() {
            vec![x.clone()]
        } else {
            x.items()
        },
        if y.is_atom() {
            vec![y.clone()]
        } else {
            y.items()
        },
    );
    let mut out = Vec::with_capacity(xs.len() * ys.len());
    for a in &xs {
        for b in &ys {
            out.push(join(a, b)?);
        }
    }
    Ok(Value::list(out))
}

/// Every row of one table joined with every row of another.
fn cross_tables(
    (xn, xc): (&Rc<Vec<Sym>>, &Rc<Vec<Value>>),
    (yn, yc): (&Rc<Vec<Sym>>, &Rc<Vec<Value>>),
    nx: usize,
    ny: usize,
) -> Value {
    let xi: Vec<usize> = (0..nx * ny).map(|i| i / ny.max(1)).collect();
    let yi: Vec<usize> = (0..nx * ny).map(|i| i % ny.max(1)).collect();
    let mut names: Vec<Sym> = xn.to_vec();
    let mut cols: Vec<Value> = xc.iter().map(|c| take_idx(c, &xi)).collect();
    for (n, c) in yn.iter().zip(yc.iter()) {
        let c = take_idx(c, &yi);
        match names.iter().position(|m| m == n) {
            Some(j) => cols[j] = c,
            None => {
                names.push(n.clone());
                cols.push(c);
            }
        }
    }
    Value::Table(Rc::new(names), Rc::new(cols))
}
