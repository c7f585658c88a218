//! One call: cache, cost limit, rate limits, retries with backoff, fail-fast on request errors.

use std::time::SystemTime;

use super::{lock, Attempt, CallError, ChatResponse, Client};
use crate::llm::cache::Entry;
use crate::llm::cost::{self};
use crate::llm::limiter::backoff;
use crate::llm::provider::{self, RateHeaders};
use crate::llm::{ChatRequest, Usage};

impl Client {
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
}
