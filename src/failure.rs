//! Why a command stopped, and the one place that tells it: the message in the reader's
//! language, then each cause underneath that the message does not already say.

use communique::config::ConfigError;
use communique::i18n::{Lang, Message};
use communique::pipeline::PipelineError;
use communique::watch::WatchError;
use std::error::Error;
use std::io;
use std::path::PathBuf;

/// What ended a command. Problems in users' files are diagnostics, never one of these.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Failure {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Pipeline(#[from] PipelineError),
    #[error(transparent)]
    Watch(#[from] WatchError),
    /// `new`: the title gives no file name.
    #[error("`{title}` gives no file name")]
    BadTitle { title: String },
    /// `new`: a release of that name is already there (it may be online).
    #[error("{}: already exists", path.display())]
    Exists { path: PathBuf },
    /// `new`: the folder or the file could not be written.
    #[error("{}: cannot write", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("cannot handle stop signals")]
    Signals(#[source] io::Error),
    #[error("cannot write to the standard output")]
    Output(#[source] io::Error),
    /// The reader closed the pipe (`communique list | head -1`): no error, printing stops.
    #[error("broken pipe")]
    BrokenPipe,
}

impl Failure {
    /// What happened, in the reader's words where communique has them.
    fn message(&self) -> Message {
        match self {
            Failure::Config(ConfigError::Read { path, .. }) => {
                Message::new("cli-config-unreadable").arg("path", path.display())
            }
            // The line and column of a TOML error, or the key and what it accepts.
            Failure::Config(other) => Message::raw(other.to_string()),
            Failure::Pipeline(err) => err.message(),
            Failure::Watch(err) => err.message(),
            Failure::BadTitle { title } => Message::new("cli-new-bad-title").arg("title", title),
            Failure::Exists { path } => Message::new("cli-new-exists").arg("path", path.display()),
            Failure::Write { path, .. } => {
                Message::new("cli-cannot-write").arg("path", path.display())
            }
            Failure::Signals(_) => Message::new("cli-signals"),
            Failure::Output(_) | Failure::BrokenPipe => Message::new("cli-output"),
        }
    }

    /// `error: what happened` and a `caused by:` line for each cause it does not already say.
    /// Many messages carry their cause's text, and causes speak English (communique's own
    /// errors as their `Display`, the system's as it words them): a cause already in the
    /// message, in English or in the reader's language, is not repeated.
    pub(crate) fn render(&self, lang: Lang) -> String {
        let message = self.message();
        let mut said = Lang::En.tr(&message);
        let mut out = format!(
            "{}: {}",
            lang.tr(&Message::new("cli-error")),
            lang.tr(&message)
        );
        let mut cause = self.source();
        while let Some(err) = cause {
            let text = err.to_string();
            if !text.is_empty() && !said.contains(&text) && !out.contains(&text) {
                let line = Message::new("cli-cause").arg("detail", &text);
                out.push_str(&format!("\n  {}", lang.tr(&line)));
                said.push_str(&text);
            }
            cause = err.source();
        }
        out
    }
}

/// Standard output failed: a closed pipe ends the command quietly.
pub(crate) fn output(err: io::Error) -> Failure {
    match err.kind() {
        io::ErrorKind::BrokenPipe => Failure::BrokenPipe,
        _ => Failure::Output(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_cause_is_told_once_in_the_readers_language() {
        let missing = io::Error::new(io::ErrorKind::NotFound, "No such file or directory");
        let failure = Failure::from(ConfigError::Read {
            path: "presse.toml".into(),
            source: missing,
        });
        assert_eq!(
            failure.render(Lang::En),
            "error: presse.toml: cannot read the settings file\n  caused by: No such file or directory"
        );
        assert_eq!(
            failure.render(Lang::Fr),
            "erreur: presse.toml : impossible de lire le fichier de réglages\n  cause : No such file or directory"
        );
    }

    #[test]
    fn a_cause_the_message_already_gives_is_not_repeated() {
        let denied = io::Error::new(io::ErrorKind::PermissionDenied, "Permission denied");
        let failure = Failure::from(PipelineError::Releases {
            path: "releases".into(),
            source: denied,
        });
        let told = failure.render(Lang::En);
        assert_eq!(told.matches("Permission denied").count(), 1, "{told}");
        assert!(!told.contains("caused by"), "{told}");
    }

    #[test]
    fn a_cause_told_in_french_is_not_repeated_in_english() {
        let logo = communique::pdf::PdfError::Logo {
            path: "bloc-marque.png".into(),
            fault: communique::diagnostic::AssetFault::NotPng,
        };
        let failure = Failure::from(PipelineError::from(logo));
        assert_eq!(
            failure.render(Lang::Fr),
            "erreur: fichiers du PDF : bloc-marque.png : logo inutilisable : ce n'est pas un \
             fichier PNG ; donnez le bloc-marque en PNG"
        );
        assert_eq!(
            failure.render(Lang::En),
            "error: PDF assets: bloc-marque.png: unusable logo: not a PNG file; give the \
             bloc-marque as PNG"
        );
    }

    #[test]
    fn a_closed_pipe_is_no_failure_to_tell() {
        let closed = io::Error::new(io::ErrorKind::BrokenPipe, "closed");
        assert!(matches!(output(closed), Failure::BrokenPipe));
        let full = io::Error::other("disk full");
        let told = output(full).render(Lang::En);
        assert_eq!(
            told,
            "error: cannot write to the standard output\n  caused by: disk full"
        );
    }
}
