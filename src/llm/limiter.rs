//! Rate limits shared by every worker: request and token buckets (GCRA: each call
//! reserves its slot, so calls are spaced evenly), pauses the server asks for
//! (Retry-After, x-ratelimit-* headers), and exponential backoff with full jitter.

use super::provider::RateHeaders;
use rand::Rng;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A token bucket as a generic cell rate algorithm: `rate` units per second with a burst
/// of `burst` units. A request larger than the burst is allowed and paid for afterwards
/// (the bucket goes into debt), so no request can wait forever.
#[derive(Debug, Clone)]
pub struct Bucket {
    /// Seconds per unit.
    interval: f64,
    /// Burst tolerance in seconds.
    tolerance: f64,
    /// Theoretical arrival time: when the bucket is full again.
    tat: Option<Instant>,
}

impl Bucket {
    /// `per_minute` units a minute, bursting up to `burst` units at once.
    pub fn per_minute(per_minute: f64, burst: f64) -> Self {
        let interval = 60.0 / per_minute;
        Bucket {
            interval,
            tolerance: interval * burst.max(1.0),
            tat: None,
        }
    }

    /// Reserves `units` and returns when they may be used (now or later).
    pub fn reserve(&mut self, now: Instant, units: f64) -> Instant {
        let tat = self.tat.map_or(now, |t| t.max(now));
        let new_tat = tat + Duration::from_secs_f64(self.interval * units);
        self.tat = Some(new_tat);
        let allow = new_tat
            .checked_sub(Duration::from_secs_f64(self.tolerance))
            .unwrap_or(now);
        allow.max(now)
    }

    /// Gives back (`delta` < 0) or charges more (`delta` > 0) units after the fact.
    pub fn adjust(&mut self, delta: f64) {
        if let Some(t) = self.tat {
            let d = Duration::from_secs_f64(self.interval * delta.abs());
            self.tat = Some(if delta >= 0.0 {
                t + d
            } else {
                t.checked_sub(d).unwrap_or(t)
            });
        }
    }
}

#[derive(Debug, Default)]
struct State {
    requests: Option<Bucket>,
    tokens: Option<Bucket>,
    /// No request may start before this (Retry-After, exhausted server limits).
    paused_until: Option<Instant>,
    /// What the server last said about its own token budget: (remaining, reset at).
    server_tokens: Option<(u64, Instant)>,
}

/// The limits every worker of one client shares.
#[derive(Debug, Default)]
pub struct Limiter {
    state: Mutex<State>,
}

