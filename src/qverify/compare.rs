//! Structural comparison of a q answer (printed with `.j.j`) with the expected answer
//! (Python's `json.dumps`): numbers within a tolerance, booleans, strings, lists,
//! dictionaries (key order ignored) and null. No model is ever asked.

use serde_json::{Number, Value};

/// Relative tolerance for numbers that are not both integers.
pub const REL_TOL: f64 = 1e-6;
/// Absolute tolerance (for values near zero).
pub const ABS_TOL: f64 = 1e-9;

/// Where and why two values differ: a JSON-path-like location (`$[3].key`) and a reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    pub path: String,
    pub reason: String,
}

/// Whether `got` matches `expected`; `Err` names the first difference.
///
/// Rules: integers compare exactly; any other pair of numbers matches when
/// `|a-b| <= ABS_TOL` or `|a-b| <= REL_TOL * max(|a|,|b|)` (so `2` and `2.0` match);
/// booleans match only booleans (q `1b` is `true`, a long `1` is not); strings match
/// exactly; dictionaries match when they have the same keys and matching values,
/// whatever the order. Two rules come from q's own types: a q string is a list of
/// characters, so `"ab"` matches `["a","b"]`, and an empty list has no type in JSON,
/// so `""` matches `[]`.
pub fn compare(expected: &Value, got: &Value) -> Result<(), Mismatch> {
    let mut path = String::from("$");
    walk(expected, got, &mut path)
}

fn walk(expected: &Value, got: &Value, path: &mut String) -> Result<(), Mismatch> {
    let fail = |path: &String, reason: String| {
        Err(Mismatch {
            path: path.clone(),
            reason,
        })
    };
    match (expected, got) {
        (Value::Null, Value::Null) => Ok(()),
        (Value::Bool(a), Value::Bool(b)) if a == b => Ok(()),
        (Value::Number(a), Value::Number(b)) => {
            if numbers_match(a, b) {
                Ok(())
            } else {
                fail(path, format!("expected {a}, got {b}"))
            }
        }
        (Value::String(a), Value::String(b)) => {
            if a == b {
                Ok(())
            } else {
                fail(
                    path,
                    format!("expected {}, got {}", short(expected), short(got)),
                )
            }
        }
        (Value::String(s), Value::Array(items)) | (Value::Array(items), Value::String(s))
            if is_char_list(items, s) =>
        {
            Ok(())
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                return fail(
                    path,
                    format!("expected a list of {}, got a list of {}", a.len(), b.len()),
                );
            }
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                let keep = path.len();
                path.push_str(&format!("[{i}]"));
                walk(x, y, path)?;
                path.truncate(keep);
            }
            Ok(())
        }
        (Value::Object(a), Value::Object(b)) => {
            if let Some(k) = a.keys().find(|k| !b.contains_key(*k)) {
                return fail(path, format!("missing key {k:?}"));
            }
            if let Some(k) = b.keys().find(|k| !a.contains_key(*k)) {
                return fail(path, format!("unexpected key {k:?}"));
            }
            for (k, x) in a {
                let keep = path.len();
                path.push_str(&format!(".{k}"));
                if let Some(y) = b.get(k) {
                    walk(x, y, path)?;
                }
                path.truncate(keep);
            }
            Ok(())
        }
        _ => fail(
            path,
            format!(
                "expected {} {}, got {} {}",
                kind(expected),
                short(expected),
                kind(got),
                short(got)
            ),
        ),
    }
}

/// `"ab"` against `["a","b"]`, and `""` against `[]`.
fn is_char_list(items: &[Value], s: &str) -> bool {
    let mut chars = s.chars();
    for item in items {
        match (item, chars.next()) {
            (Value::String(one), Some(c)) => {
                let mut it = one.chars();
                if it.next() != Some(c) || it.next().is_some() {
                    return false;
                }
            }
            _ => return false,
        }
    }
    chars.next().is_none()
}

fn numbers_match(a: &Number, b: &Number) -> bool {
    if let (Some(x), Some(y)) = (as_i128(a), as_i128(b)) {
        return x == y;
    }
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => floats_match(x, y),
        _ => false,
    }
}

