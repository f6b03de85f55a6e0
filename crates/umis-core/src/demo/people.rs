//! Nationalities, travel documents and the people who carry them.
//!
//! The mix follows the shape of Azerbaijan's real traffic: Russia, Türkiye, Iran and Georgia
//! first, land crossings for the neighbours, e-visas for most of the rest. Document numbers
//! follow each issuing state's pattern and are derived from the traveller's index through a
//! bijection, so they are unique per issuing state without remembering the ones already used.

use super::names::{Group, feminine, pick, spelling};
use rand::Rng;
use umis_domain::Date;

/// How a nationality enters Azerbaijan without a permit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Regime {
    /// 90 days per stay (CIS, Georgia, Türkiye).
    VisaFree,
    /// ASAN e-visa, 30 days.
    EVisa,
    /// Consular visa.
    Visa,
}

/// Which land or sea border a nationality uses besides the airports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Land {
    Air,
    Russia,
    Georgia,
    Iran,
    Nakhchivan,
    Caspian,
}

/// A nationality of the demo population.
pub(super) struct Nationality {
    pub code: &'static str,
    weight: u32,
    names: Group,
    /// A second name group and its share in percent (minorities, diaspora).
    other: Option<(Group, u32)>,
    /// Percent of documents whose names are printed in the native script.
    native_pct: u32,
    pub regime: Regime,
    /// Passport number pattern: `A` a letter, `9` a digit, `X` either, anything else literal.
    pub doc: &'static str,
    /// The state that issues the document (differs for stateless persons).
    pub issuer: &'static str,
    pub land: Land,
    /// Percent of trips over land or sea rather than by air.
    pub land_pct: u32,
    /// Percent travelling on an identity card rather than a passport.
    id_pct: u32,
}

#[expect(clippy::too_many_arguments, reason = "one row of a table")]
const fn nat(
    code: &'static str,
    weight: u32,
    names: Group,
    other: Option<(Group, u32)>,
    native_pct: u32,
    regime: Regime,
    doc: &'static str,
    land: (Land, u32),
) -> Nationality {
    Nationality {
        code,
        weight,
        names,
        other,
        native_pct,
        regime,
        doc,
        issuer: code,
        land: land.0,
        land_pct: land.1,
        id_pct: 0,
    }
}

use Group as G;
use Land as L;
use Regime as R;

const AIR: (Land, u32) = (L::Air, 0);

