//! Table reshaping and updates: ungroup, xcol, xcols, upsert and insert.

use std::rc::Rc;

use crate::q::error::{qerr, QResult, Signal};
use crate::q::eval::Interp;
use crate::q::primitives::list::{enlist, join};
use crate::q::primitives::table::{unkey, xkey_n};
use crate::q::value::Value;

/// `ungroup t`.
pub fn ungroup(t: &Value) -> QResult<Value> {
    let t = unkey(t);
    let Value::Table(names, cols) = &t else {
        return qerr("type");
    };
    let n = t.count();
    let mut rows_cols: Vec<Vec<Value>> = vec![Vec::new(); names.len()];
    for r in 0..n {
        let row: Vec<Value> = cols.iter().map(|c| c.item(r)).collect();
        let len = row
            .iter()
            .filter(|v| !v.is_atom())
            .map(|v| v.count())
            .max()
            .unwrap_or(1);
        for k in 0..len {
            for (j, v) in row.iter().enumerate() {
                rows_cols[j].push(if v.is_atom() { v.clone() } else { v.item(k) });
            }
        }
    }
    Ok(Value::Table(
        names.clone(),
        Rc::new(rows_cols.into_iter().map(Value::from_items).collect()),
    ))
}

/// `` `a`b xcol t ``.
pub fn xcol(x: &Value, t: &Value) -> QResult<Value> {
    let Value::Table(names, cols) = unkey(t) else {
        return qerr("type");
    };
    let mut nn = names.as_ref().clone();
    match x {
        Value::Syms(s) => {
            if s.len() > nn.len() {
                return qerr("length");
            }
            for (i, v) in s.iter().enumerate() {
                nn[i] = v.clone();
            }
        }
        Value::Sym(s) => {
            if let Some(first) = nn.first_mut() {
                *first = s.clone();
            }
        }
        _ => return qerr("type"),
    }
    Ok(Value::Table(Rc::new(nn), cols))
}

/// `` `c`a xcols t ``.
pub fn xcols(x: &Value, t: &Value) -> QResult<Value> {
    let Value::Table(names, cols) = unkey(t) else {
        return qerr("type");
    };
    let want: Vec<Rc<str>> = match x {
        Value::Syms(s) => s.as_ref().clone(),
        Value::Sym(s) => vec![s.clone()],
        _ => return qerr("type"),
    };
    let mut order = Vec::new();
    for w in &want {
        order.push(
            names
                .iter()
                .position(|n| n == w)
                .ok_or_else(|| Signal::Error(w.to_string()))?,
        );
    }
    for i in 0..names.len() {
        if !order.contains(&i) {
            order.push(i);
        }
    }
    Ok(Value::Table(
        Rc::new(order.iter().map(|&i| names[i].clone()).collect()),
        Rc::new(order.iter().map(|&i| cols[i].clone()).collect()),
    ))
}

fn rows_of(y: &Value, names: &[Rc<str>]) -> QResult<Value> {
    match y {
        Value::Table(..) => Ok(y.clone()),
        Value::Dict(..) => Ok(enlist(y.clone())),
        v if v.is_list() => {
            let items = v.items();
            if items.len() != names.len() {
                return qerr("length");
            }
            let cols: Vec<Value> = items
                .into_iter()
                .map(|i| if i.is_atom() { enlist(i) } else { i })
                .collect();
            Ok(Value::Table(Rc::new(names.to_vec()), Rc::new(cols)))
        }
        _ => qerr("type"),
    }
}

/// `t upsert rows` / `` `t upsert rows ``.
pub fn upsert(ip: &mut Interp, x: Value, y: Value) -> QResult<Value> {
    if let Value::Sym(s) = &x {
        let cur = ip
            .globals
            .get(s.as_ref())
            .cloned()
            .ok_or_else(|| Signal::Error(s.to_string()))?;
        let nv = upsert(ip, cur, y)?;
        ip.globals.insert(s.to_string(), nv);
        return Ok(x);
    }
    match &x {
        Value::Table(names, _) => {
            let r = rows_of(&y, names)?;
            join(&x, &r)
        }
        Value::Dict(k, v) => {
            if let (Value::Table(kn, _), Value::Table(vn, _)) = (&**k, &**v) {
                let mut all = kn.as_ref().clone();
                all.extend(vn.iter().cloned());
                let r = rows_of(&y, &all)?;
                let r = if matches!(r, Value::Table(..)) {
                    xkey_n(kn.len() as i64, &r)?
                } else {
                    r
                };
                return join(&x, &r);
            }
            join(&x, &y)
        }
        _ => qerr("type"),
    }
}

/// `` `t insert rows ``.
pub fn insert(ip: &mut Interp, x: Value, y: Value) -> QResult<Value> {
    let Value::Sym(s) = &x else {
        return qerr("type");
    };
    let cur = ip
        .globals
        .get(s.as_ref())
        .cloned()
        .ok_or_else(|| Signal::Error(s.to_string()))?;
    let n = cur.count() as i64;
    let nv = upsert(ip, cur, y)?;
    let m = nv.count() as i64;
    ip.globals.insert(s.to_string(), nv);
    Ok(Value::longs((n..m).collect()))
}
