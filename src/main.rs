//! Command-line front end: parses options, calls the library, prints diagnostics for people.

use chrono::{DateTime, FixedOffset, Utc};
use clap::{Args, Parser, Subcommand};
use communique::pipeline::{self, Paths, Site};
use communique::source::dates::in_zone;
use communique::{Config, Diagnostic, feeds};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    version,
    about = "DINUM press office: Markdown releases → Atom/RSS feeds and PDF communiqués"
)]
struct Cli {
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
    communique::source::dates::parse_date(text, chrono_tz::Europe::Paris)
        .map(|date| date.at)
        .ok_or_else(|| {
            format!("`{text}` is not a date; write e.g. `2026-12-01 08:00` (Paris time)")
        })
}

impl Options {
    fn config_path(&self) -> Option<PathBuf> {
        self.config.clone().or_else(|| {
            let default = Path::new("communique.toml");
            default.is_file().then(|| default.to_path_buf())
        })
    }

    fn load(&self) -> Result<(Config, Paths), String> {
        let mut config = Config::load(self.config_path().as_deref()).map_err(|e| e.to_string())?;
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            options,
            allow_withdraw,
        } => build(&options, allow_withdraw),
        Command::Check(options) => check(&options),
        Command::List { options, json } => list(&options, json),
        Command::Watch {
            options,
            allow_withdraw,
            debounce_ms,
        } => watch(&options, allow_withdraw, debounce_ms),
    };
    match result {
        Ok(code) => code,
        // `communique list | head -1`: the reader left, which is no error.
        Err(message) if message == BROKEN_PIPE => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic], releases: &Path) -> ExitCode {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    for diagnostic in &sorted {
        let mut located = (*diagnostic).clone();
        located.file = releases.join(&diagnostic.file);
        eprintln!("{located}");
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    if !diagnostics.is_empty() {
        eprintln!("{errors} error(s), {warnings} warning(s)");
    }
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Why printing stopped: the reader closed the pipe.
const BROKEN_PIPE: &str = "broken pipe";

/// Prints a line to stdout; a closed pipe ends the command quietly instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        writeln!(out, $($arg)*).map_err(|e| {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                BROKEN_PIPE.to_string()
            } else {
                e.to_string()
            }
        })?;
    }};
}

fn tell_lock_wait(out: &Path, pid: Option<u32>) {
    match pid {
        Some(pid) => eprintln!(
            "waiting: another communique (process {pid}) is writing to {}",
            out.display()
        ),
        None => eprintln!(
            "waiting: another communique is writing to {}",
            out.display()
        ),
    }
}

fn build(options: &Options, allow_withdraw: bool) -> Result<ExitCode, String> {
    let (config, paths) = options.load()?;
    let now = options.now(&config);
    let releases = paths.releases.clone();
    let started = std::time::Instant::now();
    let mut site = Site::new(config, paths).map_err(|e| e.to_string())?;
    site.allow_withdraw(allow_withdraw);
    site.on_lock_wait(tell_lock_wait);
    site.rescan().map_err(|e| e.to_string())?;
    let summary = site.summary(now);
    let report = match site.publish(now) {
        Ok(report) => report,
        Err(err @ pipeline::PipelineError::WouldWithdraw { .. })
        | Err(err @ pipeline::PipelineError::NoReleases { .. }) => {
            print_diagnostics(&site.diagnostics(), &releases);
            return Err(format!(
                "{err}\n  help: check --releases; to withdraw them on purpose, run again with --allow-withdraw"
            ));
        }
        Err(err) => return Err(err.to_string()),
    };
    let code = print_diagnostics(&report.diagnostics, &releases);
    say!(
        "{}; {} PDF(s) rendered; {} file(s) written, {} removed; {} ms",
        summary_line(&summary),
        report.pdfs_rendered,
        report.written.len(),
        report.removed.len(),
        started.elapsed().as_millis()
    );
    Ok(code)
}

/// "68 published, 2 scheduled (next: 2026-03-12 08:00), 1 draft, 1 error".
fn summary_line(summary: &pipeline::Summary) -> String {
    let mut parts = vec![format!("{} published", summary.published)];
    if summary.scheduled > 0 {
        let next = summary
            .next
            .map(|at| format!(" (next: {})", at.format("%Y-%m-%d %H:%M")))
            .unwrap_or_default();
        parts.push(format!("{} scheduled{next}", summary.scheduled));
    }
    for (count, one, many) in [
        (summary.drafts, "draft", "drafts"),
        (summary.unpublished, "unpublished", "unpublished"),
        (summary.errors, "error", "errors"),
    ] {
        if count > 0 {
            parts.push(format!("{count} {}", if count == 1 { one } else { many }));
        }
    }
    parts.join(", ")
}

fn loaded_site(options: &Options) -> Result<(Site, DateTime<FixedOffset>), String> {
    let (config, paths) = options.load()?;
    let now = options.now(&config);
    let mut site = Site::new(config, paths).map_err(|e| e.to_string())?;
    site.rescan().map_err(|e| e.to_string())?;
    Ok((site, now))
}

fn check(options: &Options) -> Result<ExitCode, String> {
    let (site, now) = loaded_site(options)?;
    let (_, diagnostics) = site.catalog(now);
    let code = print_diagnostics(&diagnostics, &site.paths().releases);
    say!("{}", summary_line(&site.summary(now)));
    Ok(code)
}

fn list(options: &Options, json: bool) -> Result<ExitCode, String> {
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
                say!("{:<11}  {source}", listed.status.as_str());
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
            let when = listed
                .at
                .map(|at| format!(" until {}", at.format("%Y-%m-%d %H:%M")))
                .unwrap_or_default();
            say!(
                "{:<11}  {}  {:<15}  {}{}{when}\n    {}\n    {}  ({})",
                listed.status.as_str(),
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

fn watch(options: &Options, allow_withdraw: bool, debounce_ms: u64) -> Result<ExitCode, String> {
    use communique::watch::{self, Clock, WatchEvent};
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;

    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        // The first signal lets the write in progress finish; a second one exits at once.
        signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&stop))
            .and_then(|_| signal_hook::flag::register(signal, Arc::clone(&stop)))
            .map_err(|e| format!("cannot handle signals: {e}"))?;
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
        WatchEvent::Ready => eprintln!("watching {} (Ctrl-C to stop)", releases.display()),
        WatchEvent::Rebuilt(rebuild) => println!("{rebuild}"),
        WatchEvent::Diagnostics { diagnostics, .. } => {
            for diagnostic in diagnostics {
                let mut located = diagnostic.clone();
                located.file = releases.join(&diagnostic.file);
                eprintln!("{located}");
            }
        }
        WatchEvent::Resolved { file } => {
            eprintln!("{}: no more problems", releases.join(file).display())
        }
        WatchEvent::Problem(message) => eprintln!("warning: {message}"),
    })
    .map_err(|e| e.to_string())?;
    Ok(ExitCode::SUCCESS)
}
