//! The iterators: each, over, scan, each-prior, each-right, each-left, and their
//! keyword forms; folds, converges, repeats and while-loops.

use std::rc::Rc;

use super::error::{qerr, QResult, Signal};
use super::eval::Interp;
use super::primitives;
use super::value::{matches, Adverb, Func, Value};

/// The number of arguments a function takes (as far as iterators care).
pub fn rank_of(f: &Value) -> usize {
    match f {
        Value::Func(func) => match &**func {
            Func::Lambda(l) => l.params.len(),
            Func::Prim(p) => {
                if primitives::is_infix_word(*p)
                    || primitives::bracket_one_projects(*p)
                    || primitives::is_dyadic_only(*p)
                {
                    2
                } else {
                    1
                }
            }
            Func::Proj(g, slots) => {
                let holes = slots.iter().filter(|s| s.is_none()).count();
                holes + rank_of(g).saturating_sub(slots.len())
            }
            Func::Comp(fs) => fs.last().map(rank_of).unwrap_or(2),
            Func::Derived(a, g) => match a {
                Adverb::Each | Adverb::Prior => rank_of(g),
                Adverb::EachLeft | Adverb::EachRight => 2,
                Adverb::Over | Adverb::Scan => {
                    let r = rank_of(g);
                    if r >= 2 {
                        2
                    } else {
                        1
                    }
                }
            },
        },
        _ => 1,
    }
}

fn items_or_atom(x: &Value) -> (Vec<Value>, bool) {
    if x.is_atom() {
        (vec![x.clone()], true)
    } else {
        (x.items(), false)
    }
}

fn collect(out: Vec<Value>, like: &Value) -> Value {
    if out.is_empty() {
        return match like {
            Value::List(_) => Value::list(vec![]),
            _ => Value::list(vec![]),
        };
    }
    Value::from_items(out)
}

/// Apply a derived function `f<adverb>` to arguments.
pub fn apply(ip: &mut Interp, a: Adverb, f: &Value, args: Vec<Value>) -> QResult<Value> {
    match a {
        Adverb::Each if !f.is_func() && f.is_list() && args.len() >= 2 => vector_case(f, args),
        Adverb::Each => each(ip, f, args),
        Adverb::Over => over(ip, f, args, false),
        Adverb::Scan => over(ip, f, args, true),
        Adverb::Prior => prior(ip, f, args),
        Adverb::EachRight if !f.is_func() && args.len() == 1 => {
            primitives::strings::sv(f, &args[0])
        }
        Adverb::EachLeft if !f.is_func() && args.len() == 1 => primitives::strings::vs(f, &args[0]),
        Adverb::EachRight => {
            if args.len() != 2 {
                if args.len() == 1 {
                    return Ok(Value::func(Func::Proj(
                        Value::func(Func::Derived(a, f.clone())),
                        vec![Some(args[0].clone()), None],
                    )));
                }
                return qerr("rank");
            }
            let (x, y) = (&args[0], &args[1]);
            if let Value::Dict(k, v) = y {
                let r = apply(ip, a, f, vec![x.clone(), (**v).clone()])?;
                return Ok(Value::Dict(k.clone(), Rc::new(r)));
            }
            let (ys, atom) = items_or_atom(y);
            let mut out = Vec::with_capacity(ys.len());
            for yi in ys {
                out.push(ip.apply(f, vec![x.clone(), yi])?);
            }
            if atom {
                return Ok(out.pop().unwrap_or(Value::Nil));
            }
            Ok(collect(out, y))
        }
        Adverb::EachLeft => {
            if args.len() != 2 {
                if args.len() == 1 {
                    return Ok(Value::func(Func::Proj(
                        Value::func(Func::Derived(a, f.clone())),
                        vec![Some(args[0].clone()), None],
                    )));
                }
                return qerr("rank");
            }
            let (x, y) = (&args[0], &args[1]);
            if let Value::Dict(k, v) = x {
                let r = apply(ip, a, f, vec![(**v).clone(), y.clone()])?;
                return Ok(Value::Dict(k.clone(), Rc::new(r)));
            }
            let (xs, atom) = items_or_atom(x);
            let mut out = Vec::with_capacity(xs.len());
            for xi in xs {
                out.push(ip.apply(f, vec![xi, y.clone()])?);
            }
            if atom {
                return Ok(out.pop().unwrap_or(Value::Nil));
            }
            Ok(collect(out, x))
        }
    }
}

