//! Usage and cost: prices from `templates/pricing.json` ($ per 1M input and output
//! tokens per model), token estimates for dry runs and budgets, and the run's meter.

use super::{ChatRequest, Usage};
use crate::error::Error;
use serde_json::Value;
use std::path::Path;
use std::sync::Mutex;

/// US dollars per one million tokens.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Price {
    pub input: f64,
    pub output: f64,
}

impl Price {
    /// The cost of `usage` in US dollars.
    pub fn cost(&self, usage: Usage) -> f64 {
        (usage.input_tokens as f64 * self.input + usage.output_tokens as f64 * self.output) / 1e6
    }
}

/// The price table.
#[derive(Debug, Clone, Default)]
pub struct Pricing {
    models: Vec<(String, Price)>,
}

impl Pricing {
    /// Reads `path`: `{"models": {"gpt-4o-mini": {"input": 0.15, "output": 0.6}, ...}}`.
    pub fn load(path: &Path) -> Result<Self, Error> {
        let v = crate::io::read_json(path)?;
        Self::from_json(&v).map_err(|m| Error::input(path, None, m))
    }

    /// The shipped table, `templates/pricing.json`.
    pub fn shipped() -> Result<Self, Error> {
        Self::load(&crate::paths::templates_dir().join("pricing.json"))
    }

    /// Parses the table from JSON.
    pub fn from_json(v: &Value) -> Result<Self, String> {
        let models = v
            .get("models")
            .and_then(Value::as_object)
            .ok_or("missing object \"models\"")?;
        let mut out = Vec::new();
        for (name, p) in models {
            let get = |k: &str| {
                p.get(k)
                    .and_then(Value::as_f64)
                    .filter(|x| *x >= 0.0)
                    .ok_or(format!(
                        "models.{name}.{k}: expected a number >= 0 (dollars per 1M tokens)"
                    ))
            };
            out.push((
                name.clone(),
                Price {
                    input: get("input")?,
                    output: get("output")?,
                },
            ));
        }
        Ok(Pricing { models: out })
    }

    /// The price of `model`: an exact name, else the longest listed name it starts with
    /// (`gpt-4o-mini-2024-07-18` costs what `gpt-4o-mini` costs).
    pub fn price(&self, model: &str) -> Option<Price> {
        if let Some((_, p)) = self.models.iter().find(|(n, _)| n == model) {
            return Some(*p);
        }
        self.models
            .iter()
            .filter(|(n, _)| model.starts_with(n.as_str()))
            .max_by_key(|(n, _)| n.len())
            .map(|(_, p)| *p)
    }
}

/// A rough token count of text (about four characters a token, as OpenAI documents).
pub fn estimate_tokens(text: &str) -> u64 {
    (text.chars().count() as u64).div_ceil(4)
}

/// Estimated input tokens of a request (text plus a few tokens of framing per message).
pub fn estimate_input(req: &ChatRequest) -> u64 {
    req.messages
        .iter()
        .map(|m| estimate_tokens(&m.content) + 4)
        .sum::<u64>()
        + 3
}

/// The budget-relevant estimate of a call: input estimate and max_tokens of output.
pub fn estimate_usage(req: &ChatRequest) -> Usage {
    Usage {
        input_tokens: estimate_input(req),
        output_tokens: req.max_tokens as u64,
    }
}

/// Totals of one run so far.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Totals {
    /// Calls answered by the server.
    pub calls: u64,
    /// Calls answered from the cache.
    pub cache_hits: u64,
    /// HTTP attempts that failed and were retried.
    pub retries: u64,
    /// Calls that failed for good (retries exhausted).
    pub failures: u64,
    pub input_tokens: u64,
    pub output_tokens: u64,
    /// US dollars spent on calls answered by the server.
    pub cost: f64,
    /// Dollars the cache saved (what the replayed calls cost the first time).
    pub saved: f64,
}

impl Totals {
    /// `calls 12 (3 cached), tokens 4.1k in / 900 out, $0.0123`.
    pub fn summary(&self) -> String {
        format!(
            "calls {} ({} cached, {} retried, {} failed), tokens {} in / {} out, ${:.4}",
            self.calls + self.cache_hits,
            self.cache_hits,
            self.retries,
            self.failures,
            short(self.input_tokens),
            short(self.output_tokens),
            self.cost
        )
    }
}

