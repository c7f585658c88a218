//! Reading datasets as a stream of raw records, in batches, on a reader thread: one
//! JSON document (the records array is streamed element by element with a serde
//! visitor, never loaded as one tree), JSONL (raw lines, parsed later in parallel), or
//! CSV/TSV (rows by header). Format detection, record selection (`--records`) and
//! field paths (`--text-field`) live here too.

use crate::error::Error;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender};
use std::sync::Arc;

/// Records per batch handed to the workers.
pub const BATCH: usize = 4096;

/// Longest JSONL line or JSON element kept as a record (longer lines are reported as
/// unreadable records, not loaded).
pub const MAX_LINE_BYTES: usize = crate::io::MAX_LINE_BYTES;

/// How the input is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Decide from the extension (.jsonl, .ndjson, .csv, .tsv) or, failing that, from
    /// the content.
    Auto,
    /// One JSON document: an array of records, or an object holding one.
    Json,
    /// One JSON record per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
}

/// Where a field is found in a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldPath {
    /// A key of an object record, or a CSV column name.
    Key(String),
    /// A position in an array record (`[text, label]` pairs) or a CSV column number.
    Index(usize),
    /// A JSON pointer (RFC 6901) into the record, e.g. `/meta/text`.
    Pointer(String),
}

impl FieldPath {
    /// `/a/b` is a JSON pointer, a number is a position, anything else a key.
    pub fn parse(s: &str) -> FieldPath {
        if s.starts_with('/') {
            FieldPath::Pointer(s.to_string())
        } else if let Ok(i) = s.parse::<usize>() {
            FieldPath::Index(i)
        } else {
            FieldPath::Key(s.to_string())
        }
    }

    /// The field in a JSON record; a number also works as a key of an object.
    pub fn get<'a>(&self, record: &'a Value) -> Option<&'a Value> {
        match self {
            FieldPath::Key(k) => record.as_object()?.get(k),
            FieldPath::Index(i) => match record {
                Value::Array(a) => a.get(*i),
                Value::Object(o) => o.get(&i.to_string()),
                _ => None,
            },
            FieldPath::Pointer(p) => record.pointer(p),
        }
    }

    /// The field as the user wrote it, for messages.
    pub fn show(&self) -> String {
        match self {
            FieldPath::Key(k) => k.clone(),
            FieldPath::Index(i) => i.to_string(),
            FieldPath::Pointer(p) => p.clone(),
        }
    }
}

/// What a raw record holds before the workers parse and check it.
#[derive(Debug)]
pub enum Body {
    /// A parsed JSON element of a document.
    Json(Value),
    /// A JSON element of a document, parsed straight into its fields.
    Flat(Box<super::record::Flat>),
    /// A JSONL line, not yet decoded or parsed.
    Line(Vec<u8>),
    /// A CSV row, by column.
    Row(Vec<String>),
    /// Could not be read; the reason.
    Unreadable(String),
}

/// One record as read: its 0-based index, its 1-based line when the format has lines.
#[derive(Debug)]
pub struct RawRecord {
    pub index: u64,
    pub line: Option<u64>,
    pub body: Body,
}

/// What the reader thread sends.
#[derive(Debug)]
pub enum Msg {
    /// The `metadata` object of an intent dataset (JSON form).
    Metadata(Value),
    /// The CSV header.
    Header(Vec<String>),
    /// Records, in order.
    Batch(Vec<RawRecord>),
    /// The input could not be read further.
    Fatal(Error),
}

/// What to read.
#[derive(Debug, Clone)]
pub struct SourceSpec {
    /// The file actually read (a spooled copy for stdin).
    pub file: PathBuf,
    /// The name used in messages (`-` for stdin).
    pub display: PathBuf,
    /// The layout (never `Auto` here: see [`detect`]).
    pub format: Format,
    /// The keys leading to the records array inside a JSON object; `None` uses
    /// `examples`.
    pub records: Option<Vec<String>>,
    /// Only these record indices are wanted (a bitmap); others are skipped cheaply.
    pub want: Option<Arc<Vec<u64>>>,
    /// Advanced by the bytes read (JSONL and CSV), when a progress bar is shown.
    pub progress: Option<indicatif::ProgressBar>,
    /// Text and label keys when both are plain keys: document elements are then parsed
    /// straight into their fields instead of into a JSON tree.
    pub flat_keys: Option<(String, Option<String>)>,
}

