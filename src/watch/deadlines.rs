//! The instants the watch loop wakes for besides file events, in one place: the next look at
//! the releases folder itself, the next safety rescan, the end of a burst of events, and the
//! next embargo (kept by the site's state, passed in).

use std::time::{Duration, Instant};

/// Longest sleep between two looks at the stop flag, so SIGINT is answered promptly.
const STOP_POLL: Duration = Duration::from_millis(100);

/// A second rescan this long after a burst: catches files written into a directory before
/// inotify had a watch on it (`mkdir -p` then a file at once), whose events never come.
const SETTLE: Duration = Duration::from_millis(250);

/// How often the releases folder itself is checked (deleted and made again, a symlink
/// swapped): the old watch would follow an inode nobody writes to any more.
const ROOT_CHECK: Duration = Duration::from_millis(500);

/// When each periodic look is next due.
#[derive(Debug, Clone)]
pub(super) struct Deadlines {
    root_check: Instant,
    safety: Instant,
    settle: Option<Instant>,
}

impl Deadlines {
    /// Deadlines from `now`, with a safety rescan every `rescan_interval`.
    pub(super) fn new(now: Instant, rescan_interval: Duration) -> Self {
        Deadlines {
            root_check: now + ROOT_CHECK,
            safety: now + rescan_interval,
            settle: None,
        }
    }

    /// How long to wait for a file event from `now`: until the first deadline, `embargo`
    /// included, and never longer than the stop flag allows.
    pub(super) fn wait(&self, now: Instant, embargo: Option<Instant>) -> Duration {
        let mut deadline = self.safety.min(now + STOP_POLL);
        for at in [self.settle, embargo].into_iter().flatten() {
            deadline = deadline.min(at);
        }
        deadline.saturating_duration_since(now)
    }

    /// Whether the releases folder is due a look at `now` (and the next one is planned).
    pub(super) fn root_check_due(&mut self, now: Instant) -> bool {
        let due = now >= self.root_check;
        if due {
            self.root_check = now + ROOT_CHECK;
        }
        due
    }

    /// Events about releases arrived at `now`: the whole tree is compared once they stop.
    pub(super) fn burst(&mut self, now: Instant) {
        self.settle = Some(now + SETTLE);
    }

    /// Whether a burst is over at `now` (reported once per burst).
    pub(super) fn settled(&mut self, now: Instant) -> bool {
        let over = self.settle.is_some_and(|at| now >= at);
        if over {
            self.settle = None;
        }
        over
    }

    /// Whether the safety rescan is due at `now` (and the next one planned `rescan_interval`
    /// later: the settings' interval, which a reload may have changed).
    pub(super) fn safety_due(&mut self, now: Instant, rescan_interval: Duration) -> bool {
        let due = now >= self.safety;
        if due {
            self.safety = now + rescan_interval;
        }
        due
    }

    /// A full rebuild just ended (new settings): the next safety rescan is a whole interval
    /// away.
    pub(super) fn rescanned(&mut self, now: Instant, rescan_interval: Duration) {
        self.safety = now + rescan_interval;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: Duration = Duration::from_secs(60);

    #[test]
    fn waits_for_the_first_deadline_and_never_past_the_stop_poll() {
        let start = Instant::now();
        let mut deadlines = Deadlines::new(start, MINUTE);
        assert_eq!(deadlines.wait(start, None), STOP_POLL);
        let soon = start + Duration::from_millis(20);
        assert_eq!(deadlines.wait(start, Some(soon)), Duration::from_millis(20));
        deadlines.burst(start);
        assert_eq!(deadlines.wait(start, None), STOP_POLL.min(SETTLE));
        // An embargo already past wakes at once.
        assert_eq!(deadlines.wait(soon, Some(start)), Duration::ZERO);
    }

    #[test]
    fn a_burst_settles_once_and_a_new_event_moves_its_end() {
        let start = Instant::now();
        let mut deadlines = Deadlines::new(start, MINUTE);
        assert!(!deadlines.settled(start + SETTLE));
        deadlines.burst(start);
        deadlines.burst(start + Duration::from_millis(200));
        assert!(!deadlines.settled(start + SETTLE));
        assert!(deadlines.settled(start + Duration::from_millis(200) + SETTLE));
        assert!(!deadlines.settled(start + 2 * SETTLE + Duration::from_millis(200)));
    }

    #[test]
    fn periodic_looks_come_due_once_per_period() {
        let start = Instant::now();
        let mut deadlines = Deadlines::new(start, MINUTE);
        assert!(!deadlines.root_check_due(start));
        assert!(deadlines.root_check_due(start + ROOT_CHECK));
        assert!(!deadlines.root_check_due(start + ROOT_CHECK));
        assert!(!deadlines.safety_due(start + MINUTE / 2, MINUTE));
        assert!(deadlines.safety_due(start + MINUTE, MINUTE));
        assert!(!deadlines.safety_due(start + MINUTE + MINUTE / 2, MINUTE));
        deadlines.rescanned(start + MINUTE, 2 * MINUTE);
        assert!(!deadlines.safety_due(start + 2 * MINUTE, MINUTE));
        assert!(deadlines.safety_due(start + 3 * MINUTE, MINUTE));
    }
}
