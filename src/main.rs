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
    Build(Options),
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
    /// The instant to publish at (RFC 3339), for embargoes; default: now.
    #[arg(long, value_parser = parse_now)]
    now: Option<DateTime<FixedOffset>>,
}

fn parse_now(text: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(text)
        .map_err(|e| format!("{e}; write e.g. 2024-03-01T08:00:00+01:00"))
}

impl Options {
    fn config_path(&self) -> Option<PathBuf> {
        self.config.clone().or_else(|| {
            let default = Path::new("communique.toml");
            default.is_file().then(|| default.to_path_buf())
        })
    }

    fn load(&self) -> Result<(Config, Paths), String> {
        let config = Config::load(self.config_path().as_deref()).map_err(|e| e.to_string())?;
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
        Command::Build(options) => build(&options),
        Command::Check(options) => check(&options),
        Command::List { options, json } => list(&options, json),
        Command::Watch {
            options,
            debounce_ms,
        } => watch(&options, debounce_ms),
    };
    match result {
        Ok(code) => code,
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

fn build(options: &Options) -> Result<ExitCode, String> {
    let (config, paths) = options.load()?;
    let now = options.now(&config);
    let releases = paths.releases.clone();
    let hub_config = config.clone();
    let report = pipeline::build(config, paths, now).map_err(|e| e.to_string())?;
    // Files are published; the process only waits for the hub before it exits.
    let pings = communique::websub::announce(&hub_config, &report.written, |w| eprintln!("{w}"));
    let code = print_diagnostics(&report.diagnostics, &releases);
    println!(
        "published {} entries; {} PDF(s) rendered; {} file(s) written, {} removed; {} ms",
        report.entries,
        report.pdfs_rendered,
        report.written.len(),
        report.removed.len(),
        report.elapsed.as_millis()
    );
    if let Some(pings) = pings {
        let _ = pings.join();
    }
    Ok(code)
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
    let (catalog, diagnostics) = site.catalog(now);
    let code = print_diagnostics(&diagnostics, &site.paths().releases);
    println!("{} entries would be published", catalog.entries.len());
    Ok(code)
}

fn list(options: &Options, json: bool) -> Result<ExitCode, String> {
    let (site, now) = loaded_site(options)?;
    let (catalog, diagnostics) = site.catalog(now);
    let config = site.config();
    for entry in &catalog.entries {
        let source = format!(
            "{}:{}",
            site.paths().releases.join(&entry.origin.file).display(),
            entry.origin.line
        );
        let outlet = entry.article.as_ref().map(|a| a.outlet.as_str());
        if json {
            let line = serde_json::json!({
                "kind": entry.kind.slug(),
                "id": feeds::entry_id(entry, config),
                "date": entry.date.at.to_rfc3339(),
                "title": entry.title,
                "link": feeds::entry_link(entry, config),
                "outlet": outlet,
                "source": source,
            });
            println!("{line}");
        } else {
            println!(
                "{}  {:<15}  {}{}\n    {}\n    {}  ({})",
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
    Ok(print_diagnostics(&diagnostics, &site.paths().releases))
}

fn watch(options: &Options, debounce_ms: u64) -> Result<ExitCode, String> {
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
