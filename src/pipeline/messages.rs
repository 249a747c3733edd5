//! A refused or failed publish in the user's words, for the CLI and the watcher alike.

use super::PipelineError;
use crate::i18n::Message;

impl PipelineError {
    /// What happened and what to do; errors of the machine (disk, state, fonts) keep their
    /// own text, as the system wrote it.
    pub fn message(&self) -> Message {
        use PipelineError as E;
        match self {
            E::WouldWithdraw {
                withdrawn,
                published,
                examples,
            } => Message::new("cli-would-withdraw")
                .count("withdrawn", *withdrawn)
                .count("published", *published)
                .arg("examples", examples),
            E::NoReleases { path } => Message::new("cli-no-releases").arg("path", path.display()),
            E::Releases { path, source } => Message::new("cli-releases-unreadable")
                .arg("path", path.display())
                .arg("detail", source),
            E::Assets(err) => Message::new("pipeline-pdf-assets").nested("detail", err.message()),
            other => Message::raw(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_refusal_told_by_the_watcher_is_in_the_readers_language() {
        let err = PipelineError::NoReleases {
            path: "/srv/presse/releases".into(),
        };
        let told = Message::new("watch-rebuild-failed").nested("detail", err.message());
        let fr = Lang::Fr.tr(&told);
        assert!(
            fr.starts_with(
                "la reconstruction a échoué : /srv/presse/releases : aucune publication trouvée"
            ),
            "{fr}"
        );
        let en = Lang::En.tr(&told);
        assert!(
            en.starts_with("rebuild failed: /srv/presse/releases: no release found"),
            "{en}"
        );
    }
}
