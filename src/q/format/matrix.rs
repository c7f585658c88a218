//! Lists that print as aligned matrices: rows of vectors, mixed rows, cubes, dictionary values.

use super::atom::{fmt_float, fmt_int, fmt_long, fmt_short};
use super::cell::cell;
use super::line::show1;
use crate::q::value::Value;

/// Rows of equal-length long/symbol vectors or general lists print as an aligned matrix.
pub(super) fn matrix_rows(items: &[Value], prec: usize) -> Option<Vec<String>> {
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
pub(super) fn mixed_matrix_rows(items: &[Value], prec: usize) -> Option<Vec<String>> {
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
pub(super) fn cube_rows(items: &[Value], prec: usize) -> Option<Vec<String>> {
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
pub(super) fn dict_matrix(items: &[Value], prec: usize) -> Option<Vec<String>> {
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
