//! The one table of primitives: every verb and keyword with its monadic, dyadic and
//! n-ary forms. The evaluator looks primitives up here and never matches on names.

pub mod agg;
pub mod atomic;
pub mod cast;
pub mod extra;
pub mod list;
pub mod strings;
pub mod sys;
pub mod table;

use std::sync::OnceLock;

use crate::q::error::{qerr, QResult};
use crate::q::eval::Interp;
use crate::q::value::{Func, Value};
use atomic::{Op, Un};

/// Monadic form.
pub type M = fn(&mut Interp, Value) -> QResult<Value>;
/// Dyadic form.
pub type D = fn(&mut Interp, Value, Value) -> QResult<Value>;
/// Form taking three or more arguments.
pub type N = fn(&mut Interp, Vec<Value>) -> QResult<Value>;

/// One primitive: its name, its forms, and how the parser treats it.
pub struct Prim {
    pub name: &'static str,
    pub m: Option<M>,
    pub d: Option<D>,
    pub n: Option<N>,
    /// A keyword used between its arguments (`x mod y`).
    pub infix: bool,
    /// A symbolic verb (`+`, `#`...): one bracketed argument projects.
    pub verb: bool,
}

macro_rules! m {
    ($f:expr) => {
        Some((|_ip: &mut Interp, x: Value| $f(&x)) as M)
    };
}
macro_rules! d {
    ($f:expr) => {
        Some((|_ip: &mut Interp, x: Value, y: Value| $f(&x, &y)) as D)
    };
}
macro_rules! un {
    ($op:expr) => {
        Some((|_ip: &mut Interp, x: Value| atomic::monad($op, &x)) as M)
    };
}
macro_rules! bin {
    ($op:expr) => {
        Some((|_ip: &mut Interp, x: Value, y: Value| atomic::dyad($op, &x, &y)) as D)
    };
}

fn p(name: &'static str, m: Option<M>, d: Option<D>) -> Prim {
    let verb = !name.as_bytes()[0].is_ascii_alphabetic() && !name.starts_with('.');
    Prim {
        name,
        m,
        d,
        n: None,
        infix: false,
        verb,
    }
}

fn ix(name: &'static str, m: Option<M>, d: Option<D>) -> Prim {
    Prim {
        name,
        m,
        d,
        n: None,
        infix: true,
        verb: false,
    }
}

fn nary(mut pr: Prim, n: N) -> Prim {
    pr.n = Some(n);
    pr
}

fn ok<T>(v: T) -> QResult<T> {
    Ok(v)
}

