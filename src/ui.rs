//! Everything a command says to a person: messages and progress bars on stderr,
//! decided once by one `Ui` value (quiet, normal, verbose; bars only on a terminal).

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// How much a command says on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum LogLevel {
    Error,
    Warn,
    Info,
    Debug,
}

/// Flags every command shares: `-q`, `-v`, `--no-progress`, `--log-level`.
#[derive(Debug, Clone, Args)]
pub struct CommonArgs {
    /// Print only errors (no summary, no progress bars)
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print more detail (same as --log-level debug)
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Never draw progress bars
    #[arg(long, global = true)]
    pub no_progress: bool,
    /// Message level on stderr: error, warn, info, debug
    #[arg(long, value_enum, global = true, env = "DSFORGE_LOG_LEVEL")]
    pub log_level: Option<LogLevel>,
}

/// The output decisions of one run.
#[derive(Debug, Clone)]
pub struct Ui {
    command: String,
    level: LogLevel,
    progress: bool,
}

impl Ui {
    /// Builds the Ui for `command` from its common flags; bars only when stderr is a terminal.
    pub fn new(command: &str, args: &CommonArgs) -> Self {
        let level = match (args.quiet, args.verbose, args.log_level) {
            (_, _, Some(l)) => l,
            (true, _, None) => LogLevel::Error,
            (false, true, None) => LogLevel::Debug,
            (false, false, None) => LogLevel::Info,
        };
        let progress =
            !args.no_progress && level >= LogLevel::Info && std::io::stderr().is_terminal();
        Ui {
            command: command.to_string(),
            level,
            progress,
        }
    }

    /// A Ui that prints nothing (for tests and library callers).
    pub fn silent() -> Self {
        Ui {
            command: String::new(),
            level: LogLevel::Error,
            progress: false,
        }
    }

    /// The level in force.
    pub fn level(&self) -> LogLevel {
        self.level
    }

    /// Whether stdin is a terminal a person could answer on.
    pub fn can_prompt(&self) -> bool {
        std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
    }

    /// A line of normal output (summaries) on stderr.
    pub fn info(&self, msg: impl AsRef<str>) {
        if self.level >= LogLevel::Info {
            eprintln!("{}", msg.as_ref());
        }
    }

    /// A warning that does not stop the run: `command: warning: msg`.
    pub fn warn(&self, msg: impl AsRef<str>) {
        if self.level >= LogLevel::Warn {
            eprintln!("{}: warning: {}", self.command, msg.as_ref());
        }
    }

    /// An error about one record that does not stop the run: `command: error: msg`.
    pub fn error(&self, msg: impl AsRef<str>) {
        eprintln!("{}: error: {}", self.command, msg.as_ref());
    }

    /// Detail shown with -v or --log-level debug.
    pub fn debug(&self, msg: impl AsRef<str>) {
        if self.level >= LogLevel::Debug {
            eprintln!("{}: {}", self.command, msg.as_ref());
        }
    }

    /// A progress bar of `len` steps, hidden unless stderr is a terminal and not quiet.
    pub fn bar(&self, len: u64, what: &str) -> ProgressBar {
        if !self.progress {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {msg} ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        bar.set_prefix(what.to_string());
        bar
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(quiet: bool, verbose: bool, log_level: Option<LogLevel>) -> CommonArgs {
        CommonArgs {
            quiet,
            verbose,
            no_progress: false,
            log_level,
        }
    }

    #[test]
    fn level_follows_flags() {
        assert_eq!(
            Ui::new("t", &args(false, false, None)).level(),
            LogLevel::Info
        );
        assert_eq!(
            Ui::new("t", &args(true, false, None)).level(),
            LogLevel::Error
        );
        assert_eq!(
            Ui::new("t", &args(false, true, None)).level(),
            LogLevel::Debug
        );
        assert_eq!(
            Ui::new("t", &args(true, false, Some(LogLevel::Warn))).level(),
            LogLevel::Warn
        );
    }

    #[test]
    fn no_bars_off_a_terminal() {
        // cargo test captures stderr through a pipe, so no bar may be drawn.
        let ui = Ui::new("t", &args(false, false, None));
        assert!(ui.bar(10, "x").is_hidden());
    }
}
