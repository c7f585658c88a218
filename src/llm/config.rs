//! Client configuration: the `LlmArgs` flags any command flattens in, and their
//! resolution into a `Config` (flags, then environment, then `.env` in the working dir).

use crate::error::Error;
use clap::{Args, ValueEnum};
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Which wire protocol a server speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Provider {
    /// OpenAI Chat Completions at the OpenAI API
    Openai,
    /// Anthropic Messages
    Anthropic,
    /// Any server speaking OpenAI Chat Completions (vLLM, llama.cpp server, Ollama), by --base-url
    #[value(name = "openai-compatible", alias = "compatible", alias = "local")]
    OpenaiCompatible,
}

impl Provider {
    /// The name used in cache keys, metadata and messages.
    pub fn name(self) -> &'static str {
        match self {
            Provider::Openai => "openai",
            Provider::Anthropic => "anthropic",
            Provider::OpenaiCompatible => "openai-compatible",
        }
    }

    /// The environment variable holding this provider's key.
    pub fn key_var(self) -> &'static str {
        match self {
            Provider::Anthropic => "ANTHROPIC_API_KEY",
            _ => "OPENAI_API_KEY",
        }
    }

    fn default_base_url(self) -> Option<&'static str> {
        match self {
            Provider::Openai => Some("https://api.openai.com/v1"),
            Provider::Anthropic => Some("https://api.anthropic.com/v1"),
            Provider::OpenaiCompatible => None,
        }
    }

    fn default_model(self) -> &'static str {
        match self {
            Provider::Openai => "gpt-4o-mini",
            Provider::Anthropic => "claude-3-5-haiku-latest",
            // llama.cpp server and vLLM answer whatever model name they were started with.
            Provider::OpenaiCompatible => "default",
        }
    }
}

/// Flags of the model client, to `#[command(flatten)]` into any command that calls a model.
#[derive(Debug, Clone, Args)]
pub struct LlmArgs {
    /// Model API: openai, anthropic, or openai-compatible (vLLM, llama.cpp, Ollama; needs --base-url)
    /// [env: DSFORGE_LLM_PROVIDER; default: openai-compatible with a base URL, else by model name]
    #[arg(long, value_enum)]
    pub provider: Option<Provider>,
    /// Model name [env: DSFORGE_LLM_MODEL; default: gpt-4o-mini / claude-3-5-haiku-latest]
    #[arg(long)]
    pub model: Option<String>,
    /// API base URL, e.g. http://127.0.0.1:8765/v1 [env: OPENAI_BASE_URL or ANTHROPIC_BASE_URL]
    #[arg(long)]
    pub base_url: Option<String>,
    /// API key; prefer the environment or .env [env: OPENAI_API_KEY or ANTHROPIC_API_KEY]
    #[arg(long, hide_env_values = true)]
    pub api_key: Option<String>,
    /// Requests in flight at once
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=256))]
    pub concurrency: u32,
    /// Requests per minute at most (token bucket; also follows the server's rate-limit headers)
    #[arg(long)]
    pub rpm: Option<f64>,
    /// Tokens (input + output) per minute at most
    #[arg(long)]
    pub tpm: Option<f64>,
    /// Seconds one request may take before it is abandoned and retried
    #[arg(long, default_value_t = 120.0)]
    pub timeout: f64,
    /// Retries of one call after 429, 5xx, connection errors or timeouts
    #[arg(long, default_value_t = 5)]
    pub max_retries: u32,
    /// First backoff step in milliseconds; retry N waits a random time up to base * 2^N (capped at 60 s)
    #[arg(long, default_value_t = 500)]
    pub backoff_ms: u64,
    /// Stop starting calls once this many US dollars would be spent (in-flight calls finish)
    #[arg(long)]
    pub max_cost: Option<f64>,
    /// Estimate calls, tokens and cost, call nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Response cache folder (content-addressed; a re-run replays finished calls at no cost)
    #[arg(long, default_value = ".cache/dsforge-llm")]
    pub cache_dir: PathBuf,
    /// Do not read or write the response cache
    #[arg(long)]
    pub no_cache: bool,
    /// Do not ask for confirmation when the estimated cost is above $1
    #[arg(long)]
    pub yes: bool,
}

/// An API key that never shows itself in Debug or Display.
#[derive(Clone, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a key.
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }
    /// The key itself, only for the request header.
    pub fn expose(&self) -> &str {
        &self.0
    }
    /// Replaces every occurrence of the key in `text` (servers sometimes echo keys back).
    pub fn redact(&self, text: &str) -> String {
        if self.0.len() < 4 {
            return text.to_string();
        }
        text.replace(&self.0, "[redacted]")
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_empty() {
            "Secret(none)"
        } else {
            "Secret([redacted])"
        })
    }
}

