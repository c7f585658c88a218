//! List primitives: construction, selection, search, set operations and sorting.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::rc::Rc;

use crate::q::error::{qerr, QResult, Signal};
use crate::q::eval::{find_key, index_list};
use crate::q::value::{each_vec, matches, Sym, Value, NJ};

/// `enlist x`.
pub fn enlist(x: Value) -> Value {
    match x {
        Value::Dict(k, v) if matches!(&*k, Value::Syms(_)) => {
            // enlist of a dict with symbol keys is a one-row table
            let cols: Vec<Value> = v.items().into_iter().map(enlist).collect();
            match &*k {
                Value::Syms(s) => Value::Table(s.clone(), Rc::new(cols)),
                _ => Value::Nil,
            }
        }
        x if x.is_atom() && !x.is_func() && !matches!(x, Value::Nil) => Value::from_items(vec![x]),
        x => Value::list(vec![x]),
    }
}

/// An empty list of the same type as `v` (for typed empty results).
pub fn empty_like(v: &Value) -> Value {
    let t = v.type_code();
    if (1..20).contains(&t) {
        Value::empty(t)
    } else if t < 0 && t > -20 {
        Value::empty(-t)
    } else {
        Value::list(vec![])
    }
}

/// `x,y`.
pub fn join(x: &Value, y: &Value) -> QResult<Value> {
    macro_rules! j {
        ($vec:ident, $atom:ident) => {
            match (x, y) {
                (Value::$vec(a), Value::$vec(b)) => {
                    let mut v = Vec::with_capacity(a.len() + b.len());
                    v.extend(a.iter().cloned());
                    v.extend(b.iter().cloned());
                    return Ok(Value::$vec(Rc::new(v)));
                }
                (Value::$vec(a), Value::$atom(b)) => {
                    let mut v = a.as_ref().clone();
                    v.push(b.clone());
                    return Ok(Value::$vec(Rc::new(v)));
                }
                (Value::$atom(a), Value::$vec(b)) => {
                    let mut v = Vec::with_capacity(b.len() + 1);
                    v.push(a.clone());
                    v.extend(b.iter().cloned());
                    return Ok(Value::$vec(Rc::new(v)));
                }
                (Value::$atom(a), Value::$atom(b)) => {
                    return Ok(Value::$vec(Rc::new(vec![a.clone(), b.clone()])));
                }
                _ => {}
            }
        };
    }
    j!(Longs, Long);
    j!(Floats, Float);
    j!(Chars, Char);
    j!(Syms, Sym);
    j!(Bools, Bool);
    j!(Ints, Int);
    j!(Shorts, Short);
    j!(Bytes, Byte);
    j!(Reals, Real);
    match (x, y) {
        (Value::Dict(k1, v1), Value::Dict(k2, v2)) => {
            if let (Value::Table(..), Value::Table(..)) = (&**k1, &**v1) {
                return super::table::upsert_keyed(x, y);
            }
            let mut keys = k1.items();
            let mut vals = v1.items();
            for (k, v) in k2.items().into_iter().zip(v2.items()) {
                match keys.iter().position(|a| matches(a, &k)) {
                    Some(i) => vals[i] = v,
                    None => {
                        keys.push(k);
                        vals.push(v);
                    }
                }
            }
            Ok(Value::dict(
                Value::from_items(keys),
                Value::from_items(vals),
            ))
        }
        (Value::Table(..), Value::Table(..)) => super::table::concat(x, y),
        (Value::Table(..), Value::Dict(..)) => super::table::concat(x, &enlist(y.clone())),
        (Value::Dict(..), _) | (_, Value::Dict(..)) => qerr("type"),
        _ => {
            let mut items = if x.is_list() {
                x.items()
            } else {
                vec![x.clone()]
            };
            if y.is_list() {
                items.extend(y.items());
            } else {
                items.push(y.clone());
            }
            let all_same = !items.is_empty()
                && items.iter().all(|v| {
                    v.is_atom() && v.type_code() == items[0].type_code() && v.type_code() < 0
                });
            if all_same
                && (matches!(x, Value::List(l) if l.is_empty())
                    || matches!(y, Value::List(l) if l.is_empty()))
            {
                return Ok(Value::from_items(items));
            }
            if all_same && !matches!(x, Value::List(_)) && !matches!(y, Value::List(_)) {
                return Ok(Value::from_items(items));
            }
            Ok(Value::list(items))
        }
    }
}

