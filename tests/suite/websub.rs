//! WebSub: a small hub on 127.0.0.1 (a std TcpListener) records what communique POSTs after
//! a `build` and after a `watch` save, and the feeds name the hub.

use crate::support::cli;
use crate::support::clock::{NOW, now};
use crate::support::files::files_below;
use crate::support::site::{self, FEEDS_URL};
use communique::watch::{self, Clock, WatchEvent};
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use std::{fs, thread};

/// One request as the hub saw it.
#[derive(Debug, Clone)]
struct Received {
    request_line: String,
    content_type: String,
    form: Vec<(String, String)>,
}

impl Received {
    fn topic(&self) -> String {
        assert_eq!(self.request_line, "POST /hub HTTP/1.1");
        assert_eq!(self.content_type, "application/x-www-form-urlencoded");
        let keys: Vec<&str> = self.form.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["hub.mode", "hub.url"], "{self:?}");
        assert_eq!(self.form[0].1, "publish");
        self.form[1].1.clone()
    }
}

/// A hub answering each request with the next scripted status (then 204 No Content).
struct Hub {
    url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl Hub {
    fn start(script: Vec<u16>) -> Hub {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/hub", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&received);
        thread::spawn(move || {
            let mut script = script.into_iter();
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let Some(request) = read_request(&mut stream) else {
                    continue;
                };
                seen.lock().unwrap().push(request);
                let status = script.next().unwrap_or(204);
                let reply = format!(
                    "HTTP/1.1 {status} Scripted\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                );
                let _ = stream.write_all(reply.as_bytes());
            }
        });
        Hub { url, received }
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    fn topics(&self) -> Vec<String> {
        self.received().iter().map(Received::topic).collect()
    }

    /// Waits (up to a minute) until `done` holds for what the hub received.
    fn wait_for(&self, what: &str, done: impl Fn(&[Received]) -> bool) {
        let started = Instant::now();
        while !done(&self.received()) {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "hub never saw {what}: {:#?}",
                self.received()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }
}

fn read_request(stream: &mut std::net::TcpStream) -> Option<Received> {
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let (mut length, mut content_type) = (0, String::new());
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().ok()?,
            "content-type" => content_type = value.trim().to_string(),
            _ => {}
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Received {
        request_line: request_line.trim_end().to_string(),
        content_type,
        form: url::form_urlencoded::parse(&body).into_owned().collect(),
    })
}

fn communique(title: &str, date: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: {date}\ncategories: [Communiqué de presse]\ntags: [Cloud]\n\
         chapeau-text: \"La DINUM annonce : {title}.\"\n---\n\nParis, le 2 février 2024\n\nTexte.\n"
    )
}

fn setup(root: &Path, hub: &str) -> (PathBuf, PathBuf, PathBuf) {
    let releases = root.join("releases");
    fs::create_dir_all(releases.join("communiques")).unwrap();
    fs::write(
        releases.join("communiques/cloud.md"),
        communique("Le cloud de l'État", "2024-02-02 09:00:00 +01:00"),
    )
    .unwrap();
    let config = root.join("communique.toml");
    fs::write(&config, format!("websub-hub = \"{hub}\"\n")).unwrap();
    (releases, root.join("feeds"), config)
}

fn build(releases: &Path, out: &Path, config: &Path) -> std::process::Output {
    build_in(releases, out, config, "C.UTF-8")
}

/// A build under the locale `lang` (the warnings' language).
fn build_in(releases: &Path, out: &Path, config: &Path, lang: &str) -> std::process::Output {
    let output = cli::communique()
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .arg("build")
        .args(["--releases".as_ref(), releases.as_os_str()])
        .args(["--out".as_ref(), out.as_os_str()])
        .args(["--config".as_ref(), config.as_os_str()])
        .args(["--now", NOW])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    output
}

/// The current feeds of an output directory, as public URLs.
fn current_feed_urls(out: &Path) -> BTreeSet<String> {
    files_below(out)
        .into_iter()
        .map(|p| p.to_str().unwrap().to_string())
        .filter(|p| p.ends_with("atom.xml") || p.ends_with("rss.xml") || p.ends_with("feed.json"))
        .filter(|p| !p.contains("archive/"))
        .map(|p| format!("{FEEDS_URL}{p}"))
        .collect()
}

#[test]
fn a_build_announces_each_changed_feed_once_and_an_unchanged_one_never() {
    let hub = Hub::start(vec![]);
    let dir = tempfile::tempdir().unwrap();
    let (releases, out, config) = setup(dir.path(), &hub.url);
    build(&releases, &out, &config);
    let first: Vec<String> = hub.topics();
    let all = current_feed_urls(&out);
    assert!(all.len() >= 15, "{all:?}");
    assert_eq!(first.iter().cloned().collect::<BTreeSet<_>>(), all);
    assert_eq!(first.len(), all.len(), "a feed announced twice: {first:?}");

    // The feeds name the hub and themselves.
    let atom = fs::read_to_string(out.join("atom.xml")).unwrap();
    assert!(atom.contains(&format!("<link href=\"{}\" rel=\"hub\"/>", hub.url)));
    assert!(atom.contains(&format!("<link href=\"{FEEDS_URL}atom.xml\" rel=\"self\"")));
    let rss = fs::read_to_string(out.join("communiques/rss.xml")).unwrap();
    assert!(
        rss.contains(&format!("href=\"{}\" rel=\"hub\"", hub.url)),
        "{rss}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("feed.json")).unwrap()).unwrap();
    assert_eq!(json["hubs"][0]["url"], hub.url.as_str());
    assert_eq!(json["hubs"][0]["type"], "WebSub");

    // Nothing changed: nothing to announce.
    build(&releases, &out, &config);
    assert_eq!(hub.received().len(), first.len());

    // A new communiqué: the feeds that show it, not the agenda or the press review.
    fs::write(
        releases.join("communiques/suite.md"),
        communique("La suite", "2024-03-02 09:00:00 +01:00"),
    )
    .unwrap();
    build(&releases, &out, &config);
    let then: BTreeSet<String> = hub.topics()[first.len()..].iter().cloned().collect();
    let expected: BTreeSet<String> = [
        "atom.xml",
        "rss.xml",
        "feed.json",
        "communiques/atom.xml",
        "communiques/rss.xml",
        "communiques/feed.json",
        "tags/cloud/atom.xml",
        "tags/cloud/rss.xml",
        "tags/cloud/feed.json",
        "tags/communique-de-presse/atom.xml",
        "tags/communique-de-presse/rss.xml",
        "tags/communique-de-presse/feed.json",
    ]
    .iter()
    .map(|p| format!("{FEEDS_URL}{p}"))
    .collect();
    assert_eq!(then, expected);
}

#[test]
fn a_failing_hub_is_retried_and_an_absent_one_only_warns() {
    // Two 503s, then the hub works: the first feed is sent three times, none is lost.
    let hub = Hub::start(vec![503, 503]);
    let dir = tempfile::tempdir().unwrap();
    let (releases, out, config) = setup(dir.path(), &hub.url);
    let output = build(&releases, &out, &config);
    let topics = hub.topics();
    assert_eq!(topics[0], topics[1]);
    assert_eq!(topics[1], topics[2]);
    assert_eq!(topics.len(), current_feed_urls(&out).len() + 2);
    assert!(!String::from_utf8_lossy(&output.stderr).contains("WebSub"));

    // No hub at all (a port nobody listens on): the build publishes and says so, once.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hub", closed.local_addr().unwrap());
    drop(closed);
    let dir = tempfile::tempdir().unwrap();
    let (releases, out, config) = setup(dir.path(), &url);
    let output = build(&releases, &out, &config);
    assert!(out.join("atom.xml").is_file());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("WebSub")).collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(
        warnings[0].contains(&url) && warnings[0].contains("not announced"),
        "{stderr}"
    );
}

#[test]
fn a_watch_save_announces_the_feeds_it_changed() {
    let hub = Hub::start(vec![]);
    let dir = tempfile::tempdir().unwrap();
    let (releases, out, config) = setup(dir.path(), &hub.url);
    let mut options = watch::Options::new(
        Some(config),
        site::paths(&releases, &out),
        Clock::starting_at(now()),
    );
    options.debounce = Duration::from_millis(15);
    let stop = Arc::new(AtomicBool::new(false));
    let ready = Arc::new(AtomicBool::new(false));
    let watcher = {
        let (stop, ready) = (Arc::clone(&stop), Arc::clone(&ready));
        thread::spawn(move || {
            watch::run(options, &stop, |event| {
                if matches!(event, WatchEvent::Ready) {
                    ready.store(true, std::sync::atomic::Ordering::SeqCst);
                }
            })
        })
    };
    let agenda = format!("{FEEDS_URL}agenda/atom.xml");
    hub.wait_for("the first build's feeds", |r| {
        r.iter().any(|r| r.topic() == agenda)
    });
    let started = Instant::now();
    while !ready.load(std::sync::atomic::Ordering::SeqCst) {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "watcher never ready"
        );
        thread::sleep(Duration::from_millis(10));
    }
    let before = hub.received().len();
    fs::write(
        releases.join("communiques/cloud.md"),
        communique(
            "Le cloud de l'État, deuxième version",
            "2024-02-02 09:00:00 +01:00",
        ),
    )
    .unwrap();
    let wanted = format!("{FEEDS_URL}communiques/feed.json");
    hub.wait_for("the save's feeds", |r| {
        r[before..].iter().any(|r| r.topic() == wanted)
    });
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    watcher.join().unwrap().unwrap();
    let after: Vec<String> = hub.topics()[before..].to_vec();
    assert!(
        !after.contains(&agenda),
        "the agenda did not change: {after:?}"
    );
}

#[test]
fn an_absent_hub_is_reported_in_french_under_a_french_locale() {
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/pings", closed.local_addr().unwrap());
    drop(closed);
    let dir = tempfile::tempdir().unwrap();
    let (releases, out, config) = setup(dir.path(), &url);
    let output = build_in(&releases, &out, &config, "fr_FR.UTF-8");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains(&url)).collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    let line = warnings[0];
    assert!(
        line.starts_with(&format!(
            "avertissement: le hub WebSub {url} est injoignable ("
        )) && line.contains("(connexion refusée, après 3 essais)")
            && line.contains("flux modifiés n'ont pas été annoncés, à commencer par https://")
            && !line.contains("not announced"),
        "{stderr}"
    );
}
