//! The two wire protocols: building a request (URL, headers, JSON body) and reading a
//! reply (text, usage, error message, rate-limit headers) for OpenAI Chat Completions
//! (also every OpenAI-compatible server) and Anthropic Messages.

use super::config::{Config, Provider};
use super::{ChatRequest, Role, Usage};
use serde_json::{json, Value};
use std::time::{Duration, SystemTime};

/// The Anthropic API version this client speaks.
pub const ANTHROPIC_VERSION: &str = "2023-06-01";

/// The endpoint a chat request goes to.
pub fn endpoint(config: &Config) -> String {
    match config.provider {
        Provider::Anthropic => format!("{}/messages", config.base_url),
        _ => format!("{}/chat/completions", config.base_url),
    }
}

/// Headers besides Content-Type, key included (never logged).
pub fn headers(config: &Config) -> Vec<(&'static str, String)> {
    let mut h = Vec::new();
    match config.provider {
        Provider::Anthropic => {
            if let Some(k) = &config.api_key {
                h.push(("x-api-key", k.expose().to_string()));
            }
            h.push(("anthropic-version", ANTHROPIC_VERSION.to_string()));
        }
        _ => {
            if let Some(k) = &config.api_key {
                h.push(("Authorization", format!("Bearer {}", k.expose())));
            }
        }
    }
    h
}

/// The JSON body of a chat request.
pub fn body(config: &Config, req: &ChatRequest) -> Value {
    match config.provider {
        Provider::Anthropic => {
            let messages: Vec<Value> = req
                .messages
                .iter()
                .filter(|m| m.role != Role::System)
                .map(|m| json!({"role": m.role.as_str(), "content": m.content}))
                .collect();
            let system: Vec<&str> = req
                .messages
                .iter()
                .filter(|m| m.role == Role::System)
                .map(|m| m.content.as_str())
                .collect();
            let mut b = json!({
                "model": config.model,
                "max_tokens": req.max_tokens,
                "messages": messages,
                "temperature": req.temperature,
            });
            if !system.is_empty() {
                b["system"] = json!(system.join("\n\n"));
            }
            if let Some(p) = req.top_p {
                b["top_p"] = json!(p);
            }
            if !req.stop.is_empty() {
                b["stop_sequences"] = json!(req.stop);
            }
            b
        }
        _ => {
            let messages: Vec<Value> = req
                .messages
                .iter()
                .map(|m| json!({"role": m.role.as_str(), "content": m.content}))
                .collect();
            let mut b = json!({
                "model": config.model,
                "messages": messages,
                "temperature": req.temperature,
                "max_tokens": req.max_tokens,
            });
            if let Some(p) = req.top_p {
                b["top_p"] = json!(p);
            }
            if let Some(s) = req.seed {
                b["seed"] = json!(s);
            }
            if !req.stop.is_empty() {
                b["stop"] = json!(req.stop);
            }
            if req.json_mode && config.provider == Provider::Openai {
                b["response_format"] = json!({"type": "json_object"});
            }
            b
        }
    }
}

/// What a successful reply carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub text: String,
    pub usage: Option<Usage>,
    pub finish_reason: Option<String>,
}

/// Reads a 2xx reply body; `Err` names what is wrong with it (treated as a server fault).
pub fn parse_reply(provider: Provider, body: &str) -> Result<Parsed, String> {
    let v: Value = serde_json::from_str(body).map_err(|e| {
        format!(
            "reply is not JSON ({e}): {}",
            body.chars().take(120).collect::<String>()
        )
    })?;
    match provider {
        Provider::Anthropic => {
            let content = v
                .get("content")
                .and_then(Value::as_array)
                .ok_or("reply has no \"content\" array")?;
            let text: String = content
                .iter()
                .filter(|c| c.get("type").and_then(Value::as_str) == Some("text"))
                .filter_map(|c| c.get("text").and_then(Value::as_str))
                .collect();
            let usage = v.get("usage").map(|u| Usage {
                input_tokens: u.get("input_tokens").and_then(Value::as_u64).unwrap_or(0),
                output_tokens: u.get("output_tokens").and_then(Value::as_u64).unwrap_or(0),
            });
            Ok(Parsed {
                text,
                usage,
                finish_reason: v
                    .get("stop_reason")
                    .and_then(Value::as_str)
                    .map(str::to_string),
            })
        }
        _ => {
            let choice = v
                .get("choices")
                .and_then(Value::as_array)
                .and_then(|c| c.first())
                .ok_or("reply has no \"choices\"")?;
            let text = choice
                .pointer("/message/content")
                .and_then(Value::as_str)
                .or_else(|| choice.get("text").and_then(Value::as_str))
                .ok_or("reply has no choices[0].message.content")?
                .to_string();
            let usage = v.get("usage").map(|u| Usage {
                input_tokens: u.get("prompt_tokens").and_then(Value::as_u64).unwrap_or(0),
                output_tokens: u
                    .get("completion_tokens")
                    .and_then(Value::as_u64)
                    .unwrap_or(0),
            });
            Ok(Parsed {
                text,
                usage,
                finish_reason: choice
                    .get("finish_reason")
                    .and_then(Value::as_str)
                    .map(str::to_string),
            })
        }
    }
}