impl Limiter {
    /// At most `rpm` requests and `tpm` tokens a minute (either may be absent).
    /// Requests are spaced evenly (burst 1); tokens may burst one second's worth.
    pub fn new(rpm: Option<f64>, tpm: Option<f64>) -> Self {
        Limiter {
            state: Mutex::new(State {
                requests: rpm.map(|r| Bucket::per_minute(r, 1.0)),
                tokens: tpm.map(|t| Bucket::per_minute(t, t / 60.0)),
                ..State::default()
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Blocks until a request of about `tokens` tokens may start, then returns.
    pub fn acquire(&self, tokens: u64) {
        // First wait out any pause, then reserve a slot, then wait for the slot; a pause
        // that began while waiting is waited out too (the slot stays reserved).
        self.wait_pause(tokens);
        let start = {
            let mut s = self.lock();
            let now = Instant::now();
            let mut at = now;
            if let Some(b) = s.requests.as_mut() {
                at = at.max(b.reserve(now, 1.0));
            }
            if let Some(b) = s.tokens.as_mut() {
                at = at.max(b.reserve(now, tokens as f64));
            }
            if let Some((rem, _)) = s.server_tokens.as_mut() {
                *rem = rem.saturating_sub(tokens);
            }
            at
        };
        sleep_until(start);
        self.wait_pause(0);
    }

    fn wait_pause(&self, tokens: u64) {
        loop {
            let until = {
                let s = self.lock();
                let now = Instant::now();
                let mut until = s.paused_until.filter(|&t| t > now);
                if let Some((rem, reset)) = s.server_tokens {
                    if tokens > 0 && rem < tokens && reset > now {
                        until = Some(until.map_or(reset, |u| u.max(reset)));
                    }
                }
                until
            };
            match until {
                Some(t) => sleep_until(t),
                None => return,
            }
        }
    }

    /// Tells the limiter a request estimated at `estimated` tokens really used `actual`.
    pub fn settle(&self, estimated: u64, actual: u64) {
        let mut s = self.lock();
        if let Some(b) = s.tokens.as_mut() {
            b.adjust(actual as f64 - estimated as f64);
        }
    }

    /// Follows what the server said: Retry-After pauses every worker; a request or token
    /// budget at zero pauses until it resets.
    pub fn observe(&self, h: &RateHeaders) {
        let now = Instant::now();
        let mut s = self.lock();
        let mut pause = |d: Duration| {
            let t = now + d.min(Duration::from_secs(3600));
            s.paused_until = Some(s.paused_until.map_or(t, |p| p.max(t)));
        };
        if let Some(d) = h.retry_after {
            pause(d);
        }
        if h.remaining_requests == Some(0) {
            if let Some(d) = h.reset_requests {
                pause(d);
            }
        }
        if let (Some(rem), Some(reset)) = (h.remaining_tokens, h.reset_tokens) {
            s.server_tokens = Some((rem, now + reset.min(Duration::from_secs(3600))));
        }
    }

    /// When the current pause ends, if one is in force (for tests and progress).
    pub fn paused_until(&self) -> Option<Instant> {
        self.lock().paused_until.filter(|&t| t > Instant::now())
    }
}

/// Sleeps until `t` (returns at once if it has passed).
pub fn sleep_until(t: Instant) {
    let now = Instant::now();
    if t > now {
        std::thread::sleep(t - now);
    }
}

/// Longest single backoff.
pub const BACKOFF_CAP: Duration = Duration::from_secs(60);

/// Exponential backoff with full jitter: a uniform random wait in [0, min(cap, base * 2^attempt)].
pub fn backoff(base: Duration, attempt: u32, rng: &mut impl Rng) -> Duration {
    let ceiling =
        (base.as_secs_f64() * 2f64.powi(attempt.min(30) as i32)).min(BACKOFF_CAP.as_secs_f64());
    if ceiling <= 0.0 {
        return Duration::ZERO;
    }
    Duration::from_secs_f64(rng.gen_range(0.0..=ceiling))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn bucket_spaces_requests_evenly() {
        let mut b = Bucket::per_minute(600.0, 1.0);
        let t0 = Instant::now();
        let starts: Vec<Instant> = (0..5).map(|_| b.reserve(t0, 1.0)).collect();
        assert_eq!(starts[0], t0);
        for w in starts.windows(2) {
            let gap = (w[1] - w[0]).as_secs_f64();
            assert!((gap - 0.1).abs() < 1e-6, "{gap}");
        }
    }

    #[test]
    fn bucket_bursts_then_paces_and_allows_debt() {
        let mut b = Bucket::per_minute(600.0, 3.0);
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(b.reserve(t0, 1.0), t0);
        }
        assert!(b.reserve(t0, 1.0) > t0);
        // a request bigger than the burst is allowed, later
        let mut b = Bucket::per_minute(60.0, 1.0);
        let at = b.reserve(t0, 10.0);
        assert!((at - t0).as_secs_f64() > 8.9);
    }

    #[test]
    fn refunds_move_the_schedule_back() {
        let mut b = Bucket::per_minute(60.0, 1.0);
        let t0 = Instant::now();
        b.reserve(t0, 5.0);
        b.adjust(-4.0);
        let next = b.reserve(t0, 1.0);
        assert!((next - t0).as_secs_f64() < 1.01);
    }

    #[test]
    fn retry_after_pauses_everyone() {
        let l = Limiter::new(None, None);
        l.observe(&RateHeaders {
            retry_after: Some(Duration::from_millis(150)),
            ..RateHeaders::default()
        });
        let t = Instant::now();
        l.acquire(10);
        assert!(t.elapsed() >= Duration::from_millis(140));
        l.observe(&RateHeaders {
            remaining_requests: Some(0),
            reset_requests: Some(Duration::from_millis(100)),
            ..RateHeaders::default()
        });
        let t = Instant::now();
        l.acquire(10);
        assert!(t.elapsed() >= Duration::from_millis(90));
    }

    #[test]
    fn backoff_is_bounded_and_jittered() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        let base = Duration::from_millis(100);
        let waits: Vec<Duration> = (0..50).map(|_| backoff(base, 3, &mut rng)).collect();
        assert!(waits.iter().all(|w| *w <= Duration::from_millis(800)));
        assert!(waits.iter().any(|w| *w < Duration::from_millis(400)));
        assert!(waits.iter().any(|w| *w > Duration::from_millis(400)));
        assert!(backoff(base, 40, &mut rng) <= BACKOFF_CAP);
    }
}
