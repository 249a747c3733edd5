//! Outlet names from a maintained table (`assets/outlets.tsv`: host → name), so readers see
//! "Le Monde" rather than "lemonde.fr" when the page does not name the outlet.

use crate::text::fold;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

const TABLE: &str = include_str!("../../../assets/outlets.tsv");

struct Outlets {
    by_host: HashMap<&'static str, &'static str>,
    /// Every name, folded: a link text that says "Les Echos" names an outlet.
    names: HashSet<String>,
}

static OUTLETS: LazyLock<Outlets> = LazyLock::new(|| {
    let mut by_host = HashMap::new();
    let mut names = HashSet::new();
    for line in TABLE.lines() {
        if line.starts_with('#') {
            continue;
        }
        if let Some((host, name)) = line.split_once('\t') {
            let (host, name) = (host.trim(), name.trim());
            if !host.is_empty() && !name.is_empty() {
                by_host.insert(host, name);
                names.insert(fold(name).into_owned());
            }
        }
    }
    Outlets { by_host, names }
});

/// The outlet's name for a host (`www.lemonde.fr`, `amp.lemonde.fr`, `campus.lemonde.fr` →
/// "Le Monde"): the host without its mobile/AMP prefix, then each parent domain.
pub fn name_for_host(host: &str) -> Option<&'static str> {
    let host = host.to_ascii_lowercase();
    let mut rest = host.trim_end_matches('.');
    for prefix in ["www.", "m.", "amp.", "mobile."] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest);
    }
    loop {
        if let Some(name) = OUTLETS.by_host.get(rest) {
            return Some(name);
        }
        // Stop at the registrable domain: `fr` or `gouv.fr` alone names no outlet.
        let (_, parent) = rest.split_once('.')?;
        if !parent.contains('.') {
            return None;
        }
        rest = parent;
    }
}

/// Whether `text` is the name of an outlet of the table ("Les Echos", "le monde").
pub(super) fn is_known_name(text: &str) -> bool {
    let folded = fold(text);
    !folded.is_empty() && OUTLETS.names.contains(&*folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_parents() {
        assert_eq!(name_for_host("lemonde.fr"), Some("Le Monde"));
        assert_eq!(name_for_host("www.lesechos.fr"), Some("Les Échos"));
        assert_eq!(name_for_host("start.lesechos.fr"), Some("Les Échos Start"));
        assert_eq!(name_for_host("business.lesechos.fr"), Some("Les Échos"));
        assert_eq!(name_for_host("amp.lefigaro.fr"), Some("Le Figaro"));
        assert_eq!(name_for_host("m.aefinfo.fr"), Some("AEF info"));
        assert_eq!(name_for_host("www.numerique.gouv.fr"), Some("DINUM"));
        assert_eq!(name_for_host("inconnu.gouv.fr"), None);
        assert_eq!(name_for_host("exemple.fr"), None);
        assert_eq!(name_for_host("fr"), None);
    }

    #[test]
    fn the_table_is_well_formed_and_large_enough() {
        let mut hosts = Vec::new();
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            let (host, name) = line.split_once('\t').expect("host<TAB>name");
            assert!(!name.trim().is_empty() && !name.contains('\t'), "{line}");
            assert_eq!(host, host.to_ascii_lowercase(), "{line}");
            assert!(!host.starts_with("www."), "{line}");
            hosts.push(host);
        }
        let mut sorted = hosts.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(hosts, sorted, "sorted, without duplicates");
        assert!(hosts.len() >= 60);
        for host in [
            "acteurspublics.fr",
            "aefinfo.fr",
            "next.ink",
            "localtis.info",
        ] {
            assert!(name_for_host(host).is_some(), "{host}");
        }
    }

    #[test]
    fn known_names() {
        assert!(is_known_name("Les Echos"));
        assert!(is_known_name("le monde"));
        assert!(!is_known_name("La DINUM ouvre ses données"));
    }
}
