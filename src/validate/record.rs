//! From a raw record (JSON value, JSONL line, CSV row) to the typed [`Fields`] the
//! rules check, with a `structure` issue for every missing field or wrong type.

use super::rules::{Fields, Issue, Rule};
use super::source::{Body, FieldPath};
use serde_json::Value;
use std::collections::HashMap;

/// Which fields to read and how strictly.
#[derive(Debug, Clone)]
pub struct FieldSpec {
    pub text: FieldPath,
    /// `None`: records carry no label.
    pub label: Option<FieldPath>,
    /// A record without its label is a structure error.
    pub require_label: bool,
    /// Intent dataset: labels must be strings, audience/complexity/style must be strings.
    pub intent: bool,
}

/// CSV columns by name.
#[derive(Debug, Clone, Default)]
pub struct Header {
    pub names: Vec<String>,
    pub index: HashMap<String, usize>,
}

impl Header {
    /// Indexes the column names.
    pub fn new(names: Vec<String>) -> Self {
        let index = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.trim().to_string(), i))
            .collect();
        Header { names, index }
    }

    /// The column a field path names, if the header has it.
    pub fn column(&self, path: &FieldPath) -> Option<usize> {
        match path {
            FieldPath::Key(k) => self.index.get(k).copied(),
            FieldPath::Index(i) => (*i < self.names.len()).then_some(*i),
            FieldPath::Pointer(_) => None,
        }
    }
}

/// The kind of a JSON value, for messages.
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Extracts the fields of one record. `Body::Unreadable` and undecodable lines give an
/// `unreadable` issue and no fields.
pub fn extract(
    body: Body,
    spec: &FieldSpec,
    header: Option<&Header>,
    issues: &mut Vec<Issue>,
) -> Fields {
    match body {
        Body::Unreadable(why) => {
            issues.push(Issue::new(Rule::Unreadable, why));
            Fields::default()
        }
        Body::Line(bytes) => match std::str::from_utf8(&bytes) {
            Err(e) => {
                issues.push(Issue::new(
                    Rule::Unreadable,
                    format!("invalid UTF-8 at byte {}", e.valid_up_to()),
                ));
                Fields::default()
            }
            Ok(text) => match serde_json::from_str::<Value>(text) {
                Err(e) => {
                    let msg = e.to_string();
                    let detail = msg.split(" at line ").next().unwrap_or(&msg);
                    let what = if e.is_eof() {
                        "truncated JSON"
                    } else {
                        "invalid JSON"
                    };
                    issues.push(Issue::new(
                        Rule::Unreadable,
                        format!("{what}: {detail} (column {})", e.column()),
                    ));
                    Fields::default()
                }
                Ok(v) => from_value(v, spec, issues),
            },
        },
        Body::Json(v) => from_value(v, spec, issues),
        Body::Row(cols) => from_row(cols, spec, header, issues),
    }
}

fn missing(name: &str) -> Issue {
    Issue::new(Rule::Structure, format!("missing field \"{name}\""))
}

fn wrong_type(name: &str, v: &Value, want: &str) -> Issue {
    Issue::new(
        Rule::Structure,
        format!("field \"{name}\" is {}, not {want}", kind(v)),
    )
}

fn from_value(v: Value, spec: &FieldSpec, issues: &mut Vec<Issue>) -> Fields {
    let mut f = Fields::default();
    if !(v.is_object() || v.is_array()) {
        issues.push(Issue::new(
            Rule::Structure,
            format!("record is {}, not an object", kind(&v)),
        ));
        return f;
    }
    match spec.text.get(&v) {
        None | Some(Value::Null) => issues.push(missing(&spec.text.show())),
        Some(Value::String(s)) => f.text = Some(s.clone()),
        Some(other) => issues.push(wrong_type(&spec.text.show(), other, "a string")),
    }
    if let Some(lp) = &spec.label {
        match lp.get(&v) {
            None | Some(Value::Null) => {
                if spec.require_label {
                    issues.push(missing(&lp.show()))
                }
            }
            Some(Value::String(s)) => f.label = Some(s.clone()),
            Some(n @ (Value::Number(_) | Value::Bool(_))) if !spec.intent => {
                f.label = Some(n.to_string())
            }
            Some(other) => issues.push(wrong_type(&lp.show(), other, "a string")),
        }
    }
    let Some(obj) = v.as_object() else {
        return f;
    };
    let meta = obj.get("metadata").and_then(Value::as_object);
    let field = |name: &str| -> Option<&Value> {
        obj.get(name)
            .or_else(|| meta.and_then(|m| m.get(name)))
            .filter(|v| !v.is_null())
    };
    if let Some(c) = field("confidence") {
        match c.as_f64() {
            Some(x) => f.confidence = Some(x),
            None => issues.push(wrong_type("confidence", c, "a number")),
        }
    }
    let string = |name: &str, issues: &mut Vec<Issue>| -> Option<String> {
        match field(name)? {
            Value::String(s) => Some(s.clone()),
            other => {
                if spec.intent {
                    issues.push(wrong_type(name, other, "a string"));
                }
                None
            }
        }
    };
    f.audience = string("audience", issues);
    f.complexity = string("complexity", issues);
    f.style = string("style", issues);
    f.topic = string("topic", issues);
    if let Some(t) = field("technical_level") {
        match t.as_f64() {
            Some(x) => f.technical_level = Some(x),
            None if spec.intent => issues.push(wrong_type("technical_level", t, "a number")),
            None => {}
        }
    }
    f.edge_case = field("edge_case_type").is_some()
        || field("is_edge_case").and_then(Value::as_bool) == Some(true)
        || field("generation_method").and_then(Value::as_str) == Some("edge_case");
    f
}

