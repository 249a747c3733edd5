//! The instant the watcher publishes at: the system clock, or a pinned start that advances.

use crate::source::dates::in_zone;
use chrono::{DateTime, FixedOffset, Utc};
use std::time::Instant;

/// The instant the watcher publishes at.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    /// The system clock, in the configured time zone.
    System,
    /// `start` at `origin`, then advancing with real time: `--now` pins the date while
    /// embargo timers still fire after the real delay.
    From {
        /// The instant it read when it was made.
        start: DateTime<FixedOffset>,
        /// When it was made, on the monotonic clock.
        origin: Instant,
    },
}

impl Clock {
    /// A clock reading `start` now and advancing with real time.
    pub fn starting_at(start: DateTime<FixedOffset>) -> Clock {
        Clock::From {
            start,
            origin: Instant::now(),
        }
    }

    /// The instant now: for `System`, at `time_zone`'s offset; for `From`, at `start`'s.
    pub fn now(&self, time_zone: chrono_tz::Tz) -> DateTime<FixedOffset> {
        match self {
            Clock::System => in_zone(Utc::now().fixed_offset(), time_zone),
            Clock::From { start, origin } => {
                let elapsed = chrono::Duration::from_std(origin.elapsed())
                    .unwrap_or(chrono::Duration::zero());
                *start + elapsed
            }
        }
    }
}
