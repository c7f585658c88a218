//! A real HTTP/1.1 model server for tests and the benchmark, on 127.0.0.1 with std::net.
//! It speaks OpenAI Chat Completions (`POST .../chat/completions`) and Anthropic Messages
//! (`POST .../messages`), and can be told to answer 429 with Retry-After, 5xx, hang past
//! the client's timeout, send malformed JSON, cut the connection mid-body, enforce a
//! request rate, or refuse keys. It records every request with its arrival time.

#![allow(dead_code)]

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// One injected fault, used for one request.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// 429 with this Retry-After value (seconds), or none.
    RateLimit(Option<String>),
    /// Any status with an error body (`{"error":{"message":...}}`).
    Status(u16, String),
    /// Read the request, then say nothing for this long and close.
    Hang(Duration),
    /// 200 with a body that is not JSON.
    Malformed,
    /// 200 with a Content-Length larger than what is sent, then close.
    Cut,
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub at: Instant,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Value,
    /// What the server answered (0: hung or cut).
    pub status: u16,
}

impl Seen {
    /// A header by lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    /// The content of the last user message.
    pub fn last_user(&self) -> String {
        self.body["messages"]
            .as_array()
            .and_then(|m| m.iter().rev().find(|m| m["role"] == "user"))
            .and_then(|m| m["content"].as_str())
            .unwrap_or("")
            .to_string()
    }
}

/// Makes the reply text from the request body.
pub type Responder = Box<dyn Fn(&Value) -> String + Send + Sync>;

struct Limit {
    interval: f64,
    tolerance: f64,
    tat: Option<Instant>,
}

struct Shared {
    log: Mutex<Vec<Seen>>,
    faults: Mutex<VecDeque<Fault>>,
    every: Mutex<Option<(usize, Fault)>>,
    delay: Mutex<Duration>,
    limit: Mutex<Option<Limit>>,
    key: Mutex<Option<String>>,
    responder: Mutex<Responder>,
    stop: AtomicBool,
}

/// The running server; stops when dropped.
pub struct LlmServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
}

/// The default reply: `echo: <last user message>`.
pub fn echo(body: &Value) -> String {
    let last = body["messages"]
        .as_array()
        .and_then(|m| m.iter().rev().find(|m| m["role"] == "user"))
        .and_then(|m| m["content"].as_str())
        .unwrap_or("");
    format!("echo: {last}")
}

impl LlmServer {
    /// Starts on an ephemeral port of 127.0.0.1.
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        let shared = Arc::new(Shared {
            log: Mutex::new(Vec::new()),
            faults: Mutex::new(VecDeque::new()),
            every: Mutex::new(None),
            delay: Mutex::new(Duration::ZERO),
            limit: Mutex::new(None),
            key: Mutex::new(None),
            responder: Mutex::new(Box::new(echo)),
            stop: AtomicBool::new(false),
        });
        let s = shared.clone();
        let accept = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if s.stop.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    let s = s.clone();
                    std::thread::spawn(move || serve(stream, s));
                }
            }
        });
        LlmServer {
            addr,
            shared,
            accept: Some(accept),
        }
    }

    /// `http://127.0.0.1:PORT/v1`.
    pub fn base_url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    /// Queues faults for the next requests, in order.
    pub fn push_faults(&self, faults: impl IntoIterator<Item = Fault>) {
        self.shared.faults.lock().unwrap().extend(faults);
    }

    /// Answers every `n`-th request (1-based) with `fault`.
    pub fn fault_every(&self, n: usize, fault: Fault) {
        *self.shared.every.lock().unwrap() = Some((n, fault));
    }

    /// Delays every normal reply by `d`.
    pub fn set_delay(&self, d: Duration) {
        *self.shared.delay.lock().unwrap() = d;
    }

    /// Allows `per_minute` requests a minute with a burst of `burst`; more get 429 with
    /// Retry-After, and every reply carries x-ratelimit-remaining/reset-requests.
    pub fn set_rate_limit(&self, per_minute: f64, burst: f64) {
        let interval = 60.0 / per_minute;
        *self.shared.limit.lock().unwrap() = Some(Limit {
            interval,
            tolerance: interval * burst,
            tat: None,
        });
    }

    /// Requires this key (Bearer or x-api-key); others get 401 with the key echoed back.
    pub fn require_key(&self, key: &str) {
        *self.shared.key.lock().unwrap() = Some(key.to_string());
    }

    /// Replaces the reply maker.
    pub fn set_responder(&self, f: impl Fn(&Value) -> String + Send + Sync + 'static) {
        *self.shared.responder.lock().unwrap() = Box::new(f);
    }

    /// Every request seen so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.shared.log.lock().unwrap().clone()
    }

    /// How many requests were seen.
    pub fn count(&self) -> usize {
        self.shared.log.lock().unwrap().len()
    }

    /// Clears the request log.
    pub fn reset_log(&self) {
        self.shared.log.lock().unwrap().clear();
    }
}

