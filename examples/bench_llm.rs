//! Throughput benchmark of the model client against the test server (tests/cli/llm_server.rs)
//! on 127.0.0.1: the server allows RPM requests a minute and answers in DELAY ms; the
//! client runs N calls with --rpm RPM. Prints what the server saw. Run by scripts/bench-llm.sh.
//!
//! usage: bench_llm [--requests N] [--rpm RPM] [--delay-ms MS] [--concurrency C]

#[path = "../tests/cli/llm_server.rs"]
mod llm_server;

use dsforge::llm::{ChatRequest, Client, Config, Message, Pricing, Provider};
use dsforge::Ui;
use llm_server::{max_in_window, LlmServer};
use std::time::{Duration, Instant};

fn arg(args: &[String], name: &str, default: f64) -> f64 {
    args.iter()
        .rposition(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n = arg(&args, "--requests", 600.0) as usize;
    let rpm = arg(&args, "--rpm", 600.0);
    let delay = arg(&args, "--delay-ms", 50.0);
    let concurrency = arg(&args, "--concurrency", 8.0) as usize;

    let server = LlmServer::start();
    server.set_rate_limit(rpm, 2.0);
    server.set_delay(Duration::from_secs_f64(delay / 1000.0));
    let cfg = Config {
        provider: Provider::OpenaiCompatible,
        model: "bench".into(),
        base_url: server.base_url(),
        concurrency,
        rpm: Some(rpm),
        timeout: Duration::from_secs(10),
        max_retries: 5,
        backoff_base: Duration::from_millis(100),
        ..Config::default()
    };
    let client = match Client::new(cfg, &Pricing::default(), &Ui::silent()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("bench_llm: error: {e}");
            std::process::exit(2);
        }
    };
    let reqs: Vec<ChatRequest> = (0..n)
        .map(|i| ChatRequest::new(vec![Message::user(format!("request {i}"))]).max_tokens(16))
        .collect();
    eprintln!(
        "bench_llm: {n} calls, server limit {rpm}/min (burst 2), {delay} ms replies, concurrency {concurrency}"
    );
    let t0 = Instant::now();
    let out = match client.map(&reqs, |c, _, r| c.chat(r)) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("bench_llm: error: {e}");
            std::process::exit(2);
        }
    };
    let wall = t0.elapsed().as_secs_f64();
    let answered = out
        .iter()
        .enumerate()
        .filter(|(i, o)| matches!(o, Some(Ok(r)) if r.text == format!("echo: request {i}")))
        .count();
    let seen = server.seen();
    let ok: Vec<_> = seen.iter().filter(|s| s.status == 200).cloned().collect();
    let refused = seen.iter().filter(|s| s.status == 429).count();
    let first = ok.iter().map(|s| s.at).min();
    let last = ok.iter().map(|s| s.at).max();
    let span = match (first, last) {
        (Some(a), Some(b)) if b > a => (b - a).as_secs_f64(),
        _ => 0.0,
    };
    // n requests spaced evenly at the limit span (n - 1) intervals
    let rate = if span > 0.0 {
        (ok.len() as f64 - 1.0) / span * 60.0
    } else {
        0.0
    };
    let peak = max_in_window(&ok, Duration::from_secs(10));
    println!("requests            {n}");
    println!("answered correctly  {answered}");
    println!("lost                {}", n - answered);
    println!(
        "server saw          {} ({} answered, {} refused with 429)",
        seen.len(),
        ok.len(),
        refused
    );
    println!("wall time           {wall:.2} s");
    println!(
        "sustained rate      {rate:.1} requests/min ({:.1}% of the {rpm} limit)",
        rate / rpm * 100.0
    );
    println!("peak in any 10 s    {peak} (limit {:.0})", rpm / 6.0);
    let pass = answered == n && rate >= 0.95 * rpm;
    println!(
        "result              {}",
        if pass {
            "PASS (>= 95% of the limit, nothing lost)"
        } else {
            "FAIL"
        }
    );
    std::process::exit(if pass { 0 } else { 1 });
}
