//! Dataset validation (validate-dataset): per-record rules, dataset metrics and
//! near-duplicates, over intent datasets and external JSON/JSONL/CSV datasets.
//!
//! - [`source`]: formats, streaming readers, record selection, field paths
//! - [`record`]: raw record → typed fields (structure and type checks)
//! - [`rules`]: the record rules, errors and warnings as distinct kinds
//! - [`text`]: normalisation, shingles, exact Jaccard
//! - [`minhash`]: MinHash signatures, LSH banding, union-find
//! - [`metrics`]: distinct-n, distributions, length histogram
//! - [`templates`]: keywords, topics and styles read from `templates/intents/`
//! - [`engine`]: pass 1 and the report; [`near`]: candidate pairs, confirmation and
//!   clusters; [`spill`]: external sorting in bounded memory;
//!   [`report`]: the report and its summary

pub mod engine;
pub mod metrics;
pub mod minhash;
pub mod near;
pub mod record;
pub mod report;
pub mod rules;
pub mod source;
pub mod spill;
pub mod templates;
pub mod text;

pub use engine::{validate, LabelSource, NearSettings, Settings, Thresholds};
pub use report::Report;
