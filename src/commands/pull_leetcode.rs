//! pull-leetcode: read LeetCodeDataset records (file or URL, plain or gzipped), run each
//! problem's Python reference on its recorded tests, keep the answers that agree with the
//! record, and write one problem directory per problem plus a summary.

use crate::error::{Error, Outcome};
use crate::io::write_json_atomic;
use crate::leetcode::harness::RunLimits;
use crate::leetcode::pull::{self, Options, ProblemReport, Status};
use crate::leetcode::record::Problem;
use crate::leetcode::select::{self, Filter};
use crate::leetcode::source::{self, DEFAULT_SOURCE};
use crate::leetcode::summary;
use crate::paths::set_jobs;
use crate::sandbox::Limits;
use crate::shard::Shard;
use crate::ui::{CommonArgs, Ui};
use clap::Parser;
use rayon::prelude::*;
use serde_json::json;
use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Fetch LeetCode problems, run their Python reference solutions on the recorded tests,
/// and write problem directories whose expected answers were computed, not copied.
#[derive(Debug, Parser)]
#[command(name = "pull-leetcode", version)]
pub struct Args {
    /// LeetCodeDataset JSONL, plain or gzipped: a file, `-` for stdin, or an http(s) URL
    #[arg(long, default_value = DEFAULT_SOURCE)]
    pub source: String,
    /// Folder that receives one directory per problem and summary.json
    #[arg(long, default_value = "output/initial_dataset")]
    pub output: PathBuf,
    /// Only these difficulties, comma-separated (Easy,Medium,Hard)
    #[arg(long, value_delimiter = ',')]
    pub difficulty: Vec<String>,
    /// Only problems with at least one of these tags, comma-separated
    #[arg(long, value_delimiter = ',')]
    pub tags: Vec<String>,
    /// Only these problems: question ids, task ids or directory names, comma-separated
    #[arg(long, value_delimiter = ',')]
    pub ids: Vec<String>,
    /// Stop after selecting this many problems (in file order)
    #[arg(long)]
    pub max_problems: Option<usize>,
    /// Only problems whose estimated date is on or after DATE (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Verified test cases to keep per problem
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub max_tests: usize,
    /// Also write problems whose types have no q form yet (ListNode, TreeNode, ...),
    /// with Python files only
    #[arg(long)]
    pub include_unsupported: bool,
    /// Problems run at once (default: one per core)
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Run only shard K of N (a stable hash of the problem directory name)
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    /// Redo problems whose directory is already complete
    #[arg(long)]
    pub force: bool,
    /// Time limit of one test case, in seconds
    #[arg(long, default_value_t = 4.0, value_name = "SECONDS")]
    pub test_timeout: f64,
    /// Time limit of one problem's whole python3 run, in seconds
    #[arg(long, default_value_t = 120.0, value_name = "SECONDS")]
    pub problem_timeout: f64,
    /// Address-space limit of the python3 process, in MiB
    #[arg(long, default_value_t = 2048, value_name = "MIB")]
    pub memory_mb: u64,
    /// The Python interpreter
    #[arg(long, default_value = "python3", env = "DSFORGE_PYTHON")]
    pub python: PathBuf,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Runs pull-leetcode: 0 when every selected record yielded its directory (or was
/// skipped as unsupported), 1 when a record was malformed or a problem kept no test
/// case, 2 when it could not run.
pub fn run(args: &Args, ui: &Ui) -> Result<Outcome, Error> {
    let started = Instant::now();
    check_args(args)?;
    set_jobs(args.jobs);
    check_python(&args.python)?;
    std::fs::create_dir_all(&args.output).map_err(|e| Error::io(&args.output, e))?;

    // Load and select.
    let reader = source::open(&args.source, ui)?;
    let mut invalid = Vec::new();
    let mut selected: Vec<Problem> = Vec::new();
    let mut seen = HashSet::new();
    let mut read = 0usize;
    let filter = Filter {
        difficulty: args.difficulty.clone(),
        tags: args.tags.clone(),
        ids: args.ids.iter().map(|s| s.trim().to_string()).collect(),
        since: args.since.clone(),
        shard: args.shard,
    };
    for (line, item) in reader {
        let value = match item {
            Ok(v) => v,
            Err(e) => {
                ui.error(e.to_string());
                invalid.push(json!({"line": line, "message": e.to_string()}));
                continue;
            }
        };
        let problem = match Problem::from_value(value) {
            Ok(p) => p,
            Err(m) => {
                let msg = format!("{}:{line}: {m}", args.source);
                ui.error(&msg);
                invalid.push(json!({"line": line, "message": msg}));
                continue;
            }
        };
        read += 1;
        if !seen.insert(problem.dir_name()) {
            let m = format!("duplicate problem {}", problem.dir_name());
            let msg = format!("{}:{line}: {m}", args.source);
            ui.error(&msg);
            invalid.push(json!({"line": line, "message": msg}));
            continue;
        }
        if !filter.selects(&problem) {
            continue;
        }
        if args.max_problems.is_some_and(|m| selected.len() >= m) {
            break;
        }
        selected.push(problem);
    }

    remove_stale_staging(&args.output, &opts_limits_age(args), ui);

    // Skip finished problems unless --force.
    let (done, todo): (Vec<&Problem>, Vec<&Problem>) = selected
        .iter()
        .partition(|p| !args.force && pull::is_complete(p, &args.output));
    if !done.is_empty() {
        ui.info(format!(
            "pull-leetcode: {} problems already complete in {} (--force redoes them)",
            done.len(),
            args.output.display()
        ));
    }

    let opts = Options {
        python: args.python.clone(),
        max_tests: args.max_tests,
        include_unsupported: args.include_unsupported,
        limits: RunLimits {
            per_test_seconds: args.test_timeout,
            sandbox: Limits {
                wall: Duration::from_secs_f64(args.problem_timeout),
                memory_bytes: Some(args.memory_mb << 20),
                max_output_bytes: 256 << 20,
            },
        },
        max_restarts: 3,
    };
    let bar = ui.bar(todo.len() as u64, "problems");
    let results: Vec<Result<ProblemReport, Error>> = todo
        .par_iter()
        .map(|p| {
            let r = pull::process(p, &args.output, &opts);
            if let Ok(rep) = &r {
                report_problem(ui, rep);
            }
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    let mut reports = Vec::with_capacity(results.len());
    for r in results {
        reports.push(r?);
    }

    let seconds = started.elapsed().as_secs_f64();
    let summary = summary::summarize(&summary::RunFacts {
        source: &args.source,
        output: &args.output,
        shard: args.shard,
        records_read: read,
        invalid: &invalid,
        selected: &selected,
        done: &done,
        reports: &reports,
        seconds,
    });
    let summary_path = args.output.join(match &args.shard {
        Some(s) => format!("summary.shard-{}-of-{}.json", s.index, s.count),
        None => "summary.json".to_string(),
    });
    write_json_atomic(&summary_path, &summary)?;

    let count = |s: Status| reports.iter().filter(|r| r.status == s).count();
    let kept: usize = reports.iter().map(|r| r.kept).sum();
    let dropped: usize = reports.iter().map(|r| r.dropped.len()).sum();
    let failed = count(Status::Failed);
    let no_tests = reports
        .iter()
        .filter(|r| r.status == Status::NoTests && r.supported)
        .count();
    ui.info(format!(
        "pull-leetcode: {} written ({} kept, {} dropped), {} already complete, {} unsupported, {} without a verified test, {} broken, {} in {:.1}s; summary in {}",
        plural(count(Status::Written), "problem"),
        plural(kept, "test case"),
        dropped,
        done.len(),
        reports.iter().filter(|r| !r.supported && r.status != Status::Failed).count(),
        count(Status::NoTests),
        failed,
        plural(invalid.len(), "invalid record"),
        seconds,
        summary_path.display()
    ));
    if invalid.is_empty() && failed == 0 && no_tests == 0 {
        Ok(Outcome::Passed)
    } else {
        Ok(Outcome::Failed)
    }
}

/// How old a `.tmp-*` staging folder must be before no live run can own it.
fn opts_limits_age(args: &Args) -> Duration {
    Duration::from_secs_f64(args.problem_timeout * 5.0 + 60.0)
}

/// Removes staging folders left by a killed run (old enough that no live run, even a
/// concurrent shard writing to the same folder, can still be using them).
fn remove_stale_staging(out: &std::path::Path, age: &Duration, ui: &Ui) {
    let Ok(entries) = std::fs::read_dir(out) else {
        return;
    };
    for e in entries.filter_map(|e| e.ok()) {
        let name = e.file_name().to_string_lossy().to_string();
        if !name.starts_with(".tmp-") {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|el| el > *age);
        if old && std::fs::remove_dir_all(e.path()).is_ok() {
            ui.debug(format!("removed stale staging folder {name}"));
        }
    }
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn check_args(args: &Args) -> Result<(), Error> {
    if args.max_tests == 0 {
        return Err(Error::usage("--max-tests must be at least 1"));
    }
    if !(args.test_timeout > 0.0 && args.test_timeout.is_finite()) {
        return Err(Error::usage(
            "--test-timeout must be a positive number of seconds",
        ));
    }
    if !(args.problem_timeout > 0.0 && args.problem_timeout.is_finite()) {
        return Err(Error::usage(
            "--problem-timeout must be a positive number of seconds",
        ));
    }
    if args.memory_mb < 64 {
        return Err(Error::usage("--memory-mb must be at least 64"));
    }
    if let Some(d) = &args.since {
        if !select::is_date(d) {
            return Err(Error::usage(format!(
                "--since {d:?} is not a date like 2024-01-31"
            )));
        }
    }
    Ok(())
}

fn check_python(python: &PathBuf) -> Result<(), Error> {
    let out = std::process::Command::new(python)
        .arg("--version")
        .output()
        .map_err(|e| Error::Other(format!("cannot run {}: {e}", python.display())))?;
    if !out.status.success() {
        return Err(Error::Other(format!(
            "{} --version failed",
            python.display()
        )));
    }
    Ok(())
}

fn report_problem(ui: &Ui, r: &ProblemReport) {
    for d in &r.dropped {
        ui.debug(format!(
            "{}: test {} dropped: {}",
            r.problem, d.source_index, d.reason
        ));
    }
    let why = r.reason.as_deref().unwrap_or("");
    match r.status {
        Status::Failed => ui.error(format!("{}: skipped: {why}", r.problem)),
        Status::NoTests => ui.warn(format!(
            "{}: skipped: no test case survived ({} dropped{})",
            r.problem,
            r.dropped.len(),
            r.dropped
                .first()
                .map(|d| format!(", first: {}", d.reason))
                .unwrap_or_default()
        )),
        Status::Unsupported => ui.debug(format!("{}: unsupported: {why}", r.problem)),
        Status::Written => ui.debug(format!(
            "{}: {} test cases kept, {} dropped",
            r.problem,
            r.kept,
            r.dropped.len()
        )),
    }
}
