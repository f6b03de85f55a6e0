//! Properties over generated claims: every valid value survives sign → verify unchanged, and
//! no single-byte change of a token gets through.

#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::credential_support;

use credential_support::*;
use proptest::prelude::*;
use umis_credential::token::MAX_TOKEN_LEN;
use umis_credential::{Claims, DocType, NewClaims, verify};
use umis_domain::Date;

fn day() -> impl Strategy<Value = Date> {
    (Date::MIN.days()..=Date::MAX.days()).prop_map(Date::from_days)
}

fn holder() -> impl Strategy<Value = String> {
    // Any printable text, including quotes, backslashes and scripts beyond Latin and Cyrillic.
    prop_oneof!["[A-Za-zƏəŞşĞğÇçÖöÜüİı \"'\\\\-]{1,100}", "[А-Яа-яЁё .-]{1,100}", "\\PC{1,100}",]
        .prop_map(|s| s.trim().to_owned())
        .prop_filter("a name", |s| !s.is_empty())
}

fn new_claims() -> impl Strategy<Value = NewClaims> {
    let ids = (
        prop::sample::select(DocType::ALL.to_vec()),
        "[A-Z0-9/-]{1,40}",
        "[a-z0-9_]{1,40}",
        holder(),
        (prop::sample::select(vec!["AZE", "RUS", "TUR", "XXA", "DEU"]), "[A-Z0-9<]{1,20}"),
    );
    let dates = (day(), prop::option::of((day(), day())), any::<(bool, bool)>(), day());
    // Distinct ground codes, in any order (a set's order is one of them).
    let grounds = prop::collection::btree_set("[a-z0-9_]{1,40}", 0..=3).prop_map(|g| g.into_iter().collect());
    (ids, dates, prop::option::of("[A-Z0-9-]{1,20}"), grounds).prop_map(
        |(
            (doc_type, number, kind, holder, (state, doc)),
            (birth, window, (keep_from, keep_until), issued),
            employer,
            grounds,
        )| {
            let (from, until) = window.map(|(a, b)| (a.min(b), a.max(b))).unzip();
            NewClaims {
                doc_type,
                number,
                kind,
                holder,
                travel_document: format!("{state}:{doc}"),
                birth,
                valid_from: from.filter(|_| keep_from),
                valid_until: until.filter(|_| keep_until),
                employer,
                grounds,
                issued,
            }
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_claims_round_trip(new in new_claims(), today in day()) {
        let claims = Claims::new(new.clone());
        prop_assert!(claims.is_ok(), "{:?}: {:?}", new, claims);
        let token = ring().sign(&claims.unwrap());
        prop_assert!(token.len() <= MAX_TOKEN_LEN);
        let verified = verify(&token, &ring().public_jwks(), None, today).unwrap();
        prop_assert_eq!(verified.claims.fields(), &new);
        prop_assert_eq!(verified.claims.kid(), KID);
    }

    #[test]
    fn any_single_byte_change_is_refused(new in new_claims(), at in any::<prop::sample::Index>(), byte in 0u8..128) {
        let token = ring().sign(&Claims::new(new).unwrap());
        let pos = at.index(token.len());
        prop_assume!(token.as_bytes()[pos] != byte);
        let mut changed = token.clone().into_bytes();
        changed[pos] = byte;
        let changed = String::from_utf8(changed).unwrap();
        let got = verify(&changed, &ring().public_jwks(), None, date("2027-01-01"));
        prop_assert!(got.is_err(), "byte {} at {} accepted", byte, pos);
        let mut shorter = token.clone();
        shorter.remove(pos);
        prop_assert!(verify(&shorter, &ring().public_jwks(), None, date("2027-01-01")).is_err());
    }
}
