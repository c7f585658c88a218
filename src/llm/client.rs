//! The client: one call (cache, budget, rate limits, retries with backoff, fail-fast
//! on request errors) and a bounded worker pool over many items.

use super::cache::{self, Cache, Entry};
use super::config::{Config, Provider};
use super::cost::{self, Meter, Price, Pricing, Totals};
use super::limiter::{backoff, Limiter};
use super::provider::{self, RateHeaders};
use super::{ChatRequest, Usage};
use crate::error::Error;
use crate::ui::Ui;
use indicatif::ProgressBar;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

/// A finished call.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatResponse {
    pub text: String,
    pub usage: Usage,
    /// Dollars this call cost now (0 when replayed from the cache).
    pub cost: f64,
    /// Whether it came from the cache.
    pub cached: bool,
    pub finish_reason: Option<String>,
}

/// Why a call gave no answer.
#[derive(Debug, Clone, PartialEq)]
pub enum CallError {
    /// A request error no retry can fix (400/401/403/404 ...): the whole run stops.
    Fatal(String),
    /// Every attempt failed with a retryable error.
    Failed { attempts: u32, last: String },
    /// Not started: the cost limit was reached, or the run is stopping.
    NotStarted,
}

impl std::fmt::Display for CallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CallError::Fatal(m) => write!(f, "{m}"),
            CallError::Failed { attempts, last } => {
                write!(f, "failed after {attempts} attempts, last: {last}")
            }
            CallError::NotStarted => write!(f, "not started (run stopping)"),
        }
    }
}

/// A dry-run estimate.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Estimate {
    pub calls: u64,
    /// Calls already in the cache (free).
    pub cached: u64,
    pub input_tokens: u64,
    /// Expected output tokens.
    pub output_tokens: u64,
    /// Output tokens if every reply used its max_tokens.
    pub max_output_tokens: u64,
    /// Expected dollars.
    pub cost: f64,
    /// Dollars if every reply used its max_tokens.
    pub max_cost: f64,
}

impl Estimate {
    /// One line for people.
    pub fn summary(&self) -> String {
        format!(
            "{} calls ({} already cached), ~{} input and ~{} output tokens, estimated cost ${:.4} (at most ${:.4})",
            self.calls, self.cached, self.input_tokens, self.output_tokens, self.cost, self.max_cost
        )
    }
}

/// What went wrong with one HTTP attempt.
enum Attempt {
    Retry(String),
    Fatal(String),
}

/// The model client. Share it by reference between threads; `map` runs the pool.
pub struct Client {
    config: Config,
    agent: ureq::Agent,
    cache: Option<Cache>,
    limiter: Limiter,
    meter: Meter,
    price: Price,
    endpoint: String,
    ui: Ui,
    fatal: Mutex<Option<String>>,
    stop: AtomicBool,
    stop_reason: Mutex<Option<String>>,
    progress: Mutex<Option<ProgressBar>>,
}

