//! Asking for JSON: parse the reply (fences and chatter around it tolerated), check it
//! with the caller's rule, and on failure ask again with the error fed back, up to N
//! attempts. Replies that never pass go, with their raw text, to a rejects file.

use super::client::{CallError, Client};
use super::{ChatRequest, Message};
use crate::error::Error;
use serde::Serialize;
use serde_json::Value;
use std::path::Path;
use std::sync::Mutex;

/// One failed attempt: what the model said and why it was refused.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RejectedAttempt {
    pub raw: String,
    pub error: String,
}

/// A request whose replies never passed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reject {
    /// The caller's name for the request (e.g. `code_generation/expert/complex/batch-3`).
    pub id: String,
    pub attempts: Vec<RejectedAttempt>,
}

/// The result of a JSON call that reached the model.
#[derive(Debug, Clone, PartialEq)]
pub enum JsonOutcome<T> {
    /// A reply passed; `attempts` counts the calls it took.
    Parsed { value: T, attempts: u32 },
    /// No reply passed.
    Rejected(Reject),
}

/// Finds the JSON value in a model's reply: the whole text, else a fenced block, else
/// the span from the first `{`/`[` to the last `}`/`]`.
pub fn extract_json(text: &str) -> Result<Value, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("the reply is empty".into());
    }
    if let Ok(v) = serde_json::from_str(t) {
        return Ok(v);
    }
    if let Some(start) = t.find("```") {
        let rest = &t[start + 3..];
        let rest = rest.trim_start_matches(|c: char| c.is_ascii_alphabetic());
        if let Some(end) = rest.find("```") {
            if let Ok(v) = serde_json::from_str(rest[..end].trim()) {
                return Ok(v);
            }
        }
    }
    let start = t.find(['{', '[']);
    let end = t.rfind(['}', ']']);
    match (start, end) {
        (Some(s), Some(e)) if e > s => serde_json::from_str(&t[s..=e]).map_err(|err| {
            let msg = err.to_string();
            format!(
                "the reply is not valid JSON: {}",
                msg.split(" at line").next().unwrap_or(&msg)
            )
        }),
        _ => Err("the reply contains no JSON object or array".into()),
    }
}

/// Sends `req` through `client` and checks the reply with `check`; on failure appends the
/// reply and the error to the conversation and asks again, up to `max_attempts` calls.
/// Network failures and a stopping run come back as `Err`; replies that never pass come
/// back as `Rejected` (and are pushed to `rejects`).
pub fn chat_json<T>(
    client: &Client,
    id: &str,
    req: &ChatRequest,
    max_attempts: u32,
    rejects: &Rejects,
    check: impl Fn(&Value) -> Result<T, String>,
) -> Result<JsonOutcome<T>, CallError> {
    chat_parsed(
        client,
        id,
        req,
        max_attempts,
        rejects,
        "Answer again with only the JSON, no other text.",
        |text| extract_json(text).and_then(|v| check(&v)),
    )
}

/// Like `chat_json` with any reader of the reply text: `parse` returns the value or
/// what is wrong, which is fed back with `retry_hint` for the next attempt.
pub fn chat_parsed<T>(
    client: &Client,
    id: &str,
    req: &ChatRequest,
    max_attempts: u32,
    rejects: &Rejects,
    retry_hint: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<JsonOutcome<T>, CallError> {
    let mut req = req.clone();
    let mut failed = Vec::new();
    for attempt in 1..=max_attempts.max(1) {
        let reply = client.chat(&req)?;
        match parse(&reply.text) {
            Ok(value) => {
                return Ok(JsonOutcome::Parsed {
                    value,
                    attempts: attempt,
                })
            }
            Err(error) => {
                req.messages.push(Message::assistant(reply.text.clone()));
                req.messages.push(Message::user(format!(
                    "That reply could not be used: {error}. {retry_hint}"
                )));
                failed.push(RejectedAttempt {
                    raw: reply.text,
                    error,
                });
            }
        }
    }
    let reject = Reject {
        id: id.to_string(),
        attempts: failed,
    };
    rejects.push(reject.clone());
    Ok(JsonOutcome::Rejected(reject))
}

/// The rejects of a run, written as JSONL (one request per line) by `write`.
#[derive(Debug, Default)]
pub struct Rejects {
    items: Mutex<Vec<Reject>>,
}

impl Rejects {
    /// Adds one.
    pub fn push(&self, r: Reject) {
        self.items.lock().unwrap_or_else(|p| p.into_inner()).push(r);
    }

    /// How many so far.
    pub fn len(&self) -> usize {
        self.items.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Writes every reject (sorted by id, so reruns give the same file) atomically.
    pub fn write(&self, path: &Path) -> Result<(), Error> {
        let mut items = self.items.lock().unwrap_or_else(|p| p.into_inner()).clone();
        items.sort_by(|a, b| a.id.cmp(&b.id));
        let mut out = Vec::new();
        for r in &items {
            serde_json::to_writer(&mut out, r).map_err(|e| Error::Other(e.to_string()))?;
            out.push(b'\n');
        }
        crate::io::write_atomic(path, &out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn extracts_json_from_chatty_replies() {
        assert_eq!(extract_json(" [1,2] ").unwrap(), json!([1, 2]));
        assert_eq!(
            extract_json("Sure!\n```json\n{\"a\": 1}\n```\nHope it helps").unwrap(),
            json!({"a": 1})
        );
        assert_eq!(
            extract_json("Here: {\"a\": [1]} done").unwrap(),
            json!({"a": [1]})
        );
        assert!(extract_json("no json here")
            .unwrap_err()
            .contains("no JSON object"));
        assert!(extract_json("{\"a\": 1")
            .unwrap_err()
            .contains("no JSON object"));
        assert!(extract_json("x {\"a\": } y")
            .unwrap_err()
            .contains("not valid JSON"));
        assert!(extract_json("  ").unwrap_err().contains("empty"));
    }

    #[test]
    fn rejects_file_is_sorted_jsonl() {
        let r = Rejects::default();
        for id in ["b", "a"] {
            r.push(Reject {
                id: id.into(),
                attempts: vec![RejectedAttempt {
                    raw: "oops".into(),
                    error: "bad".into(),
                }],
            });
        }
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("rejects.jsonl");
        r.write(&p).unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("{\"id\":\"a\""));
        assert!(lines[1].contains("\"raw\":\"oops\""));
    }
}
