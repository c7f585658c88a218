//! Primitives that need the interpreter: apply/index (`@`, `.`), `value`, `key`, `!`,
//! `?`, protected evaluation, console output (`show`, `0N!`), `exit`, and table joins.

use std::io::Write;
use std::rc::Rc;

use super::atomic::{dyad, Op};
use super::list::{enlist, join, take_idx};
use super::table::{unkey, xkey_n};
use crate::q::error::{qerr, QResult, Signal};
use crate::q::eval::Interp;
use crate::q::value::{Func, Value, NJ};

/// `iasc` / `idesc` / `<` / `>`.
pub fn grade_v(x: &Value, desc: bool) -> QResult<Value> {
    if let Value::Dict(k, v) = x {
        let g = super::list::grade(v, desc)?;
        return Ok(take_idx(k, &g));
    }
    if x.is_atom() {
        return qerr("rank");
    }
    let g = super::list::grade(x, desc)?;
    Ok(Value::longs(g.into_iter().map(|i| i as i64).collect()))
}

/// `x^y`: fill nulls of y with x.
pub fn fill(x: &Value, y: &Value) -> QResult<Value> {
    if let (Value::Dict(..), Value::Dict(..)) = (x, y) {
        return dyad(Op::Fill, x, y);
    }
    dyad(Op::Fill, x, y)
}

/// `key x` (and monadic `!`).
pub fn key(ip: &mut Interp, x: Value) -> QResult<Value> {
    match &x {
        Value::Dict(k, _) => Ok((**k).clone()),
        Value::Table(..) => Ok(Value::syms(vec![])),
        Value::Long(_) | Value::Int(_) | Value::Short(_) => super::list::til(&x),
        v if v.is_list() => Ok(Value::sym(super::cast::type_name(v.type_code()))),
        Value::Sym(s) => super::extra::key_sym(ip, s),
        _ => qerr("type"),
    }
}

/// `x!y`: dictionary, keyed table (`n!t`), and `0N!x` debug print.
pub fn bang(ip: &mut Interp, x: Value, y: Value) -> QResult<Value> {
    if let Value::Long(NJ) = x {
        let s = crate::q::format::show1(&y, ip.precision);
        let _ = writeln!(ip.out, "{s}");
        return Ok(y);
    }
    if let (Some(n), Value::Table(..) | Value::Dict(..)) = (x.as_i64(), &y) {
        if x.is_atom()
            && (matches!(y, Value::Table(..))
                || matches!(&y, Value::Dict(k, _) if matches!(**k, Value::Table(..))))
        {
            return xkey_n(n, &y);
        }
    }
    if let (Value::Table(..), Value::Table(..)) = (&x, &y) {
        if x.count() != y.count() {
            return qerr("length");
        }
        return Ok(Value::dict(x, y));
    }
    if x.is_atom() && y.is_atom() {
        return Ok(Value::dict(enlist(x), enlist(y)));
    }
    if x.is_atom() || (y.is_atom() && !x.is_atom()) {
        if x.is_atom() {
            return qerr("length");
        }
        let n = x.count();
        return Ok(Value::dict(
            x,
            super::list::take(&Value::Long(n as i64), &y)?,
        ));
    }
    if x.count() != y.count() {
        return qerr("length");
    }
    Ok(Value::dict(x, y))
}

fn rand_next(ip: &mut Interp) -> u64 {
    let mut s = ip.rng;
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    ip.rng = s;
    s
}

/// `x?y`: find, or random roll/deal when x is a number.
pub fn query(ip: &mut Interp, x: Value, y: Value) -> QResult<Value> {
    if let Value::Long(NJ) = x {
        // 0N?y permutes: deal as many as there are
        let n = match (&y, y.as_i64()) {
            (v, Some(m)) if v.is_atom() => m,
            _ => y.count() as i64,
        };
        return query(ip, Value::Long(n.saturating_neg()), y);
    }
    if let (Some(n), true) = (x.as_i64(), x.is_atom()) {
        if !matches!(x, Value::Bool(_)) {
            let (cnt, deal) = if n < 0 {
                ((-n) as usize, true)
            } else {
                (n as usize, false)
            };
            if cnt > 100_000_000 {
                return qerr("wsfull");
            }
            if y.is_atom() {
                if let Some(m) = y.as_i64() {
                    if m <= 0 {
                        return qerr("domain");
                    }
                    if deal && cnt as i64 > m {
                        return qerr("length");
                    }
                    let mut out = Vec::with_capacity(cnt);
                    let mut seen = std::collections::HashSet::new();
                    while out.len() < cnt {
                        let r = (rand_next(ip) % m as u64) as i64;
                        if deal && !seen.insert(r) {
                            continue;
                        }
                        out.push(r);
                    }
                    let v = Value::longs(out);
                    return super::cast::cast_to(y.type_code().abs().max(6).min(7), &v).map(|r| {
                        if y.type_code() == -7 {
                            r
                        } else {
                            r
                        }
                    });
                }
                if let Some(f) = y.as_f64() {
                    let out: Vec<f64> = (0..cnt)
                        .map(|_| (rand_next(ip) >> 11) as f64 / (1u64 << 53) as f64 * f)
                        .collect();
                    return Ok(Value::floats(out));
                }
                return qerr("type");
            }
            let m = y.count();
            if m == 0 {
                return Ok(y.clone());
            }
            let mut idx = Vec::with_capacity(cnt);
            let mut seen = std::collections::HashSet::new();
            if deal && cnt > m {
                return qerr("length");
            }
            while idx.len() < cnt {
                let r = (rand_next(ip) % m as u64) as usize;
                if deal && !seen.insert(r) {
                    continue;
                }
                idx.push(r);
            }
            return Ok(take_idx(&y, &idx));
        }
    }
    if let Value::Table(..) = x {
        return qerr("nyi");
    }
    super::list::find(&x, &y)
}

