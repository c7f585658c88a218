//! Where the shipped, editable files are found at run time: `templates/` and `data/`
//! (editable without a rebuild) and sibling binaries such as `qlite`.

use std::path::PathBuf;

/// Finds a shipped folder (`templates` or `data`): `$DSFORGE_HOME/<name>`, then
/// `./<name>`, then beside the running binary's project (`target/release/..` up to the
/// project root), then the folder this crate was built from.
pub fn shipped_dir(name: &str) -> PathBuf {
    let mut candidates = Vec::new();
    if let Some(home) = std::env::var_os("DSFORGE_HOME") {
        candidates.push(PathBuf::from(home).join(name));
    }
    candidates.push(PathBuf::from(name));
    if let Ok(exe) = std::env::current_exe() {
        for dir in exe.ancestors().skip(1).take(4) {
            candidates.push(dir.join(name));
        }
    }
    candidates.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name));
    candidates
        .iter()
        .find(|p| p.is_dir())
        .cloned()
        .unwrap_or_else(|| PathBuf::from(name))
}

/// The `templates/` folder.
pub fn templates_dir() -> PathBuf {
    shipped_dir("templates")
}

/// The `data/` folder.
pub fn data_dir() -> PathBuf {
    shipped_dir("data")
}

/// A binary built with dsforge (e.g. `qlite`), looked for beside the running binary.
pub fn sibling_binary(name: &str) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?;
    [dir.join(name), dir.join("..").join(name)]
        .into_iter()
        .find(|p| p.is_file())
}

/// Sets the size of rayon's global pool (`--jobs`); `None` or 0 uses every core.
pub fn set_jobs(jobs: Option<usize>) {
    if let Some(n) = jobs.filter(|&n| n > 0) {
        // A second call (tests running several commands in one process) keeps the first pool.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
}
