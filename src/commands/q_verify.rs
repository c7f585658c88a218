//! q-verify: run each problem's q solution against its expected answers in a sandboxed
//! q interpreter (kdb+ q or qlite), write verdicts, and copy the problems that pass.
//!
//! Usage: `q-verify [--input DIR] [--output DIR] [--q-bin PATH] [--timeout 10s]
//! [--memory-limit 2g] [--jobs N] [--max-problems N] [--no-python] [--strict]
//! [--shard K/N] [--force]`

use crate::error::{Error, Outcome};
use crate::qverify::config::{parse_duration, parse_memory, toml_q_bin};
use crate::qverify::engine::{self, RunLimits};
use crate::qverify::problem::{self, Context, ProblemReport};
use crate::qverify::summary::{summarize, Summary};
use crate::qverify::Status;
use crate::shard::Shard;
use crate::ui::{CommonArgs, Ui};
use clap::Parser;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Bytes of stdout kept per q process.
const MAX_OUTPUT_BYTES: usize = 16 << 20;

/// A memory limit value (`None`: no limit).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MemoryLimit(pub Option<u64>);

fn memory_arg(s: &str) -> Result<MemoryLimit, String> {
    parse_memory(s).map(MemoryLimit)
}

/// Run q solutions against the expected answers, sandboxed; never asks a model, never prompts.
///
/// Each problem directory (<question_id>_<task_id>/ with sol.q, q_test_case_N.q and
/// test_case_N_expected.json) gets a verification.json with a verdict per test; problems
/// whose every test passes are copied with a cleaned sol.q to --output, beside
/// verification_summary.json. Exit 0 when it ran, 1 with --strict when a problem failed,
/// 2 when it could not run.
#[derive(Debug, Parser)]
#[command(name = "q-verify", version)]
pub struct Args {
    /// Folder of problem directories
    #[arg(long, default_value = "output/final_dataset")]
    pub input: PathBuf,
    /// Folder for the problems that pass, and verification_summary.json
    #[arg(long, default_value = "output/verified_dataset")]
    pub output: PathBuf,
    /// The q to run (licensed kdb+ q or qlite); else $Q_INTERPRETER_PATH; else q_bin in ./dsforge.toml; else the qlite built beside q-verify
    #[arg(long)]
    pub q_bin: Option<PathBuf>,
    /// Time limit per test case: 10s, 500ms, 2m
    #[arg(long, default_value = "10s", value_parser = parse_duration)]
    pub timeout: Duration,
    /// Address-space limit of each q process: 2g, 512m, a number of MiB, or none
    #[arg(long, default_value = "2g", value_parser = memory_arg)]
    pub memory_limit: MemoryLimit,
    /// Problems verified at once (default: every core)
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Verify at most this many problems (in name order, after --shard)
    #[arg(long)]
    pub max_problems: Option<usize>,
    /// Do not re-run the Python reference to check the expected answers
    #[arg(long)]
    pub no_python: bool,
    /// The Python that runs the reference solutions
    #[arg(long, default_value = "python3")]
    pub python: PathBuf,
    /// Exit 1 when any problem is invalid or could not be verified
    #[arg(long)]
    pub strict: bool,
    /// Verify only shard K of N (a stable hash of the problem name picks the shard)
    #[arg(long)]
    pub shard: Option<Shard>,
    /// Ignore cached verdicts and run everything again
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// The q binary: --q-bin, else Q_INTERPRETER_PATH, else dsforge.toml, else the sibling qlite.
fn choose_q_bin(args: &Args) -> Result<PathBuf, Error> {
    if let Some(p) = &args.q_bin {
        return Ok(p.clone());
    }
    // Read here rather than by clap so that a variable set to "" counts as unset.
    if let Some(p) = std::env::var_os("Q_INTERPRETER_PATH").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let toml = Path::new("dsforge.toml");
    if toml.is_file() {
        let text = std::fs::read_to_string(toml).map_err(|e| Error::io(toml, e))?;
        match toml_q_bin(&text) {
            Ok(Some(p)) => return Ok(p),
            Ok(None) => {}
            Err((line, msg)) => return Err(Error::input(toml, Some(line), msg)),
        }
    }
    crate::paths::sibling_binary("qlite").ok_or_else(|| {
        Error::Other(
            "no q binary: qlite is not built beside q-verify (run `cargo build --release`), and neither --q-bin, Q_INTERPRETER_PATH nor q_bin in dsforge.toml is set".into(),
        )
    })
}

/// The problem directories under `input`, by name; hidden ones left out.
fn problem_dirs(input: &Path) -> Result<Vec<PathBuf>, Error> {
    let entries = std::fs::read_dir(input).map_err(|e| Error::io(input, e))?;
    let mut dirs = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(input, e))?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if entry.path().is_dir() {
            dirs.push(entry.path());
        }
    }
    dirs.sort();
    Ok(dirs)
}

