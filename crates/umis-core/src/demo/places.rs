//! Border crossing points and addresses of places of stay.
//!
//! Real border codes (the GYD and GANJA airports, the land points on the Russian, Georgian and
//! Iranian borders, the Alat sea port) keep the demo recognisable to an officer; addresses are
//! written the way hosts file them, in Azerbaijani with its letters, with commas and the odd
//! quoted hotel name, so that every CSV quoting path is exercised by ordinary data.

use super::names::pick;
use super::people::Land;
use rand::Rng;

/// Airports, by share of air traffic (per cent).
const AIRPORTS: &[(&str, u32)] = &[("GYD", 86), ("GANJA", 5), ("NAJ", 4), ("GBB", 2), ("ZTU", 2), ("LLK", 1)];

fn weighted(list: &[(&'static str, u32)], rng: &mut impl Rng) -> &'static str {
    let total: u32 = list.iter().map(|p| p.1).sum();
    let mut x = rng.random_range(0..total.max(1));
    for &(name, w) in list {
        if x < w {
            return name;
        }
        x -= w;
    }
    list.first().map_or("GYD", |p| p.0)
}

/// The border point of one trip, and whether it is an airport (open day and night).
pub(super) fn border_point(land: Land, land_pct: u32, rng: &mut impl Rng) -> (&'static str, bool) {
    if rng.random_range(0..100) >= land_pct {
        return (weighted(AIRPORTS, rng), true);
    }
    let point = match land {
        Land::Air => weighted(AIRPORTS, rng),
        Land::Russia => "SAMUR",
        Land::Georgia => weighted(&[("KRASNY", 75), ("BALAKAN", 25)], rng),
        Land::Iran => weighted(&[("ASTARA", 55), ("BILASUVAR", 35), ("SHAHTAKHTI", 5), ("CULFA", 5)], rng),
        Land::Nakhchivan => "SADARAK",
        Land::Caspian => "ALAT",
    };
    (point, land == Land::Air)
}

/// Seconds after local midnight of a border check: airports work around the clock, land
/// points mostly by day.
pub(super) fn time_of_day(airport: bool, rng: &mut impl Rng) -> u32 {
    if airport { rng.random_range(0..86_400) } else { rng.random_range(6 * 3600..22 * 3600) }
}

const BAKU_DISTRICTS: &str = "Nəsimi,Yasamal,Səbail,Nərimanov,Xətai,Binəqədi,Nizami,Xəzər,Sabunçu,Suraxanı";
const BAKU_STREETS: &str = concat!(
    "Füzuli küç.,Azadlıq pr.,Neftçilər pr.,Atatürk pr.,Həsən bəy Zərdabi küç.,Nizami küç.,",
    "Üzeyir Hacıbəyov küç.,Şəmsi Bədəlbəyli küç.,Cəfər Cabbarlı küç.,Səməd Vurğun küç.,",
    "Bülbül pr.,Rəşid Behbudov küç.,Zərifə Əliyeva küç.,İnşaatçılar pr.,Təbriz küç."
);
const HOTELS: &str = concat!(
    "\"Qafqaz Point\" oteli,\"Şirvanşah\" butik otel,Hilton Baku,\"Nizami\" mehmanxanası,",
    "Park Inn by Radisson,\"Ağ Şəhər\" oteli,Holiday Inn Baku,\"Qala\" hostel"
);

/// Cities outside Baku with a typical street and the Baku-style district omitted.
const CITIES: &[(&str, &str, u32)] = &[
    ("Gəncə şəh.", "Cavad xan küç.,Atatürk pr.,Heydər Əliyev pr.,Şah İsmayıl Xətai pr.", 8),
    ("Sumqayıt şəh.", "Sülh küç.,Nizami küç.,Azadlıq pr.,Cavid küç.", 6),
    ("Lənkəran şəh.", "Hüseyn Əliyev küç.,Mirzə Fətəli Axundov küç.", 3),
    ("Şəki şəh.", "Məmməd Əmin Rəsulzadə pr.,Şəhriyar küç.", 3),
    ("Qəbələ ray.", "Qutqaşınlı küç.,Heydər Əliyev pr.", 3),
    ("Naxçıvan şəh.", "Atatürk küç.,Heydər Əliyev pr.", 3),
    ("Mingəçevir şəh.", "Yasamal küç.,Dilarə Əliyeva küç.", 2),
    ("Quba şəh.", "Ərəblinski küç.,Xaqani küç.", 2),
];

/// The host kinds of registrations and their shares for a long stay (per cent).
pub(super) fn host_kind(rng: &mut impl Rng) -> &'static str {
    weighted(&[("hotel", 40), ("private", 38), ("self", 15), ("other", 7)], rng)
}

/// A full address of a place of stay, in the form its host writes it.
pub(super) fn address(host: &str, rng: &mut impl Rng) -> String {
    let house = rng.random_range(1..180);
    let letter = if rng.random_range(0..8) == 0 { "A" } else { "" };
    let in_baku = rng.random_range(0..100) < 70;
    if host == "hotel" {
        let hotel = pick(HOTELS, rng);
        let city = if in_baku { "Bakı şəh." } else { CITIES[rng.random_range(0..CITIES.len())].0 };
        return format!("{hotel}, {} {house}{letter}, {city}", pick(BAKU_STREETS, rng));
    }
    let flat = rng.random_range(1..220);
    let postal = if rng.random_range(0..4) == 0 {
        format!("AZ{}, ", 1000 + rng.random_range(0..100) * 10)
    } else {
        String::new()
    };
    if in_baku {
        let district = pick(BAKU_DISTRICTS, rng);
        let street = pick(BAKU_STREETS, rng);
        return format!("{postal}Bakı şəh., {district} r-nu, {street} {house}{letter}, mən. {flat}");
    }
    let total: u32 = CITIES.iter().map(|c| c.2).sum();
    let mut x = rng.random_range(0..total);
    let mut chosen = CITIES[0];
    for &c in CITIES {
        if x < c.2 {
            chosen = c;
            break;
        }
        x -= c.2;
    }
    let (city, streets, _) = chosen;
    if city.starts_with("Sumqayıt") && rng.random_range(0..2) == 0 {
        let block = pick("1-ci,3-cü,5-ci,8-ci,9-cu,11-ci,17-ci", rng);
        return format!("{postal}{city}, {block} mkr., ev {house}, mən. {flat}");
    }
    format!("{postal}{city}, {} {house}{letter}, mən. {flat}", pick(streets, rng))
}
