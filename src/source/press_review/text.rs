//! Text helpers shared by the page scanner and the catalog's deduplication.

/// Lower-case, accents removed, every run of non-alphanumerics turned into one space:
/// "L’État, “profils atypiques”" and "L'Etat, \"profils atypiques\"" fold alike.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let base: &str = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
            'ç' => "c",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'ì' | 'í' | 'î' | 'ï' => "i",
            'ñ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => "o",
            'ù' | 'ú' | 'û' | 'ü' => "u",
            'ý' | 'ÿ' => "y",
            'œ' => "oe",
            'æ' => "ae",
            'ß' => "ss",
            // Combining marks left by decomposed input ("e" + U+0301).
            '\u{300}'..='\u{36f}' => "",
            c if c.is_alphanumeric() => {
                if gap && !out.is_empty() {
                    out.push(' ');
                }
                gap = false;
                out.push(c);
                continue;
            }
            _ => {
                gap = true;
                continue;
            }
        };
        if base.is_empty() {
            continue;
        }
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        out.push_str(base);
    }
    out
}

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
    fn folds() {
        assert_eq!(
            fold("L’État, “profils atypiques”"),
            "l etat profils atypiques"
        );
        assert_eq!(
            fold("L'Etat, \"profils  atypiques\" !"),
            "l etat profils atypiques"
        );
        assert_eq!(fold("Œuvre"), "oeuvre");
    }

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
