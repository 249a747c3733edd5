//! WebSub (W3C Recommendation) publisher pings: after a publish that changed feeds, tell
//! the configured hub which ones, so subscribers get them in seconds instead of at their
//! next poll. Runs in a background thread: publishing never waits on the hub, and a hub
//! that is down only costs a warning (readers still poll).

use crate::config::Config;
use crate::i18n::{Lang, Message};
use std::path::{Component, Path, PathBuf};
use std::thread::JoinHandle;
use std::time::Duration;

/// Per request: a hub that hangs must not hold the thread for long.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// Tries per feed, with a doubling pause between them (0.5 s, 1 s, …).
pub const ATTEMPTS: u32 = 3;
const FIRST_PAUSE: Duration = Duration::from_millis(500);

/// The public URLs of the subscription documents among `written` (current Atom, RSS and
/// JSON feeds: archives never change and nobody subscribes to them), in `written`'s order.
pub fn changed_feeds(written: &[PathBuf], config: &Config) -> Vec<String> {
    written
        .iter()
        .filter(|path| is_feed(path))
        .filter_map(|path| {
            let parts: Option<Vec<&str>> = path
                .components()
                .map(|c| match c {
                    Component::Normal(part) => part.to_str(),
                    _ => None,
                })
                .collect();
            Some(format!("{}/{}", config.feeds_url, parts?.join("/")))
        })
        .collect()
}

fn is_feed(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    matches!(name, "atom.xml" | "rss.xml" | "feed.json")
        && !path.components().any(|c| c.as_os_str() == "archive")
}

/// Announces the feeds changed by a publish to `config.websub_hub`, if any, in a new
/// thread; `warn` receives one message per feed the hub could not be told about (the
/// caller shows it in the user's language, after its word for "warning"). The caller
/// may join the handle (a one-shot `build` before it exits) or drop it (the watcher).
pub fn announce(
    config: &Config,
    written: &[PathBuf],
    warn: impl Fn(Message) + Send + 'static,
) -> Option<JoinHandle<()>> {
    let hub = config.websub_hub.clone()?;
    let topics = changed_feeds(written, config);
    if topics.is_empty() {
        return None;
    }
    std::thread::Builder::new()
        .name("websub".into())
        .spawn(move || {
            for (done, topic) in topics.iter().enumerate() {
                match ping_with_retries(&hub, topic) {
                    Ok(()) => {}
                    Err(Failure::Final(why)) => warn(
                        Message::new("websub-not-told")
                            .arg("hub", &hub)
                            .arg("topic", topic)
                            .nested("why", why.message()),
                    ),
                    // Down or unreachable: the next feeds would only wait as long again.
                    Err(Failure::Retry(why)) => {
                        warn(
                            Message::new("websub-unreachable")
                                .arg("hub", &hub)
                                .nested("why", why.message())
                                .count("count", topics.len() - done)
                                .arg("topic", topic),
                        );
                        return;
                    }
                }
            }
        })
        .ok()
}

/// A hub warning as printed: `warning: …` in `lang` (the callers print from the ping thread,
/// long after the build's own lines).
pub fn warning_line(lang: Lang, message: &Message) -> String {
    format!(
        "{}: {}",
        lang.tr(&Message::new("cli-warning")),
        lang.tr(message)
    )
}

fn ping_with_retries(hub: &str, topic: &str) -> Result<(), Failure> {
    let mut pause = FIRST_PAUSE;
    let mut attempt = 1;
    loop {
        match ping(hub, topic) {
            Err(Failure::Retry(why)) if attempt >= ATTEMPTS => {
                return Err(Failure::Retry(Why::Attempts(Box::new(why), ATTEMPTS)));
            }
            Err(Failure::Retry(_)) => {
                std::thread::sleep(pause);
                pause *= 2;
                attempt += 1;
            }
            done => return done,
        }
    }
}

/// Why a ping failed: worth trying again (network, 5xx, 429) or not (other 4xx).
#[cfg_attr(not(feature = "websub"), allow(dead_code))]
enum Failure {
    Retry(Why),
    Final(Why),
}

/// What went wrong with a ping, said in the user's language.
#[cfg_attr(not(feature = "websub"), allow(dead_code))]
enum Why {
    /// The hub's HTTP status.
    Status(u16),
    /// Nobody listens at the hub's address.
    Refused,
    TimedOut,
    /// The hub's host name does not resolve.
    HostNotFound,
    /// No answer for another reason; the HTTP client's own words.
    Network(String),
    /// The last failure, after this many tries.
    Attempts(Box<Why>, u32),
    #[cfg_attr(feature = "websub", allow(dead_code))]
    NotBuilt,
}

impl Why {
    fn message(&self) -> Message {
        match self {
            Why::Status(status) => Message::new("websub-status").arg("status", status),
            Why::Refused => Message::new("websub-refused"),
            Why::TimedOut => Message::new("websub-timed-out"),
            Why::HostNotFound => Message::new("websub-host-not-found"),
            Why::Network(detail) => Message::raw(detail.clone()),
            Why::Attempts(why, attempts) => Message::new("websub-attempts")
                .nested("why", why.message())
                .count("attempts", *attempts),
            Why::NotBuilt => Message::new("websub-not-built"),
        }
    }
}

#[cfg(feature = "websub")]
impl Why {
    /// The common network failures in words; the rest as the client says them.
    fn of(error: ureq::Error) -> Why {
        match error {
            ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => Why::Refused,
            ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => Why::TimedOut,
            ureq::Error::Timeout(_) => Why::TimedOut,
            ureq::Error::HostNotFound => Why::HostNotFound,
            other => Why::Network(other.to_string()),
        }
    }
}

/// One `hub.mode=publish` POST, form-encoded.
#[cfg(feature = "websub")]
fn ping(hub: &str, topic: &str) -> Result<(), Failure> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .build()
        .into();
    let response = agent
        .post(hub)
        .send_form([("hub.mode", "publish"), ("hub.url", topic)])
        .map_err(|e| Failure::Retry(Why::of(e)))?;
    let status = response.status().as_u16();
    match status {
        200..=299 => Ok(()),
        429 | 500..=599 => Err(Failure::Retry(Why::Status(status))),
        _ => Err(Failure::Final(Why::Status(status))),
    }
}

#[cfg(not(feature = "websub"))]
fn ping(_hub: &str, _topic: &str) -> Result<(), Failure> {
    Err(Failure::Final(Why::NotBuilt))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_current_feeds_are_topics() {
        let c = Config::default();
        let written: Vec<PathBuf> = [
            "pdf/a.pdf",
            "atom.xml",
            "communiques/feed.json",
            "tags/ia/rss.xml",
            "archive/3/atom.xml",
            "tags/ia/archive/1/feed.json",
            "agenda/agenda.ics",
            "index.html",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        assert_eq!(
            changed_feeds(&written, &c),
            [
                "https://www.numerique.gouv.fr/feeds/atom.xml",
                "https://www.numerique.gouv.fr/feeds/communiques/feed.json",
                "https://www.numerique.gouv.fr/feeds/tags/ia/rss.xml",
            ]
        );
    }
}
