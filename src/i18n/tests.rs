use super::*;
use std::collections::BTreeSet;

/// Message ids defined in a catalogue.
fn ids(catalogue: &str) -> BTreeSet<String> {
    catalogue
        .lines()
        .filter(|line| !line.starts_with([' ', '#', '\t', '.', '[', '*']) && line.contains(" ="))
        .filter_map(|line| line.split(" =").next())
        .map(str::to_string)
        .collect()
}

#[test]
fn both_catalogues_parse_and_hold_the_same_messages() {
    for lang in [Lang::En, Lang::Fr] {
        assert!(
            FluentResource::try_new(lang.catalogue().to_string()).is_ok(),
            "{lang:?}: syntax error"
        );
    }
    let en = ids(Lang::En.catalogue());
    let fr = ids(Lang::Fr.catalogue());
    assert!(en.len() > 70, "{en:?}");
    let only_en: Vec<&String> = en.difference(&fr).collect();
    let only_fr: Vec<&String> = fr.difference(&en).collect();
    assert!(
        only_en.is_empty() && only_fr.is_empty(),
        "English only: {only_en:?}; French only: {only_fr:?}"
    );
}

/// Every id the code names (`Message::new("…")`) is in the catalogues.
#[test]
fn every_message_the_code_names_exists() {
    let en = ids(Lang::En.catalogue());
    let mut missing = Vec::new();
    for (path, text) in rust_sources() {
        for part in text.split("Message::new(\"").skip(1) {
            let id = part.split('"').next().unwrap_or_default();
            let is_id = !id.is_empty()
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if is_id && !en.contains(id) {
                missing.push(format!("{}: {id}", path.display()));
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn the_locale_chooses_the_language() {
    let s = |v: &str| Some(v.to_string());
    assert_eq!(Lang::from_locale(None, None, s("fr_FR.UTF-8")), Lang::Fr);
    assert_eq!(Lang::from_locale(None, None, s("C.UTF-8")), Lang::En);
    assert_eq!(
        Lang::from_locale(s("en_GB.UTF-8"), None, s("fr_FR.UTF-8")),
        Lang::En
    );
    assert_eq!(Lang::from_locale(s(""), s("fr_CA.UTF-8"), s("C")), Lang::Fr);
    assert_eq!(Lang::from_locale(None, None, None), Lang::En);
}

#[test]
fn arguments_and_plurals_are_filled_in() {
    let m = Message::new("hint-did-you-mean").arg("key", "title");
    assert_eq!(Lang::En.tr(&m), "did you mean `title`?");
    assert_eq!(Lang::Fr.tr(&m), "voulez-vous dire `title` ?");
    assert_eq!(Lang::Fr.tr(&Message::raw("tel quel")), "tel quel");
}

/// Every Rust source file under src/, with its text.
fn rust_sources() -> Vec<(std::path::PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    out
}

/// The crate's code without its tests: test files left out, and each file cut at its first
/// `#[cfg(test)]`.
fn sources_outside_tests() -> Vec<(std::path::PathBuf, String)> {
    rust_sources()
        .into_iter()
        .filter(|(path, _)| {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            name != "tests.rs" && !name.ends_with("_tests.rs")
        })
        .map(|(path, text)| {
            let code = text
                .split("#[cfg(test)]")
                .next()
                .unwrap_or_default()
                .to_string();
            (path, code)
        })
        .collect()
}

/// A hint written as an English literal, or a problem as free English text, is never
/// translated: a French press officer would read English. Use `Message::new("…")` and a
/// typed `Problem` variant with entries in both catalogues.
#[test]
fn no_untranslated_hint_or_free_text_problem_is_left() {
    let sources = sources_outside_tests();
    assert!(sources.len() > 50, "{} files", sources.len());
    let forbidden = [".hint(\"", ".hint(format!", "Problem::Other("];
    let mut found = Vec::new();
    for (path, code) in &sources {
        // Spaces and line breaks between the call and its argument hide nothing.
        let squeezed: String = code.split_whitespace().collect();
        for pattern in forbidden {
            if squeezed.contains(pattern) {
                found.push(format!("{}: {pattern}", path.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "English left for people to read: {found:#?}"
    );
}