/// The server's own words from an error body (`error.message` in both APIs), shortened.
pub fn error_message(body: &str) -> String {
    let from_json = serde_json::from_str::<Value>(body).ok().and_then(|v| {
        v.pointer("/error/message")
            .or_else(|| v.get("message"))
            .or_else(|| v.get("error"))
            .and_then(Value::as_str)
            .map(str::to_string)
    });
    let msg = from_json.unwrap_or_else(|| body.trim().to_string());
    let mut short: String = msg.chars().take(300).collect();
    if msg.chars().count() > 300 {
        short.push('…');
    }
    short
}

/// Rate-limit state a server reported in its headers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RateHeaders {
    /// `Retry-After` (seconds or an HTTP date).
    pub retry_after: Option<Duration>,
    pub remaining_requests: Option<u64>,
    pub reset_requests: Option<Duration>,
    pub remaining_tokens: Option<u64>,
    pub reset_tokens: Option<Duration>,
}

/// Reads Retry-After and the rate-limit headers of both APIs through `get` (a header lookup).
pub fn rate_headers(get: impl Fn(&str) -> Option<String>, now: SystemTime) -> RateHeaders {
    let num = |name: &str| get(name).and_then(|v| v.trim().parse::<u64>().ok());
    let retry_after = get("retry-after-ms")
        .and_then(|v| v.trim().parse::<f64>().ok())
        .map(|ms| Duration::from_secs_f64((ms / 1000.0).max(0.0)))
        .or_else(|| get("retry-after").and_then(|v| parse_retry_after(&v, now)));
    let reset = |openai: &str, anthropic: &str| {
        get(openai)
            .and_then(|v| parse_duration(&v))
            .or_else(|| get(anthropic).and_then(|v| parse_rfc3339_from(&v, now)))
    };
    RateHeaders {
        retry_after,
        remaining_requests: num("x-ratelimit-remaining-requests")
            .or_else(|| num("anthropic-ratelimit-requests-remaining")),
        reset_requests: reset(
            "x-ratelimit-reset-requests",
            "anthropic-ratelimit-requests-reset",
        ),
        remaining_tokens: num("x-ratelimit-remaining-tokens")
            .or_else(|| num("anthropic-ratelimit-tokens-remaining")),
        reset_tokens: reset(
            "x-ratelimit-reset-tokens",
            "anthropic-ratelimit-tokens-reset",
        ),
    }
}