fn wanted(want: &Option<Arc<Vec<u64>>>, index: u64) -> bool {
    match want {
        None => true,
        Some(bits) => bits
            .get((index / 64) as usize)
            .is_some_and(|w| w & (1u64 << (index % 64)) != 0),
    }
}

/// Splits `--records` into keys: a JSON pointer (`/data/train`) or one key (`train`).
pub fn records_path(s: &str) -> Vec<String> {
    if let Some(rest) = s.strip_prefix('/') {
        rest.split('/')
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect()
    } else {
        vec![s.to_string()]
    }
}

/// Opens `file` and reads from it, naming `display` in messages.
fn open(file: &Path, display: &Path) -> Result<BufReader<std::fs::File>, Error> {
    let f = std::fs::File::open(file).map_err(|e| Error::io(display, e))?;
    if f.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(Error::input(display, None, "is a folder, not a file"));
    }
    Ok(BufReader::with_capacity(1 << 16, f))
}

/// Decides the format of `file`: by extension, else by content. Empty files are an
/// error.
pub fn detect(
    file: &Path,
    display: &Path,
    requested: Format,
    records: Option<&[String]>,
) -> Result<Format, Error> {
    let mut r = open(file, display)?;
    // The first non-blank line, bounded.
    let mut first = Vec::new();
    loop {
        let mut line = Vec::new();
        let n = (&mut r)
            .take(MAX_LINE_BYTES as u64 + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| Error::io(display, e))?;
        if n == 0 {
            break;
        }
        if !line.iter().all(|b| b.is_ascii_whitespace()) {
            first = line;
            break;
        }
    }
    if first.is_empty() {
        return Err(Error::input(display, None, "empty file: no records"));
    }
    if requested != Format::Auto {
        return Ok(requested);
    }
    let ext = display
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("jsonl") | Some("ndjson") => return Ok(Format::Jsonl),
        Some("csv") => return Ok(Format::Csv),
        Some("tsv") => return Ok(Format::Tsv),
        _ => {}
    }
    let start = first
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    match first[start] {
        b'[' => Ok(Format::Json),
        b'{' => {
            // One complete object on the first line is JSONL, unless it holds the records.
            match serde_json::from_slice::<Value>(&first) {
                Ok(Value::Object(o)) => {
                    let key = records
                        .and_then(|r| r.first().cloned())
                        .unwrap_or_else(|| "examples".into());
                    if o.contains_key(&key) {
                        return Ok(Format::Json);
                    }
                    // Another record after it makes JSONL; a lone object is a JSON
                    // document in a .json file.
                    let mut rest = Vec::new();
                    loop {
                        rest.clear();
                        let n = (&mut r)
                            .take(MAX_LINE_BYTES as u64 + 1)
                            .read_until(b'\n', &mut rest)
                            .map_err(|e| Error::io(display, e))?;
                        if n == 0 {
                            break Ok(if ext.as_deref() == Some("json") {
                                Format::Json
                            } else {
                                Format::Jsonl
                            });
                        }
                        if !rest.iter().all(|b| b.is_ascii_whitespace()) {
                            break Ok(Format::Jsonl);
                        }
                    }
                }
                _ => Ok(Format::Json),
            }
        }
        _ if ext.as_deref() == Some("json") => Ok(Format::Json),
        _ => Ok(Format::Csv),
    }
}

