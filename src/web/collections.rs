//! Which Jekyll collection holds each kind of entry, and its permalink pattern: read from
//! `communique.toml` (`[collections.<label>]`), defaulting to numerique.gouv.fr's
//! `_config.yml`.

use super::permalink::{DEFAULT_PATTERN, check_pattern};
use crate::model::Kind;
use serde::Deserialize;

/// A collection of the site: `communiques` → `/espace-presse/:title/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    /// Jekyll's label (`_communiques/` holds the files), also `:collection`.
    pub label: String,
    pub kind: Kind,
    pub permalink: String,
}

/// numerique.gouv.fr's collections (its `_config.yml`).
pub(crate) fn defaults() -> Vec<Collection> {
    vec![
        Collection {
            label: "communiques".into(),
            kind: Kind::Communique,
            permalink: "/espace-presse/:title/".into(),
        },
        Collection {
            label: "evenements".into(),
            kind: Kind::Event,
            permalink: "/agenda/:title/".into(),
        },
    ]
}

/// `[collections.<label>]` in `communique.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CollectionFile {
    /// Jekyll's pattern; Jekyll's own default when absent.
    pub permalink: Option<String>,
    /// `communique` or `event`; guessed from the label when absent.
    pub kind: Option<String>,
}

/// The collection of `kind`, or Jekyll's default pattern under the kind's usual label.
pub(crate) fn for_kind(collections: &[Collection], kind: Kind) -> Collection {
    collections
        .iter()
        .find(|c| c.kind == kind)
        .cloned()
        .unwrap_or_else(|| Collection {
            label: match kind {
                Kind::Event => "evenements".into(),
                other => other.slug().into(),
            },
            kind,
            permalink: DEFAULT_PATTERN.into(),
        })
}

/// Applies the file's collections over `collections` (same label: replaced). The message
/// of an `Err` names the label and what to write.
pub(crate) fn apply(
    collections: &mut Vec<Collection>,
    file: impl IntoIterator<Item = (String, CollectionFile)>,
) -> Result<(), String> {
    for (label, entry) in file {
        let kind = match entry.kind.as_deref().map(str::to_lowercase) {
            Some(k) if k.starts_with("communique") => Kind::Communique,
            Some(k) if matches!(k.as_str(), "event" | "evenement" | "evenements" | "agenda") => {
                Kind::Event
            }
            Some(other) => {
                return Err(format!(
                    "[collections.{label}]: kind `{other}` is neither `communique` nor `event`"
                ));
            }
            None => guess_kind(&label).ok_or_else(|| {
                format!("[collections.{label}]: add `kind = \"communique\"` or `kind = \"event\"`")
            })?,
        };
        let permalink = entry.permalink.unwrap_or_else(|| DEFAULT_PATTERN.into());
        check_pattern(&permalink).map_err(|e| {
            format!("[collections.{label}]: permalink `{permalink}`: {e}; see Jekyll's permalink placeholders")
        })?;
        collections.retain(|c| c.label != label && c.kind != kind);
        collections.push(Collection {
            label,
            kind,
            permalink,
        });
    }
    Ok(())
}

fn guess_kind(label: &str) -> Option<Kind> {
    let label = label.trim_start_matches('_').to_lowercase();
    if label.starts_with("communique") || label == "presse" {
        Some(Kind::Communique)
    } else if ["evenement", "event", "agenda"]
        .iter()
        .any(|p| label.starts_with(p))
    {
        Some(Kind::Event)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_replaces_a_kind_and_checks_patterns() {
        let mut c = defaults();
        let file = vec![(
            "events".to_string(),
            CollectionFile {
                permalink: Some("/evenements/:year/:title/".into()),
                kind: None,
            },
        )];
        apply(&mut c, file).unwrap();
        let event = for_kind(&c, Kind::Event);
        assert_eq!(event.label, "events");
        assert_eq!(event.permalink, "/evenements/:year/:title/");
        assert_eq!(
            for_kind(&c, Kind::Communique).permalink,
            "/espace-presse/:title/"
        );
        let bad = vec![(
            "communiques".to_string(),
            CollectionFile {
                permalink: Some("/presse/:titre/".into()),
                kind: None,
            },
        )];
        assert!(apply(&mut c, bad).unwrap_err().contains(":titre"));
        let unknown = vec![("misc".to_string(), CollectionFile::default())];
        assert!(apply(&mut c, unknown).is_err());
    }
}
