//! Placeholder text that must never reach journalists under the government's name:
//! Lorem ipsum and its relatives, "Titre provisoire", "[à compléter]", TODO, XXX.

use crate::text::fold;

/// Folded phrases that only a draft contains, wherever they stand.
const PHRASES: &[&str] = &[
    "lorem ipsum",
    "dolor sit amet",
    "consectetur adipiscing",
    "sed do eiusmod",
    "titre provisoire",
    "texte provisoire",
    "titre a venir",
    "texte a venir",
    // The words of `communique new`'s templates.
    "redigez ici",
];

/// Folded phrases that are a placeholder when they end a short fragment ("Chiffre : à
/// compléter", "Texte à compléter.") but ordinary French inside a sentence ("il reste à
/// compléter le dispositif").
const FILL_INS: &[&str] = &[
    "a completer",
    "a remplir",
    "a rediger",
    "a preciser",
    "inserer ici",
    "texte ici",
    "votre texte",
];

/// Folded words that are a placeholder on their own ("ipsum": Bacon ipsum, Cupcake ipsum…).
const WORDS: &[&str] = &["lorem", "ipsum"];

/// Words written in capitals by someone who meant to come back (checked case-sensitively:
/// "xxx" in a URL or "Todo" as a name is no placeholder).
const MARKERS: &[&str] = &["TODO", "TBD", "FIXME", "XXX", "XXXX", "XXXXX"];

/// Whether `phrase` stands in `folded` as whole words (between spaces or at either end).
fn contains_words(folded: &str, phrase: &str) -> bool {
    folded.match_indices(phrase).any(|(at, _)| {
        let before = &folded[..at];
        let after = &folded[at + phrase.len()..];
        (before.is_empty() || before.ends_with(' ')) && (after.is_empty() || after.starts_with(' '))
    })
}

/// The placeholder words found in `text`, as written, in order of first appearance.
pub(crate) fn find(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut push = |word: String| {
        if !found.contains(&word) {
            found.push(word);
        }
    };
    let folded = fold(text);
    for phrase in PHRASES {
        if contains_words(&folded, phrase) {
            push((*phrase).to_string());
        }
    }
    // A fragment's folded text is a part of the whole's: without a fill-in there, no
    // fragment ends with one (and no fragment need be folded).
    let any_fill_in = FILL_INS.iter().any(|f| folded.contains(f));
    let fragments = text
        .split([
            '.', ':', ';', '!', '?', '(', ')', '[', ']', '\n', '—', '–', '|',
        ])
        .filter(|_| any_fill_in);
    for fragment in fragments {
        let fragment = fold(fragment);
        let words = fragment.split(' ').count();
        if let Some(fill_in) = FILL_INS
            .iter()
            .find(|f| fragment.ends_with(*f) && words <= f.split(' ').count() + 2)
        {
            push((*fill_in).to_string());
        }
    }
    // Word by word only when one of the words is in the text at all (almost never).
    if WORDS.iter().any(|w| folded.contains(w)) {
        for word in folded.split(' ') {
            if WORDS.contains(&word) {
                push(word.to_string());
            }
        }
    }
    if MARKERS.iter().any(|m| text.contains(m)) {
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            if MARKERS.contains(&word) {
                push(word.to_string());
            }
        }
    }
    // "[Nom du ministre]", "[date]": square brackets around words, not a link's text.
    for bracketed in text.split('[').skip(1) {
        if let Some((inside, after)) = bracketed.split_once(']')
            && !after.starts_with('(')
            && !after.starts_with('[')
            && !after.starts_with(':')
            && is_fill_in(inside)
        {
            push(format!("[{inside}]"));
        }
    }
    found
}

/// "[à compléter]", "[Nom du ministre]", "[date]"; not "[…]" (an elision in a quote), "[1]"
/// (a note) or "[: .classe]" (a kramdown attribute list).
fn is_fill_in(inside: &str) -> bool {
    if inside
        .trim_start()
        .starts_with([':', '^', '#', '!', '{', '.'])
    {
        return false;
    }
    let folded = fold(inside);
    const WHOLE: &[&str] = &[
        "nom",
        "prenom",
        "date",
        "titre",
        "lien",
        "url",
        "lieu",
        "heure",
        "chiffre",
        "texte",
        "citation",
        "tbd",
        "tbc",
        "xxx",
        "a completer",
        "a venir",
        "a confirmer",
    ];
    const OPENINGS: &[&str] = &[
        "nom du",
        "nom de",
        "nom et",
        "prenom et",
        "inserer",
        "ajouter",
        "a completer",
        "date de",
        "date du",
        "titre du",
        "titre de",
        "lien vers",
        "citation de",
        "chiffre",
    ];
    !folded.is_empty()
        && folded.split(' ').count() <= 5
        && (WHOLE.contains(&&*folded)
            || OPENINGS
                .iter()
                .any(|o| folded == *o || folded.starts_with(&format!("{o} "))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_family_is_found() {
        assert_eq!(
            find("Lorem ipsum dolor sit amet, consectetur."),
            ["lorem ipsum", "dolor sit amet", "lorem", "ipsum"]
        );
        assert_eq!(find("Bacon ipsum chuck ribeye"), ["ipsum"]);
        assert_eq!(find("TITRE PROVISOIRE"), ["titre provisoire"]);
        assert_eq!(
            find("Le chiffre : [à compléter]"),
            ["a completer", "[à compléter]"]
        );
        assert_eq!(find("Citation de [Nom du ministre]"), ["[Nom du ministre]"]);
        assert_eq!(find("TODO relire"), ["TODO"]);
        assert_eq!(find("Contact : 01 XX XX XX XX, XXX"), ["XXX"]);
        assert_eq!(find("Texte à compléter."), ["a completer"]);
    }

    #[test]
    fn ordinary_prose_is_not() {
        for text in [
            "Au XXe siècle puis au XXIe siècle, la DINUM…",
            "Voir [le rapport](https://exemple.fr/todo-list) et la liste « Todo ».",
            "Il reste à compléter le dispositif par un décret.",
            "« […] une étape décisive », a déclaré la ministre.",
            "[1] Selon l'Insee.",
            "[: .lien-important]",
            "Voir [le lien du programme] plus bas.",
        ] {
            assert!(find(text).is_empty(), "{text}: {:?}", find(text));
        }
    }
}