/// Starts reading on a thread; batches arrive on the returned channel, in order.
pub fn spawn(spec: SourceSpec) -> Receiver<Msg> {
    let (tx, rx) = std::sync::mpsc::sync_channel(4);
    std::thread::spawn(move || {
        let result = match spec.format {
            Format::Json | Format::Auto => read_json(&spec, &tx),
            Format::Jsonl => read_jsonl(&spec, &tx),
            Format::Csv => read_csv(&spec, &tx, b','),
            Format::Tsv => read_csv(&spec, &tx, b'\t'),
        };
        if let Err(e) = result {
            let _ = tx.send(Msg::Fatal(e));
        }
    });
    rx
}

/// The receiver went away: stop reading quietly.
fn stopped() -> Error {
    Error::Other("stopped".into())
}

struct Batcher<'a> {
    tx: &'a SyncSender<Msg>,
    batch: Vec<RawRecord>,
    next: u64,
    want: Option<Arc<Vec<u64>>>,
}

impl<'a> Batcher<'a> {
    fn new(tx: &'a SyncSender<Msg>, want: Option<Arc<Vec<u64>>>) -> Self {
        Batcher {
            tx,
            batch: Vec::with_capacity(BATCH),
            next: 0,
            want,
        }
    }

    /// The index the next record gets, and whether it is wanted.
    fn peek(&self) -> (u64, bool) {
        (self.next, wanted(&self.want, self.next))
    }

    fn push(&mut self, line: Option<u64>, body: Option<Body>) -> Result<(), Error> {
        let index = self.next;
        self.next += 1;
        if let Some(body) = body {
            self.batch.push(RawRecord { index, line, body });
            if self.batch.len() >= BATCH {
                self.flush()?;
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), Error> {
        if !self.batch.is_empty() {
            let b = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
            self.tx.send(Msg::Batch(b)).map_err(|_| stopped())?;
        }
        Ok(())
    }
}

fn read_jsonl(spec: &SourceSpec, tx: &SyncSender<Msg>) -> Result<(), Error> {
    let mut r = open(&spec.file, &spec.display)?;
    let mut out = Batcher::new(tx, spec.want.clone());
    let mut line_no = 0u64;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        // read_until finds the newline with a vectorised search; the limit keeps one
        // enormous line from being loaded whole.
        let n = (&mut r)
            .take(MAX_LINE_BYTES as u64 + 1)
            .read_until(b'\n', &mut buf)
            .map_err(|e| Error::io(&spec.display, e))?;
        if n == 0 {
            break;
        }
        if let Some(p) = &spec.progress {
            p.inc(n as u64);
        }
        let too_long = buf.len() > MAX_LINE_BYTES && buf.last() != Some(&b'\n');
        if too_long {
            buf = Vec::new();
            r.skip_until(b'\n')
                .map_err(|e| Error::io(&spec.display, e))?;
        } else if buf.last() == Some(&b'\n') {
            buf.pop();
        }
        line_no += 1;
        if !too_long && buf.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let (_, want) = out.peek();
        let body = if !want {
            None
        } else if too_long {
            Some(Body::Unreadable(format!(
                "line longer than {} MiB",
                MAX_LINE_BYTES >> 20
            )))
        } else {
            Some(Body::Line(buf.to_vec()))
        };
        out.push(Some(line_no), body)?;
    }
    out.flush()
}

fn read_csv(spec: &SourceSpec, tx: &SyncSender<Msg>, delimiter: u8) -> Result<(), Error> {
    let r = open(&spec.file, &spec.display)?;
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(r);
    let csv_err = |e: csv::Error| {
        let line = e.position().map(|p| p.line());
        Error::input(&spec.display, line, format!("invalid CSV: {e}"))
    };
    let header = rdr.byte_headers().map_err(csv_err)?.clone();
    let names: Vec<String> = header
        .iter()
        .map(|h| {
            String::from_utf8_lossy(h)
                .trim_start_matches('\u{feff}')
                .to_string()
        })
        .collect();
    tx.send(Msg::Header(names)).map_err(|_| stopped())?;
    let mut out = Batcher::new(tx, spec.want.clone());
    let mut row = csv::ByteRecord::new();
    loop {
        match rdr.read_byte_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_err(e)),
        }
        let line = row.position().map(|p| p.line());
        if let Some(p) = &spec.progress {
            p.set_position(row.position().map_or(0, |p| p.byte()));
        }
        let (_, want) = out.peek();
        let body = want.then(|| {
            let mut fields = Vec::with_capacity(row.len());
            for (i, f) in row.iter().enumerate() {
                match std::str::from_utf8(f) {
                    Ok(s) => fields.push(s.to_string()),
                    Err(e) => {
                        return Body::Unreadable(format!(
                            "invalid UTF-8 in column {} at byte {}",
                            i + 1,
                            e.valid_up_to()
                        ))
                    }
                }
            }
            Body::Row(fields)
        });
        out.push(line, body)?;
    }
    out.flush()
}

