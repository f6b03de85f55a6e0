//! Unit tests of the demo generator: unique documents, the planted shares, the spellings.

use super::names::feminine;
use super::people::{NATIONALITIES, document_number};
use super::*;
use std::collections::HashSet;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn spec(travellers: usize, seed: u64) -> Result<DemoSpec, Box<dyn std::error::Error>> {
    Ok(DemoSpec { travellers, seed, as_of: Date::parse("2026-07-10")? })
}

#[test]
fn document_numbers_are_unique_and_well_formed() {
    for nat in NATIONALITIES {
        let mut seen = HashSet::new();
        for i in 0..20_000 {
            let n = document_number(nat.doc, i, 987_654_321);
            assert!(n.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()), "{n}");
            assert!((1..=20).contains(&n.len()));
            assert!(seen.insert(n), "{} repeats", nat.code);
        }
    }
}

#[test]
fn female_surnames_take_their_ending() {
    assert_eq!(feminine("ИВАНОВ"), "ИВАНОВА");
    assert_eq!(feminine("MƏMMƏDOV"), "MƏMMƏDOVA");
    assert_eq!(feminine("КОВАЛЕВСКИЙ"), "КОВАЛЕВСКАЯ");
    assert_eq!(feminine("KOWALSKI"), "KOWALSKA");
    assert_eq!(feminine("NOWAK"), "NOWAK");
}

#[test]
fn there_are_enough_nationalities() {
    let codes: HashSet<_> = NATIONALITIES.iter().map(|n| n.code).collect();
    assert!(codes.len() >= 30);
    for c in [
        "RUS", "TUR", "IRN", "GEO", "KAZ", "UKR", "IND", "CHN", "DEU", "GBR", "USA", "PAK", "UZB", "TKM",
        "ISR", "XXA",
    ] {
        assert!(codes.contains(c), "{c}");
        assert!(umis_domain::CountryCode::parse(c).is_ok());
    }
}

#[test]
fn the_population_has_its_planted_shares_and_scripts() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (files, sum) = generate_with_summary(&spec(5_000, 7)?, dir.path())?;
    let per_traveller = files.crossing_rows as f64 / 5_000.0;
    assert!((3.8..5.2).contains(&per_traveller), "{per_traveller} crossings per traveller");
    let share = |n: u64, of: u64| n as f64 / of as f64;
    let over = share(sum.overstays, sum.stays);
    assert!((0.01..0.06).contains(&over), "overstays {over}");
    let unreg = share(sum.unregistered_stays, sum.registration_required);
    assert!((0.02..0.15).contains(&unreg), "unregistered {unreg}");
    let gaps = share(sum.exits_without_entry + sum.entries_without_exit, sum.travellers);
    assert!((0.001..0.012).contains(&gaps), "gaps {gaps}");
    assert!(sum.still_inside > 0 && sum.permit_holders > 0);
    let crossings = std::fs::read_to_string(&files.crossings)?;
    for needle in
        ["ИВАН", "Ə", "Ş", "Ç", "Ğ", "Ü", "Ö", "+04:00,", "Z,", ",GYD,", ",SAMUR,", ",ASTARA,", ",KRASNY,"]
    {
        assert!(crossings.contains(needle), "no {needle:?} in crossings");
    }
    for basis in [",visa_free,", ",e_visa,", ",visa,", ",residence_permit,"] {
        assert!(crossings.contains(basis), "no {basis}");
    }
    let permits = std::fs::read_to_string(&files.permits)?;
    for kind in
        ["temporary_residence", "permanent_residence", ",work,", "refugee", "stay_extension", "revoked"]
    {
        assert!(permits.contains(kind), "no {kind} permit");
    }
    let regs = std::fs::read_to_string(&files.registrations)?;
    assert!(regs.contains("\"\"\"") || regs.contains(",\"\""), "no quoted hotel names");
    assert!(regs.contains("Bakı şəh., ") && regs.contains("Gəncə"));
    Ok(())
}

#[test]
fn refuses_impossible_specs() -> TestResult {
    let dir = tempfile::tempdir()?;
    let too_many = DemoSpec { travellers: 10_000_001, ..spec(1, 1)? };
    assert!(generate(&too_many, dir.path()).is_err());
    let too_early = DemoSpec { as_of: Date::parse("1900-06-01")?, ..spec(1, 1)? };
    assert!(generate(&too_early, dir.path()).is_err());
    Ok(())
}