/// `i'[a;b;..]` with an index list `i`: item `k` comes from argument `i[k]`
/// (atoms repeat; dictionaries must share their keys).
fn vector_case(f: &Value, args: Vec<Value>) -> QResult<Value> {
    let mut keys: Option<Value> = None;
    let mut cols = Vec::with_capacity(args.len());
    for a in args {
        match a {
            Value::Dict(k, v) => {
                if let Some(prev) = &keys {
                    if !matches(prev, &k) {
                        // different counts are a length error, same count other keys a domain error
                        return qerr(if prev.count() != k.count() {
                            "length"
                        } else {
                            "domain"
                        });
                    }
                }
                keys = Some((*k).clone());
                cols.push((*v).clone());
            }
            a => cols.push(a),
        }
    }
    let n = f.count();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let k = f.item(i).as_i64().ok_or_else(|| Signal::err("type"))?;
        let src = usize::try_from(k)
            .ok()
            .and_then(|k| cols.get(k))
            .ok_or_else(|| Signal::err("index"))?;
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

fn each(ip: &mut Interp, f: &Value, args: Vec<Value>) -> QResult<Value> {
    if args.len() == 1 {
        let x = &args[0];
        match x {
            Value::Dict(k, v) => {
                let r = each(ip, f, vec![(**v).clone()])?;
                return Ok(Value::Dict(k.clone(), Rc::new(r)));
            }
            _ if x.is_atom() => return ip.apply(f, vec![x.clone()]),
            _ => {}
        }
        let items = x.items();
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            out.push(ip.apply(f, vec![it])?);
        }
        return Ok(collect(out, x));
    }
    // n-ary each: atoms broadcast, lists must agree
    let n = args
        .iter()
        .filter(|a| !a.is_atom() || matches!(a, Value::Dict(..)))
        .map(|a| a.count())
        .max();
    let Some(n) = n else {
        return ip.apply(f, args);
    };
    if args.iter().any(|a| !a.is_atom() && a.count() != n) {
        return qerr("length");
    }
    let dict_keys = args.iter().find_map(|a| {
        if let Value::Dict(k, _) = a {
            Some(k.clone())
        } else {
            None
        }
    });
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let row: Vec<Value> = args
            .iter()
            .map(|a| if a.is_atom() { a.clone() } else { a.item(i) })
            .collect();
        out.push(ip.apply(f, row)?);
    }
    let r = collect(out, &args[0]);
    Ok(match dict_keys {
        Some(k) => Value::Dict(k, Rc::new(r)),
        None => r,
    })
}

fn is_join(f: &Value) -> bool {
    matches!(prim_op(f), Some(","))
}

fn prim_op(f: &Value) -> Option<&'static str> {
    if let Value::Func(func) = f {
        if let Func::Prim(p) = &**func {
            return Some(primitives::prim_name(*p));
        }
    }
    None
}

