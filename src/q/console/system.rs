//! System commands: `\P`, `\c`, `\\` and the others qlite knows.

use std::io::Write;

use super::{Console, Flow};
use crate::q::error::Signal;
use crate::q::parser::parse;

impl Console {
    /// Run a system command (the text after the backslash) and print its result.
    pub(super) fn system(&mut self, cmd: &str) -> Flow {
        let (name, arg) = match cmd.find(' ') {
            Some(p) => (&cmd[..p], cmd[p + 1..].trim()),
            None => (cmd, ""),
        };
        match name {
            "\\" => return Flow::Exit(0),
            "" => {}
            "P" => {
                if arg.is_empty() {
                    let s = format!("{}i", self.ip.precision);
                    self.print(&s);
                } else if let Ok(n) = arg.parse::<usize>() {
                    self.ip.precision = n.min(17);
                } else {
                    self.print("'type");
                    return Flow::Failed;
                }
            }
            "c" => {
                if arg.is_empty() {
                    let s = format!("{} {}i", self.ip.console.0, self.ip.console.1);
                    self.print(&s);
                } else {
                    let v: Vec<usize> = arg
                        .split_whitespace()
                        .filter_map(|x| x.parse().ok())
                        .collect();
                    if v.len() == 2 {
                        self.ip.console = (v[0].max(10), v[1].clamp(10, 2000));
                    }
                }
            }
            "t" | "ts" => {
                let start = std::time::Instant::now();
                let stmts = match parse(arg) {
                    Ok(s) => s,
                    Err(e) => {
                        self.print(&format!("'{}", crate::q::eval::parse_error_name(&e.0)));
                        return Flow::Failed;
                    }
                };
                match self.ip.eval_block(&stmts) {
                    Ok(_) => {
                        let ms = start.elapsed().as_millis();
                        let s = if name == "t" {
                            format!("{ms}")
                        } else {
                            format!("{ms} 0")
                        };
                        self.print(&s);
                    }
                    Err(Signal::Error(e)) => {
                        self.print(&format!("'{e}"));
                        return Flow::Failed;
                    }
                    Err(Signal::Exit(n)) => return Flow::Exit(n),
                    Err(_) => {}
                }
            }
            "l" | "cd" | "d" | "a" | "v" | "f" | "w" | "p" | "s" | "e" | "g" | "o" | "x" | "z"
            | "1" | "2" | "r" | "u" | "b" | "B" | "C" | "S" | "T" | "W" => {
                self.print("'access");
                return Flow::Failed;
            }
            _ => {
                self.print("'access");
                return Flow::Failed;
            }
        }
        let _ = self.ip.out.flush();
        Flow::Continue
    }
}