/// `?[c;a;b]` vector conditional.
pub fn vcond(_ip: &mut Interp, v: Vec<Value>) -> QResult<Value> {
    if v.len() != 3 {
        return qerr("rank");
    }
    let c = &v[0];
    let n = c.count();
    let Value::Bools(b) = c else {
        if let Value::Bool(b) = c {
            return Ok(if *b { v[1].clone() } else { v[2].clone() });
        }
        return qerr("type");
    };
    let mut out = Vec::with_capacity(n);
    for (i, &bi) in b.iter().enumerate() {
        let src = if bi { &v[1] } else { &v[2] };
        if !src.is_atom() && src.count() != n {
            return qerr("length");
        }
        out.push(if src.is_atom() {
            src.clone()
        } else {
            src.item(i)
        });
    }
    Ok(Value::from_items(out))
}

/// `x@y`: apply a function to one argument, or index at the top level.
pub fn at(ip: &mut Interp, x: Value, y: Value) -> QResult<Value> {
    match &x {
        Value::Func(_) => ip.apply(&x, vec![y]),
        Value::Nil => Ok(y),
        _ => {
            if x.is_atom() && !matches!(x, Value::Long(_) | Value::Int(_)) {
                return qerr("type");
            }
            ip.index1(&x, &y)
        }
    }
}

/// `f . args` / `x . path`.
pub fn dot(ip: &mut Interp, x: Value, y: Value) -> QResult<Value> {
    let args = if y.is_atom() { vec![y] } else { y.items() };
    match &x {
        Value::Func(_) | Value::Sym(_) => ip.apply(&x, args),
        _ => ip.index(&x, &args),
    }
}

fn err_string(e: &Signal) -> Option<Value> {
    match e {
        Signal::Error(s) => Some(Value::string(s)),
        _ => None,
    }
}

/// Protected evaluation: run `body`; on a q error, call `h` with the message.
fn trap(ip: &mut Interp, r: QResult<Value>, h: &Value) -> QResult<Value> {
    match r {
        Ok(v) => Ok(v),
        Err(e) => match err_string(&e) {
            Some(msg) => match h {
                Value::Func(_) => ip.apply(h, vec![msg]),
                other => Ok(other.clone()),
            },
            None => Err(e),
        },
    }
}

/// `@[f;x;h]` trap, `@[x;i;f]` and `@[x;i;f;y]` amend.
pub fn at_n(ip: &mut Interp, v: Vec<Value>) -> QResult<Value> {
    match v.len() {
        3 if v[0].is_func() => {
            let r = ip.apply(&v[0], vec![v[1].clone()]);
            trap(ip, r, &v[2])
        }
        3 | 4 => {
            let (target, idx, f) = (&v[0], &v[1], &v[2]);
            let y = v.get(3).cloned();
            amend_top(ip, target, idx, f, y, false)
        }
        _ => qerr("rank"),
    }
}

/// `.[f;args;h]` trap, `.[x;path;f]` and `.[x;path;f;y]` amend at depth.
pub fn dot_n(ip: &mut Interp, v: Vec<Value>) -> QResult<Value> {
    match v.len() {
        3 if v[0].is_func() => {
            let args = if v[1].is_atom() {
                vec![v[1].clone()]
            } else {
                v[1].items()
            };
            let r = ip.apply(&v[0], args);
            trap(ip, r, &v[2])
        }
        3 | 4 => {
            let (target, idx, f) = (&v[0], &v[1], &v[2]);
            let y = v.get(3).cloned();
            amend_top(ip, target, idx, f, y, true)
        }
        _ => qerr("rank"),
    }
}