/// Streaming state shared by the JSON visitors.
struct Ctx<'a, 'b> {
    out: Batcher<'a>,
    /// Keys still to descend to reach the records array.
    path: &'b [String],
    found: bool,
    keys_seen: Vec<String>,
    top_is_array: bool,
    flat: Option<(&'b str, Option<&'b str>)>,
}

fn read_json(spec: &SourceSpec, tx: &SyncSender<Msg>) -> Result<(), Error> {
    let r = open(&spec.file, &spec.display)?;
    let default = vec!["examples".to_string()];
    let path: &[String] = spec.records.as_deref().unwrap_or(&default);
    let mut ctx = Ctx {
        out: Batcher::new(tx, spec.want.clone()),
        path,
        found: false,
        keys_seen: Vec::new(),
        top_is_array: false,
        flat: spec
            .flat_keys
            .as_ref()
            .map(|(t, l)| (t.as_str(), l.as_deref())),
    };
    let mut de = serde_json::Deserializer::from_reader(r);
    let res = Top { ctx: &mut ctx }.deserialize(&mut de);
    if let Err(e) = res {
        if e.to_string().starts_with("dsforge-stopped") {
            return Err(stopped());
        }
        if let Some(msg) = e.to_string().strip_prefix("dsforge: ") {
            let msg = msg.split(" at line ").next().unwrap_or(msg).to_string();
            return Err(Error::input(&spec.display, Some(e.line() as u64), msg));
        }
        return Err(crate::io::json_error(&spec.display, &e));
    }
    de.end()
        .map_err(|e| crate::io::json_error(&spec.display, &e))?;
    if ctx.top_is_array && spec.records.is_some() {
        return Err(Error::input(
            &spec.display,
            None,
            "--records names a list inside a JSON object, but the document is an array",
        ));
    }
    if !ctx.found {
        let shown = if ctx.keys_seen.is_empty() {
            "none".to_string()
        } else {
            ctx.keys_seen.join(", ")
        };
        return Err(Error::input(
            &spec.display,
            None,
            format!(
                "no list of records at \"{}\" (top-level keys: {shown}); name it with --records KEY or --records /json/pointer",
                path.join("/")
            ),
        ));
    }
    ctx.out.flush()
}

fn custom<E: serde::de::Error>(e: Error) -> E {
    if matches!(&e, Error::Other(m) if m == "stopped") {
        E::custom("dsforge-stopped")
    } else {
        E::custom(format!("dsforge: {e}"))
    }
}

/// The document's top level: an array of records or an object.
struct Top<'c, 'a, 'b> {
    ctx: &'c mut Ctx<'a, 'b>,
}

impl<'de> DeserializeSeed<'de> for Top<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(Level {
            ctx: self.ctx,
            depth: 0,
        })
    }
}

/// An object on the way to the records (`depth` keys matched so far), or the records
/// array itself when the whole path has been matched.
struct Level<'c, 'a, 'b> {
    ctx: &'c mut Ctx<'a, 'b>,
    depth: usize,
}

