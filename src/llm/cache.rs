//! The content-addressed response cache: one JSON file per finished call, named by the
//! SHA-256 of everything that decides the answer (provider, base URL, model, messages,
//! sampling parameters), written atomically. Keys never enter it.

use super::config::Config;
use super::{ChatRequest, Usage};
use crate::error::Error;
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Bumped when the entry format or the key changes, so old entries are not misread.
const VERSION: u32 = 1;

/// One finished call as stored.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    pub version: u32,
    pub key: String,
    pub provider: String,
    pub model: String,
    pub text: String,
    pub usage: Usage,
    pub finish_reason: Option<String>,
}

/// A folder of entries, two hex digits of fan-out.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// The cache key of `req` under `config`: hex SHA-256 of a canonical JSON description.
pub fn key(config: &Config, req: &ChatRequest) -> String {
    let desc = json!({
        "v": VERSION,
        "provider": config.provider.name(),
        "base_url": config.base_url,
        "model": config.model,
        "messages": req.messages.iter().map(|m| json!([m.role.as_str(), m.content])).collect::<Vec<_>>(),
        "temperature": req.temperature,
        "top_p": req.top_p,
        "max_tokens": req.max_tokens,
        "seed": req.seed,
        "stop": req.stop,
        "json_mode": req.json_mode,
        "sample": req.sample,
    });
    let mut h = Sha256::new();
    h.update(desc.to_string().as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

impl Cache {
    /// A cache in `dir` (created on first write).
    pub fn new(dir: &Path) -> Self {
        Cache {
            dir: dir.to_path_buf(),
        }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{key}.json"))
    }

    /// The stored entry for `key`; an unreadable or foreign entry counts as a miss.
    pub fn get(&self, key: &str) -> Option<Entry> {
        let bytes = std::fs::read(self.path(key)).ok()?;
        let e: Entry = serde_json::from_slice(&bytes).ok()?;
        (e.version == VERSION && e.key == key).then_some(e)
    }

    /// Whether `key` is stored.
    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Stores `entry` atomically (a reader never sees half an entry).
    pub fn put(&self, entry: &Entry) -> Result<(), Error> {
        crate::io::write_json_atomic(&self.path(&entry.key), entry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::llm::Message;

    #[test]
    fn key_depends_on_what_decides_the_answer_only() {
        let c = Config::default();
        let r = ChatRequest::new(vec![Message::user("hi")]);
        let k = key(&c, &r);
        assert_eq!(k.len(), 64);
        let mut with_key = c.clone();
        with_key.api_key = Some(crate::llm::Secret::new("sk-x"));
        with_key.concurrency = 9;
        assert_eq!(key(&with_key, &r), k);
        let mut other_model = c.clone();
        other_model.model = "m2".into();
        assert_ne!(key(&other_model, &r), k);
        assert_ne!(key(&c, &r.clone().temperature(0.1)), k);
        assert_ne!(key(&c, &ChatRequest::new(vec![Message::user("hi!")])), k);
    }

    #[test]
    fn round_trip_and_corrupt_entries_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let k = "ab".repeat(32);
        assert!(cache.get(&k).is_none());
        let e = Entry {
            version: VERSION,
            key: k.clone(),
            provider: "openai".into(),
            model: "m".into(),
            text: "t".into(),
            usage: Usage {
                input_tokens: 1,
                output_tokens: 2,
            },
            finish_reason: None,
        };
        cache.put(&e).unwrap();
        assert_eq!(cache.get(&k), Some(e));
        std::fs::write(cache.path(&k), b"{trunc").unwrap();
        assert!(cache.get(&k).is_none());
    }
}
