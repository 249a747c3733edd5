//! Orchestrates load → catalog → render → publish.
