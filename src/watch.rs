//! Watches releases/ and rebuilds what changed.
