//! Why evaluation stopped: a q signal (`'type`, `'length`, ...), an early return from a
//! lambda, or `exit`.

use super::value::Value;

/// A non-local exit from evaluation.
#[derive(Debug, Clone)]
pub enum Signal {
    /// A q error, printed as `'name`.
    Error(String),
    /// `:x` inside a lambda.
    Return(Value),
    /// `exit n` or `\\`.
    Exit(i32),
}

/// The result of evaluating anything.
pub type QResult<T> = Result<T, Signal>;

impl Signal {
    /// A q error with this name.
    pub fn err(name: &str) -> Signal {
        Signal::Error(name.to_string())
    }
}

/// `Err(Signal::err(name))`.
pub fn qerr<T>(name: &str) -> QResult<T> {
    Err(Signal::err(name))
}
