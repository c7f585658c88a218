//! What validation reads from the intent templates (`templates/intents/<intent>.json`):
//! the top-level `"keywords"` list (keyword alignment), and when present `"topics"` and
//! `"styles"` (a list, or an object whose keys are the names) for topic coverage and
//! style variety. Files named `_*.json` (shared material) contribute styles only. A
//! missing folder or file is not an error: the rule or metric is then reported as not
//! available.

use std::collections::HashMap;
use std::path::Path;

/// The styles assumed when the templates list none.
pub const DEFAULT_STYLES: [&str; 6] =
    ["formal", "casual", "technical", "polite", "urgent", "terse"];

/// What the templates folder offers.
#[derive(Debug, Clone, Default)]
pub struct TemplateInfo {
    /// Lowercased keywords per intent (intents whose file has a non-empty list).
    pub keywords: HashMap<String, Vec<String>>,
    /// (intent, topic) pairs.
    pub topics: Vec<(String, String)>,
    /// Style names (union over intents).
    pub styles: Vec<String>,
    /// Files that could not be read or parsed, with the reason.
    pub problems: Vec<String>,
}

fn names(v: Option<&serde_json::Value>) -> Vec<String> {
    match v {
        Some(serde_json::Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        Some(serde_json::Value::Object(o)) => o.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

/// Reads `dir/intents/*.json` (the intent is the file stem).
pub fn load(dir: &Path) -> TemplateInfo {
    let mut info = TemplateInfo::default();
    let folder = dir.join("intents");
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return info;
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("json"))
        .collect();
    files.sort();
    for p in files {
        let Some(intent) = p.file_stem().and_then(|s| s.to_str()).map(str::to_string) else {
            continue;
        };
        let v: serde_json::Value = match std::fs::read(&p)
            .map_err(|e| e.to_string())
            .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
        {
            Ok(v) => v,
            Err(e) => {
                info.problems.push(format!("{}: {e}", p.display()));
                continue;
            }
        };
        for st in names(v.get("styles")) {
            if !info.styles.contains(&st) {
                info.styles.push(st);
            }
        }
        // Files named `_*.json` hold shared material (styles, synonyms), not an intent.
        if intent.starts_with('_') {
            continue;
        }
        let kw: Vec<String> = names(v.get("keywords"))
            .into_iter()
            .map(|k| k.to_lowercase())
            .filter(|k| !k.trim().is_empty())
            .collect();
        if !kw.is_empty() {
            info.keywords.insert(intent.clone(), kw);
        }
        for t in names(v.get("topics")) {
            info.topics.push((intent.clone(), t));
        }
    }
    info
}

/// Reads a `--keywords` file: a JSON object `{label: [keyword, ...]}`.
pub fn load_keywords_file(path: &Path) -> Result<HashMap<String, Vec<String>>, crate::Error> {
    let v = crate::io::read_json(path)?;
    let obj = v.as_object().ok_or_else(|| {
        crate::Error::input(
            path,
            None,
            "keywords file must be an object {label: [keywords]}",
        )
    })?;
    let mut out = HashMap::new();
    for (label, list) in obj {
        let arr = list.as_array().ok_or_else(|| {
            crate::Error::input(
                path,
                None,
                format!("keywords of \"{label}\" are not a list"),
            )
        })?;
        let kws: Vec<String> = arr
            .iter()
            .filter_map(|k| k.as_str().map(|s| s.to_lowercase()))
            .filter(|k| !k.trim().is_empty())
            .collect();
        out.insert(label.clone(), kws);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_keywords_topics_styles_and_tolerates_bad_files() {
        let dir = tempfile::tempdir().unwrap();
        let intents = dir.path().join("intents");
        std::fs::create_dir_all(&intents).unwrap();
        std::fs::write(
            intents.join("reasoning.json"),
            r#"{"keywords": ["Why", "explain"], "topics": {"physics": [], "logic": []}, "styles": ["formal"]}"#,
        )
        .unwrap();
        std::fs::write(intents.join("broken.json"), "{").unwrap();
        std::fs::write(
            intents.join("_common.json"),
            r#"{"styles": {"casual": {}, "terse": {}}, "keywords": ["x"], "topics": ["t"]}"#,
        )
        .unwrap();
        let info = load(dir.path());
        assert_eq!(info.keywords["reasoning"], vec!["why", "explain"]);
        assert_eq!(info.topics.len(), 2);
        assert_eq!(info.styles, vec!["casual", "terse", "formal"]);
        assert!(!info.keywords.contains_key("_common"));
        assert_eq!(info.problems.len(), 1);
        let none = load(&dir.path().join("absent"));
        assert!(none.keywords.is_empty() && none.problems.is_empty());
    }
}
