//! Guessing passwords: wrong guesses are throttled per name, identically whether they come
//! from one client, behind a rotating `X-Forwarded-For` (never trusted), from many clients, or
//! name no account, and the right password works again after the wait; one password sprayed
//! over many names is slowed by the per-client limit; and a known and an unknown name get the
//! same answers, attempt by attempt (the time each takes is printed, not asserted).

use super::support::{Answer, World, runtime, world_at};
use super::{PASSWORD, Via, on_each_db, send, session_of, sign_in_with, summary};
use axum::http::StatusCode;
use serde_json::json;
use std::sync::Arc;
use std::time::{Duration, Instant};
use umis_core::accounts::throttle::{FREE_FAILURES, MAX_WAIT_SECS};
use umis_core::clock::Clock;
use umis_store::testing::TestDb;
use umis_web::limit::{Limiter, RateLimit};

/// Where one series of guesses comes from.
#[derive(Clone, Copy)]
enum Source {
    OneClient,
    ForwardedFor,
    ManyClients,
}

const ATTEMPTS: usize = 200;

/// (case, name guessed at, where the guesses come from)
const SERIES: &[(&str, &str, Source)] = &[
    ("one client", "applicant", Source::OneClient),
    ("rotating X-Forwarded-For", "applicant2", Source::ForwardedFor),
    ("rotating client addresses", "host", Source::ManyClients),
    ("an unknown name", "nobody-here", Source::OneClient),
];

/// The attempt (from 1) at which guesses at `name` are first answered 429, after checking
/// every earlier one was 401 and every later one 429; and the wait the last answer names.
async fn guess(w: &World, name: &str, source: Source) -> (usize, i64) {
    let mut statuses = Vec::new();
    let mut retry_after = 0;
    for i in 0..ATTEMPTS {
        let xff = format!("198.51.100.{}, 203.0.113.{}", i % 250, (i * 7) % 250);
        let forwarded = [("x-forwarded-for", xff.as_str())];
        let via = match source {
            Source::OneClient => Via { peer: Some([192, 0, 2, 1]), ..Via::default() },
            Source::ForwardedFor => Via { peer: Some([192, 0, 2, 1]), headers: &forwarded, ..Via::default() },
            Source::ManyClients => {
                Via { peer: Some([10, 9, (i / 250) as u8, (i % 250) as u8 + 1]), ..Via::default() }
            }
        };
        let a = sign_in_with(w, name, &format!("wrong guess {i}"), via).await;
        if a.status == StatusCode::TOO_MANY_REQUESTS {
            retry_after = a.headers["retry-after"].to_str().unwrap().parse().unwrap();
        }
        statuses.push(a.status);
    }
    let k = statuses.iter().position(|s| *s == StatusCode::TOO_MANY_REQUESTS).map_or(ATTEMPTS + 1, |p| p + 1);
    assert!(k <= ATTEMPTS, "{name}: never throttled in {ATTEMPTS} attempts");
    let (before, after) = statuses.split_at(k - 1);
    assert!(before.iter().all(|s| *s == StatusCode::UNAUTHORIZED), "{name}: {before:?}");
    assert!(after.iter().all(|s| *s == StatusCode::TOO_MANY_REQUESTS), "{name}: 429 until the wait ends");
    (k, retry_after)
}

#[test]
fn wrong_passwords_are_throttled_per_name_whoever_sends_them() {
    summary(&on_each_db(|w, _| async move {
        let mut ks = Vec::new();
        for (case, name, source) in SERIES {
            let (k, retry_after) = guess(&w, name, *source).await;
            assert!(k <= FREE_FAILURES as usize + 1 && k <= 100, "{case}: throttled only from attempt {k}");
            if *name != "nobody-here" {
                let early = sign_in_with(&w, name, PASSWORD, Via::default()).await;
                assert_eq!(
                    early.status,
                    StatusCode::TOO_MANY_REQUESTS,
                    "{case}: the right password waits too"
                );
                w.state.clock.advance_secs(retry_after);
                let late = sign_in_with(&w, name, PASSWORD, Via::default()).await;
                assert_eq!(late.status, StatusCode::OK, "{case}: after the wait ({retry_after} s)");
            }
            ks.push(k);
        }
        assert!(ks.windows(2).all(|p| p[0] == p[1]), "every source throttled alike: {ks:?}");
        let line = format!(
            "throttle: {ATTEMPTS} wrong passwords -> 429 from attempt k = {} (design <= {}, NIST <= 100), \
             the same for {} sources incl. rotating X-Forwarded-For (0 bypass) and an unknown name; \
             the right password works after the wait",
            ks[0],
            FREE_FAILURES + 1,
            SERIES.len()
        );
        (w, line)
    }));
}

