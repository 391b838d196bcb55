//! Every YAML call in moat lives here: parsing definitions and answer files, writing
//! them back, and finding the line a key sits on (yaml_serde keeps no spans for values).

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

/// A YAML syntax or shape error, with the line yaml_serde reported.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

fn syntax_error(err: serde_yaml::Error) -> SyntaxError {
    let line = err.location().map(|l| l.line());
    let mut message = err.to_string();
    // yaml_serde appends " at line L column C"; the line is reported separately.
    if let Some(cut) = message.find(" at line ") {
        message.truncate(cut);
    }
    // Say what the parser's guards mean.
    let message = match message.as_str() {
        "repetition limit exceeded" => {
            "its YAML aliases expand to too much data (an alias bomb?); moat refuses it".to_string()
        }
        "recursion limit exceeded" => "it nests deeper than YAML allows here (128 levels)".to_string(),
        "deserializing from YAML containing more than one document is not supported" => {
            "it holds more than one YAML document (a `---` line in the middle); a file holds exactly one".to_string()
        }
        m if m.contains("invalid type: integer") && m.contains("128") => {
            let at = m.split("invalid type").next().unwrap_or("");
            format!("{at}a whole number too large to read")
        }
        _ => message,
    };
    SyntaxError { line, message }
}

/// Deserialise a whole document into a typed model (assessment definitions).
pub fn from_str<T: DeserializeOwned>(source: &str) -> Result<T, SyntaxError> {
    serde_yaml::from_str(source).map_err(|e| with_document_line(syntax_error(e), source))
}

/// A second document has no position in yaml_serde's error: point at its `---`.
fn with_document_line(mut e: SyntaxError, source: &str) -> SyntaxError {
    if e.line.is_none() && e.message.contains("more than one YAML document") {
        let mut seen_content = false;
        for (i, line) in source.lines().enumerate() {
            let line = line.trim_end();
            if line == "---" && seen_content {
                e.line = Some(i + 1);
                break;
            }
            seen_content |= !line.is_empty() && !line.starts_with('#') && line != "---";
        }
    }
    e
}

/// Serialise a model as YAML (answer files, `moat show --format yaml`).
pub fn to_string<T: Serialize>(value: &T) -> Result<String, SyntaxError> {
    serde_yaml::to_string(value).map_err(syntax_error)
}

/// A YAML document as a plain tree, for inputs whose shape depends on other data
/// (an answer's type depends on its question), so that the checks can name the
/// question instead of reporting a serde type mismatch.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl Node {
    /// What the node is, in the words an error message uses.
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Null => "nothing",
            Node::Bool(_) => "true/false",
            Node::Number(_) => "a number",
            Node::String(_) => "text",
            Node::Seq(_) => "a list",
            Node::Map(_) => "a map",
        }
    }
}

/// Parse a document into a [`Node`] tree. Duplicate keys, tags and non-scalar keys
/// are rejected here.
pub fn parse_node(source: &str) -> Result<Node, SyntaxError> {
    // Aliases replay what they name, so a small file can stand for a huge tree: measure
    // the expanded size first, without building it, and refuse past an absolute bound.
    if source.contains('*') {
        check_expansion(source)?;
    }
    let value: serde_yaml::Value =
        serde_yaml::from_str(source).map_err(|e| with_document_line(syntax_error(e), source))?;
    convert(value).map_err(|mut e| {
        // `convert` works on a `Value`, which keeps no positions: ask the parser where
        // the construct is. (Searching the text for `: !` found an earlier quoted value
        // holding those characters, issue 10.) No position means no line, never a guess.
        if e.line.is_none() {
            e.line = locate_unsupported(source);
        }
        e
    })
}

/// What a document may expand to once its aliases are replayed: far more than any answers
/// file or definition holds (the built-ins are about 6,000 nodes and 400 KB of text), far
/// less than what stalls a batch (issue 13: 481 KB of aliases took 3 GB).
const MAX_EXPANDED_NODES: usize = 200_000;
const MAX_EXPANDED_TEXT: usize = 16 * 1024 * 1024;