/// `til n`.
pub fn til(x: &Value) -> QResult<Value> {
    let n = x.as_i64().ok_or_else(|| Signal::err("type"))?;
    if n < 0 {
        return qerr("domain");
    }
    if n > 2_000_000_000 {
        return qerr("wsfull");
    }
    Ok(Value::longs((0..n).collect()))
}

/// `reverse x`.
pub fn reverse(x: &Value) -> QResult<Value> {
    Ok(match x {
        Value::Dict(k, v) => Value::dict(reverse(k)?, reverse(v)?),
        Value::Table(n, c) => {
            let cols: QResult<Vec<Value>> = c.iter().map(reverse).collect();
            Value::Table(n.clone(), Rc::new(cols?))
        }
        v => each_vec!(v, a => {
            let mut b = a.as_ref().clone();
            b.reverse();
            rewrap(v, b)
        }, v.clone()),
    })
}

/// Rebuild a vector of the same variant as `like` from a Vec of its element type.
macro_rules! rewrap_fn {
    () => {};
}
rewrap_fn!();

/// Trait to rebuild a typed vector value from elements.
pub trait Rewrap: Sized {
    fn wrap(like: &Value, v: Vec<Self>) -> Value;
}
macro_rules! impl_rewrap {
    ($t:ty, $($var:ident),*) => {
        impl Rewrap for $t {
            fn wrap(like: &Value, v: Vec<Self>) -> Value {
                match like {
                    $(Value::$var(_) => Value::$var(Rc::new(v)),)*
                    _ => unreachable!(),
                }
            }
        }
    };
}
impl_rewrap!(bool, Bools);
impl_rewrap!(u8, Bytes, Chars);
impl_rewrap!(i16, Shorts);
impl_rewrap!(i32, Ints);
impl Rewrap for i64 {
    fn wrap(like: &Value, v: Vec<Self>) -> Value {
        match like {
            Value::Tms(k, _) => Value::Tms(*k, Rc::new(v)),
            _ => Value::Longs(Rc::new(v)),
        }
    }
}
impl_rewrap!(f32, Reals);
impl_rewrap!(f64, Floats);
impl_rewrap!(Rc<str>, Syms);
impl_rewrap!([u8; 16], Guids);
impl_rewrap!(Value, List);

/// Rebuild a vector like `like` from elements.
pub fn rewrap<T: Rewrap>(like: &Value, v: Vec<T>) -> Value {
    T::wrap(like, v)
}

/// Select items at positions (all in range).
pub fn take_idx(x: &Value, idx: &[usize]) -> Value {
    match x {
        Value::Dict(k, v) => Value::dict(take_idx(k, idx), take_idx(v, idx)),
        Value::Table(n, c) => Value::Table(
            n.clone(),
            Rc::new(c.iter().map(|col| take_idx(col, idx)).collect()),
        ),
        v => each_vec!(v, a => rewrap(v, idx.iter().map(|&i| a[i].clone()).collect()), v.clone()),
    }
}