/// The attempt (from 1) at which the per-client limit first answers 429, if it does within 100
/// attempts; every earlier answer must be `refusal`.
async fn first_limited(refusal: StatusCode, mut attempt: impl AsyncFnMut(usize) -> Answer) -> Option<usize> {
    for i in 0..100 {
        let a = attempt(i).await;
        if a.status == StatusCode::TOO_MANY_REQUESTS {
            return Some(i + 1);
        }
        assert_eq!(a.status, refusal, "attempt {}: {}", i + 1, a.json);
    }
    None
}

#[test]
fn spraying_one_password_over_many_names_is_slowed_per_client() {
    let (mut w, _) = world_at(TestDb::sqlite().unwrap(), Clock::manual(Clock::System.now_ns()));
    // The production limit (the test world raises it for the other tests).
    Arc::get_mut(&mut w.state).unwrap().signin_limiter =
        Limiter::new(RateLimit { per_second: 1.0, burst: 30.0 });
    let w = runtime().block_on(async move {
        let sprayed = first_limited(StatusCode::UNAUTHORIZED, async |i| {
            let xff = format!("203.0.113.{i}");
            let via =
                Via { peer: Some([192, 0, 2, 7]), headers: &[("x-forwarded-for", &xff)], ..Via::default() };
            sign_in_with(&w, &format!("sprayed-{i:03}"), "Spring2025!Spring2025", via).await
        })
        .await;
        let other = Via { peer: Some([192, 0, 2, 8]), ..Via::default() };
        let a = sign_in_with(&w, "sprayed-other", "Spring2025!Spring2025", other).await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED, "another client is not slowed by this one");
        // Guessing the current password through a stolen session is limited the same way.
        let (cookie, csrf) = session_of(&w, "applicant").await;
        let guessed = first_limited(StatusCode::UNPROCESSABLE_ENTITY, async |i| {
            let via = Via { peer: Some([192, 0, 2, 9]), ..Via::session(&cookie, &csrf) };
            let body = json!({ "current_password": format!("guess {i}"), "new_password": "x" }).to_string();
            send(&w, "POST", "/api/v1/session/password", via, body).await
        })
        .await;
        for (what, k) in [("spraying", sprayed), ("current-password guessing", guessed)] {
            let limited = k.is_some_and(|k| k > 30);
            assert!(limited, "{what}: the burst of 30 passes, then 429 within 100 attempts: {k:?}");
        }
        let (sprayed, guessed) = (sprayed.unwrap(), guessed.unwrap());
        println!(
            "spraying: one password over unknown names from one client (X-Forwarded-For rotating): \
             429 from attempt k' = {sprayed} (limit 1/s, burst 30), another client unaffected; \
             current-password guesses through a session: 429 from attempt {guessed}"
        );
        w
    });
    drop(w);
}

#[test]
fn a_known_and_an_unknown_name_get_the_same_answers() {
    const ROUNDS: u32 = 20;
    let (w, _) = world_at(TestDb::sqlite().unwrap(), Clock::manual(Clock::System.now_ns()));
    let w = runtime().block_on(async move {
        // The dummy hash unknown names are checked against is made on first use: not measured.
        sign_in_with(&w, "warming-up", "x", Via::default()).await;
        let (mut known, mut unknown) = (Duration::ZERO, Duration::ZERO);
        for i in 0..ROUNDS {
            // Past any wait, so that every attempt reaches the password check.
            w.state.clock.advance_secs(MAX_WAIT_SECS + 1);
            let guess = format!("wrong guess {i}");
            let mut timed = Vec::new();
            // Alternate the order, so neither name always runs first.
            let names = if i % 2 == 0 { ["employer", "employee"] } else { ["employee", "employer"] };
            for name in names {
                let t = Instant::now();
                let a = sign_in_with(&w, name, &guess, Via::default()).await;
                *(if name == "employer" { &mut known } else { &mut unknown }) += t.elapsed();
                timed.push(a);
            }
            let (a, b) = (&timed[0], &timed[1]);
            assert_eq!(a.status, StatusCode::UNAUTHORIZED, "attempt {}: {}", i + 1, a.json);
            let same = (a.status, &a.headers, &a.bytes) == (b.status, &b.headers, &b.bytes);
            assert!(same, "attempt {}: {} {} vs {} {}", i + 1, a.status, a.json, b.status, b.json);
        }
        let ms = |d: Duration| d.as_secs_f64() * 1000.0 / f64::from(ROUNDS);
        println!(
            "enumeration: known {:.1} ms, unknown {:.1} ms, Δ {:.1} ms ({ROUNDS} attempts each, identical answers)",
            ms(known),
            ms(unknown),
            ms(known) - ms(unknown)
        );
        w
    });
    drop(w);
}
