//! pull-leetcode: read LeetCodeDataset records (file or URL, plain or gzipped), run each
//! problem's Python reference on its recorded tests, keep the answers that agree with the
//! record, and write one problem directory per problem plus a summary.

use crate::error::{Error, Outcome};
use crate::io::write_json_atomic;
use crate::leetcode::harness::RunLimits;
use crate::leetcode::pull::{self, Options, ProblemReport, Status};
use crate::leetcode::record::Problem;
use crate::leetcode::source::{self, DEFAULT_SOURCE};
use crate::paths::set_jobs;
use crate::sandbox::Limits;
use crate::shard::Shard;
use crate::ui::{CommonArgs, Ui};
use clap::Parser;
use rayon::prelude::*;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashSet};
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
    let wanted_ids: HashSet<String> = args.ids.iter().map(|s| s.trim().to_string()).collect();
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
        if !selects(args, &wanted_ids, &problem) {
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
    let summary = summarize(args, read, &invalid, &selected, &done, &reports, seconds);
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
        "pull-leetcode: {} problems written ({} test cases kept, {} dropped), {} already complete, {} unsupported, {} without a verified test, {} broken, {} invalid records in {:.1}s; summary in {}",
        count(Status::Written),
        kept,
        dropped,
        done.len(),
        reports.iter().filter(|r| !r.supported && r.status != Status::Failed).count(),
        count(Status::NoTests),
        failed,
        invalid.len(),
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
        let ok = d.len() == 10
            && d.char_indices().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if !ok {
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

fn selects(args: &Args, ids: &HashSet<String>, p: &Problem) -> bool {
    if !args.difficulty.is_empty()
        && !args
            .difficulty
            .iter()
            .any(|d| d.trim().eq_ignore_ascii_case(&p.difficulty))
    {
        return false;
    }
    if !args.tags.is_empty()
        && !args
            .tags
            .iter()
            .any(|t| p.tags.iter().any(|pt| pt.eq_ignore_ascii_case(t.trim())))
    {
        return false;
    }
    if !ids.is_empty()
        && !ids.contains(&p.question_id)
        && !ids.contains(&p.task_id)
        && !ids.contains(&p.dir_name())
    {
        return false;
    }
    if let Some(since) = &args.since {
        match &p.date {
            Some(d) if d.get(..10).unwrap_or(d) >= since.as_str() => {}
            _ => return false,
        }
    }
    if let Some(shard) = &args.shard {
        if !shard.owns(&p.dir_name()) {
            return false;
        }
    }
    true
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

/// The first words of a drop reason, for counting reasons together.
fn reason_kind(reason: &str) -> String {
    let head = reason.split(':').next().unwrap_or(reason);
    head.trim().to_string()
}

fn summarize(
    args: &Args,
    read: usize,
    invalid: &[Value],
    selected: &[Problem],
    done: &[&Problem],
    reports: &[ProblemReport],
    seconds: f64,
) -> Value {
    let mut by_diff: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    let mut bump = |diff: &str, key: &str| {
        let m = by_diff.entry(diff.to_string()).or_default();
        let v = m.get(key).and_then(Value::as_u64).unwrap_or(0) + 1;
        m.insert(key.to_string(), json!(v));
    };
    for p in selected {
        bump(&p.difficulty, "selected");
    }
    for p in done {
        bump(&p.difficulty, "already_complete");
    }
    for r in reports {
        let key = match r.status {
            Status::Written => "written",
            Status::Unsupported => "unsupported",
            Status::NoTests => "no_tests",
            Status::Failed => "failed",
        };
        bump(&r.difficulty, key);
    }
    let mut reasons: BTreeMap<String, u64> = BTreeMap::new();
    let mut dropped = Vec::new();
    for r in reports {
        for d in &r.dropped {
            *reasons.entry(reason_kind(&d.reason)).or_default() += 1;
            dropped.push(
                json!({"problem": r.problem, "source_index": d.source_index, "reason": d.reason}),
            );
        }
    }
    let attempted: usize = reports.iter().map(|r| r.attempted).sum();
    let kept: usize = reports.iter().map(|r| r.kept).sum();
    let list = |pred: &dyn Fn(&ProblemReport) -> bool| -> Vec<Value> {
        reports
            .iter()
            .filter(|r| pred(r))
            .map(|r| json!({"problem": r.problem, "difficulty": r.difficulty, "reason": r.reason}))
            .collect()
    };
    let count = |s: Status| reports.iter().filter(|r| r.status == s).count();
    let mut by_time: Vec<&ProblemReport> = reports.iter().collect();
    by_time.sort_by(|a, b| b.seconds.total_cmp(&a.seconds));
    let slowest: Vec<Value> = by_time
        .iter()
        .take(10)
        .map(|r| json!({"problem": r.problem, "seconds": (r.seconds * 1000.0).round() / 1000.0}))
        .collect();
    json!({
        "source": args.source,
        "output": args.output.display().to_string(),
        "shard": args.shard.map(|s| format!("{}/{}", s.index, s.count)),
        "seconds": (seconds * 1000.0).round() / 1000.0,
        "problems_per_second": if seconds > 0.0 { ((reports.len() as f64 / seconds) * 100.0).round() / 100.0 } else { 0.0 },
        "problems": {
            "records_read": read,
            "invalid_records": invalid.len(),
            "selected": selected.len(),
            "already_complete": done.len(),
            "run": reports.len(),
            "written": count(Status::Written),
            "unsupported_skipped": count(Status::Unsupported),
            "no_tests": count(Status::NoTests),
            "failed": count(Status::Failed),
        },
        "by_difficulty": by_diff,
        "test_cases": {
            "attempted": attempted,
            "kept": kept,
            "dropped": attempted - kept,
            "kept_share": if attempted > 0 { ((kept as f64 / attempted as f64) * 10000.0).round() / 10000.0 } else { 0.0 },
        },
        "drop_reasons": reasons,
        "unsupported": list(&|r| !r.supported && r.status != Status::Failed),
        "no_tests": list(&|r| r.status == Status::NoTests),
        "failed": list(&|r| r.status == Status::Failed),
        "slowest": slowest,
        "invalid_records": invalid,
        "dropped": dropped,
    })
}
