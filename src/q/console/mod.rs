//! The command-line driver: q's options, the console loop over stdin, how results are shown.

mod script;
mod system;

pub use script::{open_brackets, script_chunks};

use std::io::{BufRead, Write};

use super::ast::Expr;
use super::error::Signal;
use super::eval::Interp;
use super::format;
use super::parser::parse;

/// Stack size of the evaluator thread: deep recursion reaches `'stack` long before this.
pub const STACK_BYTES: usize = 1 << 30;

/// What the command line asked for.
#[derive(Debug, Default, Clone)]
pub struct Options {
    pub script: Option<String>,
    pub quiet: bool,
}

/// Parse q-style arguments: `[script.q] [-q]` in any order; other options are ignored
/// with their values, as q does for options it does not know.
pub fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut o = Options::default();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        match a.as_str() {
            "-q" => o.quiet = true,
            "-h" | "--help" => return Err("usage: qlite [script.q] [-q]".into()),
            s if s.starts_with('-') && s.len() == 2 => {
                // options with a value (-p 5000, -s 4 ...): skip the value
                if i + 1 < args.len() && !args[i + 1].starts_with('-') {
                    i += 1;
                }
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s => {
                if o.script.is_none() {
                    o.script = Some(s.to_string());
                }
            }
        }
        i += 1;
    }
    Ok(o)
}

/// Outcome of running one chunk.
pub enum Flow {
    Continue,
    /// A q error was printed.
    Failed,
    Exit(i32),
}

/// The console: an interpreter plus what the user sees.
pub struct Console {
    pub ip: Interp,
}

impl Console {
    /// A console writing to `out`.
    pub fn new(out: Box<dyn Write>) -> Console {
        Console {
            ip: Interp::new(out),
        }
    }

    fn print(&mut self, s: &str) {
        let _ = writeln!(self.ip.out, "{s}");
    }

    /// Run one console entry (possibly several `;`-separated statements).
    pub fn run_line(&mut self, line: &str) -> Flow {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            return Flow::Continue;
        }
        if let Some(cmd) = trimmed.strip_prefix('\\') {
            return self.system(cmd.trim());
        }
        let stmts = match parse(line) {
            Ok(s) => s,
            Err(e) => {
                self.print(&format!("'{}", super::eval::parse_error_name(&e.0)));
                return Flow::Failed;
            }
        };
        let r = self.ip.eval_block(&stmts);
        let flow = match r {
            Ok(v) => {
                let silent = matches!(
                    stmts.last(),
                    Some(Expr::Nil) | Some(Expr::Assign { .. }) | None
                );
                if !silent && !matches!(v, super::Value::Nil) {
                    let s = format::show(&v, self.ip.precision, self.ip.console.1);
                    self.print(&s);
                }
                Flow::Continue
            }
            Err(Signal::Exit(n)) => Flow::Exit(n),
            Err(Signal::Return(v)) => {
                let s = format::show(&v, self.ip.precision, self.ip.console.1);
                self.print(&s);
                Flow::Continue
            }
            Err(Signal::Error(e)) => {
                self.print(&format!("'{e}"));
                Flow::Failed
            }
        };
        let _ = self.ip.out.flush();
        flow
    }

    /// Load a script: statements may span lines (continuation lines start with
    /// whitespace, or brackets are still open); `/` ... `\` blocks are comments; a lone
    /// `\` ends the script. Stops at the first error, as q does.
    pub fn run_script(&mut self, text: &str) -> Flow {
        for chunk in script_chunks(text) {
            match self.run_line(&chunk) {
                Flow::Continue => {}
                Flow::Failed => return Flow::Failed,
                Flow::Exit(n) => return Flow::Exit(n),
            }
        }
        Flow::Continue
    }

    /// Read console lines from `input` until it ends (then exit 0) or `exit` runs.
    pub fn run_stdin(&mut self, input: &mut dyn BufRead) -> i32 {
        let mut pending = String::new();
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match input.read_until(b'\n', &mut buf) {
                Ok(0) | Err(_) => {
                    if !pending.trim().is_empty() {
                        if let Flow::Exit(n) = self.run_line(&pending) {
                            return n;
                        }
                    }
                    let _ = self.ip.out.flush();
                    return 0;
                }
                Ok(_) => {}
            }
            let line = String::from_utf8_lossy(&buf)
                .trim_end_matches(['\n', '\r'])
                .to_string();
            if pending.is_empty() {
                pending = line;
            } else {
                pending.push('\n');
                pending.push_str(&line);
            }
            if open_brackets(&pending) > 0 {
                continue;
            }
            let entry = std::mem::take(&mut pending);
            if let Flow::Exit(n) = self.run_line(&entry) {
                let _ = self.ip.out.flush();
                return n;
            }
        }
    }
}

/// Run qlite with these arguments, reading the console from stdin; the exit code.
pub fn main_with(args: Vec<String>) -> i32 {
    let opts = match parse_args(&args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("qlite: error: {e}");
            return 2;
        }
    };
    let script = match &opts.script {
        Some(p) => match std::fs::read(p) {
            Ok(b) => Some(String::from_utf8_lossy(&b).into_owned()),
            Err(e) => {
                eprintln!("qlite: error: {p}: {e}");
                return 2;
            }
        },
        None => None,
    };
    let handle = std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(move || {
            let out: Box<dyn Write> = Box::new(std::io::BufWriter::with_capacity(
                1 << 16,
                std::io::stdout(),
            ));
            let mut c = Console::new(out);
            if !opts.quiet {
                eprintln!(
                    "qlite {} (dsforge): an open-source interpreter for q",
                    env!("CARGO_PKG_VERSION")
                );
            }
            if let Some(text) = script {
                if let Flow::Exit(n) = c.run_script(&text) {
                    let _ = c.ip.out.flush();
                    return n;
                }
            }
            let stdin = std::io::stdin();
            let mut lock = stdin.lock();
            let n = c.run_stdin(&mut lock);
            let _ = c.ip.out.flush();
            n
        });
    match handle {
        Ok(h) => h.join().unwrap_or(1),
        Err(e) => {
            eprintln!("qlite: error: cannot start the evaluator: {e}");
            2
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_before_or_after_script() {
        let o = parse_args(&["s.q".into(), "-q".into()]).unwrap();
        assert_eq!(o.script.as_deref(), Some("s.q"));
        assert!(o.quiet);
        let o = parse_args(&["-q".into(), "s.q".into()]).unwrap();
        assert_eq!(o.script.as_deref(), Some("s.q"));
    }
}

#[cfg(test)]
mod fuzz;
