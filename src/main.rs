//! Command-line front end: parses options, calls the library, prints for people in their
//! language (French when the locale is French, English otherwise).

mod failure;
mod help;
mod words;

use chrono::{DateTime, FixedOffset, Utc};
use clap::{Args, FromArgMatches, Parser, Subcommand, ValueEnum};
use communique::i18n::{Lang, Message};
use communique::pipeline::{self, Paths, Site};
use communique::source::dates::in_zone;
use communique::{Config, Diagnostic, feeds};
use failure::Failure;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;
use words::{rebuild_line, status_word, summary_line, when};

/// The language of this run, chosen once from the locale.
fn lang() -> Lang {
    static LANG: OnceLock<Lang> = OnceLock::new();
    *LANG.get_or_init(Lang::from_env)
}

/// A catalogue message in this run's language.
fn t(message: Message) -> String {
    lang().tr(&message)
}

#[derive(Parser)]
#[command(
    version,
    about = "DINUM press office: Markdown releases → Atom/RSS feeds and PDF communiqués"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read releases/ and write feeds/ (only files whose bytes change are rewritten).
    Build {
        #[command(flatten)]
        options: Options,
        /// Publish even if this withdraws more than half of what is online.
        #[arg(long)]
        allow_withdraw: bool,
    },
    /// Read and report problems; write nothing. Exit status 1 if any error.
    Check(Options),
    /// Show every entry that would be published now.
    List {
        #[command(flatten)]
        options: Options,
        /// One JSON object per entry, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Start a release from a template (draft), in the right folder; prints its path.
    New {
        /// What to start: communique, evenement or revue.
        kind: NewKind,
        /// Its title.
        title: String,
        /// Directory of Markdown releases.
        #[arg(long, default_value = "releases")]
        releases: PathBuf,
        /// Settings file (default: communique.toml if present).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Build, then rebuild what changes in releases/ until interrupted.
    Watch {
        #[command(flatten)]
        options: Options,
        /// Publish even if this withdraws more than half of what is online.
        #[arg(long)]
        allow_withdraw: bool,
        /// Quiet time after the last file event before rebuilding (milliseconds).
        #[arg(long, default_value_t = 15)]
        debounce_ms: u64,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum NewKind {
    #[value(alias = "communiqué")]
    Communique,
    #[value(alias = "événement", alias = "event")]
    Evenement,
    #[value(alias = "revue-de-presse", alias = "presse")]
    Revue,
}

#[derive(Args, Clone)]
struct Options {
    /// Directory of Markdown releases.
    #[arg(long, default_value = "releases")]
    releases: PathBuf,
    /// Output directory for feeds and PDFs.
    #[arg(long, default_value = "feeds")]
    out: PathBuf,
    /// Settings file (default: communique.toml if present).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Where communique keeps what it remembers between runs (default: .communique/<out name>
    /// beside the output directory).
    #[arg(long)]
    state: Option<PathBuf>,
    /// The instant to publish at, for embargoes (`2026-12-01 08:00`, RFC 3339); default: now.
    #[arg(long, value_parser = parse_now)]
    now: Option<DateTime<FixedOffset>>,
}

/// `--now` takes what release files take: RFC 3339, `2026-12-01 08:00`, `2026-12-01`.
fn parse_now(text: &str) -> Result<DateTime<FixedOffset>, String> {
    communique::source::dates::parse_instant(text, chrono_tz::Europe::Paris)
        .ok_or_else(|| t(Message::new("cli-bad-now").arg("value", text)))
}

impl Options {
    fn config_path(&self) -> Option<PathBuf> {
        settings_path(self.config.clone())
    }

    fn load(&self) -> Result<(Config, Paths), Failure> {
        let mut config = Config::load(self.config_path().as_deref())?;
        if let Some(state) = &self.state {
            config.state_dir = Some(state.clone());
        }
        let paths = Paths {
            releases: self.releases.clone(),
            out: self.out.clone(),
        };
        Ok((config, paths))
    }

    fn now(&self, config: &Config) -> DateTime<FixedOffset> {
        self.now
            .unwrap_or_else(|| in_zone(Utc::now().fixed_offset(), config.time_zone))
    }
}

/// `--config`, or `communique.toml` when there is one in the current folder.
fn settings_path(given: Option<PathBuf>) -> Option<PathBuf> {
    given.or_else(|| {
        let default = Path::new("communique.toml");
        default.is_file().then(|| default.to_path_buf())
    })
}

fn main() -> ExitCode {
    // The build summary's time is the whole command's, from here.
    let started = std::time::Instant::now();
    let matches = help::localized(lang()).get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => err.exit(),
    };
    let result = match cli.command {
        Command::Build {
            options,
            allow_withdraw,
        } => {
            communique::allocator::keep_freed_memory();
            build(&options, allow_withdraw, started)
        }
        Command::Check(options) => {
            communique::allocator::keep_freed_memory();
            check(&options)
        }
        Command::List { options, json } => list(&options, json),
        Command::New {
            kind,
            title,
            releases,
            config,
        } => new(kind, &title, &releases, config),
        Command::Watch {
            options,
            allow_withdraw,
            debounce_ms,
        } => watch(&options, allow_withdraw, debounce_ms),
    };
    match result {
        Ok(code) => code,
        // `communique list | head -1`: the reader left, which is no error.
        Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{}", failure.render(lang()));
            ExitCode::FAILURE
        }
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic], releases: &Path) -> ExitCode {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    for diagnostic in sorted {
        print_diagnostic(diagnostic, releases);
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    if !diagnostics.is_empty() {
        eprintln!(
            "{}",
            t(Message::new("cli-problem-count")
                .count("errors", errors)
                .count("warnings", warnings))
        );
    }
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// One diagnostic, its file named from the current folder.
fn print_diagnostic(diagnostic: &Diagnostic, releases: &Path) {
    let mut located = diagnostic.clone();
    located.file = releases.join(&diagnostic.file);
    eprintln!("{}", located.render(lang()));
}

/// Prints a line to stdout; a closed pipe ends the command quietly instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        writeln!(out, $($arg)*).map_err(failure::output)?;
    }};
}

