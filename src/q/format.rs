//! Values as the q console prints them (`show`) and in one line (`.Q.s1`, `-3!`),
//! driven by the value's type and the `\P` precision.

use super::primitives::atomic::{i16_to_i64, i32_to_i64};
use super::value::{Func, Value, NJ, WJ};

/// A float as q writes it with `prec` significant digits (no type suffix).
pub fn fmt_float(f: f64, prec: usize) -> String {
    if f.is_nan() {
        return "0n".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "0w".into() } else { "-0w".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0".into()
        } else {
            "0".into()
        };
    }
    let p = if prec == 0 { 17 } else { prec.min(17) };
    let sci = format!("{:.*e}", p - 1, f);
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if exp < -4 || exp >= p as i32 {
        let m = trim_zeros(mant);
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{m}e{sign}{:02}", exp.abs())
    } else {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        trim_zeros(&format!("{:.*}", decimals, f))
    }
}

fn trim_zeros(s: &str) -> String {
    if s.contains('.') {
        let t = s.trim_end_matches('0');
        t.trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

fn int_like(s: &str) -> bool {
    s.bytes().all(|c| c.is_ascii_digit() || c == b'-')
}

fn fmt_long(j: i64) -> String {
    match j {
        NJ => "0N".into(),
        WJ => "0W".into(),
        x if x == -WJ => "-0W".into(),
        x => x.to_string(),
    }
}

fn fmt_int(i: i32) -> String {
    fmt_long(i32_to_i64(i))
}

fn fmt_short(i: i16) -> String {
    fmt_long(i16_to_i64(i))
}

/// A char in a q string literal.
fn esc_char(c: u8, out: &mut String) {
    match c {
        b'"' => out.push_str("\\\""),
        b'\\' => out.push_str("\\\\"),
        b'\n' => out.push_str("\\n"),
        b'\t' => out.push_str("\\t"),
        b'\r' => out.push_str("\\r"),
        c if c < 32 || c >= 127 => out.push_str(&format!("\\{:03o}", c)),
        c => out.push(c as char),
    }
}

fn quoted(s: &[u8]) -> String {
    let mut out = String::from("\"");
    for &c in s {
        esc_char(c, &mut out);
    }
    out.push('"');
    out
}

/// One atom in its full q form (`1i`, `2.5`, `` `a ``, `"c"`, `0x01`, `1b`).
pub fn atom(v: &Value, prec: usize) -> String {
    match v {
        Value::Bool(b) => format!("{}b", *b as u8),
        Value::Byte(b) => format!("0x{:02x}", b),
        Value::Short(h) => format!("{}h", fmt_short(*h)),
        Value::Int(i) => format!("{}i", fmt_int(*i)),
        Value::Long(j) => fmt_long(*j),
        Value::Real(e) => {
            let s = fmt_float(*e as f64, prec);
            format!("{s}e")
        }
        Value::Float(f) => {
            let s = fmt_float(*f, prec);
            if int_like(&s) {
                format!("{s}f")
            } else {
                s
            }
        }
        Value::Char(c) => quoted(&[*c]),
        Value::Sym(s) => format!("`{s}"),
        Value::Guid(g) => super::primitives::extra::guid_text(g),
        Value::Nil => "::".into(),
        Value::Func(f) => func(f, prec),
        Value::Tm(k, x) => super::temporal::calendar::fmt_atom(*k, *x),
        _ => show1(v, prec),
    }
}

fn func(f: &Func, prec: usize) -> String {
    match f {
        Func::Prim(p) => {
            let name = super::primitives::prim_name(*p);
            super::primitives::extra::derived_name(name)
                .unwrap_or_else(|| super::apply::prim_display(name))
                .to_string()
        }
        Func::Lambda(l) => l.src.clone(),
        Func::Proj(g, args) => {
            let keep = args
                .iter()
                .rposition(|a| a.is_some())
                .map(|p| p + 1)
                .unwrap_or(0);
            let a: Vec<String> = args[..keep]
                .iter()
                .map(|a| a.as_ref().map(|v| show1(v, prec)).unwrap_or_default())
                .collect();
            format!("{}[{}]", show1(g, prec), a.join(";"))
        }
        Func::Comp(fs) if fs.is_empty() => "'".to_string(),
        Func::Comp(fs) => fs
            .iter()
            .map(|g| show1(g, prec))
            .collect::<Vec<_>>()
            .join(""),
        Func::Derived(a, g) => {
            let inner = show1(g, prec);
            format!("{}{}", inner, a.glyph())
        }
    }
}

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
        Value::Tms(k, x) => super::temporal::calendar::fmt_items(*k, x),
        Value::Guids(g) => g
            .iter()
            .map(super::primitives::extra::guid_text)
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

/// How one item looks inside a table cell or dictionary column (no type suffixes,
/// symbols without backticks, strings without quotes).
pub fn cell(v: &Value, prec: usize) -> String {
    match v {
        Value::Bool(b) => format!("{}", *b as u8),
        Value::Byte(b) => format!("0x{:02x}", b),
        Value::Short(h) => fmt_short(*h).replace("0N", ""),
        Value::Int(i) => fmt_int(*i).replace("0N", ""),
        Value::Long(j) => {
            if *j == NJ {
                String::new()
            } else {
                fmt_long(*j)
            }
        }
        Value::Real(e) => {
            if e.is_nan() {
                String::new()
            } else {
                fmt_float(*e as f64, prec)
            }
        }
        Value::Float(f) => {
            if f.is_nan() {
                String::new()
            } else {
                fmt_float(*f, prec)
            }
        }
        Value::Char(c) => (*c as char).to_string(),
        Value::Sym(s) => s.to_string(),
        Value::Tm(k, x) => super::temporal::calendar::fmt_cell(*k, *x),
        Value::Chars(c) => String::from_utf8_lossy(c).into_owned(),
        Value::Dict(..) | Value::Table(..) => show1(v, prec),
        Value::Shorts(_)
        | Value::Ints(_)
        | Value::Longs(_)
        | Value::Reals(_)
        | Value::Floats(_)
            if v.count() > 1 =>
        {
            // numbers nested in a cell go without their type letter
            let s = show1(v, prec);
            s.trim_end_matches(['h', 'i', 'e', 'f']).to_string()
        }
        v if v.is_list() => {
            let s = show1(v, prec);
            s
        }
        v => show1(v, prec),
    }
}

/// Dictionary key/value cell form: simple vectors' items as cells; general lists' items one-line.
fn column_cells(v: &Value, prec: usize, in_table: bool) -> Vec<String> {
    match v {
        Value::List(items) => items
            .iter()
            .map(|i| {
                if in_table && matches!(i, Value::Chars(_) | Value::Char(_)) {
                    // strings in a mixed or string column keep their quotes
                    show1(i, prec)
                } else if in_table {
                    cell(i, prec)
                } else if i.is_atom() {
                    atom_in_dict(i, prec)
                } else {
                    show1(i, prec)
                }
            })
            .collect(),
        v if v.is_list() => (0..v.count()).map(|i| cell(&v.item(i), prec)).collect(),
        v => vec![cell(v, prec)],
    }
}

fn atom_in_dict(v: &Value, prec: usize) -> String {
    match v {
        Value::Sym(_) | Value::Func(_) | Value::Nil => show1(v, prec),
        _ => atom(v, prec),
    }
}

/// The multi-line console display of a value (no trailing newline), as q shows it.
pub fn show(v: &Value, prec: usize, width: usize) -> String {
    let lines = show_lines(v, prec);
    lines
        .into_iter()
        .map(|l| clip(l, width))
        .collect::<Vec<_>>()
        .join("\n")
}

fn clip(l: String, width: usize) -> String {
    if width >= 4 && l.chars().count() > width - 1 {
        let mut s: String = l.chars().take(width - 3).collect();
        s.push_str("..");
        s
    } else {
        l
    }
}

fn show_lines(v: &Value, prec: usize) -> Vec<String> {
    match v {
        Value::Nil => vec![],
        Value::List(items) => {
            if items.is_empty() {
                return vec!["()".into()];
            }
            if items.len() == 1 {
                if let Value::Nil = items[0] {
                    // the console shows a one-item list of `::` as `::`
                    return vec!["::".into()];
                }
                return vec![show1(v, prec)];
            }
            if let Some(rows) = matrix_rows(items, prec) {
                return rows;
            }
            if let Some(rows) = cube_rows(items, prec) {
                return rows;
            }
            if let Some(rows) = mixed_matrix_rows(items, prec) {
                return rows;
            }
            items.iter().map(|i| show1(i, prec)).collect()
        }
        Value::Dict(k, val) => {
            if let (Value::Table(kn, kc), Value::Table(vn, vc)) = (&**k, &**val) {
                return table_lines(kn, kc, Some((vn, vc)), prec);
            }
            if k.count() == 0 && val.count() == 0 {
                return vec![show1(v, prec)];
            }
            let keys = if k.is_atom() {
                vec![cell(k, prec)]
            } else {
                column_cells(k, prec, false)
            };
            let keys: Vec<String> = match &**k {
                Value::List(items) => items
                    .iter()
                    .map(|i| {
                        if i.is_atom() {
                            cell(i, prec)
                        } else {
                            show1(i, prec)
                        }
                    })
                    .collect(),
                _ => keys,
            };
            let vals: Vec<String> = match &**val {
                Value::Table(..) => {
                    let rows = val.items();
                    rows.iter().map(|r| show1(r, prec)).collect()
                }
                Value::List(items) => match dict_matrix(items, prec) {
                    Some(rows) => rows,
                    None => items
                        .iter()
                        .map(|i| {
                            if i.is_atom() {
                                cell_or_atom(i, prec)
                            } else {
                                show1(i, prec)
                            }
                        })
                        .collect(),
                },
                x => column_cells(x, prec, true),
            };
            let w = keys.iter().map(|s| s.chars().count()).max().unwrap_or(0);
            keys.iter()
                .zip(vals.iter())
                .map(|(kk, vv)| format!("{:<w$}| {}", kk, vv, w = w))
                .collect()
        }
        Value::Table(names, cols) => table_lines(names, cols, None, prec),
        v => vec![show1(v, prec)],
    }
}

/// Rows of equal-length long/symbol vectors or general lists print as an aligned matrix.
fn matrix_rows(items: &[Value], prec: usize) -> Option<Vec<String>> {
    let n = items.first()?.count();
    if items.len() < 2 || n < 2 {
        return None;
    }
    let t = items[0].type_code();
    if !matches!(t, 0 | 5 | 6 | 7 | 8 | 9 | 11)
        || items.iter().any(|i| i.type_code() != t || i.count() != n)
    {
        return None;
    }
    if t == 0
        && items.iter().any(|r| {
            r.items()
                .iter()
                .any(|x| matches!(x, Value::Dict(..) | Value::Table(..)))
        })
    {
        return None;
    }
    let t0 = items[0].type_code();
    if (t0 == 1 || t0 == 10) && items.iter().all(|i| i.type_code() == t0) {
        return None;
    }
    let cells: Vec<Vec<String>> = items
        .iter()
        .map(|r| {
            (0..n)
                .map(|j| {
                    let x = r.item(j);
                    match &x {
                        Value::Long(v) => fmt_long(*v),
                        Value::Int(v) => fmt_int(*v),
                        Value::Short(v) => fmt_short(*v),
                        Value::Float(v) => fmt_float(*v, prec),
                        Value::Real(v) => fmt_float(*v as f64, prec),
                        // a symbol matrix prints bare, as the columns of a table do
                        Value::Sym(s) if t == 11 => s.to_string(),
                        _ => show1(&x, prec),
                    }
                })
                .collect()
        })
        .collect();
    Some(align_columns(&cells, n))
}

/// Vectors of one length but different types (numbers and symbols) print as a matrix
/// of cells, symbols without their backticks: `(1 2 3;`x`y`z)` shows `1 2 3` / `x y z`.
fn mixed_matrix_rows(items: &[Value], prec: usize) -> Option<Vec<String>> {
    let n = items.first()?.count();
    let simple = |t: i16| matches!(t, 5..=9 | 11);
    if items.len() < 2
        || n < 2
        || items
            .iter()
            .any(|i| !simple(i.type_code()) || i.count() != n)
        || items.iter().all(|i| i.type_code() == items[0].type_code())
    {
        return None;
    }
    let cells: Vec<Vec<String>> = items
        .iter()
        .map(|r| (0..n).map(|j| cell(&r.item(j), prec)).collect())
        .collect();
    Some(align_columns(&cells, n))
}

/// A list of rows that are each lists of simple vectors of one type and length (a
/// cube) prints one row a line, the row's vectors side by side: `0 0 0 1 0 2`.
fn cube_rows(items: &[Value], prec: usize) -> Option<Vec<String>> {
    let first = items.first()?.items();
    let inner = first.first()?;
    let (t, n) = (inner.type_code(), inner.count());
    if !(1..20).contains(&t) || t == 10 {
        return None;
    }
    let mut out = Vec::with_capacity(items.len());
    for r in items {
        let Value::List(cells) = r else {
            return None;
        };
        if cells.len() != first.len() || cells.iter().any(|c| c.type_code() != t || c.count() != n)
        {
            return None;
        }
        let parts: Vec<String> = cells.iter().map(|c| show1(c, prec)).collect();
        out.push(parts.join(" "));
    }
    Some(out)
}

/// Dictionary values that are lists of one length print as a matrix of cells.
fn dict_matrix(items: &[Value], prec: usize) -> Option<Vec<String>> {
    let n = items.first()?.count();
    if n == 0
        || items.iter().any(|i| {
            i.is_atom()
                || matches!(i, Value::Dict(..) | Value::Table(..) | Value::Bools(_))
                || i.count() != n
        })
        || items.iter().all(|i| matches!(i, Value::Chars(_)))
    {
        return None;
    }
    let cells: Vec<Vec<String>> = items
        .iter()
        .map(|r| {
            (0..n)
                .map(|j| {
                    let x = r.item(j);
                    if x.is_atom() && !matches!(r, Value::List(_)) {
                        cell(&x, prec)
                    } else {
                        show1(&x, prec)
                    }
                })
                .collect()
        })
        .collect();
    Some(align_columns(&cells, n))
}

fn cell_or_atom(v: &Value, prec: usize) -> String {
    match v {
        Value::Sym(s) => format!("`{s}"),
        _ => atom(v, prec),
    }
}

fn table_lines(
    names: &[std::rc::Rc<str>],
    cols: &[Value],
    vals: Option<(
        &std::rc::Rc<Vec<std::rc::Rc<str>>>,
        &std::rc::Rc<Vec<Value>>,
    )>,
    prec: usize,
) -> Vec<String> {
    let mut all_names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    let mut all_cols: Vec<Value> = cols.to_vec();
    let nkey = names.len();
    if let Some((vn, vc)) = vals {
        all_names.extend(vn.iter().map(|s| s.to_string()));
        all_cols.extend(vc.iter().cloned());
    }
    let nrows = all_cols.first().map(|c| c.count()).unwrap_or(0);
    let cells: Vec<Vec<String>> = all_cols
        .iter()
        .map(|c| column_cells(c, prec, true))
        .collect();
    let widths: Vec<usize> = (0..all_names.len())
        .map(|j| {
            cells[j]
                .iter()
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
                .max(all_names[j].chars().count())
        })
        .collect();
    let keyed = vals.is_some();
    let row = |parts: Vec<String>| -> String {
        let mut s = String::new();
        for (j, p) in parts.iter().enumerate() {
            if j > 0 {
                s.push_str(if keyed && j == nkey { "| " } else { " " });
            }
            if j + 1 == parts.len() {
                s.push_str(p);
            } else {
                s.push_str(&format!("{:<w$}", p, w = widths[j]));
            }
        }
        s.trim_end().to_string()
    };
    let mut out = vec![row(all_names.clone())];
    if keyed {
        let kw: usize = widths[..nkey].iter().sum::<usize>() + nkey.saturating_sub(1);
        let vw: usize =
            widths[nkey..].iter().sum::<usize>() + (widths.len() - nkey).saturating_sub(1);
        out.push(format!("{}| {}", "-".repeat(kw), "-".repeat(vw)));
    } else {
        let tw: usize = widths.iter().sum::<usize>() + widths.len().saturating_sub(1);
        out.push("-".repeat(tw));
    }
    for i in 0..nrows {
        out.push(row((0..all_names.len())
            .map(|j| cells[j].get(i).cloned().unwrap_or_default())
            .collect()));
    }
    out
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
        Value::Tm(k, x) => Value::string(&super::temporal::calendar::fmt_string(*k, *x)),
        Value::Guid(g) => Value::string(&super::primitives::extra::guid_text(g)),
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

/// Rows of `n` cells each, every column left-aligned to its widest cell and joined by
/// one space, trailing spaces removed: the matrix layouts of the console.
fn align_columns(cells: &[Vec<String>], n: usize) -> Vec<String> {
    let widths: Vec<usize> = (0..n)
        .map(|j| {
            cells
                .iter()
                .map(|r| r[j].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    cells
        .iter()
        .map(|r| {
            let parts: Vec<String> = r
                .iter()
                .enumerate()
                .map(|(j, c)| format!("{:<w$}", c, w = widths[j]))
                .collect();
            parts.join(" ").trim_end().to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_like_q() {
        assert_eq!(fmt_float(1.0 / 3.0, 7), "0.3333333");
        assert_eq!(fmt_float(1e10, 7), "1e+10");
        assert_eq!(fmt_float(100.0, 7), "100");
        assert_eq!(fmt_float(0.00001, 7), "1e-05");
        assert_eq!(show1(&Value::floats(vec![1.0, 2.0]), 7), "1 2f");
        assert_eq!(show1(&Value::longs(vec![1]), 7), ",1");
    }
}