/// The nationalities, with their weights in the traffic (per mille, roughly).
pub(super) const NATIONALITIES: &[Nationality] = &[
    nat("RUS", 190, G::Russian, Some((G::Azerbaijani, 12)), 65, R::VisaFree, "799999999", (L::Russia, 30)),
    nat("TUR", 130, G::Turkish, Some((G::Azerbaijani, 8)), 0, R::VisaFree, "U99999999", (L::Nakhchivan, 8)),
    nat("IRN", 90, G::Persian, Some((G::Azerbaijani, 25)), 0, R::EVisa, "A99999999", (L::Iran, 55)),
    Nationality {
        id_pct: 20,
        ..nat(
            "GEO",
            85,
            G::Georgian,
            Some((G::Azerbaijani, 35)),
            0,
            R::VisaFree,
            "99AA99999",
            (L::Georgia, 55),
        )
    },
    nat("IND", 55, G::Indian, None, 0, R::EVisa, "A9999999", AIR),
    nat("SAU", 40, G::Arabic, None, 0, R::EVisa, "A9999999", AIR),
    nat("PAK", 40, G::SouthAsian, None, 0, R::EVisa, "AA9999999", AIR),
    nat("UKR", 30, G::Ukrainian, Some((G::Azerbaijani, 6)), 50, R::VisaFree, "AA999999", AIR),
    nat("KAZ", 30, G::CentralAsian, Some((G::Russian, 20)), 40, R::VisaFree, "N99999999", (L::Caspian, 12)),
    nat("UZB", 25, G::CentralAsian, None, 20, R::VisaFree, "AA9999999", AIR),
    nat("IRQ", 25, G::Arabic, None, 0, R::EVisa, "A99999999", AIR),
    nat("CHN", 25, G::Chinese, None, 10, R::EVisa, "E99999999", AIR),
    nat("ARE", 20, G::Arabic, None, 0, R::EVisa, "A9999999", AIR),
    nat("GBR", 20, G::English, None, 0, R::EVisa, "999999999", AIR),
    nat("ISR", 20, G::Hebrew, Some((G::Russian, 25)), 0, R::EVisa, "99999999", AIR),
    nat("DEU", 18, G::German, Some((G::Turkish, 10)), 0, R::EVisa, "CXXXXXXXX", AIR),
    nat("USA", 18, G::English, None, 0, R::EVisa, "A99999999", AIR),
    nat("TKM", 10, G::CentralAsian, None, 30, R::Visa, "A9999999", (L::Caspian, 25)),
    nat("KWT", 10, G::Arabic, None, 0, R::EVisa, "A99999999", AIR),
    nat("BGD", 10, G::SouthAsian, None, 0, R::Visa, "A99999999", AIR),
    nat("FRA", 10, G::French, None, 0, R::EVisa, "99AA99999", AIR),
    nat("ITA", 10, G::Italian, None, 0, R::EVisa, "AA9999999", AIR),
    nat("BLR", 8, G::Russian, None, 60, R::VisaFree, "AA9999999", AIR),
    nat("KGZ", 8, G::CentralAsian, None, 50, R::VisaFree, "AC9999999", AIR),
    nat("TJK", 8, G::CentralAsian, Some((G::Persian, 20)), 50, R::VisaFree, "999999999", AIR),
    nat("QAT", 8, G::Arabic, None, 0, R::EVisa, "99999999", AIR),
    nat("EGY", 8, G::Arabic, None, 0, R::EVisa, "A99999999", AIR),
    nat("AFG", 6, G::Persian, None, 0, R::Visa, "P99999999", AIR),
    nat("KOR", 6, G::Korean, None, 0, R::EVisa, "M99999999", AIR),
    nat("POL", 6, G::Polish, None, 0, R::EVisa, "AA9999999", AIR),
    nat("JPN", 5, G::Japanese, None, 0, R::EVisa, "AA9999999", AIR),
    nat("JOR", 5, G::Arabic, None, 0, R::EVisa, "A9999999", AIR),
    nat("SYR", 5, G::Arabic, None, 0, R::Visa, "N99999999", AIR),
    nat("CAN", 4, G::English, Some((G::French, 20)), 0, R::EVisa, "AA999999", AIR),
    nat("AUT", 3, G::German, None, 0, R::EVisa, "A9999999", AIR),
    Nationality {
        issuer: "AZE",
        ..nat("XXA", 3, G::Azerbaijani, Some((G::Russian, 30)), 0, R::EVisa, "AS9999999", AIR)
    },
];

/// Picks a nationality by its weight.
pub(super) fn nationality(rng: &mut impl Rng) -> &'static Nationality {
    let total: u32 = NATIONALITIES.iter().map(|n| n.weight).sum();
    let mut x = rng.random_range(0..total);
    for n in NATIONALITIES {
        if x < n.weight {
            return n;
        }
        x -= n.weight;
    }
    &NATIONALITIES[0]
}

/// A traveller as the border sees them.
pub(super) struct Person {
    pub nat: &'static Nationality,
    pub doc_type: &'static str,
    pub doc_number: String,
    pub expiry: Option<Date>,
    pub surname: String,
    pub given_names: Option<String>,
    pub date_of_birth: String,
    pub sex: &'static str,
}

/// Multiplier of the document-number bijection: a prime, so coprime with every capacity
/// (whose only factors are 2, 3, 5 and 13).
const SCRAMBLE: u128 = 2_654_435_761;

