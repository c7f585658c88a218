//! The q binary in use: finding it, probing its version, and the limits and calls of a run.

mod judge;
mod run;

pub use judge::{judge_section, judge_unfinished};
pub use run::{run_script, run_tests};

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::TestResult;
use crate::sandbox::Ending;
use judge::stderr_reason;

/// Added to every wall-clock limit for the interpreter's start-up.
pub const STARTUP_MARGIN: Duration = Duration::from_secs(1);

/// Environment variables a q process keeps; everything else is cleared.
pub const KEPT_ENV: [&str; 4] = ["PATH", "HOME", "QHOME", "QLIC"];

/// The q binary in use, as reports name it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Engine {
    /// The binary, absolute.
    pub path: PathBuf,
    /// Its file name (`q`, `qlite`).
    pub name: String,
    /// What `string .z.K` and `string .z.k` printed, or `unknown (binary FINGERPRINT)`.
    pub version: String,
    /// A hash of the binary's path, size and modification time: a rebuilt interpreter
    /// is a different engine for the cache even when it reports the same version.
    pub fingerprint: String,
}

/// The limits of one run.
#[derive(Debug, Clone, PartialEq)]
pub struct RunLimits {
    /// Per test.
    pub timeout: Duration,
    /// Address-space limit of the q process, `None` for none.
    pub memory_bytes: Option<u64>,
    /// Bytes of stdout kept per process.
    pub max_output_bytes: usize,
}

/// One test to run.
#[derive(Debug, Clone)]
pub struct TestCall {
    pub n: usize,
    /// The q expression, e.g. `solve[1 2 3;"ab"]`.
    pub call: String,
    pub expected: Value,
}

/// The results of a problem's run, in test order.
#[derive(Debug, Clone)]
pub struct EngineRun {
    pub results: Vec<TestResult>,
    /// Whether tests had to be re-run one process each.
    pub fallback: bool,
    /// How many q processes were started.
    pub processes: usize,
}

/// Finds the q binary: a path with a `/` must exist; a bare name is looked up in PATH.
pub fn resolve_binary(spec: &Path) -> Result<PathBuf, String> {
    let text = spec.to_string_lossy();
    if text.is_empty() {
        return Err("the q binary path is empty".into());
    }
    let found = if text.contains('/') {
        Some(spec.to_path_buf()).filter(|p| p.is_file())
    } else {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(spec))
                .find(|p| p.is_file())
        })
    };
    let path = found.ok_or_else(|| {
        format!(
            "q binary not found: {} (give --q-bin, Q_INTERPRETER_PATH or q_bin in dsforge.toml, or build qlite with `cargo build --release`)",
            spec.display()
        )
    })?;
    path.canonicalize()
        .map_err(|e| format!("q binary {}: {e}", path.display()))
}

/// Asks the binary for its version (`.z.K` and `.z.k`) and fingerprints it. `Err` when
/// it cannot be started at all.
pub fn probe(path: &Path, limits: &RunLimits) -> Result<Engine, String> {
    // Each field guarded: an interpreter without .z.K still reports what it has.
    let script = "-1 \"@@dsforge-version \",@[{string .z.K};::;{\"\"}];\n\
                  -1 \"@@dsforge-release \",@[{string .z.k};::;{\"\"}];\n\
                  exit 0\n";
    let out = run_script(path, script, Duration::from_secs(10), limits)
        .map_err(|e| format!("cannot run the q binary {}: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&out.stdout);
    if out.ending != Ending::Exited(0) && !text.contains("@@dsforge-") {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let why = match out.ending {
            Ending::TimedOut => "did not finish a one-line script in 10s".to_string(),
            Ending::Signaled(s) => format!("was killed by signal {s}"),
            Ending::Exited(c) => format!("exited with code {c}"),
        };
        let limit = match limits.memory_bytes {
            Some(b) => format!(" under --memory-limit {}m", b >> 20),
            None => String::new(),
        };
        return Err(format!(
            "the q binary {} cannot start{limit}: it {why}{}",
            path.display(),
            stderr_reason(&stderr)
                .map(|t| format!(": {t}"))
                .unwrap_or_default()
        ));
    }
    let field = |tag: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(tag))
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let version = match (field("@@dsforge-version "), field("@@dsforge-release ")) {
        (Some(v), Some(r)) => format!("{v} {r}"),
        (Some(v), None) => v,
        (None, Some(r)) => r,
        (None, None) => String::new(),
    };
    let fingerprint = fingerprint(path);
    // No version from q itself: the binary's fingerprint stands in for it.
    let version = if version.is_empty() {
        format!("unknown (binary {fingerprint})")
    } else {
        version
    };
    Ok(Engine {
        path: path.to_path_buf(),
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        version,
        fingerprint,
    })
}

fn fingerprint(path: &Path) -> String {
    let meta = std::fs::metadata(path).ok();
    let size = meta.as_ref().map(|m| m.len()).unwrap_or(0);
    let mtime = meta
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let key = format!("{}\0{size}\0{mtime}", path.display());
    format!("{:016x}", crate::seed::fnv1a64(key.as_bytes()))
}

/// `2s`, `1.5s`, `250ms`.
pub fn show_duration(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{}s", d.as_secs())
    } else if d.as_secs() == 0 {
        format!("{}ms", d.as_millis())
    } else {
        format!("{}s", d.as_secs_f64())
    }
}

#[cfg(test)]
mod tests;
