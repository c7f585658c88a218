//! Where records come from: a local file or an http(s) URL (fetched with bounded
//! retries and a progress bar), JSONL either plain or gzipped (told by its magic bytes,
//! not its name).

use crate::error::Error;
use crate::io::{open_input, JsonlReader};
use crate::ui::Ui;
use flate2::read::MultiGzDecoder;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::time::Duration;

/// The dataset's public location: the test split of LeetCodeDataset on the Hugging Face hub.
pub const DEFAULT_SOURCE: &str =
    "https://huggingface.co/datasets/newfacade/LeetCodeDataset/resolve/main/LeetCodeDataset-test.jsonl";

/// How many times a download is tried before giving up.
pub const DOWNLOAD_ATTEMPTS: u32 = 3;

/// Whether `source` is fetched over the network.
pub fn is_url(source: &str) -> bool {
    source.starts_with("http://") || source.starts_with("https://")
}

/// Opens `source` (file, `-`, or URL) as a stream of JSONL records.
pub fn open(source: &str, ui: &Ui) -> Result<JsonlReader, Error> {
    let label = Path::new(source);
    let reader: Box<dyn BufRead + Send> = if is_url(source) {
        let bytes = download(source, ui)?;
        Box::new(BufReader::new(std::io::Cursor::new(bytes)))
    } else {
        open_input(label)?
    };
    Ok(JsonlReader::from_reader(
        label,
        maybe_gunzip(label, reader)?,
    ))
}

/// Wraps `reader` in a gzip decoder when its first bytes are the gzip magic.
pub fn maybe_gunzip(
    label: &Path,
    mut reader: Box<dyn BufRead + Send>,
) -> Result<Box<dyn BufRead + Send>, Error> {
    let head = reader.fill_buf().map_err(|e| Error::io(label, e))?;
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            MultiGzDecoder::new(reader),
        )))
    } else {
        Ok(reader)
    }
}

/// Fetches `url` into memory, retrying transport errors, 429 and 5xx with backoff.
pub fn download(url: &str, ui: &Ui) -> Result<Vec<u8>, Error> {
    let agent = ureq::AgentBuilder::new()
        .timeout_connect(Duration::from_secs(15))
        .timeout_read(Duration::from_secs(60))
        .build();
    let mut last = String::new();
    for attempt in 1..=DOWNLOAD_ATTEMPTS {
        if attempt > 1 {
            ui.warn(format!(
                "{url}: {last}; retrying ({attempt}/{DOWNLOAD_ATTEMPTS})"
            ));
            std::thread::sleep(Duration::from_millis(500 * (1 << (attempt - 2))));
        }
        match agent.get(url).call() {
            Ok(resp) => {
                let len = resp
                    .header("Content-Length")
                    .and_then(|v| v.parse::<u64>().ok());
                let bar = ui.bar(len.unwrap_or(0), "download");
                let mut body = Vec::with_capacity(len.unwrap_or(0).min(1 << 30) as usize);
                let mut reader = resp.into_reader();
                let mut buf = vec![0u8; 1 << 16];
                let read = loop {
                    match reader.read(&mut buf) {
                        Ok(0) => break Ok(()),
                        Ok(n) => {
                            body.extend_from_slice(&buf[..n]);
                            bar.inc(n as u64);
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(e) => break Err(e),
                    }
                };
                bar.finish_and_clear();
                match read {
                    Ok(()) if len.is_some_and(|l| l != body.len() as u64) => {
                        last = format!(
                            "body cut short ({} of {} bytes)",
                            body.len(),
                            len.unwrap_or(0)
                        );
                    }
                    Ok(()) => return Ok(body),
                    Err(e) => last = format!("read failed: {e}"),
                }
            }
            Err(ureq::Error::Status(code, resp)) => {
                let text = resp.status_text().to_string();
                if code == 429 || code >= 500 {
                    last = format!("HTTP {code} {text}");
                } else {
                    return Err(Error::Network(format!("{url}: HTTP {code} {text}")));
                }
            }
            Err(ureq::Error::Transport(t)) => {
                last = t.to_string();
            }
        }
    }
    Err(Error::Network(format!(
        "{url}: {last} (after {DOWNLOAD_ATTEMPTS} attempts; offline? pass a local copy with --source FILE)"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use std::io::Write;

    fn records(bytes: Vec<u8>) -> Vec<u64> {
        let label = Path::new("x");
        let r = maybe_gunzip(label, Box::new(std::io::Cursor::new(bytes))).unwrap();
        JsonlReader::from_reader(label, r)
            .map(|(line, v)| {
                assert!(v.is_ok());
                line
            })
            .collect()
    }

    #[test]
    fn reads_plain_and_gzipped_jsonl_alike() {
        let text = b"{\"a\": 1}\n{\"a\": 2}\n".to_vec();
        let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&text).unwrap();
        let gz = gz.finish().unwrap();
        assert_eq!(records(text), vec![1, 2]);
        assert_eq!(records(gz), vec![1, 2]);
    }

    #[test]
    fn urls_are_told_apart() {
        assert!(is_url("https://example.org/x.jsonl"));
        assert!(is_url(DEFAULT_SOURCE));
        assert!(!is_url("data/x.jsonl.gz"));
    }
}
