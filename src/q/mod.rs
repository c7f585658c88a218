//! qlite: an interpreter for the practical subset of the q language.
