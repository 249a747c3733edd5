//! Lenient readers for front-matter values: the CMS and hand edits produce many spellings
//! (`Lien`/`lien`, `categorie`/`categories`, a list or a single string, a map instead of a list).

use super::keys;
use super::keys::nested;
use crate::model::{Attachment, Contact, Image};
use serde_json::{Map, Value};

/// The value of the first key present among `names`, compared case-insensitively.
pub(crate) fn get<'a>(fields: &'a Map<String, Value>, names: &[&str]) -> Option<&'a Value> {
    names.iter().find_map(|name| {
        fields
            .iter()
            .find(|(key, value)| key.eq_ignore_ascii_case(name) && !value.is_null())
            .map(|(_, value)| value)
    })
}

/// A scalar as text: whitespace collapsed, `&nbsp;` and a literal `\n` (seen in CMS titles)
/// turned into spaces. `None` when absent or blank.
pub(crate) fn text(value: Option<&Value>) -> Option<String> {
    let raw = match value? {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    let raw = raw.replace("&nbsp;", "\u{a0}").replace("\\n", " ");
    let collapsed = collapse_spaces(raw.trim());
    (!collapsed.is_empty()).then_some(collapsed)
}

/// A multi-line text kept as Markdown (only trimmed): `chapeau-text` may contain Markdown.
pub(crate) fn markdown(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => {
            let s = s.replace("&nbsp;", "\u{a0}");
            let trimmed = s.trim();
            (!trimmed.is_empty()).then(|| trimmed.to_string())
        }
        other => text(Some(other)),
    }
}

/// A list of scalars, or a single scalar, as texts.
pub(crate) fn texts(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(|v| text(Some(v))).collect(),
        Some(Value::String(s)) if s.contains(',') && !s.contains(' ') => s
            .split(',')
            .filter_map(|p| text(Some(&Value::from(p))))
            .collect(),
        other => text(other).into_iter().collect(),
    }
}

pub(crate) fn collapse_spaces(text: &str) -> String {
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

/// `contact-presse: {name, tel: [...], email}`; the issuing body and role come from the
/// site default, since the CMS only records the person.
pub(crate) fn contact(value: Option<&Value>, default: &Contact) -> Option<Contact> {
    let map = value?.as_object()?;
    let name = text(get(map, nested::CONTACT_NAME));
    let phones: Vec<String> = texts(get(map, nested::CONTACT_PHONES))
        .iter()
        .map(|p| normalise_phone(p))
        .filter(|p| !p.is_empty())
        .collect();
    let email = text(get(map, nested::CONTACT_EMAIL));
    if name.is_none() && phones.is_empty() && email.is_none() {
        return None;
    }
    Some(Contact {
        organisation: text(get(map, nested::CONTACT_ORGANISATION))
            .unwrap_or_else(|| default.organisation.clone()),
        name,
        phones,
        email,
        role: text(get(map, nested::CONTACT_ROLE)).or_else(|| default.role.clone()),
    })
}

/// French phone numbers read the same whatever the separator: `01.71.21.12.50` → `01 71 21 12 50`.
pub(crate) fn normalise_phone(phone: &str) -> String {
    let trimmed = phone.trim();
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    let only_separators = trimmed
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ' ' || c == '-');
    if digits.len() == 10 && digits.starts_with('0') && only_separators {
        let pairs: Vec<&str> = (0..5).map(|i| &digits[i * 2..i * 2 + 2]).collect();
        return pairs.join(" ");
    }
    collapse_spaces(trimmed)
}