fn over(ip: &mut Interp, f: &Value, args: Vec<Value>, scan: bool) -> QResult<Value> {
    let r = rank_of(f);
    if !f.is_func() {
        // a noun iterated: index repeatedly (`list/` converges through the map)
        if args.len() == 1 {
            return converge(ip, f, args[0].clone(), scan);
        }
        if args.len() == 2 {
            let (x, y) = (&args[0], &args[1]);
            let mut acc = x.clone();
            let mut out = Vec::new();
            for yi in primitives::list::as_items(y) {
                acc = ip.index(f, &[acc, yi])?;
                if scan {
                    out.push(acc.clone());
                }
            }
            return Ok(if scan { collect(out, y) } else { acc });
        }
        return qerr("type");
    }
    // a derived over/scan iterated with one argument is used unary: converge
    let r = match f {
        Value::Func(g)
            if args.len() == 1 && matches!(**g, Func::Derived(Adverb::Over | Adverb::Scan, _)) =>
        {
            1
        }
        _ => r,
    };
    match args.len() {
        1 if r >= 2 => {
            let x = &args[0];
            if let Value::Dict(_, v) = x {
                return over(ip, f, vec![(**v).clone()], scan);
            }
            let items = if x.is_atom() {
                vec![x.clone()]
            } else {
                x.items()
            };
            if items.is_empty() {
                // a lambda is never called: the result is the generic empty list
                return Ok(match (prim_op(f), scan) {
                    (None, _) => Value::list(vec![]),
                    (Some("+"), _) => Value::Long(0),
                    (Some("*"), _) => Value::Long(1),
                    _ => x.clone(),
                });
            }
            // fast paths for sum-like folds on long vectors
            if !scan {
                if let (Some(op), Value::Longs(_)) = (prim_op(f), x) {
                    match op {
                        "+" => return primitives::agg::sum(x),
                        "|" => return primitives::agg::max(x),
                        "&" => return primitives::agg::min(x),
                        _ => {}
                    }
                }
            }
            let mut it = items.into_iter();
            let mut acc = it.next().unwrap_or(Value::Nil);
            if scan && is_join(f) && acc.is_atom() {
                // () is the identity of `,`: the first item of a join-scan is a list
                acc = primitives::list::enlist(acc);
            }
            let mut out = vec![acc.clone()];
            for y in it {
                acc = ip.apply(f, vec![acc, y])?;
                if scan {
                    out.push(acc.clone());
                }
            }
            Ok(if scan { Value::from_items(out) } else { acc })
        }
        1 => converge(ip, f, args[0].clone(), scan),
        2 if r >= 2 => {
            let (x, y) = (&args[0], &args[1]);
            let items = if y.is_atom() {
                vec![y.clone()]
            } else {
                y.items()
            };
            let mut acc = x.clone();
            let mut out = Vec::with_capacity(items.len());
            for yi in items {
                acc = ip.apply(f, vec![acc, yi])?;
                if scan {
                    out.push(acc.clone());
                }
            }
            Ok(if scan { collect(out, y) } else { acc })
        }
        2 => {
            // n f/ x (repeat) or cond f/ x (while)
            let (c, x) = (&args[0], &args[1]);
            let mut acc = x.clone();
            let mut out = vec![acc.clone()];
            if c.is_func() {
                loop {
                    let t = ip.apply(c, vec![acc.clone()])?;
                    if !t.truthy()? {
                        break;
                    }
                    acc = ip.apply(f, vec![acc])?;
                    if scan {
                        out.push(acc.clone());
                    }
                }
            } else {
                let n = c.as_i64().ok_or_else(|| Signal::err("type"))?;
                for _ in 0..n.max(0) {
                    acc = ip.apply(f, vec![acc])?;
                    if scan {
                        out.push(acc.clone());
                    }
                }
            }
            Ok(if scan { Value::from_items(out) } else { acc })
        }
        _ => {
            // f/[x;y;z]: fold over y and z together
            let mut acc = args[0].clone();
            let rest = &args[1..];
            let n = rest
                .iter()
                .filter(|a| !a.is_atom())
                .map(|a| a.count())
                .max()
                .unwrap_or(1);
            // the lists folded over together must agree in length (checked before rank)
            if rest.iter().any(|a| !a.is_atom() && a.count() != n) {
                return qerr("length");
            }
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                let mut call = vec![acc];
                call.extend(
                    rest.iter()
                        .map(|a| if a.is_atom() { a.clone() } else { a.item(i) }),
                );
                acc = ip.apply(f, call)?;
                if scan {
                    out.push(acc.clone());
                }
            }
            Ok(if scan { Value::from_items(out) } else { acc })
        }
    }
}

fn converge(ip: &mut Interp, f: &Value, x: Value, scan: bool) -> QResult<Value> {
    let first = x.clone();
    let mut prev = x;
    let mut out = vec![prev.clone()];
    let mut steps = 0u64;
    loop {
        steps += 1;
        if steps > 100_000 {
            return qerr("limit");
        }
        let next = ip.apply(f, vec![prev.clone()])?;
        if matches(&next, &prev) || matches(&next, &first) {
            if scan && !matches(&next, &prev) {
                // came back to the start: stop without repeating it
            }
            break;
        }
        if scan {
            out.push(next.clone());
        }
        prev = next;
    }
    Ok(if scan { Value::from_items(out) } else { prev })
}

fn prior(ip: &mut Interp, f: &Value, args: Vec<Value>) -> QResult<Value> {
    let (seed, x) = match args.len() {
        1 => (None, args[0].clone()),
        2 => (Some(args[0].clone()), args[1].clone()),
        _ => return qerr("rank"),
    };
    if let Value::Dict(k, v) = &x {
        let mut a = vec![(**v).clone()];
        if let Some(s) = seed {
            a.insert(0, s);
        }
        let r = prior(ip, f, a)?;
        return Ok(Value::Dict(k.clone(), Rc::new(r)));
    }
    let items = if x.is_atom() {
        vec![x.clone()]
    } else {
        x.items()
    };
    if items.is_empty() {
        return Ok(x.clone());
    }
    let mut out = Vec::with_capacity(items.len());
    let first = match seed {
        Some(s) => ip.apply(f, vec![items[0].clone(), s])?,
        None => match prim_op(f) {
            Some("-") | Some("+") | Some("*") | Some("|") | Some("&") | Some(",") => {
                items[0].clone()
            }
            Some("%") => ip.apply(f, vec![items[0].clone(), Value::Long(1)])?,
            _ => {
                let null = if items[0].is_atom() {
                    items[0].null_like()
                } else {
                    Value::Nil
                };
                ip.apply(f, vec![items[0].clone(), null])?
            }
        },
    };
    out.push(first);
    for i in 1..items.len() {
        out.push(ip.apply(f, vec![items[i].clone(), items[i - 1].clone()])?);
    }
    let _ = Signal::err;
    Ok(collect(out, &x))
}