/// `n#x` (take, repeating cyclically; negative from the end) and `x#d` (keys from a dict).
pub fn take(x: &Value, y: &Value) -> QResult<Value> {
    if let Value::Dict(k, v) = y {
        if let (Value::Table(..), Value::Table(..)) = (&**k, &**v) {
            if let Some(n) = x.as_i64() {
                let t = take(x, k)?;
                let tv = take(&Value::Long(n), v)?;
                return Ok(Value::dict(t, tv));
            }
        }
        if !matches!(x, Value::Long(_) | Value::Int(_) | Value::Short(_)) {
            // keys
            let keys = if x.is_atom() {
                enlist(x.clone())
            } else {
                x.clone()
            };
            let mut vals = Vec::new();
            for kk in keys.items() {
                vals.push(match find_key(k, &kk) {
                    Some(p) => v.item(p),
                    None => v.null_like(),
                });
            }
            return Ok(Value::dict(keys, Value::from_items(vals)));
        }
    }
    if let Value::Table(names, cols) = y {
        if let Value::Syms(want) = x {
            let mut nn = Vec::new();
            let mut cc = Vec::new();
            for w in want.iter() {
                match names.iter().position(|n| n == w) {
                    Some(p) => {
                        nn.push(w.clone());
                        cc.push(cols[p].clone());
                    }
                    None => return Err(Signal::Error(w.to_string())),
                }
            }
            return Ok(Value::Table(Rc::new(nn), Rc::new(cc)));
        }
    }
    if !x.is_atom() {
        // reshape: m n # list
        let dims: Vec<i64> = x.items().iter().map(|d| d.as_i64().unwrap_or(0)).collect();
        if dims.len() == 2 {
            let (r, c) = (dims[0], dims[1]);
            let items = if y.is_atom() {
                vec![y.clone()]
            } else {
                y.items()
            };
            if items.is_empty() {
                return qerr("length");
            }
            let (r, c) = if r == NJ {
                let c = c.max(1);
                (((items.len() as i64) + c - 1) / c, c)
            } else if c == NJ {
                let r = r.max(1);
                (r, ((items.len() as i64) + r - 1) / r)
            } else {
                (r, c)
            };
            let mut rows = Vec::new();
            let mut k = 0usize;
            for _ in 0..r.max(0) {
                let mut row = Vec::new();
                for _ in 0..c.max(0) {
                    if dims[0] == NJ || dims[1] == NJ {
                        if k < items.len() {
                            row.push(items[k].clone());
                        }
                    } else {
                        row.push(items[k % items.len()].clone());
                    }
                    k += 1;
                }
                rows.push(if row.is_empty() {
                    empty_like(y)
                } else {
                    Value::from_items(row)
                });
            }
            return Ok(Value::list(rows));
        }
        return qerr("nyi");
    }
    let n = x.as_i64().ok_or_else(|| Signal::err("type"))?;
    let len = y.count();
    if n == NJ {
        return Ok(y.clone());
    }
    let an = n.unsigned_abs() as usize;
    if an > 1_000_000_000 {
        return qerr("wsfull");
    }
    if y.is_atom() {
        return Ok(match y {
            Value::Nil | Value::Func(_) => Value::list(vec![y.clone(); an]),
            _ if an == 0 => empty_like(y),
            _ => Value::from_items(vec![y.clone(); an]),
        });
    }
    if len == 0 {
        if an == 0 {
            return Ok(y.clone());
        }
        return Ok(match y {
            Value::List(_) => Value::list(vec![Value::Nil; 0]),
            _ => {
                let nl = y.null_like();
                take(x, &Value::from_items(vec![nl]))?
            }
        });
    }
    let idx: Vec<usize> = if n >= 0 {
        (0..an).map(|i| i % len).collect()
    } else {
        let start = (len as i64 - an as i64).rem_euclid(len as i64) as usize;
        (0..an).map(|i| (start + i) % len).collect()
    };
    Ok(take_idx(y, &idx))
}

/// `n _ x` drop, `x _ i` cut-out of an item, `d _ k` removing keys.
pub fn drop(x: &Value, y: &Value) -> QResult<Value> {
    if matches!(x, Value::Dict(..)) && !y.is_atom()
        || matches!(x, Value::Table(..)) && matches!(y, Value::Sym(_) | Value::Syms(_))
    {
        return qerr("type");
    }
    if let Value::Dict(k, v) = x {
        // remove key(s) y
        let keys = if y.is_atom() {
            vec![y.clone()]
        } else {
            y.items()
        };
        let keep: Vec<usize> = (0..k.count())
            .filter(|&i| !keys.iter().any(|kk| matches(&k.item(i), kk)))
            .collect();
        return Ok(Value::dict(take_idx(k, &keep), take_idx(v, &keep)));
    }
    if let Value::Dict(k, v) = y {
        let keys = if x.is_atom() && !matches!(x, Value::Long(_)) {
            vec![x.clone()]
        } else if !x.is_atom() {
            x.items()
        } else {
            vec![]
        };
        if !keys.is_empty() || !matches!(x, Value::Long(_)) {
            let keep: Vec<usize> = (0..k.count())
                .filter(|&i| !keys.iter().any(|kk| matches(&k.item(i), kk)))
                .collect();
            return Ok(Value::dict(take_idx(k, &keep), take_idx(v, &keep)));
        }
    }
    if let Value::Table(names, cols) = y {
        if let Some(Value::Syms(drop)) = Some(x) {
            let keep: Vec<usize> = (0..names.len())
                .filter(|&i| !drop.contains(&names[i]))
                .collect();
            return Ok(Value::Table(
                Rc::new(keep.iter().map(|&i| names[i].clone()).collect()),
                Rc::new(keep.iter().map(|&i| cols[i].clone()).collect()),
            ));
        }
    }
    if x.is_atom() {
        let n = x.as_i64().ok_or_else(|| Signal::err("type"))?;
        if y.is_atom() {
            return qerr("type");
        }
        let len = y.count() as i64;
        let idx: Vec<usize> = if n >= 0 {
            (n.min(len)..len).map(|i| i as usize).collect()
        } else {
            (0..(len + n).max(0)).map(|i| i as usize).collect()
        };
        return Ok(take_idx(y, &idx));
    }
    if y.is_atom() && x.is_list() {
        // remove the item at index y
        let i = y.as_i64().ok_or_else(|| Signal::err("type"))?;
        let len = x.count();
        let idx: Vec<usize> = (0..len).filter(|&j| j as i64 != i).collect();
        return Ok(take_idx(x, &idx));
    }
    // cut: indices _ list
    cut_at(x, y)
}

