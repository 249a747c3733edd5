//! `communique new`: a release started from a template, as `hugo new` does — in the right
//! folder, with a Jekyll-compatible file name, today's date in Paris time, the default press
//! contact, and `draft: true` so that nothing goes out before the press office says so.

use crate::config::Config;
use crate::model::Kind;
use crate::source::keys::{self, Key, nested};
use crate::text::slugify;
use chrono::{DateTime, FixedOffset};
use std::path::PathBuf;

/// A release to write: where (relative to releases/) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scaffold {
    /// The new file, relative to releases/.
    pub path: PathBuf,
    /// Its Markdown, front matter included.
    pub text: String,
}

/// The template of `kind` titled `title`, dated `now`; `None` when the title gives no file name.
pub fn scaffold(
    kind: Kind,
    title: &str,
    now: DateTime<FixedOffset>,
    config: &Config,
) -> Option<Scaffold> {
    let name = slugify(title)?;
    let date = now.format("%Y-%m-%d %H:%M:%S %:z").to_string();
    // Every key spelled by the one table (`source::keys`).
    let head = [
        line(&keys::TITLE, &yaml_string(title.trim())),
        line(&keys::DATE, &date),
        line(&keys::DRAFT, "true"),
    ]
    .concat();
    let contact = contact_yaml(config);
    let (folder, front, body) = match kind {
        Kind::Communique => (
            "communiques",
            [
                head,
                format!("{}:\n- Communiqué de presse\n", keys::CATEGORIES.name),
                line(&keys::SUMMARY, "\"\""),
                line(&keys::TAGS, "[]"),
                contact,
            ]
            .concat(),
            "Rédigez ici le corps du communiqué.\n",
        ),
        Kind::Event => (
            "agenda",
            [
                head,
                line(&keys::EVENT_START, &date),
                line(&keys::EVENT_END, &date),
                line(&keys::VENUE, "\"\""),
                line(&keys::ADDRESS, "\"\""),
                line(&keys::SUMMARY, "\"\""),
                contact,
            ]
            .concat(),
            "Rédigez ici la présentation de l'événement.\n",
        ),
        Kind::PressReview => (
            "revue-de-presse",
            head,
            "**1er janvier 2024**\n\n[Média, « TODO : titre de l'article »](https://www.exemple.fr/article)\n",
        ),
    };
    Some(Scaffold {
        path: PathBuf::from(folder).join(format!("{name}.md")),
        text: format!("---\n{front}---\n\n{body}"),
    })
}

/// `key: value` on one line, under the key's name.
fn line(key: &Key, value: &str) -> String {
    format!("{}: {value}\n", key.name)
}

/// The default contact as `contact-presse`, the CMS's own shape.
fn contact_yaml(config: &Config) -> String {
    let contact = &config.default_contact;
    let mut out = format!("{}:\n", keys::CONTACT.name);
    if let Some(name) = &contact.name {
        out.push_str(&format!(
            "  {}: {}\n",
            nested::CONTACT_NAME[0],
            yaml_string(name)
        ));
    }
    if !contact.phones.is_empty() {
        out.push_str(&format!("  {}:\n", nested::CONTACT_PHONES[0]));
        for phone in &contact.phones {
            out.push_str(&format!("  - {}\n", yaml_string(phone)));
        }
    }
    if let Some(email) = &contact.email {
        out.push_str(&format!(
            "  {}: {}\n",
            nested::CONTACT_EMAIL[0],
            yaml_string(email)
        ));
    }
    out
}

/// A YAML double-quoted string: any title is safe (colons, quotes, `#`).
fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Hold, load_text};
    use std::path::Path;

    #[test]
    fn each_template_reads_back_as_a_draft_of_its_kind() {
        let now = DateTime::parse_from_rfc3339("2026-11-29T10:15:00+01:00").unwrap();
        let config = Config::default();
        for (kind, folder) in [
            (Kind::Communique, "communiques"),
            (Kind::Event, "agenda"),
            (Kind::PressReview, "revue-de-presse"),
        ] {
            let made = scaffold(kind, "Bilan : « 2026 », #1", now, &config).unwrap();
            assert_eq!(made.path, Path::new(folder).join("bilan-2026-1.md"));
            let loaded = load_text(&made.path, &made.text, &config);
            assert!(
                !loaded.has_errors(),
                "{kind:?}: {:#?}\n{}",
                loaded.diagnostics,
                made.text
            );
            assert!(
                loaded.diagnostics.is_empty(),
                "{kind:?}: {:#?}",
                loaded.diagnostics
            );
            assert_eq!(loaded.hold, Some(Hold::Draft));
            // Published as it is, the template's words are refused as placeholder text.
            let undrafted = made.text.replace("draft: true\n", "");
            let published = load_text(&made.path, &undrafted, &config);
            assert!(
                published.has_errors(),
                "{kind:?}: the template must not publish as is"
            );
        }
        assert!(scaffold(Kind::Communique, "« ! »", now, &config).is_none());
    }
}
