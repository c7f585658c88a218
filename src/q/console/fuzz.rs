//! Random-input robustness: the lexer, parser and evaluator must never panic.

use rand::{Rng, SeedableRng};

use super::*;

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
