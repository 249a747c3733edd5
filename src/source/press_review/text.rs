//! Text helpers shared by the page scanner and the catalog's deduplication.

use crate::text::fold;

/// True when an outlet name reads like the host: "Acteurs publics" ~ acteurspublics.fr,
/// "Les Échos Start" ~ start.lesechos.fr, "Next" ~ next.ink. Used to learn names safely
/// ("Binaire" is a blog on lemonde.fr and must not rename Le Monde).
pub fn outlet_matches_host(outlet: &str, host: &str) -> bool {
    let name: String = fold(outlet).split(' ').collect();
    if name.len() < 3 {
        return false;
    }
    let labels: Vec<&str> = host.split('.').collect();
    let Some((_tld, names)) = labels.split_last() else {
        return false;
    };
    let names: Vec<&str> = names
        .iter()
        .copied()
        .filter(|l| !matches!(*l, "www" | "m" | "fr" | "com" | "co" | "gouv"))
        .collect();
    if names.is_empty() {
        return false;
    }
    let joined: String = names.iter().rev().copied().collect();
    let joined_fwd: String = names.concat();
    name == joined
        || name == joined_fwd
        || names.iter().all(|l| name.contains(l))
        || (name.len() >= 5 && (joined_fwd.contains(&name) || name.contains(&joined_fwd)))
}

/// Plain text of a Markdown/HTML fragment as it appears in a link or heading:
/// emphasis markers, escapes and tags removed, whitespace runs collapsed
/// (no-break spaces kept, they are typography).
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_tag = false;
    while let Some(c) = chars.next() {
        match c {
            '<' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/') =>
            {
                in_tag = true;
            }
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            '\\' => {
                if let Some(n) = chars.next_if(|n| n.is_ascii_punctuation()) {
                    out.push(n);
                } else {
                    out.push(' ');
                }
            }
            '*' => {}
            '_' if out.is_empty()
                || out.ends_with(' ')
                || chars.peek().is_none_or(|n| *n == ' ') => {}
            c if c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}' => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out.trim_matches(|c: char| c.is_whitespace()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlet_hosts() {
        assert!(outlet_matches_host("Acteurs publics", "acteurspublics.fr"));
        assert!(outlet_matches_host(
            "Le Monde informatique",
            "lemondeinformatique.fr"
        ));
        assert!(outlet_matches_host("Les Échos Start", "start.lesechos.fr"));
        assert!(outlet_matches_host("Next INpact", "nextinpact.com"));
        assert!(outlet_matches_host("Next", "next.ink"));
        assert!(!outlet_matches_host("Binaire", "lemonde.fr"));
        assert!(!outlet_matches_host(
            "Le programme EIG",
            "acteurspublics.fr"
        ));
    }

    #[test]
    fn plain_text() {
        assert_eq!(
            plain("**La  Dinum**\nvise <br>la parité"),
            "La Dinum vise la parité"
        );
        assert_eq!(plain("l\\'Etat"), "l'Etat");
        assert_eq!(plain("data_gouv"), "data_gouv");
    }
}