impl Client {
    /// A client for `config`, pricing calls from `pricing`. Warns (through `ui`) when the
    /// model has no price; refuses --max-cost without one.
    pub fn new(config: Config, pricing: &Pricing, ui: &Ui) -> Result<Self, Error> {
        let price = match pricing.price(&config.model) {
            Some(p) => p,
            None if config.provider == Provider::OpenaiCompatible => Price::default(),
            None if config.max_cost.is_some() => {
                return Err(Error::usage(format!(
                    "--max-cost needs a price for model {}: add it to templates/pricing.json",
                    config.model
                )))
            }
            None => {
                ui.warn(format!(
                    "no price for model {} in templates/pricing.json: its cost is counted as $0",
                    config.model
                ));
                Price::default()
            }
        };
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(config.timeout.min(Duration::from_secs(15)))
            .timeout(config.timeout)
            .redirects(0)
            .max_idle_connections_per_host(config.concurrency.max(1))
            .user_agent(concat!("dsforge/", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(Client {
            endpoint: provider::endpoint(&config),
            cache: config.cache_dir.as_deref().map(Cache::new),
            limiter: Limiter::new(config.rpm, config.tpm),
            meter: Meter::default(),
            price,
            agent,
            ui: ui.clone(),
            config,
            fatal: Mutex::new(None),
            stop: AtomicBool::new(false),
            stop_reason: Mutex::new(None),
            progress: Mutex::new(None),
        })
    }

    /// The configuration in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The model's price.
    pub fn price(&self) -> Price {
        self.price
    }

    /// Totals so far (calls, cache hits, tokens, cost).
    pub fn totals(&self) -> Totals {
        self.meter.totals()
    }

    /// Why the run stopped starting calls (cost limit), if it did.
    pub fn stop_reason(&self) -> Option<String> {
        lock(&self.stop_reason).clone()
    }

    /// The fatal error that stopped the run, if any.
    pub fn fatal(&self) -> Option<String> {
        lock(&self.fatal).clone()
    }

    /// Whether new calls are refused (cost limit or fatal error).
    pub fn stopping(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// A progress bar the pool advances per item, its message showing calls, tokens and cost.
    pub fn set_progress(&self, bar: ProgressBar) {
        *lock(&self.progress) = Some(bar);
    }

    fn stop_with(&self, reason: String) {
        let mut r = lock(&self.stop_reason);
        if r.is_none() {
            *r = Some(reason);
        }
        self.stop.store(true, Ordering::SeqCst);
    }

    fn fail_with(&self, msg: &str) {
        let mut f = lock(&self.fatal);
        if f.is_none() {
            *f = Some(msg.to_string());
        }
        self.stop.store(true, Ordering::SeqCst);
    }

    /// The cache key of `req`.
    pub fn cache_key(&self, req: &ChatRequest) -> String {
        cache::key(&self.config, req)
    }

    /// Whether `req` is answered by the cache.
    pub fn is_cached(&self, req: &ChatRequest) -> bool {
        self.cache
            .as_ref()
            .is_some_and(|c| c.contains(&self.cache_key(req)))
    }

    /// Tokens and cost of `reqs` without calling anything (cached ones are free).
    pub fn estimate<'a>(&self, reqs: impl IntoIterator<Item = &'a ChatRequest>) -> Estimate {
        let mut e = Estimate::default();
        for r in reqs {
            e.calls += 1;
            if self.is_cached(r) {
                e.cached += 1;
                continue;
            }
            let input = cost::estimate_input(r);
            let out = r
                .expected_output_tokens
                .unwrap_or(r.max_tokens)
                .min(r.max_tokens) as u64;
            e.input_tokens += input;
            e.output_tokens += out;
            e.max_output_tokens += r.max_tokens as u64;
            e.cost += self.price.cost(Usage {
                input_tokens: input,
                output_tokens: out,
            });
            e.max_cost += self.price.cost(Usage {
                input_tokens: input,
                output_tokens: r.max_tokens as u64,
            });
        }
        e
    }

    /// One call: from the cache if there, else (within the cost limit and rate limits)
    /// from the server, retrying 429/5xx/connection errors/timeouts with backoff.
    pub fn chat(&self, req: &ChatRequest) -> Result<ChatResponse, CallError> {
        let key = self.cache_key(req);
        if let Some(e) = self.cache.as_ref().and_then(|c| c.get(&key)) {
            self.meter.add_hit(self.price.cost(e.usage));
            return Ok(ChatResponse {
                text: e.text,
                usage: e.usage,
                cost: 0.0,
                cached: true,
                finish_reason: e.finish_reason,
            });
        }
        if self.config.dry_run {
            return Err(CallError::Fatal("dry run: no calls are made".into()));
        }
        if self.stopping() {
            return Err(CallError::NotStarted);
        }
        let est = cost::estimate_usage(req);
        let est_cost = self.price.cost(est);
        if !self.meter.try_reserve(est_cost, self.config.max_cost) {
            let t = self.meter.totals();
            self.stop_with(format!(
                "cost limit ${:.4} reached (${:.4} spent, the next call could cost ${:.4})",
                self.config.max_cost.unwrap_or(0.0),
                t.cost,
                est_cost
            ));
            return Err(CallError::NotStarted);
        }
        let result = self.call_with_retries(req, &key, est);
        self.meter.release(est_cost);
        result
    }

    fn call_with_retries(
        &self,
        req: &ChatRequest,
        key: &str,
        est: Usage,
    ) -> Result<ChatResponse, CallError> {
        let est_tokens = est.input_tokens + est.output_tokens;
        let body = provider::body(&self.config, req).to_string();
        let mut rng = rand::thread_rng();
        let mut last = String::new();
        let attempts = self.config.max_retries + 1;
        for attempt in 0..attempts {
            if attempt > 0 {
                if lock(&self.fatal).is_some() {
                    return Err(CallError::NotStarted);
                }
                self.meter.add_retry();
                let wait = backoff(self.config.backoff_base, attempt - 1, &mut rng);
                self.ui.debug(format!(
                    "retry {attempt}/{} in {:.2}s after: {last}",
                    self.config.max_retries,
                    wait.as_secs_f64()
                ));
                std::thread::sleep(wait);
            }
            self.limiter.acquire(est_tokens);
            match self.send(&body) {
                Ok(parsed) => {
                    let usage = parsed.usage.unwrap_or(Usage {
                        input_tokens: est.input_tokens,
                        output_tokens: cost::estimate_tokens(&parsed.text),
                    });
                    self.limiter
                        .settle(est_tokens, usage.input_tokens + usage.output_tokens);
                    let cost = self.price.cost(usage);
                    self.meter.add_call(usage, cost);
                    if let Some(c) = &self.cache {
                        let entry = Entry {
                            version: 1,
                            key: key.to_string(),
                            provider: self.config.provider.name().to_string(),
                            model: self.config.model.clone(),
                            text: parsed.text.clone(),
                            usage,
                            finish_reason: parsed.finish_reason.clone(),
                        };
                        if let Err(e) = c.put(&entry) {
                            let msg = format!("cannot write the response cache: {e}");
                            self.fail_with(&msg);
                            return Err(CallError::Fatal(msg));
                        }
                    }
                    return Ok(ChatResponse {
                        text: parsed.text,
                        usage,
                        cost,
                        cached: false,
                        finish_reason: parsed.finish_reason,
                    });
                }
                Err(Attempt::Retry(m)) => last = m,
                Err(Attempt::Fatal(m)) => {
                    self.fail_with(&m);
                    return Err(CallError::Fatal(m));
                }
            }
        }
        self.meter.add_failure();
        self.ui.warn(format!(
            "a call failed after {attempts} attempts, last: {last}"
        ));
        Err(CallError::Failed { attempts, last })
    }

    fn redact(&self, s: &str) -> String {
        match &self.config.api_key {
            Some(k) => k.redact(s),
            None => s.to_string(),
        }
    }

    /// One HTTP attempt.
    fn send(&self, body: &str) -> Result<provider::Parsed, Attempt> {
        let mut r = self
            .agent
            .post(&self.endpoint)
            .set("Content-Type", "application/json");
        for (k, v) in provider::headers(&self.config) {
            r = r.set(k, &v);
        }
        let observe = |resp: &ureq::Response| -> RateHeaders {
            let h =
                provider::rate_headers(|n| resp.header(n).map(str::to_string), SystemTime::now());
            self.limiter.observe(&h);
            h
        };
        match r.send_string(body) {
            Ok(resp) => {
                observe(&resp);
                let status = resp.status();
                if !(200..300).contains(&status) {
                    let loc = resp.header("location").unwrap_or("?").to_string();
                    return Err(Attempt::Fatal(self.redact(&format!(
                        "{} answered HTTP {status} (redirect to {loc}): check --base-url",
                        self.endpoint
                    ))));
                }
                let text = resp.into_string().map_err(|e| {
                    Attempt::Retry(self.redact(&format!("reply cut off while reading: {e}")))
                })?;
                provider::parse_reply(self.config.provider, &text)
                    .map_err(|m| Attempt::Retry(self.redact(&format!("malformed reply: {m}"))))
            }
            Err(ureq::Error::Status(code, resp)) => {
                let h = observe(&resp);
                let msg = self.redact(&provider::error_message(
                    &resp.into_string().unwrap_or_default(),
                ));
                Err(self.classify(code, &msg, &h))
            }
            Err(ureq::Error::Transport(t)) => {
                use ureq::ErrorKind as K;
                let msg = self.redact(&t.to_string());
                match t.kind() {
                    K::InvalidUrl | K::UnknownScheme | K::InsecureRequestHttpsOnly => {
                        Err(Attempt::Fatal(format!(
                            "bad URL {}: {msg}; check --base-url",
                            self.endpoint
                        )))
                    }
                    K::ConnectionFailed | K::Dns => Err(Attempt::Retry(format!(
                        "cannot connect to {}: {msg} (is the server running?)",
                        self.config.base_url
                    ))),
                    _ => Err(Attempt::Retry(msg)),
                }
            }
        }
    }

    fn classify(&self, code: u16, msg: &str, h: &RateHeaders) -> Attempt {
        let c = &self.config;
        match code {
            429 => Attempt::Retry(format!(
                "rate limited (HTTP 429{}): {msg}",
                h.retry_after
                    .map(|d| format!(", retry after {:.1}s", d.as_secs_f64()))
                    .unwrap_or_default()
            )),
            408 | 409 | 425 | 500..=599 => Attempt::Retry(format!("server error HTTP {code}: {msg}")),
            400 | 422 => Attempt::Fatal(format!(
                "the server rejected the request (HTTP {code}: {msg}); check --model {} and the sampling flags for this provider",
                c.model
            )),
            401 => Attempt::Fatal(format!(
                "the API key was refused (HTTP 401: {msg}); set {} (environment or .env) or --api-key to a valid key for {}",
                c.provider.key_var(),
                c.base_url
            )),
            403 => Attempt::Fatal(format!(
                "access denied (HTTP 403: {msg}); the key has no access to model {} at {}",
                c.model, c.base_url
            )),
            404 => Attempt::Fatal(format!(
                "not found (HTTP 404: {msg}); check --model {} and --base-url {} (requests go to {})",
                c.model, c.base_url, self.endpoint
            )),
            _ => Attempt::Fatal(format!(
                "the server refused the request (HTTP {code}: {msg}); check --provider, --base-url and --model"
            )),
        }
    }

    /// Runs `f` over `items` on `--concurrency` workers. Returns one slot per item, in
    /// order: `None` for items not started because the run stopped (cost limit). A fatal
    /// error (bad key, unknown model ...) stops every worker and becomes `Err`.
    pub fn map<T, R, F>(&self, items: &[T], f: F) -> Result<Vec<Option<R>>, Error>
    where
        T: Sync,
        R: Send,
        F: Fn(&Client, usize, &T) -> R + Sync,
    {
        let slots: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
        let next = AtomicUsize::new(0);
        let workers = self.config.concurrency.clamp(1, items.len().max(1));
        let started = Instant::now();
        std::thread::scope(|s| {
            for _ in 0..workers {
                s.spawn(|| loop {
                    if self.stopping() {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= items.len() {
                        break;
                    }
                    let r = f(self, i, &items[i]);
                    *lock(&slots[i]) = Some(r);
                    if let Some(bar) = lock(&self.progress).as_ref() {
                        bar.inc(1);
                        bar.set_message(self.totals().summary());
                    }
                });
            }
        });
        self.ui.debug(format!(
            "{} items in {:.1}s: {}",
            items.len(),
            started.elapsed().as_secs_f64(),
            self.totals().summary()
        ));
        if let Some(m) = self.fatal() {
            return Err(Error::Network(m));
        }
        Ok(slots
            .into_iter()
            .map(|m| m.into_inner().unwrap_or_else(|p| p.into_inner()))
            .collect())
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::llm::Message;

    fn client(cfg: Config) -> Client {
        let pricing = Pricing::from_json(
            &serde_json::json!({"models": {"priced": {"input": 1.0, "output": 2.0}}}),
        )
        .unwrap();
        Client::new(cfg, &pricing, &Ui::silent()).unwrap()
    }

    #[test]
    fn unreachable_server_fails_after_bounded_retries() {
        // Port 9 on loopback: nothing listens, so every attempt is refused at once.
        let c = client(Config {
            base_url: "http://127.0.0.1:9/v1".into(),
            max_retries: 2,
            backoff_base: Duration::from_millis(1),
            ..Config::default()
        });
        let e = c
            .chat(&ChatRequest::new(vec![Message::user("x")]))
            .unwrap_err();
        match e {
            CallError::Failed { attempts, last } => {
                assert_eq!(attempts, 3);
                assert!(last.contains("is the server running"), "{last}");
            }
            other => panic!("{other:?}"),
        }
        let t = c.totals();
        assert_eq!((t.retries, t.failures, t.calls), (2, 1, 0));
    }

    #[test]
    fn dry_run_estimates_without_calling() {
        let c = client(Config {
            model: "priced".into(),
            dry_run: true,
            ..Config::default()
        });
        let reqs: Vec<ChatRequest> = (0..4)
            .map(|i| {
                ChatRequest::new(vec![Message::user("a".repeat(400))])
                    .max_tokens(100)
                    .expect_output(50)
                    .sample(i)
            })
            .collect();
        let e = c.estimate(&reqs);
        assert_eq!(e.calls, 4);
        assert_eq!(e.input_tokens, 4 * (100 + 4 + 3));
        assert_eq!(e.output_tokens, 200);
        assert!((e.cost - (428.0 * 1.0 + 200.0 * 2.0) / 1e6).abs() < 1e-12);
        assert!(e.max_cost > e.cost);
        assert!(matches!(c.chat(&reqs[0]), Err(CallError::Fatal(_))));
    }

    #[test]
    fn max_cost_needs_a_price_outside_local_servers() {
        let pricing = Pricing::default();
        let cfg = Config {
            provider: Provider::Openai,
            model: "unknown".into(),
            max_cost: Some(1.0),
            ..Config::default()
        };
        assert!(Client::new(cfg, &pricing, &Ui::silent()).is_err());
    }
}