/// Walk the document as the parser replays it, counting nodes and text, and stop at the
/// first bound passed; nothing is kept.
fn check_expansion(source: &str) -> Result<(), SyntaxError> {
    use serde::de::DeserializeSeed;
    let budget = std::cell::Cell::new((MAX_EXPANDED_NODES, MAX_EXPANDED_TEXT));
    let mut documents = serde_yaml::Deserializer::from_str(source);
    match documents.next() {
        Some(document) => Budget(&budget).deserialize(document).map_err(|e| {
            if e.to_string().contains(OVER_BUDGET) {
                SyntaxError {
                    line: None,
                    message: "its YAML aliases expand to too much data (an alias bomb?); moat refuses it".to_string(),
                }
            } else {
                with_document_line(syntax_error(e), source)
            }
        }),
        None => Ok(()),
    }
}

const OVER_BUDGET: &str = "moat: expansion budget exceeded";

/// A visitor that spends one node per value and a byte per byte of text.
#[derive(Clone, Copy)]
struct Budget<'a>(&'a std::cell::Cell<(usize, usize)>);

impl Budget<'_> {
    fn spend<E: serde::de::Error>(self, text: usize) -> Result<(), E> {
        let (nodes, bytes) = self.0.get();
        match (nodes.checked_sub(1), bytes.checked_sub(text)) {
            (Some(n), Some(b)) => {
                self.0.set((n, b));
                Ok(())
            }
            _ => Err(E::custom(OVER_BUDGET)),
        }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Budget<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Budget<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_i128<E: serde::de::Error>(self, _: i128) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_u128<E: serde::de::Error>(self, _: u128) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        self.spend(v.len())
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use serde::de::VariantAccess;
        let ((), variant) = data.variant_seed(self)?;
        variant.newtype_variant_seed(self)
    }
}

/// The error message [`Probe`] stops with; any other error is not the one being located.
const UNSUPPORTED: &str = "moat: a tag or a non-scalar key";

/// The line of the first YAML tag or non-scalar key, as the parser marks it. The probe
/// walks the document in the order [`convert`] does (a `Value`'s maps keep their order,
/// keys before values), so it stops at the construct `convert` refused.
fn locate_unsupported(source: &str) -> Option<usize> {
    match serde_yaml::from_str::<Probe>(source) {
        // yaml_serde puts the node's path before the message (`answers.x: ...`).
        Err(e) if e.to_string().contains(UNSUPPORTED) => e.location().map(|l| l.line()),
        _ => None,
    }
}

/// A document walked for nothing but the position of what [`convert`] refuses.
struct Probe;

/// A map key: anything but a scalar is what [`convert`] refuses.
struct KeyProbe;

impl<'de> serde::Deserialize<'de> for Probe {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Probe, D::Error> {
        d.deserialize_any(ProbeVisitor { key: false }).map(|()| Probe)
    }
}

impl<'de> serde::Deserialize<'de> for KeyProbe {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<KeyProbe, D::Error> {
        d.deserialize_any(ProbeVisitor { key: true }).map(|()| KeyProbe)
    }
}

struct ProbeVisitor {
    key: bool,
}

impl ProbeVisitor {
    /// The parser adds the node's position to an error raised here.
    fn refuse<E: serde::de::Error>() -> Result<(), E> {
        Err(E::custom(UNSUPPORTED))
    }

    /// A scalar key is fine; [`convert`] refuses an empty (null) one.
    fn empty<E: serde::de::Error>(&self) -> Result<(), E> {
        if self.key {
            Self::refuse()
        } else {
            Ok(())
        }
    }
}

impl<'de> serde::de::Visitor<'de> for ProbeVisitor {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_i128<E>(self, _: i128) -> Result<(), E> {
        Ok(())
    }

    fn visit_u128<E>(self, _: u128) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.empty()
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.empty()
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if self.key {
            return Self::refuse();
        }
        while seq.next_element::<Probe>()?.is_some() {}
        Ok(())
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        if self.key {
            return Self::refuse();
        }
        while map.next_key::<KeyProbe>()?.is_some() {
            map.next_value::<Probe>()?;
        }
        Ok(())
    }

    /// yaml_serde hands a `!tag`ged node to a visitor as an enum.
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Self::refuse()
    }
}

