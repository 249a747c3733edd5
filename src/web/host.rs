//! Host names as people read them: `lemonde.fr` for `https://www.lemonde.fr/x`, and whether
//! a name ("Acteurs publics") reads like a host (acteurspublics.fr). Shared by the press-review
//! reader and the catalog, which learns outlet names across pages.

use crate::text::fold;
use url::Url;

/// The host as people read it: lower-case, without `www.`.
pub(crate) fn readable_host(url: &Url) -> Option<String> {
    let host = url.host_str()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// True when an outlet name reads like the host: "Acteurs publics" ~ acteurspublics.fr,
/// "Les Échos Start" ~ start.lesechos.fr, "Next" ~ next.ink. Used to learn names safely
/// ("Binaire" is a blog on lemonde.fr and must not rename Le Monde).
pub(crate) fn outlet_matches_host(outlet: &str, host: &str) -> bool {
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
    fn readable_hosts() {
        let host = |u: &str| readable_host(&Url::parse(u).unwrap());
        assert_eq!(
            host("https://WWW.LeMonde.fr/x").as_deref(),
            Some("lemonde.fr")
        );
        assert_eq!(
            host("https://start.lesechos.fr/").as_deref(),
            Some("start.lesechos.fr")
        );
        assert_eq!(host("mailto:a@b.fr"), None);
    }
}
