//! qlite: an interpreter for the practical subset of the q language (kdb+), used by
//! q-verify to run q solutions without a licence. Source goes through [`lexer`],
//! [`parser`] (to an [`ast`]), and [`eval`]; primitives live in one table in
//! [`primitives`]; [`format`] prints values as the q console does; [`console`] is the
//! command-line driver.

pub mod adverbs;
pub mod apply;
pub mod ast;
pub mod console;
pub mod error;
pub mod eval;
pub mod format;
pub mod lexer;
pub mod parser;
pub mod primitives;
pub mod query;
pub mod temporal;
pub mod value;

pub use eval::Interp;
pub use value::Value;