fn build() -> Vec<Prim> {
    use crate::q::value::Adverb::{Prior, Scan};
    use agg as a;
    use list as l;
    vec![
        p(":", Some(|_, x| Ok(x)), Some(|_, _, y| Ok(y))),
        p("+", m!(table::flip), bin!(Op::Add)),
        p("-", un!(Un::Neg), bin!(Op::Sub)),
        p("*", m!(|x: &Value| ok(l::first(x))), bin!(Op::Mul)),
        p("%", un!(Un::Recip), bin!(Op::Div)),
        p("!", Some(sys::key), Some(sys::bang)),
        p("&", m!(l::where_), d!(|x, y| extra::max_min(x, y, false))),
        p("|", m!(l::reverse), d!(|x, y| extra::max_min(x, y, true))),
        p("<", m!(|x: &Value| sys::grade_v(x, false)), bin!(Op::Lt)),
        p(">", m!(|x: &Value| sys::grade_v(x, true)), bin!(Op::Gt)),
        p("<=", None, bin!(Op::Le)),
        p(">=", None, bin!(Op::Ge)),
        p("<>", None, bin!(Op::Ne)),
        p("=", m!(l::group), bin!(Op::Eq)),
        p(
            "~",
            un!(Un::Not),
            d!(|x: &Value, y: &Value| ok(Value::Bool(crate::q::value::matches(x, y)))),
        ),
        p(",", m!(|x: &Value| ok(l::enlist(x.clone()))), d!(l::join)),
        p("^", un!(Un::Null), d!(sys::fill)),
        p(
            "#",
            m!(|x: &Value| ok(a::count(x))),
            Some(crate::q::apply::take_or_attr),
        ),
        p("_", un!(Un::Floor), d!(l::drop)),
        p("$", None, d!(cast::dollar)),
        nary(p("?", m!(l::distinct), Some(sys::query)), sys::vcond),
        nary(
            p(
                "@",
                m!(|x: &Value| ok(Value::Short(x.type_code()))),
                Some(sys::at),
            ),
            sys::at_n,
        ),
        nary(p(".", Some(sys::value), Some(sys::dot)), sys::dot_n),
        p("0:", None, Some(|_, _, _| qerr("access"))),
        p("1:", None, Some(|_, _, _| qerr("access"))),
        p("2:", None, Some(|_, _, _| qerr("access"))),
        // keywords: monadic
        p("til", m!(l::til), None),
        p("count", m!(|x: &Value| ok(a::count(x))), None),
        p("first", m!(|x: &Value| ok(l::first(x))), None),
        p("last", m!(|x: &Value| ok(l::last(x))), None),
        p("reverse", m!(l::reverse), None),
        nary(
            p(
                "enlist",
                m!(|x: &Value| ok(l::enlist(x.clone()))),
                Some(|_, x, y| Ok(Value::from_items(vec![x, y]))),
            ),
            |_, v| Ok(Value::from_items(v)),
        ),
        p("raze", m!(l::raze), None),
        p("where", m!(l::where_), None),
        p("distinct", m!(l::distinct), None),
        p("group", m!(l::group), None),
        p("asc", m!(|x: &Value| l::sort(x, false)), None),
        p("desc", m!(|x: &Value| l::sort(x, true)), None),
        p("iasc", m!(|x: &Value| sys::grade_v(x, false)), None),
        p("idesc", m!(|x: &Value| sys::grade_v(x, true)), None),
        p("sum", m!(a::sum), None),
        p("prd", m!(a::prd), None),
        p("max", m!(a::max), None),
        p("min", m!(a::min), None),
        p("avg", m!(a::avg), None),
        p("avgs", m!(extra::avgs), None),
        p(
            "sums",
            m!(a::sums),
            Some(|ip, x, y| extra::seeded(ip, "+", Scan, x, y)),
        ),
        p(
            "prds",
            m!(a::prds),
            Some(|ip, x, y| extra::seeded(ip, "*", Scan, x, y)),
        ),
        p(
            "maxs",
            m!(a::maxs),
            Some(|ip, x, y| extra::seeded(ip, "|", Scan, x, y)),
        ),
        p(
            "mins",
            m!(a::mins),
            Some(|ip, x, y| extra::seeded(ip, "&", Scan, x, y)),
        ),
        p("deltas", m!(a::deltas), Some(crate::q::apply::deltas2)),
        p(
            "ratios",
            m!(a::ratios),
            Some(|ip, x, y| extra::seeded(ip, "%", Prior, x, y)),
        ),
        p("differ", m!(a::differ), None),
        p("prev", m!(a::prev_), None),
        p("next", m!(a::next_), None),
        p("fills", m!(a::fills), None),
        p("null", un!(Un::Null), None),
        p("key", Some(sys::key), None),
        p("value", Some(sys::value), None),
        p("get", Some(sys::value), None),
        p("flip", m!(table::flip), None),
        p(
            "string",
            Some(|ip, x| Ok(crate::q::format::string_of(&x, ip.precision))),
            None,
        ),
        p("lower", m!(strings::lower), None),
        p("upper", m!(strings::upper), None),
        p("trim", m!(|x: &Value| strings::trim(x, 2)), None),
        p("ltrim", m!(|x: &Value| strings::trim(x, 0)), None),
        p("rtrim", m!(|x: &Value| strings::trim(x, 1)), None),
        p("abs", un!(Un::Abs), None),
        p("neg", un!(Un::Neg), None),
        p("signum", un!(Un::Signum), None),
        p("sqrt", un!(Un::Sqrt), None),
        p("exp", un!(Un::Exp), None),
        p("log", un!(Un::Log), None),
        p("floor", un!(Un::Floor), None),
        p("ceiling", un!(Un::Ceiling), None),
        p("reciprocal", un!(Un::Recip), None),
        p("sin", un!(Un::Sin), None),
        p("cos", un!(Un::Cos), None),
        p("tan", un!(Un::Tan), None),
        p("asin", un!(Un::Asin), None),
        p("acos", un!(Un::Acos), None),
        p("atan", un!(Un::Atan), None),
        p("not", un!(Un::Not), None),
        p("all", m!(a::all), None),
        p("any", m!(a::any), None),
        p("med", m!(a::med), None),
        p("var", m!(|x: &Value| a::var(x, false)), None),
        p("svar", m!(|x: &Value| a::var(x, true)), None),
        p("dev", m!(|x: &Value| a::dev(x, false)), None),
        p("sdev", m!(|x: &Value| a::dev(x, true)), None),
        p("rank", m!(a::rank), None),
        p(
            "type",
            m!(|x: &Value| ok(Value::Short(x.type_code()))),
            None,
        ),
        p("cols", m!(table::cols), None),
        p("meta", m!(table::meta), None),
        p(
            "keys",
            m!(|x: &Value| match x {
                Value::Dict(k, _) => table::cols(k),
                _ => ok(Value::syms(vec![])),
            }),
            None,
        ),
        p("show", Some(sys::show), None),
        p("exit", Some(sys::exit), None),
        p("tables", Some(sys::tables), None),
        p("attr", m!(|_x: &Value| ok(Value::sym(""))), None),
        p("ungroup", m!(sys::ungroup), None),
        p("system", Some(|_, _| qerr("access")), None),
        p("hopen", Some(|_, _| qerr("access")), None),
        p("hclose", Some(|_, _| qerr("access")), None),
        p("read0", Some(|_, _| qerr("access")), None),
        p("read1", Some(|_, _| qerr("access")), None),
        p("getenv", Some(|_, _| qerr("access")), None),
        p("hsym", Some(|_, _| qerr("access")), None),
        p("load", Some(|_, _| qerr("access")), None),
        p("parse", Some(|_, _| qerr("nyi")), None),
        p("eval", Some(sys::value), None),
        p(
            ".Q.s1",
            Some(|ip, x| Ok(Value::string(&crate::q::format::show1(&x, ip.precision)))),
            None,
        ),
        p(
            ".Q.s",
            Some(|ip, x| {
                Ok(Value::string(
                    &(crate::q::format::show(&x, ip.precision, ip.console.1) + "\n"),
                ))
            }),
            None,
        ),
        p(
            ".j.j",
            m!(|x: &Value| {
                let mut s = String::new();
                table::to_json(x, &mut s)?;
                ok(Value::string(&s))
            }),
            None,
        ),
        p(
            ".j.k",
            m!(|x: &Value| match x.as_str() {
                Some(s) => table::from_json(&s),
                None => qerr("type"),
            }),
            None,
        ),
        // keywords: dyadic, used infix
        ix("and", None, d!(|x, y| extra::max_min(x, y, false))),
        ix("or", None, d!(|x, y| extra::max_min(x, y, true))),
        ix("mod", None, bin!(Op::Mod)),
        ix("div", None, bin!(Op::IDiv)),
        ix("xbar", None, d!(a::xbar)),
        ix("xexp", None, d!(a::xexp)),
        ix("xlog", None, d!(a::xlog)),
        ix("in", None, d!(l::in_)),
        ix("like", None, d!(strings::like)),
        ix("within", None, d!(l::within)),
        ix("except", None, d!(l::except)),
        ix("inter", None, d!(l::inter)),
        ix("union", None, d!(l::union)),
        ix("cross", None, d!(l::cross)),
        ix("cut", None, d!(l::cut)),
        ix(
            "bin",
            None,
            d!(|x: &Value, y: &Value| extra::bin(x, y, false)),
        ),
        ix(
            "binr",
            None,
            d!(|x: &Value, y: &Value| extra::bin(x, y, true)),
        ),
        ix("ss", None, d!(strings::ss)),
        ix("sv", None, d!(extra::sv)),
        ix("vs", None, d!(extra::vs)),
        ix("sublist", None, d!(l::sublist)),
        ix("rotate", None, d!(l::rotate)),
        ix(
            "xprev",
            None,
            d!(|x: &Value, y: &Value| a::shift(y, x.as_i64().unwrap_or(0))),
        ),
        ix("xrank", None, d!(sys::xrank)),
        ix(
            "each",
            None,
            Some(|ip, f, x| {
                crate::q::adverbs::apply(ip, crate::q::value::Adverb::Each, &f, vec![x])
            }),
        ),
        ix(
            "peach",
            None,
            Some(|ip, f, x| {
                crate::q::adverbs::apply(ip, crate::q::value::Adverb::Each, &f, vec![x])
            }),
        ),
        ix(
            "over",
            None,
            Some(|ip, f, x| {
                crate::q::adverbs::apply(ip, crate::q::value::Adverb::Over, &f, vec![x])
            }),
        ),
        ix(
            "scan",
            None,
            Some(|ip, f, x| {
                crate::q::adverbs::apply(ip, crate::q::value::Adverb::Scan, &f, vec![x])
            }),
        ),
        ix(
            "prior",
            None,
            Some(|ip, f, x| {
                crate::q::adverbs::apply(ip, crate::q::value::Adverb::Prior, &f, vec![x])
            }),
        ),
        ix("msum", None, d!(|x: &Value, y: &Value| a::moving(x, y, 0))),
        ix("mavg", None, d!(|x: &Value, y: &Value| a::moving(x, y, 1))),
        ix("mmax", None, d!(|x: &Value, y: &Value| a::moving(x, y, 2))),
        ix("mmin", None, d!(|x: &Value, y: &Value| a::moving(x, y, 3))),
        ix(
            "mcount",
            None,
            d!(|x: &Value, y: &Value| a::moving(x, y, 4)),
        ),
        ix("wavg", None, d!(extra::wavg)),
        ix(
            "wsum",
            None,
            d!(|x: &Value, y: &Value| a::wsum(x, y, false)),
        ),
        ix("cor", None, d!(|x: &Value, y: &Value| a::cov(x, y, 2))),
        ix("cov", None, d!(|x: &Value, y: &Value| a::cov(x, y, 0))),
        ix("scov", None, d!(|x: &Value, y: &Value| a::cov(x, y, 1))),
        ix("ema", None, d!(a::ema)),
        ix(
            "xasc",
            None,
            d!(|x: &Value, y: &Value| table::xsort(x, y, false)),
        ),
        ix(
            "xdesc",
            None,
            d!(|x: &Value, y: &Value| table::xsort(x, y, true)),
        ),
        ix("xkey", None, d!(table::xkey)),
        ix("xcol", None, d!(sys::xcol)),
        ix("xcols", None, d!(sys::xcols)),
        ix("set", None, Some(sys::set)),
        ix("upsert", None, Some(sys::upsert)),
        ix("insert", None, Some(sys::insert)),
        ix("lj", None, d!(sys::lj)),
        ix("ij", None, d!(sys::ij)),
        ix("uj", None, d!(sys::uj)),
        ix("pj", None, d!(sys::pj)),
        ix("fby", None, Some(|_, _, _| qerr("nyi"))),
        ix("mmu", None, d!(sys::mmu)),
        nary(p("ssr", None, None), |ip, v| {
            if v.len() != 3 {
                return qerr("rank");
            }
            if v[2].is_func() {
                return extra::ssr_fn(ip, &v[0], &v[1], &v[2]);
            }
            strings::ssr(&v[0], &v[1], &v[2])
        }),
    ]
}

