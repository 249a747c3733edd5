//! Press lists written as Markdown tables (`Date | Média | Article | Accès`): the columns are
//! found by their header words, whatever their order, then by what their cells hold.

use super::links::{Link, bare_link, find_links};
use super::naming::is_generic_link_text;
use super::outlets::is_known_name;
use super::when::read_date;
use crate::text::fold;
use crate::text::plain::fragment_text;
use chrono_tz::Tz;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Date,
    Outlet,
    Title,
    Link,
    Excerpt,
    /// Access (`Payant`), topics…: kept as the entry's tags.
    Extra,
    /// Authors, row numbers: not published.
    Skip,
}

/// One cell: its text and the 1-based column where it starts.
#[derive(Debug, Clone)]
pub(super) struct Cell {
    pub text: String,
    pub column: usize,
}

/// A table found in the page: where it is and what its columns hold.
#[derive(Debug)]
pub(super) struct Table {
    /// Index (0-based, in the page's lines) of the header row.
    pub first: usize,
    /// Index after the last row.
    pub end: usize,
    pub roles: Vec<Role>,
    /// (line index, cells) of each data row.
    pub rows: Vec<(usize, Vec<Cell>)>,
}

/// A row read through the columns' roles.
#[derive(Debug, Default)]
pub(super) struct Row {
    pub date_text: Option<String>,
    pub outlet: Option<String>,
    /// The title written in the row, if any.
    pub title: Option<String>,
    pub link: Option<Link>,
    /// Column of the link (or of the row's first cell).
    pub column: usize,
    /// Column of the date cell, where a missing or wrong date is to be fixed.
    pub date_column: Option<usize>,
    pub excerpt: Option<String>,
    pub tags: Vec<String>,
}

/// Splits `| a | b |` (pipes at the ends optional) into cells; `\|` and a `|` inside a link's
/// `(…)` do not split.
fn cells(line: &str) -> Vec<Cell> {
    let mut out = Vec::new();
    let trimmed = line.trim_end();
    let mut start = line.len() - line.trim_start().len();
    if trimmed[start..].starts_with('|') {
        start += 1;
    }
    let body_end = if trimmed.len() > start && trimmed.ends_with('|') && !trimmed.ends_with("\\|") {
        trimmed.len() - 1
    } else {
        trimmed.len()
    };
    let mut cell_start = start;
    let mut in_dest = false;
    let mut prev = ' ';
    let mut escaped = false;
    let bytes_end = body_end.max(start);
    for (i, c) in line[start..bytes_end].char_indices() {
        let at = start + i;
        match c {
            '(' if prev == ']' => in_dest = true,
            ')' if in_dest => in_dest = false,
            '|' if !in_dest && !escaped => {
                out.push(cell(line, cell_start, at));
                cell_start = at + 1;
            }
            _ => {}
        }
        escaped = c == '\\' && !escaped;
        prev = c;
    }
    out.push(cell(line, cell_start, bytes_end));
    out
}

fn cell(line: &str, from: usize, to: usize) -> Cell {
    let raw = &line[from..to];
    let lead = raw.len() - raw.trim_start().len();
    Cell {
        text: raw.trim().replace("\\|", "|"),
        column: line[..from + lead].chars().count() + 1,
    }
}

/// `|:---|---:|` or `--- | ---`: the row under a table's header.
fn is_delimiter(line: &str) -> bool {
    let t = line.trim();
    if !t.contains('-') {
        return false;
    }
    let cs = cells(line);
    cs.len() >= 2
        && cs.iter().all(|c| {
            let s = c.text.trim_matches(':');
            !s.is_empty() && s.chars().all(|ch| ch == '-')
        })
}

