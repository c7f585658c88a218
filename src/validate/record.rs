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
            Ok(text) => match parse_line(text, spec) {
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
                Ok(flat) => from_flat(flat, spec, issues),
            },
        },
        Body::Json(v) => from_value(v, spec, issues),
        Body::Flat(f) => from_flat(*f, spec, issues),
        Body::Row(cols) => from_row(cols, spec, header, issues),
    }
}

/// The text and label keys when both are plain keys (the direct parse applies).
pub fn plain_keys(spec: &FieldSpec) -> Option<(String, Option<String>)> {
    let text = match &spec.text {
        FieldPath::Key(k) => k.clone(),
        _ => return None,
    };
    match &spec.label {
        None => Some((text, None)),
        Some(FieldPath::Key(l)) => Some((text, Some(l.clone()))),
        Some(_) => None,
    }
}

/// A JSONL line to a [`Flat`]: the direct path for plain keys, else through a Value.
fn parse_line(line: &str, spec: &FieldSpec) -> serde_json::Result<Flat> {
    let text = match &spec.text {
        FieldPath::Key(k) => Some(k.as_str()),
        _ => None,
    };
    let label = match &spec.label {
        None => Some(None),
        Some(FieldPath::Key(k)) => Some(Some(k.as_str())),
        Some(_) => None,
    };
    match (text, label) {
        (Some(t), Some(l)) => flat_of_line(line, t, l),
        _ => serde_json::from_str::<Value>(line).map(|v| flat_of_value(&v, spec)),
    }
}

fn missing(name: &str) -> Issue {
    Issue::new(Rule::Structure, format!("missing field \"{name}\""))
}

/// The optional fields the rules and metrics read, looked up at the record's top level
/// and then in its `metadata` object.
const KNOWN: [&str; 9] = [
    "confidence",
    "audience",
    "complexity",
    "style",
    "topic",
    "technical_level",
    "edge_case_type",
    "is_edge_case",
    "generation_method",
];

/// A field's value, reduced to what the checks need.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Scalar {
    Str(String),
    Num(serde_json::Number),
    Bool(bool),
    Null,
    /// A list or an object (its kind, for messages).
    Other(&'static str),
}

impl Scalar {
    fn of(v: &Value) -> Scalar {
        match v {
            Value::String(s) => Scalar::Str(s.clone()),
            Value::Number(n) => Scalar::Num(n.clone()),
            Value::Bool(b) => Scalar::Bool(*b),
            Value::Null => Scalar::Null,
            other => Scalar::Other(kind(other)),
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Scalar::Str(_) => "a string",
            Scalar::Num(_) => "a number",
            Scalar::Bool(_) => "a boolean",
            Scalar::Null => "null",
            Scalar::Other(k) => k,
        }
    }

    fn present(self) -> Option<Scalar> {
        (self != Scalar::Null).then_some(self)
    }
}

/// A record reduced to its text, label and known fields.
#[derive(Debug, Default)]
pub struct Flat {
    /// Set when the record is neither an object nor a list: its kind.
    not_record: Option<&'static str>,
    text: Option<Scalar>,
    label: Option<Scalar>,
    known: [Option<Scalar>; KNOWN.len()],
}

fn flat_of_value(v: &Value, spec: &FieldSpec) -> Flat {
    let mut f = Flat::default();
    if !(v.is_object() || v.is_array()) {
        f.not_record = Some(kind(v));
        return f;
    }
    f.text = spec.text.get(v).map(Scalar::of);
    f.label = spec.label.as_ref().and_then(|l| l.get(v)).map(Scalar::of);
    if let Some(obj) = v.as_object() {
        let meta = obj.get("metadata").and_then(Value::as_object);
        for (slot, name) in f.known.iter_mut().zip(KNOWN) {
            *slot = obj
                .get(name)
                .filter(|v| !v.is_null())
                .or_else(|| meta.and_then(|m| m.get(name)).filter(|v| !v.is_null()))
                .map(Scalar::of);
        }
    }
    f
}