fn amend_top(
    ip: &mut Interp,
    target: &Value,
    idx: &Value,
    f: &Value,
    y: ValueOpt,
    deep: bool,
) -> QResult<Value> {
    // a symbol target names a global variable, amended in place
    if let Value::Sym(name) = target {
        let cur = ip
            .globals
            .get(name.as_ref())
            .cloned()
            .ok_or_else(|| Signal::Error(name.to_string()))?;
        let nv = amend_value(ip, cur, idx, f, y, deep)?;
        ip.globals.insert(name.to_string(), nv);
        return Ok(target.clone());
    }
    amend_value(ip, target.clone(), idx, f, y, deep)
}

type ValueOpt = Option<Value>;

fn amend_value(
    ip: &mut Interp,
    cur: Value,
    idx: &Value,
    f: &Value,
    y: Option<Value>,
    deep: bool,
) -> QResult<Value> {
    let path: Vec<Value> = if deep {
        if idx.is_atom() {
            vec![idx.clone()]
        } else {
            idx.items()
        }
    } else {
        vec![idx.clone()]
    };
    let is_colon =
        matches!(f, Value::Func(g) if matches!(**g, Func::Prim(p) if p == super::colon()));
    let r = match y {
        Some(y) if is_colon => ip.amend(cur, &path, None, y),
        Some(y) => ip.amend(cur, &path, Some((f, false)), y),
        None if f.is_func() => ip.amend(cur, &path, Some((f, true)), Value::Nil),
        // `.[x;();m]`: an empty path applies the map m to the whole of x
        None if deep && path.is_empty() => ip.amend(cur, &path, Some((f, true)), Value::Nil),
        None => ip.amend(cur, &path, None, f.clone()),
    };
    r.map_err(|(_, e)| e)
}

/// `value x`.
pub fn value(ip: &mut Interp, x: Value) -> QResult<Value> {
    match &x {
        Value::Chars(_) | Value::Char(_) => {
            let src = x.as_str().unwrap_or_default();
            ip.eval_str(&src)
        }
        Value::Dict(_, v) => Ok((**v).clone()),
        Value::Sym(s) => match ip.globals.get(s.as_ref()) {
            Some(v) => Ok(v.clone()),
            None => Err(Signal::Error(s.to_string())),
        },
        Value::List(items) if !items.is_empty() && items[0].is_func() => {
            let mut args = Vec::new();
            for a in &items[1..] {
                args.push(match a {
                    Value::List(l) if !l.is_empty() && l[0].is_func() => value(ip, a.clone())?,
                    Value::Sym(s) => ip.globals.get(s.as_ref()).cloned().unwrap_or(a.clone()),
                    other => other.clone(),
                });
            }
            ip.apply(&items[0], args)
        }
        Value::Func(f) => match &**f {
            Func::Proj(g, args) => {
                let mut v = vec![g.clone()];
                v.extend(args.iter().map(|a| a.clone().unwrap_or(Value::Nil)));
                Ok(Value::list(v))
            }
            Func::Comp(fs) => Ok(Value::list(fs.clone())),
            Func::Derived(_, g) => Ok(g.clone()),
            _ => Ok(x.clone()),
        },
        _ => Ok(x),
    }
}

/// `avgs x`.
pub fn avgs(x: &Value) -> QResult<Value> {
    let f = super::cast::cast_to(9, x)?;
    let Value::Floats(v) = &f else {
        return dyad(Op::Div, &super::agg::sums(&f)?, &Value::Long(1));
    };
    let (mut s, mut n) = (0f64, 0f64);
    Ok(Value::floats(
        v.iter()
            .map(|&a| {
                if !a.is_nan() {
                    s += a;
                    n += 1.0;
                }
                if n == 0.0 {
                    f64::NAN
                } else {
                    s / n
                }
            })
            .collect(),
    ))
}

/// `show x`.
pub fn show(ip: &mut Interp, x: Value) -> QResult<Value> {
    let s = crate::q::format::show(&x, ip.precision, ip.console.1);
    let _ = writeln!(ip.out, "{s}");
    Ok(Value::Nil)
}

/// `exit n`.
pub fn exit(_ip: &mut Interp, x: Value) -> QResult<Value> {
    let code = x.as_i64().unwrap_or(0);
    Err(Signal::Exit(code as i32))
}

/// `tables[]`.
pub fn tables(ip: &mut Interp, _x: Value) -> QResult<Value> {
    let mut names: Vec<&String> = ip
        .globals
        .iter()
        .filter(|(_, v)| {
            matches!(v, Value::Table(..))
                || matches!(v, Value::Dict(k, _) if matches!(**k, Value::Table(..)))
        })
        .map(|(k, _)| k)
        .collect();
    names.sort();
    Ok(Value::syms(
        names.into_iter().map(|s| Rc::from(s.as_str())).collect(),
    ))
}

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