fn tell_lock_wait(out: &Path, pid: Option<u32>) {
    let message = Message::new("cli-lock-wait").arg("out", out.display());
    let message = match pid {
        Some(pid) => message.arg("pid", pid),
        None => message.arg("pid", "?"),
    };
    eprintln!("{}", t(message));
}

fn build(
    options: &Options,
    allow_withdraw: bool,
    started: std::time::Instant,
) -> Result<ExitCode, Failure> {
    let (config, paths) = options.load()?;
    let now = options.now(&config);
    let releases = paths.releases.clone();
    let hub_config = config.clone();
    // Nothing changed since the last clean build: a stat per file, no release read.
    let (summary, report) = match pipeline::unchanged(&config, &paths, now) {
        Some(settled) => settled,
        None => {
            let mut site = Site::new(config, paths)?;
            site.publish_once();
            site.allow_withdraw(allow_withdraw);
            site.on_lock_wait(tell_lock_wait);
            site.rescan()?;
            let summary = site.summary(now);
            let report = match site.publish(now) {
                Ok(report) => report,
                Err(err) => {
                    print_diagnostics(&site.diagnostics(), &releases);
                    return Err(err.into());
                }
            };
            site.settle(&report, &summary, now);
            exit_without_dropping(site);
            (summary, report)
        }
    };
    // Files are published; the process only waits for the hub before it exits.
    let pings = communique::websub::announce(&hub_config, &report.written, |w| {
        eprintln!("{}", communique::websub::warning_line(lang(), &w))
    });
    let code = print_diagnostics(&report.diagnostics, &releases);
    say!(
        "{}",
        t(Message::new("cli-build-summary")
            .arg("summary", summary_line(&summary))
            .count("pdfs", report.pdfs_rendered)
            .count("written", report.written.len())
            .count("removed", report.removed.len())
            .count("ms", started.elapsed().as_millis() as i64))
    );
    if let Some(pings) = pings {
        let _ = pings.join();
    }
    Ok(code)
}

fn new(
    kind: NewKind,
    title: &str,
    releases: &Path,
    config: Option<PathBuf>,
) -> Result<ExitCode, Failure> {
    let config = Config::load(settings_path(config).as_deref())?;
    let kind = match kind {
        NewKind::Communique => communique::Kind::Communique,
        NewKind::Evenement => communique::Kind::Event,
        NewKind::Revue => communique::Kind::PressReview,
    };
    let now = in_zone(Utc::now().fixed_offset(), config.time_zone);
    let made = communique::scaffold::scaffold(kind, title, now, &config).ok_or_else(|| {
        Failure::BadTitle {
            title: title.to_string(),
        }
    })?;
    let path = releases.join(&made.path);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| Failure::Write {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    // Never overwrite: a release with that name may already be online.
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut file| std::io::Write::write_all(&mut file, made.text.as_bytes()))
        .map_err(|source| match source.kind() {
            std::io::ErrorKind::AlreadyExists => Failure::Exists { path: path.clone() },
            _ => Failure::Write {
                path: path.clone(),
                source,
            },
        })?;
    say!("{}", path.display());
    eprintln!("{}", t(Message::new("cli-new-done")));
    Ok(ExitCode::SUCCESS)
}

