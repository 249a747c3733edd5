//! Slugs of file names and labels: what feed ids, PDF names and tag pages are named by.
//! The page addresses Jekyll makes keep their accents and follow Jekyll's own rules: those
//! are the crate-private `web::permalink`'s.

use super::fold::fold_into;

/// Slugs longer than this are cut for file names (file systems cap names at 255 bytes).
const MAX_FILE_SLUG: usize = 120;

/// A slug of a file name: ASCII lower-case letters, digits and single hyphens, cut at 120
/// bytes (possibly inside a word). Equal to [`file_slug`] for names that fit. `None` when
/// nothing is left.
pub fn slugify(name: &str) -> Option<String> {
    let mut slug = hyphenated(name);
    slug.truncate(MAX_FILE_SLUG);
    while slug.ends_with('-') {
        slug.pop();
    }
    (!slug.is_empty()).then_some(slug)
}

/// The entry slug of a file name, for its key (feed id) and its PDF (`pdf/<slug>.pdf`):
/// [`slugify`] when it fits, so ids minted before stay; a longer one is cut at a hyphen (never inside a word) and ends with a
/// hash of the whole name, so two long names sharing a beginning never share a file.
pub fn file_slug(name: &str) -> Option<String> {
    let full = hyphenated(name);
    if full.is_empty() {
        return None;
    }
    if full.len() <= MAX_FILE_SLUG {
        return Some(full);
    }
    let keep = MAX_FILE_SLUG - 9;
    // `full` is ASCII: every byte offset is a char boundary.
    let cut = full[..=keep].rfind('-').filter(|&i| i > 0).unwrap_or(keep);
    let hash = blake3::hash(name.as_bytes()).to_hex();
    Some(format!("{}-{}", &full[..cut], &hash.as_str()[..8]))
}

/// The folded name with hyphens between words (see [`super::fold`]).
fn hyphenated(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    fold_into(name, '-', &mut slug);
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slugify("Le-gouvernement-lance-l’experimentation-de-l’IA").as_deref(),
            Some("le-gouvernement-lance-l-experimentation-de-l-ia")
        );
        assert_eq!(
            slugify("lancement-du-mooc-<<-creer->>").as_deref(),
            Some("lancement-du-mooc-creer")
        );
        assert_eq!(
            slugify("Communiqué NEC 2023").as_deref(),
            Some("communique-nec-2023")
        );
        assert_eq!(slugify("../.."), None);
        assert_eq!(slugify("  "), None);
    }

    #[test]
    fn decomposed_and_ligatured_names_slug_like_composed_ones() {
        // A file saved on macOS names `Créer` with `e` + U+0301: same slug, same id.
        assert_eq!(slugify("Cre\u{301}er l’œuvre"), slugify("Créer l'oeuvre"));
        assert_eq!(slugify("Cœur d’Été").as_deref(), Some("coeur-d-ete"));
        assert_eq!(slugify("🎉 fête 🎉").as_deref(), Some("fete"));
    }

    #[test]
    fn long_file_slugs_are_cut_between_words_and_never_collide() {
        let common = "femmes-et-numerique-la-direction-du-numerique-de-letat-publie-une-serie-de-11-temoignages-pour-valoriser-soutenir-et-accelerer";
        let a = file_slug(&format!("{common}-les-parcours-des-femmes")).unwrap();
        let b = file_slug(&format!("{common}-les-carrieres-des-femmes")).unwrap();
        assert_ne!(a, b);
        for slug in [&a, &b] {
            assert!(slug.len() <= 120, "{slug}");
            let (words, hash) = slug.rsplit_once('-').unwrap();
            assert_eq!(hash.len(), 8);
            // Cut at a hyphen of the full slug: the kept part is whole words.
            assert!(common.starts_with(&format!("{words}-")), "{slug}");
        }
        // Short names keep the slug ids were minted from, so ids and PDF names stay.
        assert_eq!(
            file_slug("Communiqué NEC 2023"),
            slugify("Communiqué NEC 2023")
        );
        assert_eq!(file_slug("../.."), None);
    }
}