fn wrong(name: &str, s: &Scalar, want: &str) -> Issue {
    Issue::new(
        Rule::Structure,
        format!("field \"{name}\" is {}, not {want}", s.kind()),
    )
}

fn from_value(v: Value, spec: &FieldSpec, issues: &mut Vec<Issue>) -> Fields {
    from_flat(flat_of_value(&v, spec), spec, issues)
}

fn from_flat(flat: Flat, spec: &FieldSpec, issues: &mut Vec<Issue>) -> Fields {
    let mut f = Fields::default();
    if let Some(k) = flat.not_record {
        issues.push(Issue::new(
            Rule::Structure,
            format!("record is {k}, not an object"),
        ));
        return f;
    }
    match flat.text.and_then(Scalar::present) {
        None => issues.push(missing(&spec.text.show())),
        Some(Scalar::Str(s)) => f.text = Some(s),
        Some(other) => issues.push(wrong(&spec.text.show(), &other, "a string")),
    }
    if let Some(lp) = &spec.label {
        match flat.label.and_then(Scalar::present) {
            None => {
                if spec.require_label {
                    issues.push(missing(&lp.show()))
                }
            }
            Some(Scalar::Str(s)) => f.label = Some(s),
            Some(Scalar::Num(n)) if !spec.intent => f.label = Some(n.to_string()),
            Some(Scalar::Bool(b)) if !spec.intent => f.label = Some(b.to_string()),
            Some(other) => issues.push(wrong(&lp.show(), &other, "a string")),
        }
    }
    let [confidence, audience, complexity, style, topic, technical_level, edge_type, is_edge, method] =
        flat.known;
    if let Some(c) = confidence {
        match &c {
            Scalar::Num(n) => f.confidence = n.as_f64(),
            _ => issues.push(wrong("confidence", &c, "a number")),
        }
    }
    let mut string = |name: &str, v: Option<Scalar>| -> Option<String> {
        match v? {
            Scalar::Str(s) => Some(s),
            other => {
                if spec.intent {
                    issues.push(wrong(name, &other, "a string"));
                }
                None
            }
        }
    };
    f.audience = string("audience", audience);
    f.complexity = string("complexity", complexity);
    f.style = string("style", style);
    f.topic = string("topic", topic);
    if let Some(t) = technical_level {
        match &t {
            Scalar::Num(n) => f.technical_level = n.as_f64(),
            _ if spec.intent => issues.push(wrong("technical_level", &t, "a number")),
            _ => {}
        }
    }
    f.edge_case = edge_type.is_some()
        || is_edge == Some(Scalar::Bool(true))
        || method == Some(Scalar::Str("edge_case".into()));
    f
}

/// Parses one JSONL line straight into a [`Flat`] when the text and label are plain
/// keys: unknown fields are skipped without being built, no map is allocated.
fn flat_of_line(line: &str, text: &str, label: Option<&str>) -> serde_json::Result<Flat> {
    let mut de = serde_json::Deserializer::from_str(line);
    let flat = FlatSeed { text, label }.deserialize(&mut de)?;
    de.end()?;
    Ok(flat)
}

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Str(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::Num(v.into()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Num(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Scalar::Null, Scalar::Num))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_unit<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other("a list"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other("an object"))
    }
}

impl<'de> serde::Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

/// Which field a key names.
enum Key {
    Text,
    Label,
    TextAndLabel,
    Known(usize),
    Metadata,
    Other,
}

struct KeySeed<'k> {
    text: &'k str,
    label: Option<&'k str>,
    top: bool,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Key;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E>(self, k: &str) -> Result<Key, E> {
        let is_text = self.top && k == self.text;
        let is_label = self.top && Some(k) == self.label;
        Ok(match (is_text, is_label) {
            (true, true) => Key::TextAndLabel,
            (true, false) => Key::Text,
            (false, true) => Key::Label,
            _ if self.top && k == "metadata" => Key::Metadata,
            _ => KNOWN
                .iter()
                .position(|n| *n == k)
                .map_or(Key::Other, Key::Known),
        })
    }
}

/// Deserialises one record straight into a [`Flat`] (text and label named by plain keys).
pub struct FlatSeed<'k> {
    pub text: &'k str,
    pub label: Option<&'k str>,
}