fn table_ref() -> &'static [Prim] {
    static T: OnceLock<Vec<Prim>> = OnceLock::new();
    T.get_or_init(build)
}

/// The index of a primitive by name.
pub fn lookup(name: &str) -> Option<usize> {
    table_ref().iter().position(|p| p.name == name)
}

/// The name of a primitive.
pub fn prim_name(i: usize) -> &'static str {
    table_ref().get(i).map(|p| p.name).unwrap_or("?")
}

/// q's type number for a primitive (101 unary keyword-like, 102 operator).
pub fn prim_type(i: usize) -> i16 {
    match table_ref().get(i) {
        Some(p) if p.verb => 102,
        Some(p) if p.d.is_some() => 102,
        _ => 101,
    }
}

/// Keywords used infix (`x mod y`).
pub fn is_infix_word(i: usize) -> bool {
    table_ref().get(i).map(|p| p.infix).unwrap_or(false)
}

/// A symbolic verb with both forms: `+[1]` projects rather than applying monadically.
pub fn bracket_one_projects(i: usize) -> bool {
    table_ref()
        .get(i)
        .map(|p| p.verb && p.d.is_some())
        .unwrap_or(false)
}

/// The `:` primitive.
pub fn colon() -> usize {
    lookup(":").unwrap_or(0)
}

