//! The q call translator: the Python arguments of one test case (as the harness printed
//! them, in JSON) plus the signature's Python types become the q expression that calls
//! `solve` and prints its result as JSON: `-1 .j.j solve[a;b];`.
//!
//! Rules (DESIGN.md "Canonical answers"):
//! - int → long (`5`, `-5`); ints at or beyond the 64-bit limits (q's `0N`/`0W` sit at
//!   i64::MIN/i64::MAX) are refused, so the test is dropped as unsupported;
//! - float → float; a whole float keeps its type (`2f`); `1e-07`-style exponents are kept;
//!   inf → `0w`, -inf → `-0w`, nan → `0n`; an int given where the signature says float
//!   becomes a float;
//! - bool → `1b`/`0b`;
//! - str → `"..."` with q escapes (`\"` `\\` `\n` `\t` `\r`, other control bytes `\ooo`),
//!   non-ASCII kept as UTF-8 bytes; a one-byte string is `enlist "a"`; empty is `""`;
//! - List[int|float|bool] → typed vectors (`1 -2 3`, `1.5 2 3f`, `101b`); one item →
//!   `enlist 5`; empty → `` `long$() ``, `` `float$() ``, `` `boolean$() ``;
//! - List[str] and nested lists → general lists `("ab";"cd")`, `(1 2;enlist 3)`; one
//!   item → `enlist x`; empty → `()` (q has no typed empty list of lists).

use super::signature::{Param, PyType};
use serde_json::Value;

/// The q statement that runs one test: `-1 .j.j solve[args];`.
pub fn call(args: &[Value], params: &[Param]) -> Result<String, String> {
    if args.len() != params.len() {
        return Err(format!(
            "{} arguments for {} parameters",
            args.len(),
            params.len()
        ));
    }
    let mut parts = Vec::with_capacity(args.len());
    for (v, p) in args.iter().zip(params) {
        parts.push(expr(v, &p.py_type).map_err(|e| format!("argument {}: {e}", p.name))?);
    }
    Ok(format!("-1 .j.j solve[{}];", parts.join(";")))
}

/// The q expression for one Python value `v` whose annotated type is `t`.
pub fn expr(v: &Value, t: &PyType) -> Result<String, String> {
    match (v, t) {
        (Value::Null, _) => Err("None has no q form".into()),
        (Value::Bool(b), PyType::Bool | PyType::Int | PyType::Other(_)) => Ok(bool_atom(*b)),
        (Value::Number(_), PyType::Float) => Ok(float_atom(number_as_f64(v)?)),
        (Value::Number(n), PyType::Int | PyType::Bool | PyType::Other(_)) => {
            if n.is_f64() {
                Ok(float_atom(number_as_f64(v)?))
            } else {
                long(n).map(|i| i.to_string())
            }
        }
        (Value::String(s), PyType::Str | PyType::Other(_)) => Ok(string(s)),
        (Value::Object(o), _) if o.contains_key("$float") => Ok(float_atom(number_as_f64(v)?)),
        (Value::Object(o), _) => match o.get("$bigint") {
            Some(digits) => Err(format!(
                "integer {} does not fit a 64-bit q long",
                digits.as_str().unwrap_or("?")
            )),
            None => Err("a dictionary has no q form here".into()),
        },
        (Value::Array(items), PyType::List(inner)) => list(items, inner),
        (Value::Array(items), PyType::Other(_)) => {
            // Unknown element type: infer it from the first value that says.
            let guess = items.iter().map(guess_type).find(|g| g.is_some()).flatten();
            match guess {
                Some(g) => list(items, &g),
                None if items.is_empty() => Ok("()".into()),
                None => Err("cannot tell the element type of this list".into()),
            }
        }
        (v, t) => Err(format!("value {} does not match type {t}", short(v))),
    }
}

fn list(items: &[Value], inner: &PyType) -> Result<String, String> {
    if items.is_empty() {
        return Ok(match inner {
            PyType::Int => "`long$()",
            PyType::Float => "`float$()",
            PyType::Bool => "`boolean$()",
            _ => "()",
        }
        .to_string());
    }
    match inner {
        PyType::Int | PyType::Float | PyType::Bool => atom_vector(items, inner),
        _ => {
            let parts = items
                .iter()
                .map(|v| expr(v, inner))
                .collect::<Result<Vec<_>, _>>()?;
            if parts.len() == 1 {
                Ok(format!("enlist {}", parts[0]))
            } else {
                Ok(format!("({})", parts.join(";")))
            }
        }
    }
}

