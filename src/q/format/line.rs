//! The one-line form of any value (`.Q.s1`, `-3!`) and `string x`.

use super::atom::{atom, fmt_float, fmt_int, fmt_long, fmt_short, int_like, quoted};
use crate::q::value::Value;

/// A simple vector in its one-line q form.
fn vector(v: &Value, prec: usize) -> String {
    let n = v.count();
    if n == 0 {
        return match v {
            Value::Chars(_) => "\"\"".into(),
            Value::Bools(_) => "`boolean$()".into(),
            Value::Bytes(_) => "`byte$()".into(),
            Value::Shorts(_) => "`short$()".into(),
            Value::Ints(_) => "`int$()".into(),
            Value::Longs(_) => "`long$()".into(),
            Value::Reals(_) => "`real$()".into(),
            Value::Floats(_) => "`float$()".into(),
            Value::Syms(_) => "`symbol$()".into(),
            Value::Tms(k, _) => format!("`{}$()", k.name()),
            Value::Guids(_) => "`guid$()".into(),
            _ => "()".into(),
        };
    }
    let pre = if n == 1 { "," } else { "" };
    let body = match v {
        Value::Bools(b) => format!(
            "{}b",
            b.iter()
                .map(|&x| if x { '1' } else { '0' })
                .collect::<String>()
        ),
        Value::Bytes(b) => format!(
            "0x{}",
            b.iter().map(|x| format!("{:02x}", x)).collect::<String>()
        ),
        Value::Shorts(x) => format!(
            "{}h",
            x.iter()
                .map(|&a| fmt_short(a))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        Value::Ints(x) => format!(
            "{}i",
            x.iter().map(|&a| fmt_int(a)).collect::<Vec<_>>().join(" ")
        ),
        Value::Longs(x) => x.iter().map(|&a| fmt_long(a)).collect::<Vec<_>>().join(" "),
        Value::Reals(x) => format!(
            "{}e",
            x.iter()
                .map(|&a| fmt_float(a as f64, prec))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        Value::Floats(x) => {
            let parts: Vec<String> = x.iter().map(|&a| fmt_float(a, prec)).collect();
            let all_int = parts.iter().all(|s| int_like(s));
            let s = parts.join(" ");
            if all_int {
                s + "f"
            } else {
                s
            }
        }
        Value::Chars(c) => quoted(c),
        Value::Syms(s) => s.iter().map(|a| format!("`{a}")).collect::<String>(),
        Value::Tms(k, x) => crate::q::temporal::calendar::fmt_items(*k, x),
        Value::Guids(g) => g
            .iter()
            .map(crate::q::primitives::extra::guid_text)
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    };
    format!("{pre}{body}")
}

/// The one-line form of any value (`.Q.s1`, `-3!`).
pub fn show1(v: &Value, prec: usize) -> String {
    match v {
        Value::List(items) => {
            if items.is_empty() {
                return "()".into();
            }
            if items.len() == 1 {
                return format!(",{}", show1(&items[0], prec));
            }
            let parts: Vec<String> = items.iter().map(|i| show1(i, prec)).collect();
            format!("({})", parts.join(";"))
        }
        Value::Dict(k, val) => {
            let ks = show1(k, prec);
            let ks = if matches!(**k, Value::Table(..)) || k.count() == 1 && k.is_list() {
                format!("({ks})")
            } else {
                ks
            };
            format!("{}!{}", ks, show1(val, prec))
        }
        Value::Table(names, cols) => {
            let d = Value::dict(Value::Syms(names.clone()), Value::List(cols.clone()));
            format!("+{}", show1(&d, prec))
        }
        v if v.is_list() => vector(v, prec),
        v => atom(v, prec),
    }
}

/// `string x`: the characters of an atom, or of each item of a list.
pub fn string_of(v: &Value, prec: usize) -> Value {
    match v {
        Value::Char(c) => Value::chars(vec![*c]),
        Value::Sym(s) => Value::string(s),
        Value::Float(f) => Value::string(&fmt_float(*f, prec)),
        Value::Real(f) => Value::string(&fmt_float(*f as f64, prec)),
        Value::Long(j) => Value::string(&fmt_long(*j)),
        Value::Int(i) => Value::string(&fmt_int(*i)),
        Value::Short(h) => Value::string(&fmt_short(*h)),
        Value::Bool(b) => Value::string(if *b { "1" } else { "0" }),
        Value::Byte(b) => Value::string(&format!("{:02x}", b)),
        Value::Tm(k, x) => Value::string(&crate::q::temporal::calendar::fmt_string(*k, *x)),
        Value::Guid(g) => Value::string(&crate::q::primitives::extra::guid_text(g)),
        Value::Chars(c) => Value::list(c.iter().map(|&ch| Value::chars(vec![ch])).collect()),
        Value::Dict(k, val) => Value::dict((**k).clone(), string_of(val, prec)),
        Value::Table(n, c) => Value::Table(
            n.clone(),
            std::rc::Rc::new(c.iter().map(|col| string_of(col, prec)).collect()),
        ),
        Value::Func(_) | Value::Nil => Value::string(&show1(v, prec)),
        v => Value::list(v.items().iter().map(|i| string_of(i, prec)).collect()),
    }
}