fn role_of_header(header: &str) -> Option<Role> {
    let h = fold(&fragment_text(header)).into_owned();
    let has = |words: &[&str]| {
        words
            .iter()
            .any(|w| h == *w || h.split(' ').any(|x| x == *w))
    };
    if has(&[
        "auteur",
        "auteurs",
        "journaliste",
        "author",
        "authors",
        "signature",
        "n",
        "no",
        "num",
        "numero",
        "id",
    ]) || h.is_empty() && header.contains('#')
    {
        Some(Role::Skip)
    } else if has(&[
        "acces",
        "access",
        "theme",
        "themes",
        "thematique",
        "tags",
        "tag",
        "categorie",
        "categories",
        "type",
        "format",
        "langue",
        "language",
        "payant",
        "gratuit",
    ]) {
        Some(Role::Extra)
    } else if h.contains("titre de presse")
        || has(&[
            "media",
            "medias",
            "site",
            "outlet",
            "source",
            "journal",
            "support",
            "editeur",
            "organe",
            "magazine",
            "newspaper",
            "revue",
            "radio",
            "chaine",
        ])
    {
        Some(Role::Outlet)
    } else if has(&[
        "date", "jour", "parution", "paru", "publie", "when", "day", "mois", "month",
    ]) {
        Some(Role::Date)
    } else if has(&[
        "titre", "article", "articles", "title", "intitule", "sujet", "headline", "objet",
    ]) {
        Some(Role::Title)
    } else if has(&["lien", "liens", "url", "link", "links", "adresse"]) {
        Some(Role::Link)
    } else if has(&[
        "extrait",
        "resume",
        "citation",
        "excerpt",
        "summary",
        "description",
        "chapo",
        "chapeau",
        "quote",
    ]) {
        Some(Role::Excerpt)
    } else {
        None
    }
}

fn has_link(text: &str) -> bool {
    !find_links(text).is_empty() || bare_link(text).is_some()
}

/// The columns' roles: header words first; `Publication` and unnamed columns by their cells.
fn roles(header: &[Cell], rows: &[(usize, Vec<Cell>)], tz: Tz) -> Vec<Role> {
    let column = |i: usize| {
        rows.iter()
            .filter_map(move |(_, r)| r.get(i))
            .filter(|c| !c.text.is_empty())
    };
    let share = |i: usize, test: &dyn Fn(&str) -> bool| {
        let (n, yes) = column(i).fold((0, 0), |(n, y), c| (n + 1, y + usize::from(test(&c.text))));
        n > 0 && yes * 2 >= n
    };
    let mut roles: Vec<Option<Role>> = header.iter().map(|c| role_of_header(&c.text)).collect();
    for (i, role) in roles.iter_mut().enumerate() {
        let dates = share(i, &|t| read_date(&fragment_text(t), tz).is_some());
        match role {
            // "Publication" names a date or an outlet: the cells say which.
            _ if fold(&header[i].text) == "publication" => {
                *role = Some(if dates { Role::Date } else { Role::Outlet });
            }
            None if dates => *role = Some(Role::Date),
            None if share(i, &has_link) => *role = Some(Role::Link),
            _ => {}
        }
    }
    // An unnamed column of outlet names (`Le Monde`, `Les Echos`) when no header said "média".
    if !roles.contains(&Some(Role::Outlet)) {
        let names = |t: &str| is_known_name(&fragment_text(t));
        if let Some(i) = (0..roles.len()).find(|&i| roles[i].is_none() && share(i, &names)) {
            roles[i] = Some(Role::Outlet);
        }
    }
    // Two date columns (`Date | Date de mise à jour`): the first is the publication.
    let mut seen_date = false;
    roles
        .into_iter()
        .map(|r| match r {
            Some(Role::Date) if seen_date => Role::Extra,
            Some(Role::Date) => {
                seen_date = true;
                Role::Date
            }
            Some(r) => r,
            None => Role::Extra,
        })
        .collect()
}

/// Every table of the page that lists articles (a link or a date column).
pub(super) fn find(lines: &[&str], tz: Tz) -> Vec<Table> {
    let mut out = Vec::new();
    let mut fence = false;
    let mut i = 0;
    while i + 1 < lines.len() {
        let t = lines[i].trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
        }
        if fence || !lines[i].contains('|') || !is_delimiter(lines[i + 1]) {
            i += 1;
            continue;
        }
        let header = cells(lines[i]);
        let mut end = i + 2;
        let mut rows = Vec::new();
        while end < lines.len() && lines[end].contains('|') && !lines[end].trim().is_empty() {
            rows.push((end, cells(lines[end])));
            end += 1;
        }
        let roles = roles(&header, &rows, tz);
        let lists_articles = roles.iter().any(|r| matches!(r, Role::Link | Role::Title))
            && rows
                .iter()
                .any(|(_, r)| r.iter().any(|c| has_link(&c.text)));
        if lists_articles {
            out.push(Table {
                first: i,
                end,
                roles,
                rows,
            });
        }
        i = end;
    }
    out
}

fn first_link(cell: &Cell) -> Option<(Link, usize)> {
    let link = find_links(&cell.text)
        .into_iter()
        .find(|l| !l.image)
        .or_else(|| bare_link(&cell.text))?;
    let column = cell.column + cell.text[..link.start].chars().count();
    Some((link, column))
}