/// A vector of longs, floats or booleans (`items` is not empty).
fn atom_vector(items: &[Value], inner: &PyType) -> Result<String, String> {
    let all_bool = items.iter().all(Value::is_boolean);
    if all_bool && !matches!(inner, PyType::Float) {
        let bits: String = items
            .iter()
            .map(|v| if v.as_bool() == Some(true) { '1' } else { '0' })
            .collect();
        return Ok(if items.len() == 1 {
            format!("enlist {bits}b")
        } else {
            format!("{bits}b")
        });
    }
    for v in items {
        match v {
            Value::Number(_) => {}
            Value::Object(_) => {
                expr(v, inner)?;
            }
            _ => return Err(format!("value {} in a list of {inner}", short(v))),
        }
    }
    let as_float = matches!(inner, PyType::Float)
        || items
            .iter()
            .any(|v| v.as_number().is_some_and(|n| n.is_f64()) || is_special_float(v));
    if !as_float {
        let longs = items
            .iter()
            .map(|v| match v {
                Value::Number(n) => long(n).map(|i| i.to_string()),
                other => expr(other, inner),
            })
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(if longs.len() == 1 {
            format!("enlist {}", longs[0])
        } else {
            longs.join(" ")
        });
    }
    let tokens = items
        .iter()
        .map(|v| number_as_f64(v).map(float_token))
        .collect::<Result<Vec<_>, _>>()?;
    if tokens.len() == 1 {
        let (t, whole) = &tokens[0];
        return Ok(format!("enlist {t}{}", if *whole { "f" } else { "" }));
    }
    let any_float_looking = tokens.iter().any(|(_, whole)| !whole);
    let mut s = tokens
        .iter()
        .map(|(t, _)| t.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    if !any_float_looking {
        s.push('f');
    }
    Ok(s)
}

/// A JSON integer as a q long, refusing q's null and infinity (i64::MIN, i64::MAX)
/// and anything beyond.
fn long(n: &serde_json::Number) -> Result<i64, String> {
    match n.as_i64() {
        Some(i) if i != i64::MIN && i != i64::MAX => Ok(i),
        Some(i) => Err(format!(
            "integer {i} is q's long null or infinity, not a number"
        )),
        None if n.is_u64() => Err(format!("integer {n} does not fit a 64-bit q long")),
        None => Err(format!("{n} is not an integer")),
    }
}

fn number_as_f64(v: &Value) -> Result<f64, String> {
    match v {
        Value::Number(n) => n
            .as_f64()
            .ok_or_else(|| format!("{n} is not a number q can hold")),
        Value::Object(o) if o.contains_key("$float") => {
            match o.get("$float").and_then(Value::as_str) {
                Some("inf") => Ok(f64::INFINITY),
                Some("-inf") => Ok(f64::NEG_INFINITY),
                Some("nan") => Ok(f64::NAN),
                _ => Err("unknown special float".into()),
            }
        }
        other => Err(format!("value {} is not a number", short(other))),
    }
}

fn is_special_float(v: &Value) -> bool {
    v.as_object().is_some_and(|o| o.contains_key("$float"))
}

fn bool_atom(b: bool) -> String {
    if b { "1b" } else { "0b" }.to_string()
}

/// A float token without a type suffix, and whether it looks like an integer (so that
/// q needs an `f` suffix to read it as a float).
fn float_token(x: f64) -> (String, bool) {
    if x.is_nan() {
        return ("0n".into(), false);
    }
    if x.is_infinite() {
        return (if x > 0.0 { "0w" } else { "-0w" }.into(), false);
    }
    let s = format!("{x:?}");
    match s.strip_suffix(".0") {
        Some(whole) => (whole.to_string(), true),
        None => (s, false),
    }
}

fn float_atom(x: f64) -> String {
    let (t, whole) = float_token(x);
    if whole {
        format!("{t}f")
    } else {
        t
    }
}

/// A q string literal; a one-byte string needs `enlist` to be a list, not a char.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\{:03o}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    if s.len() == 1 {
        format!("enlist {out}")
    } else {
        out
    }
}

