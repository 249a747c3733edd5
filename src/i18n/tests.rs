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
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
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