/// Whether two paths name the same existing folder.
fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Where the summary goes: one file per shard so shards never overwrite each other.
pub fn summary_path(output: &Path, shard: Option<Shard>) -> PathBuf {
    match shard {
        None => output.join("verification_summary.json"),
        Some(s) => output.join(format!(
            "verification_summary.shard-{}-of-{}.json",
            s.index, s.count
        )),
    }
}

/// Runs q-verify.
pub fn run(args: &Args, ui: &Ui) -> Result<Outcome, Error> {
    let started = Instant::now();
    crate::paths::set_jobs(args.jobs);
    if !args.input.is_dir() {
        return Err(Error::input(
            &args.input,
            None,
            "input folder of problem directories not found",
        ));
    }
    if same_folder(&args.input, &args.output) {
        return Err(Error::usage(format!(
            "--output {} is the input folder: verified problems need a folder of their own",
            args.output.display()
        )));
    }
    let q_bin = choose_q_bin(args)?;
    let q_bin = engine::resolve_binary(&q_bin).map_err(Error::Other)?;
    let limits = RunLimits {
        timeout: args.timeout,
        memory_bytes: args.memory_limit.0,
        max_output_bytes: MAX_OUTPUT_BYTES,
    };
    let engine = engine::probe(&q_bin, &limits).map_err(Error::Other)?;
    let python = if args.no_python {
        None
    } else {
        let found = engine::resolve_binary(&args.python).map_err(|_| {
            Error::Other(format!(
                "python not found: {} (give --python, or --no-python to skip re-checking the expected answers)",
                args.python.display()
            ))
        })?;
        Some(crate::qverify::python::real_executable(&found))
    };
    ui.debug(format!(
        "engine {} {} at {}",
        engine.name,
        engine.version,
        engine.path.display()
    ));

    let mut dirs = problem_dirs(&args.input)?;
    if let Some(shard) = args.shard {
        dirs.retain(|d| {
            d.file_name()
                .is_some_and(|n| shard.owns(&n.to_string_lossy()))
        });
    }
    if let Some(max) = args.max_problems {
        dirs.truncate(max);
    }
    std::fs::create_dir_all(&args.output).map_err(|e| Error::io(&args.output, e))?;

    let ctx = Context {
        engine: engine.clone(),
        limits: limits.clone(),
        python: python.clone(),
        force: args.force,
        output: args.output.clone(),
    };
    let bar = ui.bar(dirs.len() as u64, "q-verify");
    let reports: Vec<ProblemReport> = dirs
        .par_iter()
        .map(|dir| {
            let (report, warnings) = problem::verify_dir(dir, &ctx);
            for w in warnings {
                ui.warn(w);
            }
            bar.inc(1);
            report
        })
        .collect();
    bar.finish_and_clear();

    let summary = summarize(
        &engine,
        (&limits).into(),
        python.is_some(),
        args.shard.map(|s| format!("{}/{}", s.index, s.count)),
        &reports,
    );
    crate::io::write_json_atomic(&summary_path(&args.output, args.shard), &summary)?;
    report_to_user(ui, &summary, &reports, started.elapsed());

    let failed = summary.totals.invalid + summary.totals.error > 0;
    Ok(if args.strict && failed {
        Outcome::Failed
    } else {
        Outcome::Passed
    })
}

fn report_to_user(ui: &Ui, summary: &Summary, reports: &[ProblemReport], elapsed: Duration) {
    for r in reports {
        if matches!(r.status, Status::Invalid | Status::Error) {
            let mut kinds: Vec<&str> = r
                .tests
                .iter()
                .filter(|t| t.verdict != crate::qverify::Verdict::Pass)
                .map(|t| t.verdict.name())
                .collect();
            kinds.dedup();
            let detail = if kinds.is_empty() {
                String::new()
            } else {
                format!(" [{}]", kinds.join(", "))
            };
            ui.info(format!(
                "{}: {}: {}{detail}",
                r.problem,
                r.status.name(),
                r.reason.as_deref().unwrap_or("")
            ));
        } else {
            ui.debug(format!("{}: {}", r.problem, r.status.name()));
        }
    }
    let t = &summary.totals;
    ui.info(format!(
        "q-verify: {} problems: {} valid, {} invalid, {} error, {} skipped ({} cached); {}/{} tests pass; {} {} in {:.1}s",
        t.problems,
        t.valid,
        t.invalid,
        t.error,
        t.skipped,
        t.cached,
        t.tests_passed,
        t.tests,
        summary.engine.name,
        summary.engine.version,
        elapsed.as_secs_f64()
    ));
}