/// `files: [{file|lien, nom}]` (or a map of them), `file:` and `communique_file:`.
pub(crate) fn attachments(fields: &Map<String, Value>) -> Vec<Attachment> {
    let mut found = Vec::new();
    let mut push = |url: Option<String>, label: Option<String>| {
        if let Some(url) = url {
            found.push(Attachment {
                label: label.unwrap_or_else(|| "Télécharger le document".into()),
                url,
            });
        }
    };
    let from_item = |item: &Value| -> (Option<String>, Option<String>) {
        match item {
            Value::Object(m) => (
                text(get(m, nested::FILE_URL)),
                text(get(m, nested::FILE_LABEL)),
            ),
            other => (text(Some(other)), None),
        }
    };
    match keys::FILES.get(fields) {
        Some(Value::Array(items)) => {
            for item in items {
                let (url, label) = from_item(item);
                push(url, label);
            }
        }
        Some(Value::Object(map)) if get(map, nested::FILE_URL).is_some() => {
            let (url, label) = from_item(&Value::Object(map.clone()));
            push(url, label);
        }
        Some(Value::Object(map)) => {
            for item in map.values() {
                let (url, label) = from_item(item);
                push(url, label);
            }
        }
        _ => {}
    }
    push(
        text(keys::COMMUNIQUE_FILE.get(fields)),
        Some("Télécharger le communiqué de presse".into()),
    );
    found.retain(|a| !a.url.ends_with("uploads/exemple.pdf"));
    found.dedup_by(|a, b| a.url == b.url);
    found
}

/// `une-ou-diaporama: [{image, alternative-textuelle}]`, `image:`.
pub(crate) fn images(fields: &Map<String, Value>) -> Vec<Image> {
    let mut found = Vec::new();
    if let Some(Value::Array(items)) = keys::IMAGES.get(fields) {
        for item in items {
            if let Value::Object(m) = item
                && let Some(url) = text(get(m, nested::IMAGE_URL))
            {
                found.push(Image {
                    url,
                    alt: text(get(m, nested::IMAGE_ALT)),
                });
            }
        }
    }
    if let Some(url) = text(keys::IMAGE.get(fields)) {
        found.push(Image { url, alt: None });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn contact_spellings() {
        let default = crate::config::dinum_contact();
        let v = json!({"name": "Floriane Beaudron", "tel": ["06.10.60.41.19", "01 71 21 12 50 "], "mail": "f@x.fr", "Key": null});
        let c = contact(Some(&v), &default).unwrap();
        assert_eq!(c.phones, ["06 10 60 41 19", "01 71 21 12 50"]);
        assert_eq!(c.email.as_deref(), Some("f@x.fr"));
        assert_eq!(c.organisation, default.organisation);
        assert_eq!(
            normalise_phone("+49 30 18 681- 22222"),
            "+49 30 18 681- 22222"
        );
    }

    #[test]
    fn attachments_as_list_map_or_single() {
        let list = json!({"files": [{"file": "/uploads/a.pdf", "nom": "A"}, {"lien": "/b.pdf"}]});
        let map =
            json!({"files": {"file": "/uploads/c.pdf", "nom": "C"}, "communique_file": "/d.pdf"});
        let a = attachments(list.as_object().unwrap());
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].url, "/b.pdf");
        let b = attachments(map.as_object().unwrap());
        assert_eq!(
            b.iter().map(|x| x.url.as_str()).collect::<Vec<_>>(),
            ["/uploads/c.pdf", "/d.pdf"]
        );
        // One attachment spelled `fichier` is one attachment, not two (its name and its
        // address): the single-map test and the item reader use the same spellings.
        let single = json!({"files": {"fichier": "/uploads/e.pdf", "nom": "E"}});
        let c = attachments(single.as_object().unwrap());
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(
            (c[0].url.as_str(), c[0].label.as_str()),
            ("/uploads/e.pdf", "E")
        );
    }

    #[test]
    fn keys_are_case_insensitive_and_titles_cleaned() {
        let v = json!({"Title": "Un\\ntitre&nbsp;:  ici"});
        assert_eq!(
            text(get(v.as_object().unwrap(), &["title"])).unwrap(),
            "Un titre\u{a0}: ici"
        );
    }
}
