//! Writes outputs atomically, only when their bytes change.