impl<'de> DeserializeSeed<'de> for FlatSeed<'_> {
    type Value = Flat;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Flat, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FlatSeed<'_> {
    type Value = Flat;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON record")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Flat, A::Error> {
        let mut f = Flat::default();
        let mut meta: [Option<Scalar>; KNOWN.len()] = Default::default();
        let key = || KeySeed {
            text: self.text,
            label: self.label,
            top: true,
        };
        while let Some(k) = map.next_key_seed(key())? {
            match k {
                Key::Text => f.text = Some(map.next_value()?),
                Key::Label => f.label = Some(map.next_value()?),
                Key::TextAndLabel => {
                    let v: Scalar = map.next_value()?;
                    f.label = Some(v.clone());
                    f.text = Some(v);
                }
                Key::Known(i) => {
                    f.known[i] = Some(map.next_value::<Scalar>()?).and_then(Scalar::present)
                }
                Key::Metadata => map.next_value_seed(MetaSeed(&mut meta))?,
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        for (slot, m) in f.known.iter_mut().zip(meta) {
            if slot.is_none() {
                *slot = m;
            }
        }
        Ok(f)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Flat, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Flat::default())
    }
    fn visit_str<E>(self, _: &str) -> Result<Flat, E> {
        Ok(not_record("a string"))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Flat, E> {
        Ok(not_record("a number"))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Flat, E> {
        Ok(not_record("a number"))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Flat, E> {
        Ok(not_record("a number"))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Flat, E> {
        Ok(not_record("a boolean"))
    }
    fn visit_unit<E>(self) -> Result<Flat, E> {
        Ok(not_record("null"))
    }
}

fn not_record(kind: &'static str) -> Flat {
    Flat {
        not_record: Some(kind),
        ..Flat::default()
    }
}

/// The `metadata` object: its known fields; anything else in it (or a metadata that is
/// not an object) is skipped.
struct MetaSeed<'m>(&'m mut [Option<Scalar>; KNOWN.len()]);

impl<'de> DeserializeSeed<'de> for MetaSeed<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for MetaSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("metadata")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let key = || KeySeed {
            text: "",
            label: None,
            top: false,
        };
        while let Some(k) = map.next_key_seed(key())? {
            match k {
                Key::Known(i) => {
                    self.0[i] = Some(map.next_value::<Scalar>()?).and_then(Scalar::present)
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
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
    fn direct_line_parse_equals_the_value_path() {
        let lines = [
            r#"{"text": "why?", "intent": "reasoning", "confidence": 0.5, "x": [1, {"a": 2}]}"#,
            r#"{"text": "t", "intent": "reasoning", "metadata": {"style": "casual", "audience": "child", "topic": 3}, "audience": null}"#,
            r#"{"text": null, "intent": 4, "confidence": "high", "technical_level": "two"}"#,
            r#"{"text": ["a"], "metadata": "odd", "edge_case_type": "typo"}"#,
            r#"{"text": "e", "intent": "x", "metadata": {"generation_method": "edge_case", "is_edge_case": true}}"#,
            r#"[1, 2]"#,
            r#""a string""#,
            r#"12.5"#,
            r#"null"#,
            r#"{"text": "dup", "text": "second", "intent": "a"}"#,
        ];
        for spec in [
            intent_spec(),
            FieldSpec {
                text: FieldPath::parse("text"),
                label: Some(FieldPath::parse("intent")),
                require_label: false,
                intent: false,
            },
            FieldSpec {
                text: FieldPath::parse("text"),
                label: None,
                require_label: false,
                intent: false,
            },
        ] {
            for line in lines {
                let mut a = Vec::new();
                let mut b = Vec::new();
                let fa = from_flat(parse_line(line, &spec).unwrap(), &spec, &mut a);
                let v: Value = serde_json::from_str(line).unwrap();
                let fb = from_value(v, &spec, &mut b);
                assert_eq!(fa, fb, "{line}");
                assert_eq!(a, b, "{line}");
            }
        }
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
