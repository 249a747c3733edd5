//! The generated corpus of the issue: French communiqués (each gets a PDF) and events, every
//! file with front matter, in the proportions of the press office's archive (about 79% of
//! the releases are communiqués). Deterministic: the same size gives the same bytes.

use std::fs;
use std::path::Path;

const SUBJECTS: [&str; 8] = [
    "l'État présente sa feuille de route numérique",
    "lancement de la saison 3 de l'Accélérateur d'initiatives citoyennes",
    "bilan annuel des produits numériques interministériels",
    "la messagerie Tchap franchit un nouveau cap",
    "ouverture des données publiques : nouveaux jeux de données",
    "recrutement de la promotion « Entrepreneurs d'intérêt général »",
    "souveraineté numérique : l'État investit dans les communs",
    "accessibilité des démarches en ligne : les résultats du baromètre",
];

const PARAGRAPHS: [&str; 5] = [
    "La direction interministérielle du numérique (DINUM) accompagne les administrations dans leur transformation numérique : produits mutualisés, communs numériques, recrutement de talents et souveraineté des infrastructures.",
    "Lancé en 2021 lors du sommet du Partenariat pour un Gouvernement Ouvert, le programme a depuis accompagné neuf projets, dont [Open Food Facts](https://world.openfoodfacts.org) et [Primtux](https://primtux.fr), qui consolident leur déploiement auprès des acteurs publics territoriaux.",
    "Les équipes du département Opérateur de produits interministériels présenteront les outils open source de l'État, tels que la messagerie instantanée *Tchap* ou **Démarches simplifiées**, lors d'un tour de France des collectivités.",
    "« L'État partenaire des communs est une ambition de long terme », rappelle la directrice, qui souligne l'importance d'une action publique plus proche, plus efficace et plus juste pour tous les Français, dans tous les territoires.",
    "Cette démarche s'inscrit dans la feuille de route « une stratégie numérique au service de l'efficacité de l'action publique » et mobilise plus de 200 agents, designers, développeurs et chefs de produit.",
];

/// A communiqué of about one PDF page.
fn communique(i: usize, date: &str) -> String {
    let subject = SUBJECTS[i % SUBJECTS.len()];
    let p = |k: usize| PARAGRAPHS[(i + k) % PARAGRAPHS.len()];
    format!(
        "---\ntitle: \"Communiqué n° {i} : {subject}\"\ndate: {date}\ncategories:\n- Communiqué de presse\ntags:\n- Numérique\n- {tag}\nchapeau-text: \"{chapeau}\"\n---\n\
         Paris, le {day} {month} {year}\n\n**{lead}**\n\n{p1}\n\n### Les chiffres clés\n\n\
         * {n} projets accompagnés ;\n* six mois d'accompagnement ;\n* des communs numériques ouverts.\n\n\
         {p2}\n\n{p3}\n\n**Contact presse** : [presse@numerique.gouv.fr](mailto:presse@numerique.gouv.fr) – 01 71 21 12 50\n",
        tag = ["Communs", "Données", "Talents", "Souveraineté"][i % 4],
        chapeau = p(0).replace('"', "'"),
        day = 1 + i % 28,
        month = ["janvier", "février", "mars", "avril", "mai", "juin"][i % 6],
        year = 2015 + i % 10,
        lead = p(4),
        p1 = p(1),
        p2 = p(2),
        p3 = p(3),
        n = 3 + i % 17,
    )
}

fn event(i: usize, date: &str, start: &str) -> String {
    format!(
        "---\ntitle: \"Rencontre n° {i} autour des communs numériques\"\ndate: {date}\n\
         event_start_date: {start}\nlieu: Le Lieu de la transformation publique\n\
         adresse: 77 avenue de Ségur, 75015 Paris\nchamps_informations:\n- intitule: Horaires\n  contenu: 14h-17h30\n\
         - intitule: Modalités\n  contenu: entrée gratuite (dans la limite des places disponibles)\n---\n\
         Un après-midi d'échanges autour des communs numériques, avec les porteurs de projets lauréats.\n\n\
         ### Au programme\n\n* table ronde ;\n* rencontres avec les équipes.\n"
    )
}

/// Writes `releases` release files under `dir` (communiques/ and agenda/).
pub(crate) fn generate(dir: &Path, releases: usize) {
    for sub in ["communiques", "agenda"] {
        fs::create_dir_all(dir.join(sub)).expect("corpus folder");
    }
    for i in 0..releases {
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let year = 2015 + (i / 336) % 10;
        let date = format!("{year}-{month:02}-{day:02} 09:00:00 +01:00");
        // 19 communiqués in 24: ~79% of the releases get a PDF.
        let (path, text) = if i % 24 < 19 {
            (
                format!("communiques/communique-{i:05}.md"),
                communique(i, &date),
            )
        } else {
            let start = format!("{year}-{month:02}-{day:02} 14:00:00 +01:00");
            (
                format!("agenda/evenement-{i:05}.md"),
                event(i, &date, &start),
            )
        };
        fs::write(dir.join(path), text).expect("corpus file");
    }
}