/// `0 2 5 _ list`: cut at ascending indices.
pub fn cut_at(x: &Value, y: &Value) -> QResult<Value> {
    let idx: Vec<i64> = x.items().iter().map(|v| v.as_i64().unwrap_or(0)).collect();
    let len = y.count() as i64;
    let mut out = Vec::new();
    for (j, &s) in idx.iter().enumerate() {
        let e = if j + 1 < idx.len() { idx[j + 1] } else { len };
        if s < 0 || e > len || s > e {
            return qerr("domain");
        }
        let r: Vec<usize> = (s as usize..e as usize).collect();
        out.push(take_idx(y, &r));
    }
    Ok(Value::list(out))
}

/// `n cut x`: chunks of n; `idx cut x` as `_`.
pub fn cut(x: &Value, y: &Value) -> QResult<Value> {
    if x.is_atom() {
        let n = x.as_i64().ok_or_else(|| Signal::err("type"))?;
        if n <= 0 {
            return qerr("domain");
        }
        let len = y.count() as i64;
        let starts: Vec<Value> = (0..len).step_by(n as usize).map(Value::Long).collect();
        return cut_at(&Value::from_items(starts), y).map(|v| {
            if len == 0 {
                Value::list(vec![])
            } else {
                v
            }
        });
    }
    cut_at(x, y)
}

/// `where x`.
pub fn where_(x: &Value) -> QResult<Value> {
    match x {
        Value::Bools(b) => Ok(Value::longs(
            b.iter()
                .enumerate()
                .filter(|(_, &v)| v)
                .map(|(i, _)| i as i64)
                .collect(),
        )),
        Value::Bool(b) => Ok(Value::longs(if *b { vec![0] } else { vec![] })),
        Value::Dict(k, v) => {
            let w = where_(v)?;
            index_list(k, &w)
        }
        v if v.is_list() || v.is_atom() => {
            let items = if v.is_atom() {
                vec![v.clone()]
            } else {
                v.items()
            };
            let mut out = Vec::new();
            for (i, it) in items.iter().enumerate() {
                let n = it.as_i64().ok_or_else(|| Signal::err("type"))?;
                if n < 0 {
                    return qerr("domain");
                }
                if n as u64 + out.len() as u64 > 1_000_000_000 {
                    return qerr("wsfull");
                }
                for _ in 0..n {
                    out.push(i as i64);
                }
            }
            Ok(Value::longs(out))
        }
        _ => qerr("type"),
    }
}

/// A hashable key for an atom or list (for distinct, group, find).
#[derive(Hash, PartialEq, Eq, Clone)]
pub enum HKey {
    I(i64),
    F(u64),
    S(Rc<str>),
    C(u8),
    T(i16, Vec<HKey>),
    Other(String),
}

