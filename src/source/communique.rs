//! Communiqués de presse: with numerique.gouv.fr front matter, or converted from a Word/PDF
//! document with none. The converted shape carries its facts in the text — the bloc-marque
//! ("GOUVERNEMENT / Liberté Égalité Fraternité"), the document type, the title, the dateline
//! ("Paris, le 12 septembre 2023"), a bold lead and the contact block, repeated per page —
//! so the same scanner runs on every communiqué body and front matter wins where both speak.

use super::dates::parse_date;
use super::text::{Block, blocks, is_all_bold};
use crate::config::Config;
use crate::model::{Contact, PubDate};
use crate::text::plain::markdown_text;

/// What the text of a communiqué says about itself, and its body without page furniture.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Inferred {
    pub category: Option<String>,
    pub title: Option<String>,
    pub title_line: usize,
    pub place: Option<String>,
    pub date: Option<PubDate>,
    pub lead: Option<String>,
    pub contact: Option<Contact>,
    /// Body Markdown with the bloc-marque, type, title, dateline, lead and contact blocks removed.
    pub body: String,
}

const DOCUMENT_TYPES: [&str; 4] = [
    "COMMUNIQUÉ DE PRESSE",
    "DOSSIER DE PRESSE",
    "NOTE AUX RÉDACTIONS",
    "INVITATION PRESSE",
];

/// Scans `markdown` (starting at file line `first_line`).
pub(crate) fn infer(markdown: &str, first_line: usize, config: &Config) -> Inferred {
    let mut found = Inferred::default();
    let mut body: Vec<&Block> = Vec::new();
    let all = blocks(markdown, first_line);
    let mut index = 0;
    let mut seen_dateline = false;
    let mut expect_lead = false;
    while index < all.len() {
        let block = &all[index];
        index += 1;
        let text = markdown_text(&block.markdown);
        if is_bloc_marque(&text) {
            continue;
        }
        if let Some(kind) = DOCUMENT_TYPES.iter().find(|t| is_upper_of(&text, t)) {
            if found.category.is_none() {
                found.category = Some(sentence_case(kind));
            }
            continue;
        }
        if !seen_dateline {
            if let Some((place, date)) = dateline(&text, config) {
                found.place = Some(place);
                found.date = Some(date);
                seen_dateline = true;
                expect_lead = true;
                continue;
            }
            // The heading right after the document type is the title; so is a heading
            // right before the dateline (`# Titre` / `Paris, le 12 mars 2024`).
            let before_dateline = || {
                all.get(index)
                    .is_some_and(|next| dateline(&markdown_text(&next.markdown), config).is_some())
            };
            if found.title.is_none()
                && is_heading(&block.markdown)
                && (found.category.is_some() || before_dateline())
            {
                found.title = Some(text);
                found.title_line = block.line;
                continue;
            }
        }
        if expect_lead {
            expect_lead = false;
            if is_all_bold(&block.markdown) {
                found.lead = Some(block.markdown.trim().trim_matches('*').trim().to_string());
                continue;
            }
        }
        // A contact block is the organisation line followed by Tél / Mél / role lines.
        if let Some((contact, used)) = contact_block(&text, &all[index..], config) {
            if found.contact.is_none() {
                found.contact = Some(contact);
            }
            index += used - 1;
            continue;
        }
        body.push(block);
    }
    found.body = body
        .iter()
        .map(|b| b.markdown.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    if found
        .contact
        .as_ref()
        .is_some_and(|c| *c == config.default_contact)
    {
        found.contact = None;
    }
    found
}

fn is_bloc_marque(text: &str) -> bool {
    [
        "GOUVERNEMENT",
        "LIBERTÉ ÉGALITÉ FRATERNITÉ",
        "RÉPUBLIQUE FRANÇAISE",
    ]
    .iter()
    .any(|t| is_upper_of(text, t))
}

/// Whether `text` upper-cased is `upper`, compared letter by letter: every paragraph is
/// tested, and most differ at their first letters (no copy of the paragraph is made).
fn is_upper_of(text: &str, upper: &str) -> bool {
    text.chars().flat_map(char::to_uppercase).eq(upper.chars())
}

/// `text` after `prefix` (lower-case) when it starts with it in any case, compared letter by
/// letter: contact lines are looked for in every paragraph.
fn strip_prefix_lower<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let mut wanted = prefix.chars();
    for (at, c) in text.char_indices() {
        let mut lower = c.to_lowercase();
        if wanted.as_str().is_empty() {
            return Some(&text[at..]);
        }
        if !lower.all(|l| wanted.next() == Some(l)) {
            return None;
        }
    }
    wanted.as_str().is_empty().then_some("")
}