fn loaded_site(options: &Options) -> Result<(Site, DateTime<FixedOffset>), Failure> {
    let (config, paths) = options.load()?;
    let now = options.now(&config);
    let mut site = Site::new(config, paths)?;
    site.publish_once();
    site.rescan()?;
    Ok((site, now))
}

/// Leaves `site` to the process's exit, which frees its memory at once: dropping thousands
/// of sources and entries one by one cost `check` of 10,000 releases 30 ms on one thread.
fn exit_without_dropping(site: Site) {
    std::mem::forget(site);
}

fn check(options: &Options) -> Result<ExitCode, Failure> {
    let (site, now) = loaded_site(options)?;
    let (diagnostics, summary) = site.check(now);
    let code = print_diagnostics(&diagnostics, &site.paths().releases);
    say!("{}", summary_line(&summary));
    exit_without_dropping(site);
    Ok(code)
}

fn list(options: &Options, json: bool) -> Result<ExitCode, Failure> {
    let (site, now) = loaded_site(options)?;
    let (_, diagnostics) = site.catalog(now);
    let config = site.config();
    let releases = &site.paths().releases;
    for listed in site.statuses(now) {
        let source = match &listed.entry {
            Some(entry) => format!(
                "{}:{}",
                releases.join(&entry.origin.file).display(),
                entry.origin.line
            ),
            None => releases.join(&listed.file).display().to_string(),
        };
        let at = listed.at.map(|at| at.to_rfc3339());
        let Some(entry) = &listed.entry else {
            if json {
                let line = serde_json::json!({
                    "status": listed.status.as_str(),
                    "source": source,
                });
                say!("{line}");
            } else {
                say!("{:<12}  {source}", status_word(listed.status));
            }
            continue;
        };
        let outlet = entry.article.as_ref().map(|a| a.outlet.as_str());
        if json {
            let line = serde_json::json!({
                "status": listed.status.as_str(),
                "at": at,
                "kind": entry.kind.slug(),
                "id": feeds::entry_id(entry, config),
                "date": entry.date.at.to_rfc3339(),
                "title": entry.title,
                "link": feeds::entry_link(entry, config),
                "outlet": outlet,
                "source": source,
            });
            say!("{line}");
        } else {
            let until = listed
                .at
                .map(|at| format!(" — {}", t(Message::new("cli-until").arg("at", when(at)))))
                .unwrap_or_default();
            say!(
                "{:<12}  {}  {:<15}  {}{}{until}\n    {}\n    {}  ({})",
                status_word(listed.status),
                entry.date.at.format("%Y-%m-%d"),
                entry.kind.slug(),
                entry.title,
                outlet.map(|o| format!(" — {o}")).unwrap_or_default(),
                feeds::entry_link(entry, config),
                feeds::entry_id(entry, config),
                source
            );
        }
    }
    Ok(print_diagnostics(&diagnostics, releases))
}

fn watch(options: &Options, allow_withdraw: bool, debounce_ms: u64) -> Result<ExitCode, Failure> {
    use communique::watch::{self, Clock, WatchEvent};
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;

    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        // The first signal lets the write in progress finish; a second one exits at once.
        signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&stop))
            .and_then(|_| signal_hook::flag::register(signal, Arc::clone(&stop)))
            .map_err(Failure::Signals)?;
    }
    let clock = options.now.map_or(Clock::System, Clock::starting_at);
    let mut watch_options = watch::Options::new(
        options.config_path(),
        Paths {
            releases: options.releases.clone(),
            out: options.out.clone(),
        },
        clock,
    );
    watch_options.debounce = std::time::Duration::from_millis(debounce_ms.max(1));
    watch_options.allow_withdraw = allow_withdraw;
    watch_options.state_dir = options.state.clone();
    let releases = options.releases.clone();
    watch::run(watch_options, &stop, |event| match event {
        WatchEvent::Ready => eprintln!(
            "{}",
            t(Message::new("cli-watching").arg("path", releases.display()))
        ),
        WatchEvent::Rebuilt(rebuild) => println!("{}", rebuild_line(rebuild)),
        WatchEvent::Diagnostics { diagnostics, .. } => {
            for diagnostic in diagnostics {
                print_diagnostic(diagnostic, &releases);
            }
        }
        WatchEvent::Resolved { file } => eprintln!(
            "{}",
            t(Message::new("cli-resolved").arg("path", releases.join(file).display()))
        ),
        WatchEvent::Problem(message) => {
            eprintln!("{}: {}", t(Message::new("cli-warning")), t(message.clone()))
        }
    })?;
    Ok(ExitCode::SUCCESS)
}