impl<'de> Visitor<'de> for Level<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.depth == 0 {
            f.write_str("a JSON array of records or an object holding one")
        } else if self.depth >= self.ctx.path.len() {
            write!(f, "a list of records at \"{}\"", self.ctx.path.join("/"))
        } else {
            write!(
                f,
                "an object at \"{}\"",
                self.ctx.path[..self.depth].join("/")
            )
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if self.depth == 0 {
            self.ctx.top_is_array = true;
        } else if self.depth < self.ctx.path.len() {
            return Err(serde::de::Error::custom(format!(
                "dsforge: \"{}\" is a list, not an object",
                self.ctx.path[..self.depth].join("/")
            )));
        }
        self.ctx.found = true;
        loop {
            let (_, want) = self.ctx.out.peek();
            if let (true, Some((text, label))) = (want, self.ctx.flat) {
                let seed = super::record::FlatSeed { text, label };
                match seq.next_element_seed(seed)? {
                    Some(f) => self
                        .ctx
                        .out
                        .push(None, Some(Body::Flat(Box::new(f))))
                        .map_err(custom)?,
                    None => break,
                }
            } else if want {
                match seq.next_element::<Value>()? {
                    Some(v) => self
                        .ctx
                        .out
                        .push(None, Some(Body::Json(v)))
                        .map_err(custom)?,
                    None => break,
                }
            } else {
                match seq.next_element::<IgnoredAny>()? {
                    Some(_) => self.ctx.out.push(None, None).map_err(custom)?,
                    None => break,
                }
            }
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        if self.depth >= self.ctx.path.len() {
            return Err(serde::de::Error::custom(format!(
                "dsforge: \"{}\" is an object, not a list of records",
                self.ctx.path.join("/")
            )));
        }
        while let Some(key) = map.next_key::<String>()? {
            if self.depth == 0 && self.ctx.keys_seen.len() < 20 {
                self.ctx.keys_seen.push(key.clone());
            }
            if key == self.ctx.path[self.depth] && !self.ctx.found {
                map.next_value_seed(Nested {
                    ctx: &mut *self.ctx,
                    depth: self.depth + 1,
                })?;
            } else if self.depth == 0 && key == "metadata" {
                let v: Value = map.next_value()?;
                self.ctx
                    .out
                    .tx
                    .send(Msg::Metadata(v))
                    .map_err(|_| custom(stopped()))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        Err(E::custom(format!(
            "dsforge: expected {}, found null",
            ExpectingOf(&self)
        )))
    }
}

struct ExpectingOf<'x, 'c, 'a, 'b>(&'x Level<'c, 'a, 'b>);

impl fmt::Display for ExpectingOf<'_, '_, '_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.expecting(f)
    }
}

struct Nested<'c, 'a, 'b> {
    ctx: &'c mut Ctx<'a, 'b>,
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for Nested<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(Level {
            ctx: self.ctx,
            depth: self.depth,
        })
    }
}