fn convert(value: serde_yaml::Value) -> Result<Node, SyntaxError> {
    use serde_yaml::Value;
    Ok(match value {
        Value::Null => Node::Null,
        Value::Bool(b) => Node::Bool(b),
        Value::Number(n) => Node::Number(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => Node::String(s),
        Value::Sequence(items) => Node::Seq(items.into_iter().map(convert).collect::<Result<_, _>>()?),
        Value::Mapping(map) => {
            let mut entries = Vec::with_capacity(map.len());
            for (key, value) in map {
                let key = match key {
                    Value::String(s) => s,
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    other => {
                        return Err(SyntaxError {
                            line: None,
                            message: format!("a key must be plain text, found {}", describe(&other)),
                        })
                    }
                };
                entries.push((key, convert(value)?));
            }
            Node::Map(entries)
        }
        Value::Tagged(tagged) => {
            return Err(SyntaxError {
                line: None,
                message: format!("YAML tags such as `{}` are not supported", tagged.tag),
            })
        }
    })
}

fn describe(value: &serde_yaml::Value) -> &'static str {
    match value {
        serde_yaml::Value::Sequence(_) => "a list",
        serde_yaml::Value::Mapping(_) => "a map",
        serde_yaml::Value::Null => "an empty key",
        _ => "a tagged value",
    }
}

/// One step of a path into a document: a map key or a list index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

impl From<&str> for Seg {
    fn from(s: &str) -> Self {
        Seg::Key(s.to_string())
    }
}

impl From<String> for Seg {
    fn from(s: String) -> Self {
        Seg::Key(s)
    }
}

impl From<usize> for Seg {
    fn from(i: usize) -> Self {
        Seg::Index(i)
    }
}

/// Build a path from a mix of keys and indices: `path!["sections", 2, "questions"]`.
#[macro_export]
macro_rules! path {
    ($($seg:expr),* $(,)?) => { [$($crate::model::yaml::Seg::from($seg)),*] };
}

/// The line each key and list item of a block-style YAML document starts on.
///
/// This reads the block structure (indentation, `- ` items, one-line flow maps), which
/// is how moat's files are written; inside a construct it does not follow, a lookup
/// falls back to the nearest enclosing key, so a line is approximate, never wrong-file.
///
/// The index is built on the first lookup: most files have no problem to place, and
/// scanning every line of every file cost a sixth of a batch's time.
#[derive(Debug)]
pub struct LineIndex<'a> {
    source: &'a str,
    lines: std::cell::OnceCell<HashMap<Vec<Seg>, usize>>,
}

/// How deep the line index records keys and items. Answer files go 4 levels deep and
/// definitions about 8; deeper paths are found at their nearest recorded ancestor.
const MAX_INDEXED_DEPTH: usize = 24;

#[derive(Debug, Default)]
struct LineScan {
    lines: HashMap<Vec<Seg>, usize>,
}

struct Frame {
    indent: usize,
    path: Vec<Seg>,
    items: usize,
}

impl<'a> LineIndex<'a> {
    pub fn new(source: &'a str) -> LineIndex<'a> {
        LineIndex { source, lines: std::cell::OnceCell::new() }
    }

    /// The line `path` starts on, or that of its nearest enclosing key or item.
    pub fn line_of(&self, path: &[Seg]) -> Option<usize> {
        let lines = self.lines.get_or_init(|| LineScan::scan(self.source).lines);
        (1..=path.len()).rev().find_map(|len| lines.get(&path[..len]).copied())
    }
}

impl LineScan {
    fn scan(source: &str) -> LineScan {
        let mut index = LineScan::default();
        let mut stack: Vec<Frame> = vec![Frame { indent: 0, path: Vec::new(), items: 0 }];
        let mut block_scalar: Option<usize> = None;
        for (number, raw) in source.lines().enumerate() {
            let line_no = number + 1;
            let indent = raw.len() - raw.trim_start_matches(' ').len();
            let content = raw.trim();
            if let Some(owner) = block_scalar {
                if content.is_empty() || indent > owner {
                    continue;
                }
                block_scalar = None;
            }
            if content.is_empty() || content.starts_with('#') || content == "---" || content == "..." {
                continue;
            }
            index.read_line(&mut stack, indent, content, line_no, &mut block_scalar);
        }
        index
    }

