//! Dataset validation: record rules, dataset metrics, near-duplicates (validate-dataset).

pub mod metrics;