/// Copies standard input to a temporary file, so that it can be read twice (the
/// near-duplicate confirmation re-reads the candidates).
pub fn spool_stdin() -> Result<tempfile::NamedTempFile, Error> {
    let mut tmp = tempfile::NamedTempFile::new().map_err(|e| Error::io("<temp>", e))?;
    let stdin = std::io::stdin();
    let mut lock = stdin.lock();
    std::io::copy(&mut lock, tmp.as_file_mut()).map_err(|e| Error::io("-", e))?;
    Ok(tmp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(
        text: &[u8],
        name: &str,
        records: Option<&str>,
    ) -> (Result<Format, Error>, Vec<Msg>) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        let recs = records.map(records_path);
        let f = match detect(&p, &p, Format::Auto, recs.as_deref()) {
            Ok(f) => f,
            Err(e) => return (Err(e), Vec::new()),
        };
        let rx = spawn(SourceSpec {
            file: p.clone(),
            display: p.clone(),
            format: f,
            records: recs,
            want: None,
            progress: None,
            flat_keys: None,
        });
        (Ok(f), rx.into_iter().collect())
    }

    fn records(msgs: &[Msg]) -> Vec<&RawRecord> {
        msgs.iter()
            .filter_map(|m| match m {
                Msg::Batch(b) => Some(b.iter()),
                _ => None,
            })
            .flatten()
            .collect()
    }

    #[test]
    fn field_paths() {
        let v: Value = serde_json::json!({"a": {"b": "x"}, "0": "zero", "t": "y"});
        assert_eq!(FieldPath::parse("t").get(&v), Some(&Value::from("y")));
        assert_eq!(FieldPath::parse("/a/b").get(&v), Some(&Value::from("x")));
        assert_eq!(FieldPath::parse("0").get(&v), Some(&Value::from("zero")));
        let pair: Value = serde_json::json!(["text here", "label"]);
        assert_eq!(
            FieldPath::parse("1").get(&pair),
            Some(&Value::from("label"))
        );
        assert_eq!(FieldPath::parse("2").get(&pair), None);
        assert_eq!(records_path("/data/tr~1ain"), vec!["data", "tr/ain"]);
        assert_eq!(records_path("train"), vec!["train"]);
    }

    #[test]
    fn streams_examples_and_metadata_of_an_intent_document() {
        let doc = br#"{"metadata": {"total_examples": 2}, "examples": [{"text": "a"}, {"text": "b"}], "x": 1}"#;
        let (f, msgs) = collect(doc, "d.json", None);
        assert_eq!(f.unwrap(), Format::Json);
        assert!(matches!(msgs[0], Msg::Metadata(_)));
        let recs = records(&msgs);
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[1].index, 1);
    }

    #[test]
    fn selects_a_nested_list() {
        let doc =
            br#"{"oos": [["x", "oos"]], "data": {"train": [["hi", "greet"], ["yo", "greet"]]}}"#;
        let (_, msgs) = collect(doc, "d.json", Some("/data/train"));
        assert_eq!(records(&msgs).len(), 2);
        let (_, msgs) = collect(doc, "d.json", Some("missing"));
        match msgs.last() {
            Some(Msg::Fatal(e)) => {
                let m = e.to_string();
                assert!(m.contains("no list of records at \"missing\""), "{m}");
                assert!(m.contains("oos, data"), "{m}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn truncated_document_is_fatal_with_line() {
        let (_, msgs) = collect(
            b"{\"examples\": [\n{\"text\": \"a\"},\n{\"te",
            "d.json",
            None,
        );
        match msgs.last() {
            Some(Msg::Fatal(e)) => {
                let m = e.to_string();
                assert!(m.contains("d.json:3: truncated JSON"), "{m}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn detects_jsonl_and_csv() {
        let (f, msgs) = collect(b"{\"text\": \"a\"}\n\n{\"text\": \"b\"}\n", "d.txt", None);
        assert_eq!(f.unwrap(), Format::Jsonl);
        let recs = records(&msgs);
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[1].line, Some(3));
        let (f, msgs) = collect(
            b"text,label\n\"a, b\",x\n\"multi\nline\",y\n",
            "d.csv",
            None,
        );
        assert_eq!(f.unwrap(), Format::Csv);
        assert!(matches!(&msgs[0], Msg::Header(h) if h == &["text", "label"]));
        let recs = records(&msgs);
        assert_eq!(recs.len(), 2);
        assert!(matches!(&recs[0].body, Body::Row(r) if r[0] == "a, b"));
        assert!(matches!(&recs[1].body, Body::Row(r) if r[0] == "multi\nline"));
        assert_eq!(recs[1].line, Some(3));
    }

    #[test]
    fn empty_file_is_an_error() {
        let (f, _) = collect(b"  \n\n", "d.jsonl", None);
        assert!(f.unwrap_err().to_string().contains("empty file"));
    }

    #[test]
    fn wanted_bitmap_skips_records() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("d.jsonl");
        std::fs::write(&p, b"{\"t\":0}\n{\"t\":1}\n{\"t\":2}\n").unwrap();
        let rx = spawn(SourceSpec {
            file: p.clone(),
            display: p,
            format: Format::Jsonl,
            records: None,
            want: Some(Arc::new(vec![0b100])),
            progress: None,
            flat_keys: None,
        });
        let msgs: Vec<Msg> = rx.into_iter().collect();
        let recs = records(&msgs);
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].index, 2);
    }
}
