//! Publishing: a valid problem, with its cleaned sol.q, copied to the output folder in one rename.

use std::path::Path;

use super::{cached_report, Problem, ProblemReport, REPORT_FILE};
use crate::error::Error;
use crate::qverify::Status;

/// Copies the problem's files into `output/<name>/` with the cleaned sol.q and the
/// report, replacing an earlier copy in one rename (a reader never sees half a copy).
/// An up-to-date copy (same cache key) is left as it is.
pub fn publish(problem: &Problem, report: &ProblemReport, output: &Path) -> Result<(), Error> {
    let target = output.join(&problem.name);
    if let Some(existing) = cached_report(&target, &report.cache_key) {
        if existing.status == Status::Valid && target.join("sol.q").is_file() {
            return Ok(());
        }
    }
    std::fs::create_dir_all(output).map_err(|e| Error::io(output, e))?;
    let tmp = tempfile::Builder::new()
        .prefix(".tmp-")
        .tempdir_in(output)
        .map_err(|e| Error::io(output, e))?;
    copy_tree(&problem.dir, tmp.path())?;
    crate::io::write_atomic(&tmp.path().join("sol.q"), problem.solution.as_bytes())?;
    crate::io::write_json_atomic(&tmp.path().join(REPORT_FILE), report)?;
    let old = output.join(format!(".old-{}-{}", problem.name, std::process::id()));
    let had_old = target.exists();
    if had_old {
        std::fs::rename(&target, &old).map_err(|e| Error::io(&target, e))?;
    }
    let staged = tmp.keep();
    if let Err(e) = std::fs::rename(&staged, &target) {
        let _ = std::fs::remove_dir_all(&staged);
        if had_old {
            let _ = std::fs::rename(&old, &target);
        }
        return Err(Error::io(&target, e));
    }
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(())
}

/// Removes `output/<name>/` when an earlier run published it (it holds our report) and
/// the problem is no longer valid.
pub fn remove_stale(output: &Path, name: &str) -> Result<(), Error> {
    let target = output.join(name);
    if target.join(REPORT_FILE).is_file() {
        std::fs::remove_dir_all(&target).map_err(|e| Error::io(&target, e))?;
    }
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), Error> {
    let entries = std::fs::read_dir(from).map_err(|e| Error::io(from, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(from, e))?;
        let path = entry.path();
        let dest = to.join(entry.file_name());
        let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
        if kind.is_dir() {
            std::fs::create_dir_all(&dest).map_err(|e| Error::io(&dest, e))?;
            copy_tree(&path, &dest)?;
        } else if kind.is_file() {
            std::fs::copy(&path, &dest).map_err(|e| Error::io(&path, e))?;
        }
    }
    Ok(())
}
