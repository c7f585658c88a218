//! dsforge: small composable batch commands that build datasets for training and
//! evaluating language models. Each binary in `src/bin/` is a thin wrapper around a
//! module in [`commands`]; the domain logic lives in the modules below and the shared
//! plumbing (errors, output, files, seeds, shards) in [`error`], [`ui`], [`io`],
//! [`seed`] and [`shard`].

pub mod commands;
pub mod error;
pub mod io;
pub mod seed;
pub mod shard;
pub mod ui;

pub mod intents;
pub mod leetcode;
pub mod llm;
pub mod paths;
pub mod q;
pub mod qverify;
pub mod sandbox;
pub mod validate;

pub use error::{finish, Error, Outcome};
pub use ui::{CommonArgs, Ui};
