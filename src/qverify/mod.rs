//! Sandboxed, deterministic verification of q solutions against expected answers (q-verify).