fn from_row(
    cols: Vec<String>,
    spec: &FieldSpec,
    header: Option<&Header>,
    issues: &mut Vec<Issue>,
) -> Fields {
    let mut f = Fields::default();
    let empty = Header::default();
    let header = header.unwrap_or(&empty);
    let cell = |path: &FieldPath| -> Result<Option<&String>, Issue> {
        match header.column(path) {
            None => Ok(None),
            Some(i) => cols.get(i).map(Some).ok_or_else(|| {
                Issue::new(
                    Rule::Structure,
                    format!(
                        "row has {} fields, no column {} (\"{}\")",
                        cols.len(),
                        i + 1,
                        path.show()
                    ),
                )
            }),
        }
    };
    match cell(&spec.text) {
        Ok(Some(t)) => f.text = Some(t.clone()),
        Ok(None) => issues.push(missing(&spec.text.show())),
        Err(i) => issues.push(i),
    }
    if let Some(lp) = &spec.label {
        match cell(lp) {
            Ok(Some(l)) if !l.is_empty() => f.label = Some(l.clone()),
            Ok(_) if spec.require_label => issues.push(missing(&lp.show())),
            Ok(_) => {}
            Err(i) => issues.push(i),
        }
    }
    let named = |name: &str| -> Option<&String> {
        header
            .index
            .get(name)
            .and_then(|&i| cols.get(i))
            .filter(|s| !s.trim().is_empty())
    };
    if let Some(c) = named("confidence") {
        match c.trim().parse::<f64>() {
            Ok(x) => f.confidence = Some(x),
            Err(_) => issues.push(Issue::new(
                Rule::Structure,
                format!(
                    "field \"confidence\" is \"{}\", not a number",
                    super::rules::clip(c, 30)
                ),
            )),
        }
    }
    f.audience = named("audience").cloned();
    f.complexity = named("complexity").cloned();
    f.style = named("style").cloned();
    f.topic = named("topic").cloned();
    f.technical_level = named("technical_level").and_then(|t| t.trim().parse().ok());
    f.edge_case = named("edge_case_type").is_some();
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn intent_spec() -> FieldSpec {
        FieldSpec {
            text: FieldPath::parse("text"),
            label: Some(FieldPath::parse("intent")),
            require_label: true,
            intent: true,
        }
    }

    fn run(body: Body, spec: &FieldSpec) -> (Fields, Vec<Rule>) {
        let mut issues = Vec::new();
        let f = extract(body, spec, None, &mut issues);
        (f, issues.into_iter().map(|i| i.rule).collect())
    }

    #[test]
    fn intent_example_fields() {
        let line = br#"{"text": "why?", "intent": "reasoning", "audience": "child", "confidence": 0.5, "metadata": {"style": "casual", "topic": "sky", "technical_level": 2, "edge_case_type": "typo"}}"#;
        let (f, rules) = run(Body::Line(line.to_vec()), &intent_spec());
        assert!(rules.is_empty(), "{rules:?}");
        assert_eq!(f.text.as_deref(), Some("why?"));
        assert_eq!(f.label.as_deref(), Some("reasoning"));
        assert_eq!(f.style.as_deref(), Some("casual"));
        assert_eq!(f.topic.as_deref(), Some("sky"));
        assert_eq!(f.technical_level, Some(2.0));
        assert!(f.edge_case);
    }

    #[test]
    fn wrong_types_and_missing_fields() {
        let line = br#"{"text": 5, "confidence": "high", "audience": 3}"#;
        let (_, rules) = run(Body::Line(line.to_vec()), &intent_spec());
        assert_eq!(rules, vec![Rule::Structure; 4]);
        let (_, rules) = run(Body::Line(b"[1, 2]".to_vec()), &intent_spec());
        assert_eq!(rules, vec![Rule::Structure, Rule::Structure]);
        let (_, rules) = run(Body::Line(b"\"just text\"".to_vec()), &intent_spec());
        assert_eq!(rules, vec![Rule::Structure]);
    }

    #[test]
    fn unreadable_lines() {
        let (_, rules) = run(Body::Line(b"{\"text\": \"a".to_vec()), &intent_spec());
        assert_eq!(rules, vec![Rule::Unreadable]);
        let (_, rules) = run(Body::Line(b"{\"text\": \"\xff\"}".to_vec()), &intent_spec());
        assert_eq!(rules, vec![Rule::Unreadable]);
    }

    #[test]
    fn pairs_by_position() {
        let spec = FieldSpec {
            text: FieldPath::parse("0"),
            label: Some(FieldPath::parse("1")),
            require_label: true,
            intent: false,
        };
        let (f, rules) = run(Body::Json(serde_json::json!(["hi there", "greet"])), &spec);
        assert!(rules.is_empty());
        assert_eq!(f.label.as_deref(), Some("greet"));
        let (f, _) = run(Body::Json(serde_json::json!(["hi there", 3])), &spec);
        assert_eq!(f.label.as_deref(), Some("3"));
    }

    #[test]
    fn csv_rows() {
        let spec = FieldSpec {
            text: FieldPath::parse("text"),
            label: Some(FieldPath::parse("label")),
            require_label: true,
            intent: false,
        };
        let h = Header::new(vec!["text".into(), "label".into(), "confidence".into()]);
        let mut issues = Vec::new();
        let f = extract(
            Body::Row(vec!["hello".into(), "greet".into(), "0.5".into()]),
            &spec,
            Some(&h),
            &mut issues,
        );
        assert!(issues.is_empty());
        assert_eq!(f.confidence, Some(0.5));
        let f = extract(
            Body::Row(vec!["hello".into()]),
            &spec,
            Some(&h),
            &mut issues,
        );
        assert_eq!(f.text.as_deref(), Some("hello"));
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].rule, Rule::Structure);
    }
}