fn is_heading(markdown: &str) -> bool {
    let t = markdown.trim_start();
    t.starts_with('#') || is_all_bold(t)
}

fn sentence_case(upper: &str) -> String {
    let lower = upper.to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// "Paris, le 12 septembre 2023" → ("Paris", date). Also "Paris le 1er mars 2024".
fn dateline(text: &str, config: &Config) -> Option<(String, PubDate)> {
    if text.len() > 80 {
        return None;
    }
    let (place, date) = text
        .split_once(", le ")
        .or_else(|| text.split_once(" le "))?;
    let place = place.trim().trim_end_matches(',').trim();
    let starts_upper = place.chars().next().is_some_and(char::is_uppercase);
    if place.is_empty() || !starts_upper || place.split_whitespace().count() > 4 {
        return None;
    }
    let date = parse_date(date, config.time_zone)?;
    Some((place.to_string(), date))
}

/// Reads a contact block starting with the block whose plain text is `first` and going on
/// with `next`; returns it and how many blocks it used.
fn contact_block(first: &str, next: &[Block], config: &Config) -> Option<(Contact, usize)> {
    let default = &config.default_contact;
    let is_organisation = first.eq_ignore_ascii_case(&default.organisation)
        || strip_prefix_lower(first, "direction ").is_some()
        || strip_prefix_lower(first, "contact presse").is_some();
    let starts_with_phone = phone_line(first).is_some();
    if !is_organisation && !starts_with_phone {
        return None;
    }
    let mut contact = Contact {
        organisation: if is_organisation {
            first.to_string()
        } else {
            default.organisation.clone()
        },
        ..Contact::default()
    };
    let mut used = usize::from(is_organisation);
    let mut matched_line = false;
    // The first block again when it is a phone line, then the next ones, each made plain
    // only when the one before it belonged to the contact.
    let texts = (!is_organisation)
        .then(|| first.to_string())
        .into_iter()
        .chain(next.iter().map(|block| markdown_text(&block.markdown)));
    for text in texts {
        if let Some(phones) = phone_line(&text) {
            contact.phones = phones;
        } else if let Some(email) = email_line(&text) {
            contact.email = Some(email);
        } else if strip_prefix_lower(&text, "relations presse").is_some()
            || strip_prefix_lower(&text, "service de presse").is_some()
        {
            contact.role = Some(text);
        } else {
            break;
        }
        matched_line = true;
        used += 1;
    }
    matched_line.then_some((contact, used))
}

/// "Tél : 01 71 21 12 50 – 06 10 60 41 19" → the numbers.
fn phone_line(text: &str) -> Option<Vec<String>> {
    let rest = ["tél", "tel", "téléphone"]
        .iter()
        .find_map(|p| strip_prefix_lower(text, p))?
        .to_lowercase();
    let rest = rest.trim_start_matches([' ', '.', '\u{a0}', '\u{202f}']);
    let rest = rest.strip_prefix(':')?;
    let phones = rest
        .split(['–', '—', '/', ';'])
        .map(super::fields::normalise_phone)
        .filter(|p| p.chars().any(|c| c.is_ascii_digit()))
        .collect::<Vec<_>>();
    (!phones.is_empty()).then_some(phones)
}

/// "Mél : x@y.fr" → the address.
fn email_line(text: &str) -> Option<String> {
    let rest = ["mél", "mel", "mail", "courriel", "e-mail", "email"]
        .iter()
        .find_map(|p| strip_prefix_lower(text, p))?
        .to_lowercase();
    let address = rest
        .trim_start_matches([' ', '\u{a0}', '\u{202f}', ':'])
        .trim();
    (address.contains('@') && !address.contains(' ')).then(|| address.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_is_compared_without_copying_the_paragraph() {
        assert!(is_upper_of("Communiqué de presse", "COMMUNIQUÉ DE PRESSE"));
        assert!(is_upper_of(
            "liberté égalité fraternité",
            "LIBERTÉ ÉGALITÉ FRATERNITÉ"
        ));
        assert!(!is_upper_of(
            "Communiqué de presse du jour",
            "COMMUNIQUÉ DE PRESSE"
        ));
        assert!(!is_upper_of("Communique de presse", "COMMUNIQUÉ DE PRESSE"));
        assert_eq!(strip_prefix_lower("TÉL : 01", "tél"), Some(" : 01"));
        assert_eq!(
            strip_prefix_lower("Direction du numérique", "direction "),
            Some("du numérique")
        );
        assert_eq!(strip_prefix_lower("Mél", "mél"), Some(""));
        assert_eq!(strip_prefix_lower("Mé", "mél"), None);
        assert_eq!(strip_prefix_lower("Tel", "tél"), None);
        assert_eq!(
            email_line("MÉL : Presse@Numerique.gouv.fr").as_deref(),
            Some("presse@numerique.gouv.fr")
        );
        assert_eq!(
            phone_line("TÉLÉPHONE : 01 71 21 12 50"),
            None,
            "\"tél\" is tried first, as before"
        );
    }

    #[test]
    fn a_heading_before_the_dateline_is_the_title() {
        let c = Config::default();
        for text in [
            "# La DINUM ouvre ses données\n\nParis, le 12 mars 2024\n\nLe corps.\n",
            "Logo\n\n## **Lancement de Tchap**\n\nLyon, le 3 avril 2023\n\n**Le chapeau.**\n\nCorps.\n",
        ] {
            let found = infer(text, 1, &c);
            assert!(found.title.is_some(), "{text}");
            assert!(found.date.is_some(), "{text}");
            assert!(
                !found.body.contains(found.title.as_deref().unwrap()),
                "{text}"
            );
        }
        let found = infer(
            "# La DINUM ouvre ses données\n\nParis, le 12 mars 2024\n",
            1,
            &c,
        );
        assert_eq!(found.title.as_deref(), Some("La DINUM ouvre ses données"));
        // A heading anywhere else is body text.
        let found = infer("Paris, le 12 mars 2024\n\n# Une section\n\nTexte.\n", 1, &c);
        assert_eq!(found.title, None);
    }

    #[test]
    fn dateline_forms() {
        let c = Config::default();
        let (place, date) = dateline("Paris, le 12 septembre 2023", &c).unwrap();
        assert_eq!(place, "Paris");
        assert_eq!(date.at.to_rfc3339(), "2023-09-12T00:00:00+02:00");
        assert!(dateline("Lors de cet après-midi le 12 septembre 2023 on verra", &c).is_none());
    }

    #[test]
    fn contact_lines() {
        assert_eq!(
            phone_line("Tél : 01 71 21 12 50 – 06 10 60 41 19").unwrap(),
            ["01 71 21 12 50", "06 10 60 41 19"]
        );
        assert_eq!(
            email_line("Mél : floriane.beaudron@modernisation.gouv.fr").as_deref(),
            Some("floriane.beaudron@modernisation.gouv.fr")
        );
    }

    #[test]
    fn converted_document() {
        let md = "**GOUVERNEMENT**\n\n*Liberté  \nÉgalité  \nFraternité*\n\n## COMMUNIQUÉ DE PRESSE\n\n### **UN TITRE : ICI**\n\nParis, le 12 septembre 2023\n\n**Le chapeau.**\n\nCorps.\n\n**Direction  \ninterministérielle  \ndu numérique**\n\nTél : 01 71 21 12 50 – 06 10 60 41 19\n\nMél : [floriane.beaudron@modernisation.gouv.fr](mailto:floriane.beaudron@modernisation.gouv.fr)\n\nRelations presse et événementiel\n\n**GOUVERNEMENT**\n\nAnnexe.\n";
        let found = infer(md, 1, &Config::default());
        assert_eq!(found.title.as_deref(), Some("UN TITRE : ICI"));
        assert_eq!(found.category.as_deref(), Some("Communiqué de presse"));
        assert_eq!(found.place.as_deref(), Some("Paris"));
        assert_eq!(found.lead.as_deref(), Some("Le chapeau."));
        assert_eq!(found.body, "Corps.\n\nAnnexe.");
        assert_eq!(found.contact, None, "the DINUM block is the default");
    }
}