/// Is this the join verb `,`?
pub fn is_join(i: usize) -> bool {
    table_ref().get(i).map(|p| p.name == ",").unwrap_or(false)
}

/// True when a primitive has a dyadic form and no monadic one (its rank is 2).
pub fn is_dyadic_only(i: usize) -> bool {
    table_ref()
        .get(i)
        .map(|p| p.m.is_none() && p.d.is_some())
        .unwrap_or(false)
}

/// Call a primitive monadically (prefix position).
pub fn call_monad(ip: &mut Interp, i: usize, x: Value) -> QResult<Value> {
    let Some(pr) = table_ref().get(i) else {
        return qerr("nyi");
    };
    match pr.m {
        Some(f) => f(ip, x),
        None => match pr.d {
            Some(_) => Ok(Value::func(Func::Proj(
                Value::func(Func::Prim(i)),
                vec![Some(x), None],
            ))),
            None => qerr("rank"),
        },
    }
}

/// Call a primitive with any number of arguments.
pub fn call(ip: &mut Interp, i: usize, mut args: Vec<Value>) -> QResult<Value> {
    let Some(pr) = table_ref().get(i) else {
        return qerr("nyi");
    };
    match args.len() {
        1 => {
            let x = args.pop().unwrap_or(Value::Nil);
            match (pr.m, pr.d) {
                (Some(f), _) => f(ip, x),
                (None, Some(_)) => Ok(Value::func(Func::Proj(
                    Value::func(Func::Prim(i)),
                    vec![Some(x), None],
                ))),
                _ => match pr.n {
                    Some(f) => f(ip, vec![x]),
                    None => qerr("rank"),
                },
            }
        }
        2 => {
            let y = args.pop().unwrap_or(Value::Nil);
            let x = args.pop().unwrap_or(Value::Nil);
            match pr.d {
                Some(f) => f(ip, x, y),
                None => match pr.n {
                    Some(f) => {
                        if pr.name == "ssr" {
                            return Ok(Value::func(Func::Proj(
                                Value::func(Func::Prim(i)),
                                vec![Some(x), Some(y), None],
                            )));
                        }
                        f(ip, vec![x, y])
                    }
                    None => qerr("rank"),
                },
            }
        }
        _ => match pr.n {
            Some(f) => f(ip, args),
            None => qerr("rank"),
        },
    }
}