/// The hash key of a value.
pub fn hkey(v: &Value) -> HKey {
    match v {
        Value::Bool(b) => HKey::T(-1, vec![HKey::I(*b as i64)]),
        Value::Long(j) => HKey::I(*j),
        Value::Float(f) => HKey::F(if f.is_nan() {
            u64::MAX
        } else if *f == 0.0 {
            0
        } else {
            f.to_bits()
        }),
        Value::Sym(s) => HKey::S(s.clone()),
        Value::Char(c) => HKey::C(*c),
        a if a.is_atom() && !a.is_func() => {
            HKey::T(a.type_code(), vec![HKey::Other(format!("{:?}", a))])
        }
        l if l.is_list() => HKey::T(l.type_code(), l.items().iter().map(hkey).collect()),
        o => HKey::Other(format!("{:?}", o.type_code()) + &crate::q::format::show1(o, 7)),
    }
}

/// `distinct x`.
pub fn distinct(x: &Value) -> QResult<Value> {
    if let Value::Table(..) = x {
        let rows = x.items();
        let mut seen = std::collections::HashSet::new();
        let idx: Vec<usize> = (0..rows.len())
            .filter(|&i| {
                seen.insert(hkey(
                    &rows[i]
                        .items()
                        .into_iter()
                        .map(|v| v)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .fold(Value::list(vec![]), |a, b| {
                            join(&a, &enlist(b)).unwrap_or(Value::Nil)
                        }),
                ))
            })
            .collect();
        return Ok(take_idx(x, &idx));
    }
    if x.is_atom() {
        return qerr("type");
    }
    let items = x.items();
    let mut seen = std::collections::HashSet::new();
    let idx: Vec<usize> = (0..items.len())
        .filter(|&i| seen.insert(hkey(&items[i])))
        .collect();
    Ok(take_idx(x, &idx))
}

/// `group x`: dict of distinct items to their indices.
pub fn group(x: &Value) -> QResult<Value> {
    let items = x.items();
    let mut order: Vec<usize> = Vec::new();
    let mut map: HashMap<HKey, usize> = HashMap::new();
    let mut groups: Vec<Vec<i64>> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let k = hkey(it);
        match map.get(&k) {
            Some(&g) => groups[g].push(i as i64),
            None => {
                map.insert(k, groups.len());
                order.push(i);
                groups.push(vec![i as i64]);
            }
        }
    }
    let keys = take_idx(x, &order);
    Ok(Value::dict(
        keys,
        Value::list(groups.into_iter().map(Value::longs).collect()),
    ))
}

/// `x?y` find: index of first occurrence of each y in x (count x if absent).
pub fn find(x: &Value, y: &Value) -> QResult<Value> {
    if let Value::Dict(k, v) = x {
        // reverse lookup
        let p = find(v, y)?;
        return index_list(k, &p);
    }
    if x.is_atom() {
        return qerr("type");
    }
    let items = x.items();
    let n = items.len() as i64;
    let mut map: HashMap<HKey, i64> = HashMap::with_capacity(items.len());
    for (i, it) in items.iter().enumerate().rev() {
        map.insert(hkey(it), i as i64);
    }
    let look = |v: &Value| -> i64 { *map.get(&hkey(&promote_like(x, v))).unwrap_or(&n) };
    if matches!(x, Value::List(_))
        && !y.is_atom()
        && !matches!(y, Value::List(_))
        && y.count() > 0
        && items.iter().any(|i| !i.is_atom())
    {
        // a general list of lists: look y up as an item first
        if let Some(&p) = map.get(&hkey(y)) {
            return Ok(Value::Long(p));
        }
    }
    if y.is_atom() {
        return Ok(Value::Long(look(y)));
    }
    let ys = y.items();
    let out: Vec<Value> = ys
        .iter()
        .map(|v| {
            if v.is_atom() || matches!(x, Value::List(_)) {
                Value::Long(look(v))
            } else {
                find(x, v).unwrap_or(Value::Long(n))
            }
        })
        .collect();
    Ok(Value::from_items(out).or_empty_longs())
}

fn promote_like(x: &Value, v: &Value) -> Value {
    // ints looked up in a long list and so on: compare by value
    match (x, v) {
        (Value::Longs(_), Value::Int(i)) => Value::Long(*i as i64),
        (Value::Longs(_), Value::Short(i)) => Value::Long(*i as i64),
        (Value::Floats(_), a) if a.as_i64().is_some() => {
            Value::Float(a.as_f64().unwrap_or(f64::NAN))
        }
        (Value::Ints(_), Value::Long(j)) => Value::Int(*j as i32),
        _ => v.clone(),
    }
}