/// `n xrank x`.
pub fn xrank(x: &Value, y: &Value) -> QResult<Value> {
    let n = x.as_i64().ok_or_else(|| Signal::err("type"))?;
    let g = super::list::grade(y, false)?;
    let len = g.len() as i64;
    let mut out = vec![0i64; g.len()];
    for (r, &i) in g.iter().enumerate() {
        out[i] = if len == 0 { 0 } else { (r as i64 * n) / len };
    }
    Ok(Value::longs(out))
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

/// `` `name set v ``: assign a global (no files).
pub fn set(ip: &mut Interp, x: Value, y: Value) -> QResult<Value> {
    match &x {
        Value::Sym(s) if !s.starts_with(':') => {
            ip.globals.insert(s.to_string(), y);
            Ok(x)
        }
        _ => qerr("access"),
    }
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
            super::list::empty_like(&vc[j])
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
                super::list::take(&Value::Long(r1 as i64), &proto)?
            }
        };
        let b = match n2.iter().position(|m| m == n) {
            Some(p) => c2[p].clone(),
            None => {
                let proto = c1[n1.iter().position(|m| m == n).unwrap_or(0)].null_like();
                super::list::take(&Value::Long(r2 as i64), &proto)?
            }
        };
        cols.push(join(&a, &b)?);
    }
    Ok(Value::Table(Rc::new(names), Rc::new(cols)))
}

/// Named constants of the q namespace (`.Q.a` ...).
pub fn constant(name: &str) -> Option<Value> {
    let s = match name {
        ".Q.a" => "abcdefghijklmnopqrstuvwxyz",
        ".Q.A" => "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        ".Q.n" => "0123456789",
        ".Q.an" => "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789",
        _ => return None,
    };
    Some(Value::string(s))
}

/// `x mmu y`: matrix product; a simple vector on the left is one row, on the right
/// one column, and that side's dimension is dropped from the result.
pub fn mmu(x: &Value, y: &Value) -> QResult<Value> {
    let rows = |v: &Value| -> Vec<Vec<f64>> {
        v.items()
            .iter()
            .map(|r| {
                r.items()
                    .iter()
                    .map(|v| v.as_f64().unwrap_or(f64::NAN))
                    .collect()
            })
            .collect()
    };
    let floats = |v: &Value| -> Vec<f64> {
        v.items()
            .iter()
            .map(|v| v.as_f64().unwrap_or(f64::NAN))
            .collect()
    };
    let xv = x.is_list() && !matches!(x, Value::List(_));
    let yv = y.is_list() && !matches!(y, Value::List(_));
    let a: Vec<Vec<f64>> = if xv { vec![floats(x)] } else { rows(x) };
    let b: Vec<Vec<f64>> = if yv {
        floats(y).into_iter().map(|f| vec![f]).collect()
    } else {
        rows(y)
    };
    let m = b.first().map(|r| r.len()).unwrap_or(0);
    if b.iter().any(|r| r.len() != m) {
        return qerr("length");
    }
    let mut out = Vec::new();
    for r in &a {
        if r.len() != b.len() {
            return qerr("length");
        }
        let row: Vec<f64> = (0..m)
            .map(|j| r.iter().zip(b.iter()).map(|(p, row)| p * row[j]).sum())
            .collect();
        out.push(row);
    }
    Ok(match (xv, yv) {
        (true, true) => Value::Float(out.first().and_then(|r| r.first()).copied().unwrap_or(0.0)),
        (true, false) => Value::floats(out.into_iter().next().unwrap_or_default()),
        (false, true) => Value::floats(
            out.into_iter()
                .map(|r| r.first().copied().unwrap_or(f64::NAN))
                .collect(),
        ),
        (false, false) => Value::list(out.into_iter().map(Value::floats).collect()),
    })
}

/// Console write for `-1 "text"`, `1 "text"`, `-2`/`2`: returns the handle.
pub fn write_handle(ip: &mut Interp, h: i64, x: &Value) -> QResult<Value> {
    let text: String = match x {
        Value::Chars(_) | Value::Char(_) => x.as_str().unwrap_or_default(),
        Value::List(items) => {
            let mut s = Vec::new();
            for it in items.iter() {
                match it.as_str() {
                    Some(t) => s.push(t),
                    None => return qerr("type"),
                }
            }
            if h < 0 {
                s.join("\n")
            } else {
                s.concat()
            }
        }
        Value::Syms(_) | Value::Sym(_) if false => String::new(),
        _ => return qerr("type"),
    };
    let nl = if h < 0 { "\n" } else { "" };
    match h.abs() {
        1 => {
            let _ = write!(ip.out, "{text}{nl}");
        }
        2 => {
            let _ = ip.out.flush();
            eprint!("{text}{nl}");
        }
        _ => return qerr("access"),
    }
    Ok(Value::Long(h))
}