fn short(n: u64) -> String {
    if n >= 10_000 {
        format!("{:.1}k", n as f64 / 1000.0)
    } else {
        n.to_string()
    }
}

/// The run's meter, shared by the workers.
#[derive(Debug, Default)]
pub struct Meter {
    totals: Mutex<Totals>,
    /// Dollars reserved by calls in flight (their estimates), for --max-cost.
    reserved: Mutex<f64>,
}

impl Meter {
    fn lock(&self) -> std::sync::MutexGuard<'_, Totals> {
        self.totals.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The totals so far.
    pub fn totals(&self) -> Totals {
        *self.lock()
    }

    /// Counts a call the server answered.
    pub fn add_call(&self, usage: Usage, cost: f64) {
        let mut t = self.lock();
        t.calls += 1;
        t.input_tokens += usage.input_tokens;
        t.output_tokens += usage.output_tokens;
        t.cost += cost;
    }

    /// Counts a call replayed from the cache.
    pub fn add_hit(&self, saved: f64) {
        let mut t = self.lock();
        t.cache_hits += 1;
        t.saved += saved;
    }

    /// Counts a retried attempt.
    pub fn add_retry(&self) {
        self.lock().retries += 1;
    }

    /// Counts a call that failed for good.
    pub fn add_failure(&self) {
        self.lock().failures += 1;
    }

    /// Reserves `estimate` dollars for a call about to start, unless spent + reserved +
    /// estimate would pass `limit`; returns whether the call may start.
    pub fn try_reserve(&self, estimate: f64, limit: Option<f64>) -> bool {
        let mut r = self.reserved.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(limit) = limit {
            let spent = self.lock().cost;
            if spent + *r + estimate > limit + 1e-12 {
                return false;
            }
        }
        *r += estimate;
        true
    }

    /// Releases a reservation made by `try_reserve`.
    pub fn release(&self, estimate: f64) {
        let mut r = self.reserved.lock().unwrap_or_else(|p| p.into_inner());
        *r = (*r - estimate).max(0.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::llm::Message;
    use serde_json::json;

    #[test]
    fn prices_by_exact_name_then_longest_prefix() {
        let p = Pricing::from_json(&json!({"models": {
            "gpt-4o": {"input": 2.5, "output": 10.0},
            "gpt-4o-mini": {"input": 0.15, "output": 0.6}
        }}))
        .unwrap();
        assert_eq!(p.price("gpt-4o-mini-2024-07-18").unwrap().input, 0.15);
        assert_eq!(p.price("gpt-4o").unwrap().output, 10.0);
        assert!(p.price("llama").is_none());
        let cost = p.price("gpt-4o-mini").unwrap().cost(Usage {
            input_tokens: 1_000_000,
            output_tokens: 500_000,
        });
        assert!((cost - 0.45).abs() < 1e-9);
        let e = Pricing::from_json(&json!({"models": {"x": {"input": "a"}}})).unwrap_err();
        assert!(e.contains("models.x.input"), "{e}");
    }

    #[test]
    fn shipped_pricing_parses() {
        let p = Pricing::shipped().unwrap();
        assert!(p.price("gpt-4o-mini").is_some());
        assert!(p.price("claude-3-5-haiku-latest").is_some());
    }

    #[test]
    fn estimates_and_budget() {
        let r = ChatRequest::new(vec![Message::user("abcdefgh")]).max_tokens(100);
        assert_eq!(estimate_input(&r), 2 + 4 + 3);
        assert_eq!(estimate_usage(&r).output_tokens, 100);
        let m = Meter::default();
        assert!(m.try_reserve(0.4, Some(1.0)));
        assert!(m.try_reserve(0.4, Some(1.0)));
        assert!(!m.try_reserve(0.4, Some(1.0)));
        m.release(0.4);
        m.add_call(Usage::default(), 0.1);
        assert!(m.try_reserve(0.4, Some(1.0)));
        assert!(!m.try_reserve(0.2, Some(1.0)));
        assert!(m.try_reserve(100.0, None));
    }
}
