//! Dates as feeds and French readers want them, always in the configured time zone.

use crate::config::Config;
use crate::model::{Entry, Precision, PubDate};
use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Timelike};

/// The instant re-expressed in the configured zone (Europe/Paris), keeping its offset.
pub(super) fn local(at: DateTime<FixedOffset>, config: &Config) -> DateTime<FixedOffset> {
    at.with_timezone(&config.time_zone).fixed_offset()
}

/// RFC 2822 in English, as RSS requires: `Tue, 12 Sep 2023 00:00:00 +0200`.
pub(super) fn rfc2822(at: DateTime<FixedOffset>, config: &Config) -> String {
    // chrono's `to_rfc2822` writes "9 Oct"; the two-digit day is what readers and
    // validators expect most. `%a`/`%b` are always English in chrono.
    local(at, config)
        .format("%a, %d %b %Y %H:%M:%S %z")
        .to_string()
}

/// The `updated` of a feed with no entry: fixed (never the build time) so an empty
/// feed's bytes never change. Midnight, 1 January of the id authority's year.
pub(super) fn empty_feed_date(config: &Config) -> DateTime<FixedOffset> {
    let year = config
        .id_authority
        .rsplit(',')
        .next()
        .and_then(|date| date.get(..4))
        .and_then(|year| year.parse::<i32>().ok())
        .unwrap_or(2023);
    NaiveDate::from_ymd_opt(year, 1, 1)
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .and_then(|midnight| config.time_zone.from_local_datetime(&midnight).earliest())
        .map(|at| at.fixed_offset())
        .unwrap_or_default()
}

/// "12 septembre 2023", "1er mars 2024", "mai 2022", as precise as the source was.
pub(super) fn french_date(date: &PubDate, config: &Config) -> String {
    date.french(config.time_zone)
}

/// An entry's Atom `updated`: its correction date (`updated:` / `last_modified_at:`) when
/// later than its date, else its date, exactly as given: a day-precision date stays at
/// midnight, with no invented fraction of a second (the W3C validator's "same
/// atom:updated" note on such entries is honest and accepted).
pub(super) fn entry_updated(entry: &Entry) -> DateTime<FixedOffset> {
    match entry.updated {
        Some(updated) if updated.at > entry.date.at => updated.at,
        _ => entry.date.at,
    }
}

/// "14 h 00" for an instant, nothing for a day or month.
fn french_time(date: &PubDate, config: &Config) -> Option<String> {
    let at = local(date.at, config);
    (date.precision == Precision::Instant).then(|| format!("{} h {:02}", at.hour(), at.minute()))
}

/// "12 septembre 2023 à 14 h 00" (or without the time when the source gave none).
pub(super) fn french_date_time(date: &PubDate, config: &Config) -> String {
    match french_time(date, config) {
        Some(time) => format!("{} à {time}", french_date(date, config)),
        None => french_date(date, config),
    }
}

/// An event's span in French: "Le 10 mai 2023 de 14 h 00 à 17 h 30",
/// "Du 10 mai 2023 à 14 h 00 au 11 mai 2023 à 17 h 30", "Le 10 mai 2023".
pub(super) fn french_span(start: &PubDate, end: Option<&PubDate>, config: &Config) -> String {
    let Some(end) = end.filter(|end| end.at != start.at) else {
        return match start.precision {
            // "En mai 2022", never "Le 1er mai 2022" for a month the source only named.
            Precision::Month => format!("En {}", french_date(start, config)),
            _ => format!("Le {}", french_date_time(start, config)),
        };
    };
    if start.precision == Precision::Month && end.precision == Precision::Month {
        return format!(
            "De {} à {}",
            french_date(start, config),
            french_date(end, config)
        );
    }
    let same_day = local(start.at, config).date_naive() == local(end.at, config).date_naive();
    match (
        same_day,
        french_time(start, config),
        french_time(end, config),
    ) {
        (true, Some(from), Some(to)) => {
            format!("Le {} de {from} à {to}", french_date(start, config))
        }
        (true, _, _) => format!("Le {}", french_date_time(start, config)),
        (false, _, _) => format!(
            "Du {} au {}",
            french_date_time(start, config),
            french_date_time(end, config)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str, precision: Precision) -> PubDate {
        PubDate {
            at: DateTime::parse_from_rfc3339(s).unwrap(),
            precision,
        }
    }

    #[test]
    fn rss_dates_are_english_rfc2822_in_paris() {
        let c = Config::default();
        let d = DateTime::parse_from_rfc3339("2023-09-11T22:00:00Z").unwrap();
        assert_eq!(rfc2822(d, &c), "Tue, 12 Sep 2023 00:00:00 +0200");
        assert_eq!(local(d, &c).to_rfc3339(), "2023-09-12T00:00:00+02:00");
        let d = DateTime::parse_from_rfc3339("2023-01-09T08:05:00Z").unwrap();
        assert_eq!(rfc2822(d, &c), "Mon, 09 Jan 2023 09:05:00 +0100");
    }

    #[test]
    fn empty_feed_date_is_fixed() {
        let c = Config::default();
        assert_eq!(
            empty_feed_date(&c).to_rfc3339(),
            "2023-01-01T00:00:00+01:00"
        );
    }

    #[test]
    fn french_spans() {
        let c = Config::default();
        let a = date("2023-05-10T14:00:00+02:00", Precision::Instant);
        let b = date("2023-05-10T17:30:00+02:00", Precision::Instant);
        let d = date("2023-05-11T17:30:00+02:00", Precision::Instant);
        assert_eq!(
            french_span(&a, Some(&b), &c),
            "Le 10 mai 2023 de 14 h 00 à 17 h 30"
        );
        assert_eq!(
            french_span(&a, Some(&d), &c),
            "Du 10 mai 2023 à 14 h 00 au 11 mai 2023 à 17 h 30"
        );
        let first = date("2024-03-01T00:00:00+01:00", Precision::Day);
        assert_eq!(french_span(&first, None, &c), "Le 1er mars 2024");
        let month = date("2022-05-01T00:00:00+02:00", Precision::Month);
        assert_eq!(french_date(&month, &c), "mai 2022");
        assert_eq!(french_span(&month, None, &c), "En mai 2022");
        let june = date("2022-06-01T00:00:00+02:00", Precision::Month);
        assert_eq!(
            french_span(&month, Some(&june), &c),
            "De mai 2022 à juin 2022"
        );
    }
}
