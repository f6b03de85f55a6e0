//! No denial goes unaudited, even when the denial throttle answers: on SQLite and PostgreSQL, a
//! client refused faster than the throttle allows gets 429s without records of their own, and
//! the next denial record says how many it stands for (`unrecorded_before` in its detail).

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use tower::ServiceExt;
use umis_store::Store;
use umis_store::testing::TestDb;
use umis_web::limit::{Limiter, RateLimit};
use umis_web::{AppState, app};

async fn findings_without_a_token(state: &Arc<AppState>) -> StatusCode {
    let req = Request::builder().uri("/api/v1/findings").body(Body::empty()).unwrap();
    app(state.clone()).oneshot(req).await.unwrap().status()
}

/// The number of audit records and the payload hash of the last.
async fn last_record(state: &Arc<AppState>) -> (u64, String) {
    let st = state.clone();
    tokio::task::spawn_blocking(move || {
        let n = st.store.counts().unwrap().audit_log;
        let after = i64::try_from(n).unwrap() - 1;
        let rows = st.store.read(|db| umis_store::audit_page::audit_page(db, after, 1, None)).unwrap();
        (n, rows[0].payload_hash.clone())
    })
    .await
    .unwrap()
}

fn hash(detail: &str) -> String {
    Sha256::digest(detail.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn throttled_denials_are_counted_in_the_next_record() {
    for db in TestDb::both().unwrap() {
        let store = Store::open(&db.url).unwrap();
        let keys = umis_credential::KeyRing::from_seed("k-test", [7; 32]).unwrap();
        let mut state = AppState::new(
            store,
            umis_rules::Packs::builtin().unwrap(),
            RateLimit::default(),
            keys,
            umis_core::accounts::totp_key::TotpKey::from_bytes([9; 32]),
        );
        // One denial record per client per second, no burst beyond it.
        state.denial_limiter = Limiter::new(RateLimit { per_second: 1.0, burst: 1.0 });
        let state = Arc::new(state);
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        rt.block_on(async {
            assert_eq!(findings_without_a_token(&state).await, StatusCode::UNAUTHORIZED);
            let (n, first) = last_record(&state).await;
            assert_eq!(first, hash(r#"{"required_role":"officer"}"#));
            for _ in 0..2 {
                assert_eq!(findings_without_a_token(&state).await, StatusCode::TOO_MANY_REQUESTS);
            }
            assert_eq!(last_record(&state).await.0, n, "a throttled denial writes no record of its own");
            tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
            assert_eq!(findings_without_a_token(&state).await, StatusCode::UNAUTHORIZED);
            let (m, next) = last_record(&state).await;
            assert_eq!(m, n + 1);
            assert_eq!(
                next,
                hash(r#"{"required_role":"officer","unrecorded_before":2}"#),
                "the two are counted"
            );
        });
        drop(rt);
        drop(state);
        drop(db);
    }
}