/// `Retry-After`: delay seconds (possibly fractional) or an HTTP date.
pub fn parse_retry_after(v: &str, now: SystemTime) -> Option<Duration> {
    let v = v.trim();
    if let Ok(s) = v.parse::<f64>() {
        return (s.is_finite() && s >= 0.0).then(|| Duration::from_secs_f64(s.min(3600.0)));
    }
    let at = parse_http_date(v)?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// OpenAI's reset durations: `1s`, `6m0s`, `20ms`, `1h2m3.5s`.
pub fn parse_duration(v: &str) -> Option<Duration> {
    let v = v.trim();
    if v.is_empty() {
        return None;
    }
    if let Ok(s) = v.parse::<f64>() {
        return (s >= 0.0 && s.is_finite()).then(|| Duration::from_secs_f64(s));
    }
    let mut total = 0.0f64;
    let mut num = String::new();
    let mut chars = v.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let n: f64 = num.parse().ok()?;
        num.clear();
        let unit = match c {
            'h' => 3600.0,
            'm' if chars.peek() == Some(&'s') => {
                chars.next();
                0.001
            }
            'm' => 60.0,
            's' => 1.0,
            _ => return None,
        };
        total += n * unit;
        any = true;
    }
    (any && num.is_empty()).then(|| Duration::from_secs_f64(total))
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn to_system_time(days: i64, secs: f64) -> Option<SystemTime> {
    let t = days as f64 * 86400.0 + secs;
    (t >= 0.0).then(|| SystemTime::UNIX_EPOCH + Duration::from_secs_f64(t))
}

/// `Sun, 06 Nov 1994 08:49:37 GMT`.
fn parse_http_date(v: &str) -> Option<SystemTime> {
    let parts: Vec<&str> = v.split_whitespace().collect();
    if parts.len() != 6 {
        return None;
    }
    let d: i64 = parts[1].parse().ok()?;
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let m = months.iter().position(|&x| x == parts[2])? as i64 + 1;
    let y: i64 = parts[3].parse().ok()?;
    let hms: Vec<f64> = parts[4]
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    if hms.len() != 3 {
        return None;
    }
    to_system_time(
        days_from_civil(y, m, d),
        hms[0] * 3600.0 + hms[1] * 60.0 + hms[2],
    )
}

/// Anthropic's reset times, RFC 3339 in UTC (`2026-11-22T01:02:03Z`), as a delay from `now`.
fn parse_rfc3339_from(v: &str, now: SystemTime) -> Option<Duration> {
    let v = v.trim().trim_end_matches('Z');
    let (date, time) = v.split_once('T')?;
    let time = time.split(['+', '-']).next()?;
    let ymd: Vec<i64> = date
        .split('-')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let hms: Vec<f64> = time
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    if ymd.len() != 3 || hms.len() != 3 {
        return None;
    }
    let at = to_system_time(
        days_from_civil(ymd[0], ymd[1], ymd[2]),
        hms[0] * 3600.0 + hms[1] * 60.0 + hms[2],
    )?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::llm::Message;

    #[test]
    fn openai_body_and_reply() {
        let c = Config {
            provider: Provider::Openai,
            model: "gpt-4o-mini".into(),
            ..Config::default()
        };
        let req = ChatRequest::new(vec![Message::system("s"), Message::user("u")]).json();
        let b = body(&c, &req);
        assert_eq!(b["messages"][0]["role"], "system");
        assert_eq!(b["response_format"]["type"], "json_object");
        let p = parse_reply(
            Provider::Openai,
            r#"{"choices":[{"message":{"content":"hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2}}"#,
        )
        .unwrap();
        assert_eq!(p.text, "hi");
        assert_eq!(p.usage.unwrap().output_tokens, 2);
        assert!(parse_reply(Provider::Openai, "{\"choices\":[]}").is_err());
        assert!(parse_reply(Provider::Openai, "<html>").is_err());
    }

    #[test]
    fn anthropic_body_moves_system_out() {
        let c = Config {
            provider: Provider::Anthropic,
            ..Config::default()
        };
        let req = ChatRequest::new(vec![Message::system("s"), Message::user("u")]);
        let b = body(&c, &req);
        assert_eq!(b["system"], "s");
        assert_eq!(b["messages"].as_array().unwrap().len(), 1);
        let p = parse_reply(
            Provider::Anthropic,
            r#"{"content":[{"type":"text","text":"a"},{"type":"text","text":"b"}],"usage":{"input_tokens":3,"output_tokens":1}}"#,
        )
        .unwrap();
        assert_eq!(p.text, "ab");
        assert_eq!(p.usage.unwrap().input_tokens, 3);
    }

    #[test]
    fn durations_and_dates() {
        assert_eq!(parse_duration("6m0s"), Some(Duration::from_secs(360)));
        assert_eq!(parse_duration("20ms"), Some(Duration::from_millis(20)));
        assert_eq!(parse_duration("1.5s"), Some(Duration::from_millis(1500)));
        assert_eq!(parse_duration("x"), None);
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784111770);
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(parse_retry_after("2", now), Some(Duration::from_secs(2)));
        assert_eq!(
            parse_rfc3339_from("1994-11-06T08:49:40Z", now),
            Some(Duration::from_secs(10))
        );
        let h = rate_headers(
            |n| match n {
                "retry-after" => Some("3".into()),
                "x-ratelimit-remaining-requests" => Some("0".into()),
                "x-ratelimit-reset-requests" => Some("250ms".into()),
                _ => None,
            },
            now,
        );
        assert_eq!(h.retry_after, Some(Duration::from_secs(3)));
        assert_eq!(h.remaining_requests, Some(0));
        assert_eq!(h.reset_requests, Some(Duration::from_millis(250)));
    }

    #[test]
    fn error_message_reads_both_apis() {
        assert_eq!(
            error_message(r#"{"error":{"message":"Invalid model"}}"#),
            "Invalid model"
        );
        assert_eq!(error_message("plain"), "plain");
    }
}