/// The type a JSON value suggests, for lists whose annotation is not known.
fn guess_type(v: &Value) -> Option<PyType> {
    match v {
        Value::Bool(_) => Some(PyType::Bool),
        Value::Number(n) if n.is_f64() => Some(PyType::Float),
        Value::Number(_) => Some(PyType::Int),
        Value::String(_) => Some(PyType::Str),
        Value::Array(items) => {
            let inner = items
                .iter()
                .map(guess_type)
                .find(|g| g.is_some())
                .flatten()?;
            Some(PyType::List(Box::new(inner)))
        }
        _ => None,
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        let cut: String = s.chars().take(40).collect();
        format!("{cut}...")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn l(t: PyType) -> PyType {
        PyType::List(Box::new(t))
    }
    fn q(v: Value, t: PyType) -> String {
        expr(&v, &t).unwrap_or_else(|e| panic!("{v}: {e}"))
    }

    #[test]
    fn ints() {
        assert_eq!(q(json!(5), PyType::Int), "5");
        assert_eq!(q(json!(-5), PyType::Int), "-5");
        assert_eq!(q(json!(0), PyType::Int), "0");
        assert_eq!(q(json!([1, -2, 3]), l(PyType::Int)), "1 -2 3");
        assert_eq!(q(json!([-1]), l(PyType::Int)), "enlist -1");
        assert_eq!(q(json!([]), l(PyType::Int)), "`long$()");
    }

    #[test]
    fn ints_near_the_64_bit_limits() {
        assert_eq!(
            q(json!(9223372036854775806i64), PyType::Int),
            "9223372036854775806"
        );
        assert_eq!(
            q(json!(-9223372036854775807i64), PyType::Int),
            "-9223372036854775807"
        );
        assert!(expr(&json!(i64::MAX), &PyType::Int).is_err());
        assert!(expr(&json!(i64::MIN), &PyType::Int).is_err());
        assert!(expr(&json!(18446744073709551615u64), &PyType::Int).is_err());
        assert!(expr(&json!([1, 18446744073709551615u64]), &l(PyType::Int)).is_err());
        let big = json!({"$bigint": "123456789012345678901234567890"});
        let e = expr(&big, &PyType::Int).unwrap_err();
        assert!(e.contains("does not fit"), "{e}");
        assert!(expr(&json!([[1], [big]]), &l(l(PyType::Int))).is_err());
    }

    #[test]
    fn floats() {
        assert_eq!(q(json!(2.0), PyType::Float), "2f");
        assert_eq!(q(json!(-2.0), PyType::Float), "-2f");
        assert_eq!(q(json!(2.5), PyType::Float), "2.5");
        assert_eq!(q(json!(-0.25), PyType::Float), "-0.25");
        assert_eq!(q(json!(1e-7), PyType::Float), "1e-7");
        assert_eq!(q(json!(1.5e300), PyType::Float), "1.5e300");
        // an int where the signature says float
        assert_eq!(q(json!(3), PyType::Float), "3f");
        assert_eq!(q(json!({"$float": "inf"}), PyType::Float), "0w");
        assert_eq!(q(json!({"$float": "-inf"}), PyType::Float), "-0w");
        assert_eq!(q(json!({"$float": "nan"}), PyType::Float), "0n");
        // a float where the signature says int keeps its real type
        assert_eq!(q(json!(2.5), PyType::Int), "2.5");
    }

    #[test]
    fn float_vectors() {
        assert_eq!(q(json!([1.5, 2.0, 3.0]), l(PyType::Float)), "1.5 2 3");
        assert_eq!(q(json!([1.0, 2.0, 3.0]), l(PyType::Float)), "1 2 3f");
        // mixed ints and floats in a List[float]
        assert_eq!(q(json!([1, 2, 3]), l(PyType::Float)), "1 2 3f");
        assert_eq!(q(json!([1, 2.5, -3]), l(PyType::Float)), "1 2.5 -3");
        assert_eq!(q(json!([1e-7, 1]), l(PyType::Float)), "1e-7 1");
        assert_eq!(q(json!([1, {"$float": "inf"}]), l(PyType::Int)), "1 0w");
        assert_eq!(q(json!([2.0]), l(PyType::Float)), "enlist 2f");
        assert_eq!(q(json!([0.5]), l(PyType::Float)), "enlist 0.5");
        assert_eq!(q(json!([]), l(PyType::Float)), "`float$()");
        assert_eq!(
            q(json!([[1.0, 2.0], []]), l(l(PyType::Float))),
            "(1 2f;`float$())"
        );
        // a float hiding in a List[int] makes the vector float
        assert_eq!(q(json!([1, 2.5]), l(PyType::Int)), "1 2.5");
    }

    #[test]
    fn bools() {
        assert_eq!(q(json!(true), PyType::Bool), "1b");
        assert_eq!(q(json!(false), PyType::Bool), "0b");
        assert_eq!(q(json!([true, false, true]), l(PyType::Bool)), "101b");
        assert_eq!(q(json!([false]), l(PyType::Bool)), "enlist 0b");
        assert_eq!(q(json!([]), l(PyType::Bool)), "`boolean$()");
        assert_eq!(
            q(json!([[true], [false, false]]), l(l(PyType::Bool))),
            "(enlist 1b;00b)"
        );
    }

    #[test]
    fn strings() {
        assert_eq!(q(json!("abc"), PyType::Str), "\"abc\"");
        assert_eq!(q(json!("a"), PyType::Str), "enlist \"a\"");
        assert_eq!(q(json!(""), PyType::Str), "\"\"");
        assert_eq!(
            q(json!("say \"hi\"\\\n\tx"), PyType::Str),
            "\"say \\\"hi\\\"\\\\\\n\\tx\""
        );
        assert_eq!(q(json!("a\u{1}b"), PyType::Str), "\"a\\001b\"");
        // non-ASCII stays as UTF-8 bytes; one char of two bytes is already a list
        assert_eq!(q(json!("héllo"), PyType::Str), "\"héllo\"");
        assert_eq!(q(json!("é"), PyType::Str), "\"é\"");
        assert_eq!(q(json!("\""), PyType::Str), "enlist \"\\\"\"");
    }

    #[test]
    fn lists_of_strings() {
        assert_eq!(q(json!(["ab", "cd"]), l(PyType::Str)), "(\"ab\";\"cd\")");
        assert_eq!(q(json!(["ab"]), l(PyType::Str)), "enlist \"ab\"");
        assert_eq!(
            q(json!(["a", "bc"]), l(PyType::Str)),
            "(enlist \"a\";\"bc\")"
        );
        assert_eq!(q(json!(["a"]), l(PyType::Str)), "enlist enlist \"a\"");
        assert_eq!(q(json!(["", "x"]), l(PyType::Str)), "(\"\";enlist \"x\")");
        assert_eq!(q(json!([]), l(PyType::Str)), "()");
        assert_eq!(
            q(json!([["ab", "c"], ["d"]]), l(l(PyType::Str))),
            "((\"ab\";enlist \"c\");enlist enlist \"d\")"
        );
    }

    #[test]
    fn nested_lists_at_every_depth() {
        let t = l(l(PyType::Int));
        assert_eq!(q(json!([[1, 2], [3, 4]]), t.clone()), "(1 2;3 4)");
        assert_eq!(q(json!([[1], [2, 3]]), t.clone()), "(enlist 1;2 3)");
        assert_eq!(q(json!([[], [1, 2]]), t.clone()), "(`long$();1 2)");
        assert_eq!(q(json!([[1, 2]]), t.clone()), "enlist 1 2");
        assert_eq!(q(json!([[1]]), t.clone()), "enlist enlist 1");
        assert_eq!(q(json!([[]]), t.clone()), "enlist `long$()");
        assert_eq!(q(json!([]), t.clone()), "()");
        assert_eq!(q(json!([[-1, -2], [-3]]), t), "(-1 -2;enlist -3)");
        let t3 = l(l(l(PyType::Int)));
        assert_eq!(q(json!([[[1]]]), t3.clone()), "enlist enlist enlist 1");
        assert_eq!(
            q(json!([[[1, 2], []], [[3]]]), t3),
            "((1 2;`long$());enlist enlist 3)"
        );
    }

    #[test]
    fn mismatches_and_unsupported_values_are_errors() {
        assert!(expr(&json!("x"), &PyType::Int).is_err());
        assert!(expr(&json!(5), &PyType::Str).is_err());
        assert!(expr(&json!([1, "a"]), &l(PyType::Int)).is_err());
        assert!(expr(&json!(null), &PyType::Int).is_err());
        assert!(expr(&json!({"a": 1}), &PyType::Int).is_err());
        assert!(expr(&json!(5), &l(PyType::Int)).is_err());
    }

    #[test]
    fn whole_calls() {
        let params = vec![
            Param {
                name: "nums".into(),
                py_type: l(PyType::Int),
            },
            Param {
                name: "target".into(),
                py_type: PyType::Int,
            },
        ];
        assert_eq!(
            call(&[json!([2, 7, 11, 15]), json!(9)], &params).unwrap(),
            "-1 .j.j solve[2 7 11 15;9];"
        );
        assert_eq!(
            call(&[json!([]), json!(-9)], &params).unwrap(),
            "-1 .j.j solve[`long$();-9];"
        );
        let e = call(&[json!(["x"]), json!(1)], &params).unwrap_err();
        assert!(e.starts_with("argument nums:"), "{e}");
        assert!(call(&[json!([1])], &params).is_err());
        assert_eq!(call(&[], &[]).unwrap(), "-1 .j.j solve[];");
    }
}