fn as_i128(n: &Number) -> Option<i128> {
    n.as_i64()
        .map(i128::from)
        .or_else(|| n.as_u64().map(i128::from))
}

/// Two floats within `ABS_TOL` or `REL_TOL` of each other (equal infinities match).
pub fn floats_match(x: f64, y: f64) -> bool {
    if x == y {
        return true;
    }
    let diff = (x - y).abs();
    diff <= ABS_TOL || diff <= REL_TOL * x.abs().max(y.abs())
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "dictionary",
    }
}

/// A value as JSON, cut to 80 characters for messages.
fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 80 {
        let cut: String = s.chars().take(77).collect();
        format!("{cut}...")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ok(e: Value, g: Value) -> bool {
        compare(&e, &g).is_ok()
    }

    #[test]
    fn numbers_with_tolerance() {
        assert!(ok(json!(2), json!(2.0)));
        assert!(ok(json!(0.1 + 0.2), json!(0.3)));
        assert!(ok(json!(1e12), json!(1e12 + 1.0)));
        assert!(ok(json!(0.0), json!(1e-10)));
        assert!(!ok(json!(1.0), json!(1.001)));
        assert!(!ok(json!(2), json!(3)));
        assert!(!ok(json!(0.0), json!(1e-8)));
    }

    #[test]
    fn big_integers_compare_exactly() {
        // Both round to the same f64; as integers they differ.
        assert!(!ok(json!(9007199254740993i64), json!(9007199254740992i64)));
        assert!(ok(json!(u64::MAX), json!(u64::MAX)));
    }

    #[test]
    fn booleans_are_not_numbers() {
        assert!(ok(json!(true), json!(true)));
        assert!(!ok(json!(true), json!(false)));
        assert!(!ok(json!(true), json!(1)));
        assert!(!ok(json!(0), json!(false)));
    }

    #[test]
    fn strings_and_char_lists() {
        assert!(ok(json!("abc"), json!("abc")));
        assert!(!ok(json!("abc"), json!("abd")));
        assert!(ok(json!(["a", "b"]), json!("ab")));
        assert!(ok(json!("ab"), json!(["a", "b"])));
        assert!(!ok(json!(["ab"]), json!("ab")));
        assert!(!ok(json!(["a", "b"]), json!("abc")));
        assert!(ok(json!([]), json!("")));
        assert!(!ok(json!("a"), json!(["a", 1])));
    }

    #[test]
    fn lists_name_the_first_difference() {
        assert!(ok(json!([1, [2, 3]]), json!([1.0, [2, 3]])));
        let m = compare(&json!([1, [2, 3]]), &json!([1, [2, 4]])).unwrap_err();
        assert_eq!(m.path, "$[1][1]");
        assert_eq!(m.reason, "expected 3, got 4");
        let m = compare(&json!([1, 2]), &json!([1, 2, 3])).unwrap_err();
        assert_eq!(m.path, "$");
        assert!(m.reason.contains("list of 2"), "{}", m.reason);
    }

    #[test]
    fn dictionaries_ignore_key_order() {
        assert!(ok(
            json!({"a": 1, "b": [true]}),
            json!({"b": [true], "a": 1.0})
        ));
        let m = compare(&json!({"a": 1}), &json!({"a": 1, "c": 2})).unwrap_err();
        assert!(m.reason.contains("unexpected key \"c\""));
        let m = compare(&json!({"a": 1, "b": 2}), &json!({"a": 1})).unwrap_err();
        assert!(m.reason.contains("missing key \"b\""));
        let m = compare(&json!({"a": {"x": 1}}), &json!({"a": {"x": 2}})).unwrap_err();
        assert_eq!(m.path, "$.a.x");
    }

    #[test]
    fn null_and_kinds() {
        assert!(ok(json!(null), json!(null)));
        assert!(!ok(json!(null), json!(0)));
        let m = compare(&json!([1]), &json!({"a": 1})).unwrap_err();
        assert!(m.reason.contains("expected list"), "{}", m.reason);
        assert!(!ok(json!("1"), json!(1)));
    }
}
