//! Per-client token buckets for public endpoints. The client is the TCP peer address, never a
//! forwarded header (which any client can write).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

/// Most clients tracked at once; beyond it idle clients (whose bucket has refilled) are dropped.
const MAX_CLIENTS: usize = 100_000;

/// The client a request is counted against: an IPv4 address, or an IPv6 /64 (one subscriber's
/// network, which hands its host any number of addresses).
fn client_key(ip: Option<IpAddr>) -> Option<IpAddr> {
    match ip {
        Some(IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let mut seg = v6.segments();
            seg[4..].fill(0);
            Some(IpAddr::V6(seg.into()))
        }
        Some(IpAddr::V6(v6)) => v6.to_ipv4_mapped().map(IpAddr::V4),
        other => other,
    }
}

/// A rate limit: `per_second` sustained, bursts up to `burst`.
#[derive(Debug, Clone, Copy)]
pub struct RateLimit {
    /// Requests per second a client may sustain.
    pub per_second: f64,
    /// Requests a client may make at once after being idle.
    pub burst: f64,
}

impl Default for RateLimit {
    fn default() -> RateLimit {
        RateLimit { per_second: 20.0, burst: 100.0 }
    }
}

/// The buckets of every client.
pub struct Limiter {
    limit: RateLimit,
    buckets: Mutex<HashMap<Option<IpAddr>, (f64, Instant)>>,
}

impl Limiter {
    /// A limiter with `limit` for each client.
    pub fn new(limit: RateLimit) -> Limiter {
        Limiter { limit, buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes one token for `client`; `Err(seconds)` to wait when the bucket is empty.
    pub fn check(&self, client: Option<IpAddr>) -> Result<(), u64> {
        let client = client_key(client);
        let Ok(mut buckets) = self.buckets.lock() else { return Ok(()) };
        let now = Instant::now();
        if buckets.len() >= MAX_CLIENTS && !buckets.contains_key(&client) {
            let refill_secs = self.limit.burst / self.limit.per_second;
            buckets.retain(|_, (_, last)| now.duration_since(*last).as_secs_f64() < refill_secs);
            if buckets.len() >= MAX_CLIENTS {
                // Every tracked client is active: refuse the newcomer rather than forget them.
                return Err(1);
            }
        }
        let (tokens, last) = buckets.entry(client).or_insert((self.limit.burst, now));
        let refill = now.duration_since(*last).as_secs_f64() * self.limit.per_second;
        *tokens = (*tokens + refill).min(self.limit.burst);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - *tokens) / self.limit.per_second).ceil().max(1.0) as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_is_allowed_then_refused_per_client() {
        let limiter = Limiter::new(RateLimit { per_second: 0.001, burst: 3.0 });
        let a = Some(IpAddr::from([127, 0, 0, 1]));
        let b = Some(IpAddr::from([127, 0, 0, 2]));
        assert!((0..3).all(|_| limiter.check(a).is_ok()));
        assert!(limiter.check(a).is_err());
        assert!(limiter.check(b).is_ok(), "another client has its own bucket");
        let v6 = |last: u16| Some(IpAddr::from([0x2001, 0xdb8, 0, 1, 0, 0, 0, last]));
        assert!((0..3).all(|i| limiter.check(v6(i)).is_ok()));
        assert!(limiter.check(v6(99)).is_err(), "one IPv6 /64 is one client");
    }
}
