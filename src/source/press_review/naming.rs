//! Words that name an outlet, and words that never do ("Lire l'article", "Interview de…",
//! "Par Jean Dupont"), as found in and around press-list links.

use super::outlets::{is_known_name, name_for_host};
use crate::text::fold;
use crate::text::plain::fragment_text;

/// The segment names the outlet of `host` (or any outlet of the table) exactly.
pub(super) fn names_outlet(text: &str, host: &str) -> bool {
    let folded = fold(text);
    if folded.is_empty() {
        return false;
    }
    if is_known_name(text) || name_for_host(host).is_some_and(|n| fold(n) == folded) {
        return true;
    }
    // "Acteurs publics" for acteurspublics.fr: the name is the host's label, spaces removed.
    let compact: String = folded.split(' ').collect();
    let host = host.strip_prefix("www.").unwrap_or(host);
    let label = host.split('.').next().unwrap_or("");
    compact.len() >= 4 && compact == label.replace('-', "")
}

/// The whole text names an outlet (`Le Monde` for lemonde.fr, or any outlet of the table).
pub(super) fn is_outlet_name(text: &str, host: &str) -> bool {
    names_outlet(text, host)
}

/// Link texts that only say "open it".
pub(super) fn is_generic_link_text(text: &str) -> bool {
    let f = fold(text);
    f.is_empty()
        || f.starts_with("http")
        || matches!(
            &*f,
            "lire"
                | "lien"
                | "ici"
                | "article"
                | "url"
                | "voir"
                | "lire l article"
                | "lire la suite"
                | "link"
                | "read"
                | "read more"
                | "acceder"
                | "consulter"
                | "source"
                | "pdf"
                | "lire l article complet"
                | "voir l article"
                | "en savoir plus"
                | "plus"
                | "suite"
                | "lire sur le site"
        )
}

/// Words that sit next to links without naming an outlet.
pub(super) fn is_generic(text: &str) -> bool {
    const GENERIC: &[&str] = &[
        "lire",
        "lire l article",
        "lire la suite",
        "article",
        "interview",
        "entretien",
        "tribune",
        "video",
        "podcast",
        "replay",
        "lien",
        "source",
        "sources",
        "en savoir plus",
        "ici",
        "pdf",
        "payant",
        "gratuit",
        "abonnes",
        "reserve aux abonnes",
        "acces abonnes",
        "en anglais",
        "voir",
        "voir l article",
        "a lire",
        "radio",
        "tv",
        "web",
        "presse",
        "presse ecrite",
        "link",
        "read",
        "read more",
        "english",
        "en",
        "fr",
        "le",
        "la",
        "les",
        "et",
        "dont",
        "via",
    ];
    let folded = fold(text);
    GENERIC.contains(&&*folded)
}

/// An outlet named beside a link: short, capitalised (or known), not a generic word or address.
pub(super) fn outlet_beside(text: &str, host: &str) -> Option<String> {
    let mut t = fragment_text(text);
    for lead in ["Dans ", "dans ", "Sur ", "sur ", "Via ", "via "] {
        if let Some(r) = t.strip_prefix(lead) {
            t = r.trim().to_string();
        }
    }
    // `Interview de …`, `Par Jean Dupont`: a kind of article or its author, not the outlet.
    const NOT_OUTLET: &[&str] = &[
        "interview",
        "entretien",
        "tribune",
        "portrait",
        "chronique",
        "podcast",
        "video",
        "reportage",
        "dossier",
        "edito",
        "editorial",
        "emission",
        "article",
        "replay",
        "par",
        "by",
        "avec",
        "with",
        "selon",
        "auteur",
        "author",
        "photo",
        "photos",
        "lire",
        "voir",
    ];
    let first = fold(&t);
    if first
        .split(' ')
        .next()
        .is_some_and(|w| NOT_OUTLET.contains(&w))
        && !names_outlet(&t, host)
    {
        return None;
    }
    let words = t.split_whitespace().count();
    let capital = t.starts_with(char::is_uppercase);
    let address = !t.contains(' ') && t.contains('.');
    let ok = (1..=6).contains(&words)
        && t.chars().count() <= 60
        && t.chars().any(char::is_alphabetic)
        && !is_generic(&t)
        && !address
        && !t.starts_with(['«', '“', '"'])
        && (capital || names_outlet(&t, host));
    ok.then_some(t)
}
