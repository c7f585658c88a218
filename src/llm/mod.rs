//! The one language-model client every command uses: providers, rate limits, retries, cache, cost.
//!
//! A command flattens [`LlmArgs`] into its own flags, resolves them into a [`Config`]
//! (flags, then environment, then `.env`), builds a [`Client`] and sends [`ChatRequest`]s
//! through [`Client::chat`] (one call: cache, budget, rate limits, retries) or
//! [`Client::map`] (a bounded worker pool over many items). [`json::chat_json`] asks for
//! JSON and retries with the parse error fed back; what never parses goes to a rejects file.

pub mod cache;
pub mod client;
pub mod config;
pub mod cost;
pub mod intents;
pub mod json;
pub mod limiter;
pub mod provider;

pub use client::{CallError, ChatResponse, Client, Estimate};
pub use config::{Config, Env, LlmArgs, Provider, Secret};
pub use cost::{Price, Pricing, Totals};
pub use json::{chat_json, chat_parsed, JsonOutcome, Rejects};

use serde::{Deserialize, Serialize};

/// Who says a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    System,
    User,
    Assistant,
}

impl Role {
    /// The role's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::System => "system",
            Role::User => "user",
            Role::Assistant => "assistant",
        }
    }
}

/// One message of a conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub role: Role,
    pub content: String,
}

impl Message {
    /// A system message.
    pub fn system(s: impl Into<String>) -> Self {
        Message {
            role: Role::System,
            content: s.into(),
        }
    }
    /// A user message.
    pub fn user(s: impl Into<String>) -> Self {
        Message {
            role: Role::User,
            content: s.into(),
        }
    }
    /// An assistant message.
    pub fn assistant(s: impl Into<String>) -> Self {
        Message {
            role: Role::Assistant,
            content: s.into(),
        }
    }
}

/// Tokens one call used.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    pub input_tokens: u64,
    pub output_tokens: u64,
}

/// One chat call: messages and sampling parameters (all part of the cache key).
#[derive(Debug, Clone, PartialEq)]
pub struct ChatRequest {
    pub messages: Vec<Message>,
    pub temperature: f64,
    pub top_p: Option<f64>,
    pub max_tokens: u32,
    pub seed: Option<u64>,
    pub stop: Vec<String>,
    /// Ask for a JSON object (OpenAI's response_format; other servers get the prompt only).
    pub json_mode: bool,
    /// Distinguishes repeated samples of the same prompt in the cache; not sent.
    pub sample: u32,
    /// Expected reply length for cost estimates (default: max_tokens); not sent, not keyed.
    pub expected_output_tokens: Option<u32>,
}

impl ChatRequest {
    /// A request with temperature 0.7 and at most 1024 output tokens.
    pub fn new(messages: Vec<Message>) -> Self {
        ChatRequest {
            messages,
            temperature: 0.7,
            top_p: None,
            max_tokens: 1024,
            seed: None,
            stop: Vec::new(),
            json_mode: false,
            sample: 0,
            expected_output_tokens: None,
        }
    }
    /// Sets the temperature.
    pub fn temperature(mut self, t: f64) -> Self {
        self.temperature = t;
        self
    }
    /// Sets the output token limit.
    pub fn max_tokens(mut self, n: u32) -> Self {
        self.max_tokens = n;
        self
    }
    /// Asks for JSON output.
    pub fn json(mut self) -> Self {
        self.json_mode = true;
        self
    }
    /// Marks this as sample `n` of its prompt.
    pub fn sample(mut self, n: u32) -> Self {
        self.sample = n;
        self
    }
    /// Sets the sampling seed (OpenAI-style servers).
    pub fn seed(mut self, s: u64) -> Self {
        self.seed = Some(s);
        self
    }
    /// Sets the expected reply length used by cost estimates.
    pub fn expect_output(mut self, n: u32) -> Self {
        self.expected_output_tokens = Some(n);
        self
    }
}
