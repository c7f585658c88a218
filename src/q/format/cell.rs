//! Cells: items inside tables and dictionaries, and the table layout built from them.

use super::atom::{atom, fmt_float, fmt_int, fmt_long, fmt_short};
use super::line::show1;
use crate::q::value::{Value, NJ};

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
        Value::Tm(k, x) => crate::q::temporal::calendar::fmt_cell(*k, *x),
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
pub(super) fn column_cells(v: &Value, prec: usize, in_table: bool) -> Vec<String> {
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

/// A matrix cell: symbols keep their backtick, other atoms in full form.
pub(super) fn cell_or_atom(v: &Value, prec: usize) -> String {
    match v {
        Value::Sym(s) => format!("`{s}"),
        _ => atom(v, prec),
    }
}

/// The lines of a table (or keyed table with `vals`): header, dashes, rows.
pub(super) fn table_lines(
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