/// Everything the client needs, resolved.
#[derive(Debug, Clone)]
pub struct Config {
    pub provider: Provider,
    pub model: String,
    /// Without a trailing slash, e.g. `https://api.openai.com/v1`.
    pub base_url: String,
    pub api_key: Option<Secret>,
    pub concurrency: usize,
    pub rpm: Option<f64>,
    pub tpm: Option<f64>,
    pub timeout: Duration,
    pub max_retries: u32,
    pub backoff_base: Duration,
    pub max_cost: Option<f64>,
    pub dry_run: bool,
    /// `None` with --no-cache.
    pub cache_dir: Option<PathBuf>,
    pub yes: bool,
}

/// Where settings are looked up after the flags: the process environment, then `.env`.
#[derive(Debug, Default, Clone)]
pub struct Env {
    vars: HashMap<String, String>,
    dotenv: HashMap<String, String>,
}

impl Env {
    /// The real environment plus `.env` in the working directory (when present).
    pub fn from_process() -> Result<Self, Error> {
        let vars = std::env::vars().collect();
        let path = Path::new(".env");
        let dotenv = match std::fs::read_to_string(path) {
            Ok(text) => parse_dotenv(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => HashMap::new(),
            Err(e) => return Err(Error::io(path, e)),
        };
        Ok(Env { vars, dotenv })
    }

    /// An environment made of the given pairs (tests).
    pub fn from_pairs(vars: &[(&str, &str)], dotenv: &str) -> Self {
        Env {
            vars: vars
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            dotenv: parse_dotenv(dotenv),
        }
    }

    /// A variable from the environment, else from `.env`; empty values count as unset.
    pub fn get(&self, name: &str) -> Option<String> {
        self.vars
            .get(name)
            .or_else(|| self.dotenv.get(name))
            .filter(|v| !v.trim().is_empty())
            .cloned()
    }
}

/// Parses `KEY=VALUE` lines: `#` comments, optional `export `, single or double quotes.
pub fn parse_dotenv(text: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line);
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        let k = k.trim();
        let mut v = v.trim();
        // an inline comment after a quoted value: KEY='x' # note
        if v.starts_with(['"', '\'']) {
            let q = &v[..1];
            if let Some(end) = v[1..].find(q) {
                v = &v[..end + 2];
            }
        }
        let v = if (v.starts_with('"') && v.ends_with('"') && v.len() >= 2)
            || (v.starts_with('\'') && v.ends_with('\'') && v.len() >= 2)
        {
            v[1..v.len() - 1].to_string()
        } else {
            // an unquoted value ends at an inline comment
            v.split(" #").next().unwrap_or(v).trim().to_string()
        };
        if !k.is_empty() {
            out.insert(k.to_string(), v);
        }
    }
    out
}