/// The document number of traveller `index` under `pattern`; distinct indexes below the
/// pattern's capacity (at least 10^7 for every pattern) give distinct numbers.
pub(super) fn document_number(pattern: &str, index: u64, offset: u64) -> String {
    const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const ALNUM: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let alphabet = |c: u8| match c {
        b'A' => Some(LETTERS),
        b'9' => Some(&b"0123456789"[..]),
        b'X' => Some(ALNUM),
        _ => None,
    };
    let capacity: u128 = pattern.bytes().filter_map(alphabet).map(|a| a.len() as u128).product();
    let mut j = (u128::from(index) * SCRAMBLE + u128::from(offset)) % capacity;
    let mut out = pattern.as_bytes().to_vec();
    for slot in out.iter_mut().rev() {
        if let Some(a) = alphabet(*slot) {
            let radix = a.len() as u128;
            *slot = a[(j % radix) as usize];
            j /= radix;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The smallest capacity of any pattern: the most travellers one demo can hold.
pub(super) const MAX_TRAVELLERS: usize = 10_000_000;

/// Nationalities whose documents often lack a known day or month of birth.
const UNKNOWN_BIRTH_DAYS: &[&str] = &["AFG", "PAK", "BGD", "SYR", "IRQ", "XXA"];

/// Draws traveller number `index`.
pub(super) fn person(rng: &mut impl Rng, index: u64, offset: u64, as_of: Date) -> Person {
    let nat = nationality(rng);
    let group = match nat.other {
        Some((g, pct)) if rng.random_range(0..100) < pct => g,
        _ => nat.names,
    };
    let pool = group.pool();
    let native = rng.random_range(0..100) < nat.native_pct;
    let female = rng.random_range(0..100) < 38;
    let sex = if matches!(nat.code, "DEU" | "GBR" | "USA" | "CAN") && rng.random_range(0..1000) == 0 {
        "X"
    } else if female {
        "F"
    } else {
        "M"
    };
    let base = spelling(pick(pool.surnames, rng), native);
    let surname = if female && pool.gendered { feminine(base) } else { base.to_owned() };
    let givens = if female { pool.female } else { pool.male };
    // Russian, Central Asian, East Asian and Georgian passports carry one given name.
    let doubles = !matches!(
        group,
        Group::Russian
            | Group::Ukrainian
            | Group::CentralAsian
            | Group::Chinese
            | Group::Korean
            | Group::Japanese
            | Group::Georgian
    );
    let first = spelling(pick(givens, rng), native);
    let given_names = match rng.random_range(0..100) {
        0..3 if matches!(nat.code, "IND" | "PAK" | "AFG") => None,
        0..10 if doubles => {
            let second = spelling(pick(givens, rng), native);
            Some(if second == first { first.to_owned() } else { format!("{first} {second}") })
        }
        _ => Some(first.to_owned()),
    };
    let age = if rng.random_range(0..100) < 8 { rng.random_range(1..18) } else { rng.random_range(18..79) };
    let birth = as_of.add_days(-(age * 365 + rng.random_range(0..365)));
    let (y, m, d) = birth.ymd();
    let date_of_birth = match rng.random_range(0..100) {
        0..4 if UNKNOWN_BIRTH_DAYS.contains(&nat.code) => format!("{y:04}-00-00"),
        4 if UNKNOWN_BIRTH_DAYS.contains(&nat.code) => format!("{y:04}-{m:02}-00"),
        _ => format!("{y:04}-{m:02}-{d:02}"),
    };
    let id_card = rng.random_range(0..100) < nat.id_pct;
    let doc_type = if id_card { "ID" } else { "P" };
    let expiry = (rng.random_range(0..100) >= 5).then(|| as_of.add_days(rng.random_range(40..3600)));
    Person {
        nat,
        doc_type,
        doc_number: document_number(nat.doc, index, offset),
        expiry,
        surname,
        given_names,
        date_of_birth,
        sex,
    }
}