impl Value {
    fn or_empty_longs(self) -> Value {
        match &self {
            Value::List(l) if l.is_empty() => Value::longs(vec![]),
            _ => self,
        }
    }
}

fn num_key(v: &Value) -> HKey {
    match v {
        Value::Float(f) if f.fract() == 0.0 && f.is_finite() => HKey::I(*f as i64),
        Value::Real(f) if f.fract() == 0.0 && f.is_finite() => HKey::I(*f as i64),
        a if a.is_atom() && a.as_i64().is_some() && !matches!(a, Value::Bool(_)) => {
            HKey::I(a.as_i64().unwrap_or(0))
        }
        a => hkey(a),
    }
}

/// `x in y`.
pub fn in_(x: &Value, y: &Value) -> QResult<Value> {
    if let Value::List(items) = y {
        return Ok(super::extra::in_general(x, items));
    }
    if super::extra::in_type_clash(x, y) {
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

/// Compare two values in q's sort order.
pub fn qcmp(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Tm(_, x), Value::Tm(_, y)) => x.cmp(y),
        (Value::Sym(x), Value::Sym(y)) => x.as_ref().cmp(y.as_ref()),
        (Value::Char(x), Value::Char(y)) => x.cmp(y),
        // a char beside strings sorts as the one-character string
        (Value::Char(x), Value::Chars(y)) => std::slice::from_ref(x).cmp(&y[..]),
        (Value::Chars(x), Value::Char(y)) => x[..].cmp(std::slice::from_ref(y)),
        _ if a.is_atom() && b.is_atom() => {
            if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
                return x.cmp(&y);
            }
            match (a.as_f64(), b.as_f64()) {
                (Some(x), Some(y)) => match (x.is_nan(), y.is_nan()) {
                    (true, true) => Ordering::Equal,
                    (true, false) => Ordering::Less,
                    (false, true) => Ordering::Greater,
                    _ => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
                },
                _ => a.type_code().cmp(&b.type_code()),
            }
        }
        _ if !a.is_atom() && !b.is_atom() => {
            let (xa, ya) = (a.items(), b.items());
            for (p, q) in xa.iter().zip(ya.iter()) {
                let o = qcmp(p, q);
                if o != Ordering::Equal {
                    return o;
                }
            }
            xa.len().cmp(&ya.len())
        }
        _ => {
            if a.is_atom() {
                Ordering::Less
            } else {
                Ordering::Greater
            }
        }
    }
}

/// Grade: the permutation that sorts x (stable).
pub fn grade(x: &Value, desc: bool) -> QResult<Vec<usize>> {
    let n = x.count();
    let mut idx: Vec<usize> = (0..n).collect();
    match x {
        Value::Longs(v) | Value::Tms(_, v) => {
            if desc {
                idx.sort_by(|&a, &b| v[b].cmp(&v[a]));
            } else {
                idx.sort_by_key(|&i| v[i]);
            }
        }
        Value::Floats(v) => {
            let c = |a: f64, b: f64| qcmp(&Value::Float(a), &Value::Float(b));
            if desc {
                idx.sort_by(|&a, &b| c(v[b], v[a]));
            } else {
                idx.sort_by(|&a, &b| c(v[a], v[b]));
            }
        }
        Value::Dict(_, v) => return grade(v, desc),
        Value::Table(..) => {
            let rows: Vec<Vec<Value>> = (0..n).map(|i| x.item(i).items()).collect();
            idx.sort_by(|&a, &b| {
                let o = rows[a]
                    .iter()
                    .zip(rows[b].iter())
                    .map(|(p, q)| qcmp(p, q))
                    .find(|o| *o != Ordering::Equal)
                    .unwrap_or(Ordering::Equal);
                if desc {
                    o.reverse()
                } else {
                    o
                }
            });
        }
        v if v.is_list() => {
            let items = v.items();
            if desc {
                idx.sort_by(|&a, &b| qcmp(&items[b], &items[a]));
            } else {
                idx.sort_by(|&a, &b| qcmp(&items[a], &items[b]));
            }
        }
        _ => return qerr("type"),
    }
    Ok(idx)
}