/// Reads one row through the table's roles.
pub(super) fn read_row(roles: &[Role], cells: &[Cell]) -> Row {
    let mut row = Row {
        column: cells.first().map_or(1, |c| c.column),
        ..Row::default()
    };
    let mut title_cell = None;
    let mut link_cells = Vec::new();
    for (role, cell) in roles.iter().zip(cells) {
        if *role == Role::Date {
            row.date_column = Some(cell.column);
        }
        let text = fragment_text(&cell.text);
        if cell.text.trim().is_empty() {
            continue;
        }
        match role {
            Role::Date => row.date_text = Some(text).filter(|t| !t.is_empty()),
            Role::Outlet => {
                // `Les Echos<br>(abonnés)`: the name is the first line.
                let first = cell.text.split("<br").next().unwrap_or_default();
                let name = match find_links(first).first() {
                    Some(l) if !fragment_text(&l.text).is_empty() => fragment_text(&l.text),
                    _ => fragment_text(first),
                };
                row.outlet = Some(name).filter(|t| !t.is_empty());
            }
            // Two title-like columns: the first is the title.
            Role::Title if title_cell.is_none() => {
                title_cell = Some(cell);
                link_cells.insert(0, cell);
            }
            Role::Title => link_cells.push(cell),
            Role::Link => link_cells.push(cell),
            Role::Excerpt => row.excerpt = Some(text).filter(|t| !t.is_empty()),
            Role::Skip => {}
            // A sentence is no tag: it is the article's excerpt when none is given.
            Role::Extra if text.chars().count() > 60 => {
                row.excerpt.get_or_insert(text);
            }
            // Access, topics: tags; a row number (`N°`) or an address is not one.
            Role::Extra => row.tags.extend(
                text.split([',', ';'])
                    .map(str::trim)
                    .filter(|t| {
                        t.chars().any(char::is_alphabetic)
                            && !t.contains("://")
                            && read_date(t, chrono_tz::UTC).is_none()
                            && !matches!(*t, "n/a" | "N/A")
                    })
                    .map(str::to_string),
            ),
        }
    }
    // `| [Le Monde](https://…/article) | Titre |`: the link may sit in any cell.
    let own = link_cells.iter().copied().find_map(first_link);
    let elsewhere = own.is_none();
    let found = own.or_else(|| cells.iter().find_map(first_link));
    if let Some((link, column)) = found {
        // A link found in another cell (the outlet's) has that cell's words, not the title.
        let link_text = if elsewhere {
            String::new()
        } else {
            fragment_text(&link.text)
        };
        let written = title_cell.map(|c| {
            // The title cell without its links: `Titre [lire](url)` → "Titre".
            let mut t = c.text.clone();
            for l in find_links(&c.text).iter().rev() {
                t.replace_range(l.start..l.end, "");
            }
            fragment_text(&t)
        });
        row.title = if is_generic_link_text(&link_text) {
            written.filter(|t| !t.is_empty())
        } else {
            Some(link_text)
        };
        row.column = column;
        row.link = Some(link);
    } else {
        row.title = title_cell.map(|c| fragment_text(&c.text));
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Paris;

    #[test]
    fn splits_cells() {
        let c = cells("| a | [t](https://x.fr/a|b) | c \\| d |");
        let texts: Vec<&str> = c.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["a", "[t](https://x.fr/a|b)", "c | d"]);
        assert_eq!(c[1].column, 7);
        let c = cells("a|b");
        assert_eq!(c.len(), 2);
        assert!(is_delimiter("|:---:|---|"));
        assert!(is_delimiter("--- | ---:"));
        assert!(!is_delimiter("| a | b |"));
    }

    #[test]
    fn columns_by_header_and_by_cells() {
        let lines = [
            "Accès à l'article | Article | Publication | Média | N° | Auteur | Mis à jour le",
            ":-: | --- | --- | --- | -: | --- | ---",
            "Payant | [T](https://a.fr/t) | 12/03/2019 | Le Monde | 3 | Jean Dupont | 13 mars 2019",
        ];
        let t = &find(&lines, Paris)[0];
        assert_eq!(
            t.roles,
            [
                Role::Extra,
                Role::Title,
                Role::Date,
                Role::Outlet,
                Role::Skip,
                Role::Skip,
                Role::Extra
            ]
        );
        let row = read_row(&t.roles, &t.rows[0].1);
        assert_eq!(row.tags, ["Payant"]);
        assert_eq!(row.title.as_deref(), Some("T"));
        assert_eq!(row.column, 10);
        // A table without links is not a press list.
        assert!(find(&["| a | b |", "|---|---|", "| 1 | 2 |"], Paris).is_empty());
    }
}
