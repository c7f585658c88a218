//! Dataset validation: record rules, dataset metrics, near-duplicates (validate-dataset).
