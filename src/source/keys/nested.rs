//! Keys inside a key's value, with their aliases, name first, in the order they are tried:
//! `contact-presse: {nom, tel, email}`, `files: [{file, nom}]`, `une-ou-diaporama: [{image,
//! alternative-textuelle}]`, `champs_informations: [{intitule, contenu, lien}]` and the
//! articles listed under `communiques: [{title, date, url}]`. Like the table of top-level
//! keys, this is the only place that spells them.

/// The spellings of one nested key, as `fields::get` takes them.
pub(crate) type Spellings = &'static [&'static str];

pub(crate) const CONTACT_NAME: Spellings = &["name", "nom"];
pub(crate) const CONTACT_PHONES: Spellings = &["tel", "tél", "telephone", "phone"];
pub(crate) const CONTACT_EMAIL: Spellings = &["email", "mail", "e-mail", "courriel", "mel", "mél"];
pub(crate) const CONTACT_ORGANISATION: Spellings = &["organisation", "organisme", "structure"];
pub(crate) const CONTACT_ROLE: Spellings = &["role", "fonction"];

pub(crate) const FILE_URL: Spellings = &["file", "lien", "url", "fichier"];
pub(crate) const FILE_LABEL: Spellings = &["nom", "name", "titre", "label"];

pub(crate) const IMAGE_URL: Spellings = &["image"];
pub(crate) const IMAGE_ALT: Spellings = &["alternative-textuelle", "alt", "legende"];

pub(crate) const FIELD_LABEL: Spellings = &["intitule", "titre"];
pub(crate) const FIELD_CONTENT: Spellings = &["contenu", "texte"];
pub(crate) const FIELD_LINK: Spellings = &["lien", "url"];

pub(crate) const ARTICLE_TITLE: Spellings = &["title", "titre", "name"];
pub(crate) const ARTICLE_URL: Spellings = &["url", "lien", "link", "href"];
pub(crate) const ARTICLE_DATE: Spellings = &["date", "publication", "published"];
pub(crate) const ARTICLE_OUTLET: Spellings =
    &["outlet", "media", "média", "source", "journal", "site"];
pub(crate) const ARTICLE_EXCERPT: Spellings = &["excerpt", "extrait", "description", "resume"];
