//! Human-facing texts that come in several languages, and the language a run speaks.

pub mod fnv;
pub mod inert;
pub mod labels;
pub mod number;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// A language moat can speak. Definitions may carry other languages; these are the two
/// every built-in has and every command can render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A text in a definition: either one string for every language, or a map of
/// language code to string (`{en: ..., zh: ...}`). Shared, not copied, when a score or
/// a report quotes it: a scorecard quotes a few hundred texts of the definitions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Text {
    Plain(Arc<str>),
    Translated(Arc<IndexMap<String, String>>),
}

impl Text {
    /// The text in `lang`, falling back to English, then to any language there is,
    /// so that a definition written in one language still renders in the other.
    pub fn get(&self, lang: Lang) -> &str {
        match self {
            Text::Plain(s) => s,
            // Two or three entries: a scan beats hashing the key.
            Text::Translated(map) => {
                let find = |code: &str| map.iter().find(|(k, _)| k.as_str() == code).map(|(_, v)| v.as_str());
                find(lang.code())
                    .or_else(|| find("en"))
                    .or_else(|| map.values().next().map(String::as_str))
                    .unwrap_or("")
            }
        }
    }

    /// Every string of the text, with its language code (none for a plain string).
    pub fn variants(&self) -> Vec<(Option<&str>, &str)> {
        match self {
            Text::Plain(s) => vec![(None, &**s)],
            Text::Translated(map) => map.iter().map(|(k, v)| (Some(k.as_str()), v.as_str())).collect(),
        }
    }

    /// The language codes this text is written in; empty for a plain string.
    pub fn languages(&self) -> Vec<&str> {
        match self {
            Text::Plain(_) => Vec::new(),
            Text::Translated(map) => map.keys().map(String::as_str).collect(),
        }
    }

    pub fn is_blank(&self) -> bool {
        match self {
            Text::Plain(s) => s.trim().is_empty(),
            Text::Translated(map) => map.is_empty() || map.values().any(|s| s.trim().is_empty()),
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::Plain(Arc::from(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_english_then_any() {
        let mut map = IndexMap::new();
        map.insert("en".to_string(), "Data".to_string());
        let t = Text::Translated(Arc::new(map));
        assert_eq!(t.get(Lang::Zh), "Data");
        let mut map = IndexMap::new();
        map.insert("fr".to_string(), "Données".to_string());
        assert_eq!(Text::Translated(Arc::new(map)).get(Lang::En), "Données");
    }
}