impl LlmArgs {
    /// Resolves flags against `env`: flags win, then environment variables, then `.env`.
    pub fn resolve(&self, env: &Env) -> Result<Config, Error> {
        let provider_env = match env.get("DSFORGE_LLM_PROVIDER") {
            Some(p) => Some(Provider::from_str(&p, true).map_err(|_| {
                Error::usage(format!(
                    "DSFORGE_LLM_PROVIDER={p} is not a provider; use openai, anthropic or openai-compatible"
                ))
            })?),
            None => None,
        };
        let model_hint = self.model.clone().or_else(|| env.get("DSFORGE_LLM_MODEL"));
        let provider = match self.provider.or(provider_env) {
            Some(p) => p,
            None if self.base_url.is_some() || env.get("OPENAI_BASE_URL").is_some() => {
                Provider::OpenaiCompatible
            }
            None if model_hint
                .as_deref()
                .is_some_and(|m| m.starts_with("claude")) =>
            {
                Provider::Anthropic
            }
            None => Provider::Openai,
        };
        let base_env = match provider {
            Provider::Anthropic => env.get("ANTHROPIC_BASE_URL"),
            _ => env.get("OPENAI_BASE_URL"),
        };
        let base_url = self
            .base_url
            .clone()
            .or(base_env)
            .or_else(|| provider.default_base_url().map(str::to_string))
            .ok_or_else(|| {
                Error::usage(
                    "--provider openai-compatible needs --base-url (or OPENAI_BASE_URL), e.g. http://127.0.0.1:8765/v1",
                )
            })?;
        let base_url = base_url.trim().trim_end_matches('/').to_string();
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            return Err(Error::usage(format!(
                "--base-url {base_url} must start with http:// or https://"
            )));
        }
        let model = model_hint.unwrap_or_else(|| provider.default_model().to_string());
        let api_key = self
            .api_key
            .clone()
            .or_else(|| env.get(provider.key_var()))
            .map(|k| Secret::new(k.trim()));
        if api_key.is_none() && provider != Provider::OpenaiCompatible && !self.dry_run {
            return Err(Error::usage(format!(
                "no API key for {}: set {} (in the environment or .env) or pass --api-key",
                provider.name(),
                provider.key_var()
            )));
        }
        if !(self.timeout > 0.0 && self.timeout.is_finite()) {
            return Err(Error::usage(
                "--timeout must be a positive number of seconds",
            ));
        }
        for (flag, v) in [
            ("--rpm", self.rpm),
            ("--tpm", self.tpm),
            ("--max-cost", self.max_cost),
        ] {
            if let Some(v) = v {
                if !(v > 0.0 && v.is_finite()) {
                    return Err(Error::usage(format!("{flag} must be a positive number")));
                }
            }
        }
        Ok(Config {
            provider,
            model,
            base_url,
            api_key,
            concurrency: self.concurrency.max(1) as usize,
            rpm: self.rpm,
            tpm: self.tpm,
            timeout: Duration::from_secs_f64(self.timeout),
            max_retries: self.max_retries,
            backoff_base: Duration::from_millis(self.backoff_ms),
            max_cost: self.max_cost,
            dry_run: self.dry_run,
            cache_dir: (!self.no_cache).then(|| self.cache_dir.clone()),
            yes: self.yes,
        })
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            provider: Provider::OpenaiCompatible,
            model: "default".into(),
            base_url: "http://127.0.0.1:8765/v1".into(),
            api_key: None,
            concurrency: 4,
            rpm: None,
            tpm: None,
            timeout: Duration::from_secs(120),
            max_retries: 5,
            backoff_base: Duration::from_millis(500),
            max_cost: None,
            dry_run: false,
            cache_dir: None,
            yes: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        llm: LlmArgs,
    }

    fn args(a: &[&str]) -> LlmArgs {
        let mut v = vec!["t"];
        v.extend_from_slice(a);
        Cli::parse_from(v).llm
    }

    #[test]
    fn flags_beat_env_beat_dotenv() {
        let env = Env::from_pairs(
            &[("OPENAI_API_KEY", "sk-env")],
            "OPENAI_API_KEY=sk-dotenv\nDSFORGE_LLM_MODEL='gpt-4.1-mini' # note\n",
        );
        let c = args(&[]).resolve(&env).unwrap();
        assert_eq!(c.provider, Provider::Openai);
        assert_eq!(c.api_key.unwrap().expose(), "sk-env");
        assert_eq!(c.model, "gpt-4.1-mini");
        let c = args(&["--api-key", "sk-flag", "--model", "m"])
            .resolve(&env)
            .unwrap();
        assert_eq!(c.api_key.unwrap().expose(), "sk-flag");
        assert_eq!(c.model, "m");
        let env = Env::from_pairs(&[], "export OPENAI_API_KEY=\"sk-dot\"\n");
        assert_eq!(
            args(&[]).resolve(&env).unwrap().api_key.unwrap().expose(),
            "sk-dot"
        );
    }

    #[test]
    fn provider_follows_base_url_and_model() {
        let env = Env::from_pairs(&[("ANTHROPIC_API_KEY", "k")], "");
        let c = args(&["--model", "claude-3-5-haiku-latest"])
            .resolve(&env)
            .unwrap();
        assert_eq!(c.provider, Provider::Anthropic);
        assert_eq!(c.base_url, "https://api.anthropic.com/v1");
        let c = args(&["--base-url", "http://127.0.0.1:9/v1/"])
            .resolve(&Env::default())
            .unwrap();
        assert_eq!(c.provider, Provider::OpenaiCompatible);
        assert_eq!(c.base_url, "http://127.0.0.1:9/v1");
        assert!(c.api_key.is_none());
    }

    #[test]
    fn missing_key_says_what_to_set() {
        let e = args(&["--provider", "anthropic"])
            .resolve(&Env::default())
            .unwrap_err()
            .to_string();
        assert!(e.contains("ANTHROPIC_API_KEY"), "{e}");
        let e = args(&["--provider", "openai-compatible"])
            .resolve(&Env::default())
            .unwrap_err()
            .to_string();
        assert!(e.contains("--base-url"), "{e}");
    }

    #[test]
    fn secrets_never_print() {
        let s = Secret::new("sk-very-secret");
        assert_eq!(format!("{s:?}"), "Secret([redacted])");
        assert_eq!(s.redact("bad key sk-very-secret!"), "bad key [redacted]!");
        let env = Env::from_pairs(&[("OPENAI_API_KEY", "sk-very-secret")], "");
        let c = args(&[]).resolve(&env).unwrap();
        assert!(!format!("{c:?}").contains("sk-very-secret"));
    }
}
