//! Revue de presse pages: one Markdown page lists many articles; each becomes an entry.