    fn read_line(
        &mut self,
        stack: &mut Vec<Frame>,
        indent: usize,
        content: &str,
        line_no: usize,
        block_scalar: &mut Option<usize>,
    ) {
        let is_item = content == "-" || content.starts_with("- ");
        // Close every frame this line is not inside. A `- ` item may sit at the same
        // indent as the key that owns the list (`key:` then `- x`), so a key frame at
        // the item's own indent stays open for it.
        while stack.len() > 1 {
            let top = &stack[stack.len() - 1];
            let owns_compact_list = is_item && top.indent == indent && matches!(top.path.last(), Some(Seg::Key(_)));
            if top.indent < indent || owns_compact_list {
                break;
            }
            stack.pop();
        }
        if is_item {
            let parent = stack.len() - 1;
            let position = stack[parent].items;
            stack[parent].items += 1;
            let mut path = stack[parent].path.clone();
            // Past the indexed depth a line takes its ancestor's place (issue 13: paths
            // of every depth on 120-deep lines took a gigabyte).
            if path.len() < MAX_INDEXED_DEPTH {
                path.push(Seg::Index(position));
                self.lines.entry(path.clone()).or_insert(line_no);
            }
            let rest = content[1..].trim_start();
            stack.push(Frame { indent, path, items: 0 });
            if !rest.is_empty() {
                let rest_indent = indent + (content.len() - rest.len());
                self.read_line(stack, rest_indent, rest, line_no, block_scalar);
            }
            return;
        }
        if content.starts_with('{') {
            let path = stack[stack.len() - 1].path.clone();
            self.read_flow_map(&path, content, line_no);
            return;
        }
        let Some((key, value)) = split_key(content) else { return };
        let mut path = stack[stack.len() - 1].path.clone();
        if path.len() < MAX_INDEXED_DEPTH {
            path.push(Seg::Key(key));
            self.lines.entry(path.clone()).or_insert(line_no);
        }
        let value = strip_comment(value).trim();
        if value.starts_with('{') {
            self.read_flow_map(&path, value, line_no);
        } else if value.starts_with('|') || value.starts_with('>') {
            *block_scalar = Some(indent);
        }
        stack.push(Frame { indent, path, items: 0 });
    }

