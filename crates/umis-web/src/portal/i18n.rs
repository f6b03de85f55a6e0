//! The portal's words: Fluent files under `crates/umis-web/locales/{az,en,ru}/`, compiled in.
//! Azerbaijani is the default; a visitor's choice (`?lang=`, then the `umis_lang` cookie, then
//! `Accept-Language`) picks another. Dates and numbers are written the reader's way.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;
use umis_domain::Date;
pub use umis_rules::Lang;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "az",
        // Fluent wraps placeables in Unicode isolation marks by default; in HTML they show up
        // as stray characters around every number and name.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// Every language of the portal, in switcher order (the default first).
pub const LANGS: [Lang; 3] = [Lang::Az, Lang::En, Lang::Ru];

static AZ: LanguageIdentifier = langid!("az");
static EN: LanguageIdentifier = langid!("en");
static RU: LanguageIdentifier = langid!("ru");

/// The language's tag (`az`, `en`, `ru`), as in `lang="…"` and `?lang=`.
pub fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::Az => "az",
        Lang::En => "en",
        Lang::Ru => "ru",
    }
}

/// The language for an exact tag of the switcher (`az`, `en`, `ru`), or none.
pub fn from_code(tag: &str) -> Option<Lang> {
    match tag {
        "az" => Some(Lang::Az),
        "en" => Some(Lang::En),
        "ru" => Some(Lang::Ru),
        _ => None,
    }
}

/// The first of the portal's languages an `Accept-Language` header names; Azerbaijani if none.
pub fn negotiate(accept_language: &str) -> Lang {
    accept_language
        .split(',')
        .filter_map(|part| part.split(';').next())
        .map(|tag| tag.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase())
        .find_map(|primary| from_code(&primary))
        .unwrap_or(Lang::Az)
}

fn id(lang: Lang) -> &'static LanguageIdentifier {
    match lang {
        Lang::Az => &AZ,
        Lang::En => &EN,
        Lang::Ru => &RU,
    }
}

/// The message `key` in `lang`; the key itself if no language has it (the completeness test
/// keeps that from shipping).
pub fn t(lang: Lang, key: &str) -> String {
    LOCALES.try_lookup(id(lang), key).unwrap_or_else(|| key.to_owned())
}

/// The message `key` in `lang` with named arguments; numbers pick Fluent's plural forms.
pub fn t_args(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(name, value)| {
            let v = match value {
                Arg::Text(s) => FluentValue::from(s.clone()),
                Arg::Number(n) => FluentValue::from(*n),
            };
            (Cow::Owned((*name).to_owned()), v)
        })
        .collect();
    LOCALES.try_lookup_with_args(id(lang), key, &map).unwrap_or_else(|| key.to_owned())
}

/// An argument of a message.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Text, shown as given (escaped by the template).
    Text(String),
    /// A number: selects plural forms.
    Number(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Number(n)
    }
}
impl From<u32> for Arg {
    fn from(n: u32) -> Arg {
        Arg::Number(i64::from(n))
    }
}

/// A date the reader's way: `28.11.2026` (az), `28 November 2026` (en), `28 ноября 2026 г.` (ru).
pub fn date(lang: Lang, d: Date) -> String {
    let (y, m, day) = d.ymd();
    match lang {
        Lang::Az => format!("{day:02}.{m:02}.{y}"),
        Lang::En | Lang::Ru => t_args(
            lang,
            "date-long",
            &[
                ("day", Arg::Number(i64::from(day))),
                ("month", t(lang, &format!("month-{m}")).into()),
                ("year", Arg::Text(y.to_string())),
            ],
        ),
    }
}

/// A whole number with the reader's digit grouping: `12.345` (az), `12,345` (en), `12 345` (ru).
pub fn number(lang: Lang, n: i64) -> String {
    let sep = match lang {
        Lang::Az => ".",
        Lang::En => ",",
        Lang::Ru => "\u{a0}",
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// An amount of money given in minor units (qəpik) with the reader's decimal mark:
/// `1.234,50 ₼` (az), `₼1,234.50` (en), `1 234,50 ₼` (ru).
pub fn money(lang: Lang, minor: i64) -> String {
    let whole = number(lang, minor / 100);
    let cents = (minor % 100).unsigned_abs();
    match lang {
        Lang::En => format!("₼{whole}.{cents:02}"),
        Lang::Az | Lang::Ru => format!("{whole},{cents:02}\u{a0}₼"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_the_readers_way() {
        assert_eq!(number(Lang::Az, 1_234_567), "1.234.567");
        assert_eq!(number(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(number(Lang::Ru, 1_234), "1\u{a0}234");
        assert_eq!(number(Lang::En, -1_000), "-1,000");
        assert_eq!(number(Lang::En, 999), "999");
        assert_eq!(number(Lang::En, 0), "0");
        assert_eq!(money(Lang::En, 123_456), "₼1,234.56");
        assert_eq!(money(Lang::Az, 5_005), "50,05\u{a0}₼");
    }

    #[test]
    fn dates_are_written_the_readers_way() {
        let d = Date::parse("2026-11-28").unwrap_or_else(|_| unreachable!());
        assert_eq!(date(Lang::Az, d), "28.11.2026");
        assert_eq!(date(Lang::En, d), "28 November 2026");
        assert_eq!(date(Lang::Ru, d), "28 ноября 2026 г.");
    }

    #[test]
    fn accept_language_picks_the_first_known_language() {
        assert_eq!(negotiate("ru-RU,ru;q=0.9,en;q=0.8"), Lang::Ru);
        assert_eq!(negotiate("de-DE,en;q=0.5"), Lang::En);
        assert_eq!(negotiate("fr"), Lang::Az);
        assert_eq!(negotiate(""), Lang::Az);
    }

    #[test]
    fn plural_forms_follow_the_language() {
        assert_eq!(t_args(Lang::Ru, "days-count", &[("count", 2i64.into())]), "2 дня");
        assert_eq!(t_args(Lang::Ru, "days-count", &[("count", 5i64.into())]), "5 дней");
        assert_eq!(t_args(Lang::En, "days-count", &[("count", 1i64.into())]), "1 day");
    }
}
