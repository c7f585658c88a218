//! The one error type every command returns, and `finish`, the one place that turns
//! an outcome into a message on stderr and a process exit code (0 passed, 1 check
//! failed, 2 could not run).

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What a command that ran to the end reports: the exit code it should leave with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done, and every check passed: exit 0.
    Passed,
    /// Done, but a check failed (invalid records, failed verification): exit 1.
    Failed,
}

/// Why a command could not run: always exit 2.
#[derive(Debug)]
pub enum Error {
    /// Bad flags or a bad combination of them.
    Usage(String),
    /// A file could not be read, written or created.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Input that cannot be understood: `file:line: what is wrong`.
    Input {
        path: PathBuf,
        line: Option<u64>,
        message: String,
    },
    /// A remote call failed (download, model API).
    Network(String),
    /// The run was stopped on purpose (a cost limit, a refused confirmation).
    Stopped(String),
    /// Anything else that stops the run, with a message for the user.
    Other(String),
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }

    /// Input that cannot be understood, at `path` (and `line`, 1-based, when known).
    pub fn input(path: impl AsRef<Path>, line: Option<u64>, message: impl Into<String>) -> Self {
        Error::Input {
            path: path.as_ref().to_path_buf(),
            line,
            message: message.into(),
        }
    }

    /// A usage error.
    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage(message.into())
    }
}

/// Shows a path as the user typed it; `-` is standard input/output.
pub fn show_path(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(m) => write!(f, "{m}"),
            Error::Io { path, source } => write!(
                f,
                "{}: {}",
                show_path(path),
                lowercase_first(&source.to_string())
            ),
            Error::Input {
                path,
                line: Some(l),
                message,
            } => write!(f, "{}:{l}: {message}", show_path(path)),
            Error::Input {
                path,
                line: None,
                message,
            } => write!(f, "{}: {message}", show_path(path)),
            Error::Network(m) | Error::Stopped(m) | Error::Other(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for Error {}

fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Turns a command's result into its exit code, printing the error (once) as
/// `command: error: message` on stderr.
pub fn finish(command: &str, result: Result<Outcome, Error>) -> ExitCode {
    match result {
        Ok(Outcome::Passed) => ExitCode::from(0),
        Ok(Outcome::Failed) => ExitCode::from(1),
        Err(e) => {
            let kind = if matches!(e, Error::Stopped(_)) {
                "stopped"
            } else {
                "error"
            };
            eprintln!("{command}: {kind}: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_errors_name_file_and_line() {
        let e = Error::input("data.jsonl", Some(17), "missing field \"intent\"");
        assert_eq!(e.to_string(), "data.jsonl:17: missing field \"intent\"");
        let e = Error::input("-", None, "empty input");
        assert_eq!(e.to_string(), "<stdin>: empty input");
    }

    #[test]
    fn io_errors_are_lowercase() {
        let e = Error::io(
            "x.json",
            std::io::Error::new(std::io::ErrorKind::NotFound, "No such file"),
        );
        assert_eq!(e.to_string(), "x.json: no such file");
    }
}