    fn read_flow_map(&mut self, owner: &[Seg], text: &str, line_no: usize) {
        let inner = text.trim().trim_start_matches('{');
        let mut depth = 0usize;
        let mut start = 0usize;
        let mut quote: Option<char> = None;
        let mut parts = Vec::new();
        for (i, c) in inner.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"') | (None, '\'') => quote = Some(c),
                (None, '{') | (None, '[') => depth += 1,
                (None, '}') | (None, ']') if depth == 0 => {
                    parts.push(&inner[start..i]);
                    break;
                }
                (None, '}') | (None, ']') => depth -= 1,
                (None, ',') if depth == 0 => {
                    parts.push(&inner[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        for part in parts {
            if let Some((key, _)) = split_key(part.trim()).filter(|_| owner.len() < MAX_INDEXED_DEPTH) {
                let mut path = owner.to_vec();
                path.push(Seg::Key(key));
                self.lines.entry(path).or_insert(line_no);
            }
        }
    }
}

/// Split `key: value` (or `key:`) into the unquoted key and the rest.
fn split_key(content: &str) -> Option<(String, &str)> {
    let (key, rest) = if let Some(quoted) = content.strip_prefix('"') {
        let end = quoted.find('"')?;
        (&quoted[..end], quoted[end + 1..].strip_prefix(':')?)
    } else if let Some(quoted) = content.strip_prefix('\'') {
        let end = quoted.find('\'')?;
        (&quoted[..end], quoted[end + 1..].strip_prefix(':')?)
    } else {
        let colon = content.find(": ").or_else(|| content.strip_suffix(':').map(|k| k.len()))?;
        (&content[..colon], &content[colon + 1..])
    };
    if key.is_empty() || key.contains(['{', '[', '#']) {
        return None;
    }
    Some((key.trim().to_string(), rest))
}

fn strip_comment(value: &str) -> &str {
    match value.find(" #") {
        Some(i) if !value.starts_with(['"', '\'']) => &value[..i],
        _ => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 13: 120-deep items on every line made the index keep a path of every depth
    /// of every line (1 GB for 1 MB); past MAX_INDEXED_DEPTH a line stands at its ancestor.
    #[test]
    fn the_line_index_is_bounded_on_deep_nesting() {
        let line = format!("{}x\n", "- ".repeat(120));
        let source = format!("answers:\n{}", line.repeat(50));
        let scan = LineScan::scan(&source);
        assert!(scan.lines.keys().all(|path| path.len() <= MAX_INDEXED_DEPTH));
        assert!(scan.lines.len() <= 50 * MAX_INDEXED_DEPTH, "{}", scan.lines.len());
        let mut deep = vec![Seg::Key("answers".into()), Seg::Index(3)];
        deep.extend((0..100).map(|_| Seg::Index(0)));
        assert_eq!(LineIndex::new(&source).line_of(&deep), Some(5), "the fourth item's line");
    }

    /// Issue 13: a small file of aliases that names a huge tree (11 KB here, 200 MB of
    /// text expanded) is refused by the budget before the tree is built.
    #[test]
    fn aliases_that_expand_past_the_budget_are_refused_whatever_the_file_size() {
        let mut text = format!("moat: 1\na0: &a0 [{}]\n", vec!["x".repeat(1000); 10].join(", "));
        for k in 1..4 {
            text.push_str(&format!("a{k}: &a{k} [{}]\n", vec![format!("*a{}", k - 1); 10].join(", ")));
        }
        text.push_str(&format!("big: [{}]\n", vec!["*a3"; 200].join(", ")));
        assert!(text.len() < 12_000);
        let err = parse_node(&text).unwrap_err();
        assert!(err.message.contains("aliases expand to too much data"), "{err:?}");
        // Aliases within the budget, and a `*` in plain text, are fine.
        let fine = "a: &x [1, 2]\nb: *x\nnote: \"rated 5* by users\"\n";
        assert!(parse_node(fine).is_ok());
    }

    const DOC: &str = "\
id: demo
title: {en: Demo, zh: 演示}
sections:
  - id: tech
    questions:
      - id: q1
        options:
          - {id: a, score: 0}
          - id: b
            score: 5
      - id: q2
        help: |
          long text
          id: not a key
        kind: text
list:
- one
- two
answers:
  demo:
    q1: {choice: a, evidence: verifiable}
";

    #[test]
    fn finds_lines_of_keys_items_and_flow_maps() {
        let index = LineIndex::new(DOC);
        assert_eq!(index.line_of(&path!["title", "zh"]), Some(2));
        assert_eq!(index.line_of(&path!["sections", 0, "id"]), Some(4));
        assert_eq!(index.line_of(&path!["sections", 0, "questions", 0, "options", 0, "score"]), Some(8));
        assert_eq!(index.line_of(&path!["sections", 0, "questions", 0, "options", 1, "score"]), Some(10));
        assert_eq!(index.line_of(&path!["sections", 0, "questions", 1, "kind"]), Some(15));
        assert_eq!(index.line_of(&path!["list", 1]), Some(18));
        assert_eq!(index.line_of(&path!["answers", "demo", "q1", "evidence"]), Some(21));
        // Unknown tails fall back to the nearest known key.
        assert_eq!(index.line_of(&path!["sections", 0, "questions", 1, "nope"]), Some(11));
    }

    #[test]
    fn syntax_errors_carry_a_line() {
        let err = parse_node("a: 1\nb: [\n").unwrap_err();
        assert!(err.line.is_some());
        assert!(!err.message.contains(" at line "));
    }

    #[test]
    fn issue_10_a_tag_or_complex_key_is_placed_by_the_parser_not_by_a_text_search() {
        // An earlier quoted value holds `: !`, and an earlier line starts with `? ` inside
        // a block scalar: neither is the construct.
        let doc = "a: \"x: !not a tag\"\nb: |\n  ? not a key\n  - !nor a tag\nc:\n  d: 1\n  e: !custom value\n";
        let err = parse_node(doc).unwrap_err();
        assert!(err.message.contains("`!custom`"), "{}", err.message);
        assert_eq!(err.line, Some(7));
        let doc = "a: \"y: !quoted\"\nb:\n  c: 1\n  ? [complex]\n  : v\n";
        let err = parse_node(doc).unwrap_err();
        assert!(err.message.contains("a key must be plain text"), "{}", err.message);
        assert_eq!(err.line, Some(4));
        // A tagged item in a list, and a tagged key.
        assert_eq!(parse_node("a: '- !x'\nlist:\n  - 1\n  - !t 2\n").unwrap_err().line, Some(4));
        assert_eq!(parse_node("a: 1\n!t k: 2\n").unwrap_err().line, Some(2));
    }

    #[test]
    fn duplicate_keys_are_rejected() {
        let err = parse_node("a: 1\na: 2\n").unwrap_err();
        assert!(err.message.contains("duplicate"), "{}", err.message);
    }
}
