//! WebSub (W3C Recommendation) publisher pings: after a publish that changed feeds, tell
//! the configured hub which ones, so subscribers get them in seconds instead of at their
//! next poll. Runs in a background thread: publishing never waits on the hub, and a hub
//! that is down only costs a warning (readers still poll).

use crate::config::Config;
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
/// thread; `warn` receives one line per feed the hub could not be told about. The caller
/// may join the handle (a one-shot `build` before it exits) or drop it (the watcher).
pub fn announce(
    config: &Config,
    written: &[PathBuf],
    warn: impl Fn(String) + Send + 'static,
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
                    Err(Failure::Final(why)) => warn(format!(
                        "warning: WebSub hub {hub} was not told that {topic} changed: {why}; subscribers will see it at their next poll"
                    )),
                    // Down or unreachable: the next feeds would only wait as long again.
                    Err(Failure::Retry(why)) => {
                        warn(format!(
                            "warning: WebSub hub {hub} is unreachable ({why}); {} changed feed(s) not announced, starting with {topic}; subscribers will see them at their next poll",
                            topics.len() - done
                        ));
                        return;
                    }
                }
            }
        })
        .ok()
}

fn ping_with_retries(hub: &str, topic: &str) -> Result<(), Failure> {
    let mut pause = FIRST_PAUSE;
    let mut attempt = 1;
    loop {
        match ping(hub, topic) {
            Err(Failure::Retry(why)) if attempt >= ATTEMPTS => {
                return Err(Failure::Retry(format!("{why}, {ATTEMPTS} attempts")));
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
    Retry(String),
    Final(String),
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
        .map_err(|e| Failure::Retry(e.to_string()))?;
    let status = response.status().as_u16();
    match status {
        200..=299 => Ok(()),
        429 | 500..=599 => Err(Failure::Retry(format!("the hub answered HTTP {status}"))),
        _ => Err(Failure::Final(format!("the hub answered HTTP {status}"))),
    }
}

#[cfg(not(feature = "websub"))]
fn ping(_hub: &str, _topic: &str) -> Result<(), Failure> {
    Err(Failure::Final(
        "this communique was built without the `websub` feature".into(),
    ))
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
