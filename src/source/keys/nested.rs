//! Keys inside a key's value, with their aliases, name first, in the order they are tried:
//! `contact-presse: {nom, tel, email}`, `files: [{file, nom}]`, `une-ou-diaporama: [{image,
//! alternative-textuelle}]`, `champs_informations: [{intitule, contenu, lien}]` and the
//! articles listed under `communiques: [{title, date, url}]`. Like the table of top-level
//! keys, this is the only place that spells them.

/// The spellings of one nested key, as `fields::get` takes them.
pub type Spellings = &'static [&'static str];

pub const CONTACT_NAME: Spellings = &["name", "nom"];
pub const CONTACT_PHONES: Spellings = &["tel", "tél", "telephone", "phone"];
pub const CONTACT_EMAIL: Spellings = &["email", "mail", "e-mail", "courriel", "mel", "mél"];
pub const CONTACT_ORGANISATION: Spellings = &["organisation", "organisme", "structure"];
pub const CONTACT_ROLE: Spellings = &["role", "fonction"];

pub const FILE_URL: Spellings = &["file", "lien", "url", "fichier"];
pub const FILE_LABEL: Spellings = &["nom", "name", "titre", "label"];

pub const IMAGE_URL: Spellings = &["image"];
pub const IMAGE_ALT: Spellings = &["alternative-textuelle", "alt", "legende"];

pub const FIELD_LABEL: Spellings = &["intitule", "titre"];
pub const FIELD_CONTENT: Spellings = &["contenu", "texte"];
pub const FIELD_LINK: Spellings = &["lien", "url"];

pub const ARTICLE_TITLE: Spellings = &["title", "titre", "name"];
pub const ARTICLE_URL: Spellings = &["url", "lien", "link", "href"];
pub const ARTICLE_DATE: Spellings = &["date", "publication", "published"];
pub const ARTICLE_OUTLET: Spellings = &["outlet", "media", "média", "source", "journal", "site"];
pub const ARTICLE_EXCERPT: Spellings = &["excerpt", "extrait", "description", "resume"];
