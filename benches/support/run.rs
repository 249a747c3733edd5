//! Runs a tool as a child process and measures it from outside: wall time, and peak resident
//! memory from the kernel's own accounting of that child (`wait4`'s `ru_maxrss`).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

/// What one run cost.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Cost {
    pub wall: Duration,
    /// Peak resident set size in bytes (0 where the platform does not say).
    pub peak_rss: u64,
}

/// Runs `command` to its end with its output discarded; panics if it fails (a benchmark of a
/// failing build measures nothing).
pub(crate) fn measure(command: &mut Command) -> Cost {
    let started = Instant::now();
    let child = command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
    let (status, peak_rss, errors) = finish(child);
    let wall = started.elapsed();
    assert!(status, "{command:?} failed:\n{errors}");
    Cost { wall, peak_rss }
}

/// Waits for `child`, returning whether it succeeded, its peak RSS and what it wrote on stderr.
fn finish(mut child: Child) -> (bool, u64, String) {
    let mut errors = String::new();
    if let Some(stderr) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut BufReader::new(stderr), &mut errors);
    }
    let (ok, rss) = reap(child);
    (ok, rss, errors)
}

/// A long-running child (a watcher, a server), killed when dropped: a failed run leaves no
/// process behind.
pub(crate) struct Running(Option<Child>);

impl Running {
    pub(crate) fn new(child: Child) -> Running {
        Running(Some(child))
    }

    pub(crate) fn child(&mut self) -> &mut Child {
        self.0.as_mut().expect("running child")
    }

    /// Stops it (SIGKILL) and returns its peak RSS.
    pub(crate) fn stop(mut self) -> u64 {
        let mut child = self.0.take().expect("running child");
        let _ = child.kill();
        reap(child).1
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

#[cfg(unix)]
fn reap(child: Child) -> (bool, u64) {
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; the pid is our own child's.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    std::mem::forget(child);
    let ok = reaped == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    // Linux reports kilobytes.
    (ok, usage.ru_maxrss.max(0) as u64 * 1024)
}

#[cfg(not(unix))]
fn reap(mut child: Child) -> (bool, u64) {
    (child.wait().is_ok_and(|s| s.success()), 0)
}

/// Lines of a child's output with the instant each arrived.
pub(crate) fn lines(reader: impl std::io::Read + Send + 'static) -> Receiver<(Instant, String)> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(reader).lines() {
            let Ok(line) = line else { break };
            if tx.send((Instant::now(), line)).is_err() {
                break;
            }
        }
    });
    rx
}

/// Waits for a line that `found` accepts; `None` after `timeout` or when the stream closes.
pub(crate) fn wait_line(
    rx: &Receiver<(Instant, String)>,
    timeout: Duration,
    found: impl Fn(&str) -> bool,
) -> Option<Instant> {
    let deadline = Instant::now() + timeout;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok((at, line)) if found(&line) => return Some(at),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
}

/// Polls `path` until it contains `needle`: a metadata check every 0.5 ms, a read only when
/// size or mtime moved.
pub(crate) fn wait_file_contains(path: &Path, needle: &str, timeout: Duration) -> Option<Instant> {
    let deadline = Instant::now() + timeout;
    let mut seen: Option<(u64, SystemTime)> = None;
    while Instant::now() < deadline {
        if let Ok(meta) = std::fs::metadata(path) {
            let key = (
                meta.len(),
                meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
            );
            if seen != Some(key) {
                seen = Some(key);
                if std::fs::read_to_string(path).is_ok_and(|text| text.contains(needle)) {
                    return Some(Instant::now());
                }
            }
        }
        thread::sleep(Duration::from_micros(500));
    }
    None
}

/// Median and 95th percentile (nearest rank).
pub(crate) fn median_p95(samples: &[Duration]) -> (Duration, Duration) {
    let mut sorted = samples.to_vec();
    sorted.sort();
    let rank = |p: f64| {
        if sorted.is_empty() {
            return Duration::ZERO;
        }
        let r = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
        sorted[r.clamp(1, sorted.len()) - 1]
    };
    (rank(50.0), rank(95.0))
}
