//! Fixed instants: a test never reads the machine's clock to decide what is published.

use chrono::{DateTime, FixedOffset};

/// The instant most tests publish at.
pub(crate) const NOW: &str = "2026-11-23T12:00:00+01:00";

/// An RFC 3339 instant.
pub(crate) fn at(rfc3339: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(rfc3339).unwrap_or_else(|e| panic!("{rfc3339}: {e}"))
}

/// [`NOW`] as an instant.
pub(crate) fn now() -> DateTime<FixedOffset> {
    at(NOW)
}