/// `asc x` / `desc x`.
pub fn sort(x: &Value, desc: bool) -> QResult<Value> {
    if x.is_atom() {
        return qerr("type");
    }
    let g = grade(x, desc)?;
    if let Value::Dict(k, v) = x {
        return Ok(Value::dict(take_idx(k, &g), take_idx(v, &g)));
    }
    Ok(take_idx(x, &g))
}

/// `x within (lo;hi)`.
pub fn within(x: &Value, y: &Value) -> QResult<Value> {
    if y.count() != 2 {
        return qerr("length");
    }
    let (lo, hi) = (y.item(0), y.item(1));
    use super::atomic::{dyad, Op};
    let a = dyad(Op::Ge, x, &lo)?;
    let b = dyad(Op::Le, x, &hi)?;
    dyad(Op::Min, &a, &b)
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

/// `sublist`.
pub fn sublist(x: &Value, y: &Value) -> QResult<Value> {
    let len = y.count() as i64;
    let (s, n) = if x.is_atom() {
        let n = x.as_i64().ok_or_else(|| Signal::err("type"))?;
        if n >= 0 {
            (0, n.min(len))
        } else {
            ((len + n).max(0), (-n).min(len))
        }
    } else {
        let a = x.item(0).as_i64().ok_or_else(|| Signal::err("type"))?;
        let b = x.item(1).as_i64().ok_or_else(|| Signal::err("type"))?;
        (a.min(len), b.min(len - a.min(len)))
    };
    let idx: Vec<usize> = (s..s + n.max(0)).map(|i| i as usize).collect();
    Ok(take_idx(y, &idx))
}

/// `n rotate x`.
pub fn rotate(x: &Value, y: &Value) -> QResult<Value> {
    let n = x.as_i64().ok_or_else(|| Signal::err("type"))?;
    if y.is_atom() {
        return Ok(y.clone());
    }
    let len = y.count() as i64;
    if len == 0 {
        return Ok(y.clone());
    }
    let s = n.rem_euclid(len);
    let idx: Vec<usize> = (0..len).map(|i| ((i + s) % len) as usize).collect();
    Ok(take_idx(y, &idx))
}

/// `x bin y` (binr when `right`).
pub fn bin(x: &Value, y: &Value, right: bool) -> QResult<Value> {
    let items = x.items();
    let one = |v: &Value| -> i64 {
        // last index i with x[i] <= v (bin) ; first i with x[i] >= v (binr)
        if right {
            items.partition_point(|a| qcmp(a, v) == Ordering::Less) as i64
        } else {
            items.partition_point(|a| qcmp(a, v) != Ordering::Greater) as i64 - 1
        }
    };
    if y.is_atom() {
        return Ok(Value::Long(one(y)));
    }
    Ok(Value::longs(y.items().iter().map(one).collect()))
}

/// `first x`.
pub fn first(x: &Value) -> Value {
    match x {
        Value::Dict(_, v) => first(v),
        Value::Table(..) => x.item(0),
        v if v.is_list() => {
            if v.count() == 0 {
                match v {
                    Value::List(_) => Value::Nil,
                    _ => v.null_like(),
                }
            } else {
                v.item(0)
            }
        }
        v => v.clone(),
    }
}

/// `last x`.
pub fn last(x: &Value) -> Value {
    match x {
        Value::Dict(_, v) => last(v),
        v if v.is_list() || matches!(v, Value::Table(..)) => {
            let n = v.count();
            if n == 0 {
                first(v)
            } else {
                v.item(n - 1)
            }
        }
        v => v.clone(),
    }
}

/// `raze x`.
pub fn raze(x: &Value) -> QResult<Value> {
    match x {
        Value::List(items) => {
            if items.is_empty() {
                return Ok(x.clone());
            }
            let mut acc = items[0].clone();
            if acc.is_atom() {
                acc = enlist(acc);
            }
            for it in &items[1..] {
                acc = join(&acc, it)?;
            }
            Ok(acc)
        }
        Value::Dict(_, v) => raze(v),
        v if v.is_atom() => Ok(enlist(v.clone())),
        v => Ok(v.clone()),
    }
}

/// `x` as a list of items for functions that need one (atoms become one item).
pub fn as_items(x: &Value) -> Vec<Value> {
    if x.is_atom() {
        vec![x.clone()]
    } else {
        x.items()
    }
}
