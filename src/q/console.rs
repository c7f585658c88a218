//! The command-line driver: q's options (`-q`, a script before or after them), script
//! loading with multi-line definitions and block comments, console lines from stdin,
//! system commands (`\P`, `\c`, `\\`), and how results and errors are shown.

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

    fn system(&mut self, cmd: &str) -> Flow {
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
                        self.print(&format!("'{}", super::eval::parse_error_name(&e.0)));
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

/// How many brackets are open at the end of `s` (ignoring strings and comments).
pub fn open_brackets(s: &str) -> i64 {
    let b = s.as_bytes();
    let mut depth = 0i64;
    let mut i = 0;
    let mut in_str = false;
    let mut prev_space = true;
    while i < b.len() {
        let c = b[i];
        if in_str {
            if c == b'\\' {
                i += 2;
                continue;
            }
            if c == b'"' {
                in_str = false;
            }
        } else {
            match c {
                b'"' => in_str = true,
                b'/' if prev_space => {
                    while i < b.len() && b[i] != b'\n' {
                        i += 1;
                    }
                    prev_space = true;
                    continue;
                }
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => depth -= 1,
                _ => {}
            }
        }
        prev_space = c == b' ' || c == b'\t' || c == b'\n';
        i += 1;
    }
    if in_str {
        depth.max(1)
    } else {
        depth
    }
}

/// Split a script into console entries.
pub fn script_chunks(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut in_block = false;
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if !cur.trim().is_empty() {
            out.push(std::mem::take(cur));
        } else {
            cur.clear();
        }
    };
    for raw in text.lines() {
        let line = raw.trim_end_matches('\r');
        let t = line.trim_end();
        if in_block {
            if t == "\\" {
                in_block = false;
            }
            continue;
        }
        if t == "/" && open_brackets(&cur) <= 0 {
            flush(&mut cur, &mut out);
            in_block = true;
            continue;
        }
        if t == "\\" && open_brackets(&cur) <= 0 {
            // a lone backslash ends the script
            flush(&mut cur, &mut out);
            return out;
        }
        let continuation = !cur.is_empty()
            && (line.starts_with(' ') || line.starts_with('\t') || open_brackets(&cur) > 0);
        if line.starts_with('/') && !continuation {
            continue;
        }
        if continuation {
            cur.push('\n');
            cur.push_str(line);
        } else {
            flush(&mut cur, &mut out);
            if line.trim().is_empty() {
                continue;
            }
            cur.push_str(line);
        }
    }
    flush(&mut cur, &mut out);
    out
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

    #[test]
    fn chunks_join_indented_lines() {
        let c = script_chunks("f:{[x]\n  x+1}\n/ comment\ng:2\n/\nblock\n\\\nh:3\n");
        assert_eq!(
            c,
            vec!["f:{[x]\n  x+1}".to_string(), "g:2".into(), "h:3".into()]
        );
    }
}

/// Random-input robustness: the lexer, parser and evaluator must never panic.
#[cfg(test)]
mod fuzz {
    use super::*;
    use rand::{Rng, SeedableRng};

    const PIECES: &[&str] = &[
        "1",
        "2",
        "0",
        "-1",
        "3 4",
        "1.5",
        "0N",
        "0n",
        "0W",
        "1b",
        "0x0f",
        "\"ab\"",
        "\"\"",
        "`a",
        "`a`b",
        "`",
        "x",
        "y",
        "z",
        "a",
        "d",
        "t",
        "+",
        "-",
        "*",
        "%",
        "!",
        "&",
        "|",
        "<",
        ">",
        "=",
        "~",
        ",",
        "^",
        "#",
        "_",
        "$",
        "?",
        "@",
        ".",
        ":",
        "::",
        "'",
        "':",
        "/:",
        "\\:",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ";",
        " ",
        "til",
        "count",
        "first",
        "sum",
        "each",
        "where",
        "enlist",
        "raze",
        "string",
        "value",
        "key",
        "flip",
        "asc",
        "group",
        "distinct",
        "neg",
        "type",
        "if",
        "$[",
        "select",
        "from",
        "by",
        "where",
        "update",
        "delete",
        "exec",
        "([]a:1 2)",
        "`a`b!1 2",
        ".j.j",
        ".j.k",
        "@[",
        "lower",
        "vs",
        "sv",
        "ss",
        "like",
        "in",
        "except",
        "cut",
        "xbar",
        "mod",
        "div",
        "exit",
        "-1",
        "show",
        "0N!",
        "(1;`a)",
        "{x+y}",
        "{[a]a}",
        "2020.01.01",
        "`long$",
        "\"J\"$",
        "reverse",
        "deltas",
        "fills",
        "cross",
        "sublist",
        "rotate",
        "inter",
        "union",
        "within",
        "med",
        "avg",
        "max",
        "min",
        "prd",
        "sums",
    ];

    fn program(rng: &mut rand_chacha::ChaCha8Rng) -> String {
        let n = rng.gen_range(1..14);
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(PIECES[rng.gen_range(0..PIECES.len())]);
            if rng.gen_bool(0.3) {
                s.push(' ');
            }
        }
        s
    }

    #[test]
    fn random_programs_never_panic() {
        let handle = std::thread::Builder::new()
            .stack_size(STACK_BYTES)
            .spawn(|| {
                let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(42);
                let mut c = Console::new(Box::new(std::io::sink()));
                c.run_line("x:1 2 3;y:`a`b;z:\"abc\";a:5;d:`a`b!1 2;t:([]a:1 2;b:`x`y)");
                for _ in 0..20000 {
                    let p = program(&mut rng);
                    let t0 = std::time::Instant::now();
                    if std::env::var("QLITE_FUZZ_TRACE").is_ok() {
                        eprintln!("fuzz input: {p:?}");
                    }
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        let _ = c.run_line(&p);
                    }));
                    if t0.elapsed().as_millis() > 200 {
                        eprintln!("slow fuzz input: {p:?}");
                    }
                    if r.is_err() {
                        return Err(p);
                    }
                    let _ = script_chunks(&p);
                    let _ = crate::q::lexer::lex(&p);
                }
                Ok(())
            })
            .expect("thread");
        match handle.join() {
            Ok(Ok(())) => {}
            Ok(Err(p)) => panic!("qlite panicked on input: {p:?}"),
            Err(_) => panic!("fuzz thread died"),
        }
    }
}
