//! Values as the q console prints them (`show`), driven by the value's type and the `\P` precision.

mod atom;
mod cell;
mod line;
mod matrix;

pub use atom::{atom, fmt_float};
pub use cell::cell;
pub use line::{show1, string_of};

use super::value::Value;
use cell::{cell_or_atom, column_cells, table_lines};
use matrix::{cube_rows, dict_matrix, matrix_rows, mixed_matrix_rows};

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