impl Drop for LlmServer {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(h) = self.accept.take() {
            let _ = h.join();
        }
    }
}

struct Request {
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn read_request(r: &mut BufReader<TcpStream>) -> Option<Request> {
    let mut line = String::new();
    if r.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let _method = parts.next()?;
    let path = parts.next()?.to_string();
    let mut headers = Vec::new();
    let mut len = 0usize;
    loop {
        let mut h = String::new();
        if r.read_line(&mut h).ok()? == 0 {
            return None;
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            let k = k.trim().to_ascii_lowercase();
            let v = v.trim().to_string();
            if k == "content-length" {
                len = v.parse().ok()?;
            }
            headers.push((k, v));
        }
    }
    let mut body = vec![0u8; len];
    r.read_exact(&mut body).ok()?;
    Some(Request {
        path,
        headers,
        body,
    })
}

fn respond(w: &mut TcpStream, status: u16, extra: &[(String, String)], body: &str) -> bool {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: keep-alive\r\n",
        body.len()
    );
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    w.write_all(head.as_bytes()).is_ok()
        && w.write_all(body.as_bytes()).is_ok()
        && w.flush().is_ok()
}

fn tokens(s: &str) -> u64 {
    (s.chars().count() as u64).div_ceil(4).max(1)
}

fn serve(stream: TcpStream, s: Arc<Shared>) {
    let Ok(mut w) = stream.try_clone() else {
        return;
    };
    let mut r = BufReader::new(stream);
    while let Some(req) = read_request(&mut r) {
        if s.stop.load(Ordering::SeqCst) {
            return;
        }
        let at = Instant::now();
        let body: Value = serde_json::from_slice(&req.body).unwrap_or(Value::Null);
        let index = {
            let log = s.log.lock().unwrap();
            log.len() + 1
        };
        let fault = s.faults.lock().unwrap().pop_front().or_else(|| {
            let every = s.every.lock().unwrap();
            every
                .as_ref()
                .filter(|(n, _)| *n > 0 && index % n == 0)
                .map(|(_, f)| f.clone())
        });
        let mut seen = Seen {
            at,
            path: req.path.clone(),
            headers: req.headers.clone(),
            body: body.clone(),
            status: 0,
        };
        let header = |n: &str| {
            req.headers
                .iter()
                .find(|(k, _)| k == n)
                .map(|(_, v)| v.clone())
        };
        // key check first, as real APIs do
        if let Some(key) = s.key.lock().unwrap().clone() {
            let given = header("x-api-key").or_else(|| {
                header("authorization").map(|a| a.trim_start_matches("Bearer ").to_string())
            });
            if given.as_deref() != Some(key.as_str()) {
                seen.status = 401;
                s.log.lock().unwrap().push(seen);
                let msg = format!("Incorrect API key provided: {}", given.unwrap_or_default());
                respond(
                    &mut w,
                    401,
                    &[],
                    &json!({"error": {"message": msg}}).to_string(),
                );
                continue;
            }
        }
        // the server's own rate limit
        let mut limit_headers = Vec::new();
        let limited = {
            let mut l = s.limit.lock().unwrap();
            match l.as_mut() {
                None => None,
                Some(l) => {
                    let tat = l.tat.map_or(at, |t| t.max(at));
                    let new_tat = tat + Duration::from_secs_f64(l.interval);
                    let allow_at = new_tat
                        .checked_sub(Duration::from_secs_f64(l.tolerance))
                        .unwrap_or(at);
                    if allow_at > at {
                        Some((allow_at - at).as_secs_f64())
                    } else {
                        l.tat = Some(new_tat);
                        let used = (new_tat - at).as_secs_f64() / l.interval;
                        let burst = l.tolerance / l.interval;
                        let remaining = (burst - used).floor().max(0.0) as u64;
                        limit_headers.push((
                            "x-ratelimit-remaining-requests".to_string(),
                            remaining.to_string(),
                        ));
                        limit_headers.push((
                            "x-ratelimit-reset-requests".to_string(),
                            format!("{}ms", (l.interval * 1000.0).ceil() as u64),
                        ));
                        None
                    }
                }
            }
        };
        if let Some(wait) = limited {
            seen.status = 429;
            s.log.lock().unwrap().push(seen);
            let extra = vec![
                ("retry-after".to_string(), format!("{}", wait.ceil() as u64)),
                (
                    "retry-after-ms".to_string(),
                    format!("{}", (wait * 1000.0).ceil() as u64),
                ),
            ];
            respond(
                &mut w,
                429,
                &extra,
                r#"{"error":{"message":"Rate limit reached for requests"}}"#,
            );
            continue;
        }
        match fault {
            Some(Fault::RateLimit(retry_after)) => {
                seen.status = 429;
                s.log.lock().unwrap().push(seen);
                let extra: Vec<(String, String)> = retry_after
                    .map(|v| vec![("retry-after".to_string(), v)])
                    .unwrap_or_default();
                respond(
                    &mut w,
                    429,
                    &extra,
                    r#"{"error":{"message":"Rate limit reached"}}"#,
                );
                continue;
            }
            Some(Fault::Status(code, msg)) => {
                seen.status = code;
                s.log.lock().unwrap().push(seen);
                respond(
                    &mut w,
                    code,
                    &[],
                    &json!({"error": {"message": msg}}).to_string(),
                );
                continue;
            }
            Some(Fault::Hang(d)) => {
                s.log.lock().unwrap().push(seen);
                let end = Instant::now() + d;
                while Instant::now() < end && !s.stop.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(20));
                }
                let _ = w.shutdown(Shutdown::Both);
                return;
            }
            Some(Fault::Malformed) => {
                seen.status = 200;
                s.log.lock().unwrap().push(seen);
                respond(
                    &mut w,
                    200,
                    &[],
                    "{\"choices\": [{\"message\": {\"content\": \"tru",
                );
                continue;
            }
            Some(Fault::Cut) => {
                s.log.lock().unwrap().push(seen);
                let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"choices\": [{\"message\":";
                let _ = w.write_all(head.as_bytes());
                let _ = w.flush();
                let _ = w.shutdown(Shutdown::Both);
                return;
            }
            None => {}
        }
        // Logged on arrival (before the reply delay), so a request whose client dies
        // while it waits is counted when it came, not after a test has reset the log.
        let routed = req.path.ends_with("/messages") || req.path.ends_with("/chat/completions");
        if routed {
            seen.status = 200;
            s.log.lock().unwrap().push(seen.clone());
        }
        let delay = *s.delay.lock().unwrap();
        if !delay.is_zero() {
            std::thread::sleep(delay);
        }
        let text = (s.responder.lock().unwrap())(&body);
        let prompt: String = body["messages"]
            .as_array()
            .map(|m| {
                m.iter()
                    .filter_map(|m| m["content"].as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        let (pt, ct) = (tokens(&prompt), tokens(&text));
        let model = body["model"].as_str().unwrap_or("test").to_string();
        let reply = if req.path.ends_with("/messages") {
            json!({
                "id": format!("msg_{index}"), "type": "message", "role": "assistant", "model": model,
                "content": [{"type": "text", "text": text}],
                "stop_reason": "end_turn",
                "usage": {"input_tokens": pt, "output_tokens": ct}
            })
        } else if req.path.ends_with("/chat/completions") {
            json!({
                "id": format!("chatcmpl-{index}"), "object": "chat.completion", "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": pt, "completion_tokens": ct, "total_tokens": pt + ct}
            })
        } else {
            seen.status = 404;
            s.log.lock().unwrap().push(seen);
            respond(
                &mut w,
                404,
                &[],
                &json!({"error": {"message": format!("no route {}", req.path)}}).to_string(),
            );
            continue;
        };
        if !respond(&mut w, 200, &limit_headers, &reply.to_string()) {
            return;
        }
    }
}

/// The largest number of requests seen in any window of `window` (sliding, by arrival).
pub fn max_in_window(seen: &[Seen], window: Duration) -> usize {
    let mut times: Vec<Instant> = seen.iter().map(|s| s.at).collect();
    times.sort();
    let mut best = 0;
    let mut j = 0;
    for i in 0..times.len() {
        while times[i] - times[j] >= window {
            j += 1;
        }
        best = best.max(i - j + 1);
    }
    best
}
