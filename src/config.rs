//! The configuration file: where it is looked for, how it is read, and what it holds.
//!
//! `config.example.toml` at the top of the project documents every key with its default and is
//! embedded in the binary: `parallax config --default` prints it, and a test keeps it equal to
//! `Config::default()`. A missing file at the default location means defaults; a file named with
//! `--config` or `PARALLAX_CONFIG` must exist. An invalid file (unknown key, wrong type, a value
//! outside the range its setting declares, unknown colour or theme) stops the program with the
//! file, line, column and what was expected: there is no silent fallback.

use crate::fsutil::{self, ReadError};
use crate::settings::{AlignSettings, IngestSettings, OutOfRange, Valid, section};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The documented defaults, embedded.
pub const EXAMPLE: &str = include_str!("../config.example.toml");

/// Environment variable naming the config file.
pub const ENV_VAR: &str = "PARALLAX_CONFIG";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub ui: UiConfig,
    /// Key overrides: action name → one key or a list of keys ("n", "ctrl-d", ["j", "down"]).
    pub keys: BTreeMap<String, toml::Spanned<KeySpec>>,
    pub align: AlignSettings,
    pub export: ExportConfig,
    pub ingest: IngestSettings,
}

/// One key or several, as written in `[keys]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum KeySpec {
    One(String),
    Many(Vec<String>),
}

impl KeySpec {
    pub fn keys(&self) -> Vec<&str> {
        match self {
            KeySpec::One(k) => vec![k.as_str()],
            KeySpec::Many(ks) => ks.iter().map(String::as_str).collect(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    HighContrast,
}

section! {
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(default, deny_unknown_fields)]
    pub struct UiConfig {
        /// `dark`, `light` or `high-contrast`.
        pub theme: ThemeName = ThemeName::Dark;
        /// Narrowest a pane may be, in columns (borders, gutter and at least two columns of
        /// text); panes that do not fit are reached by paging.
        pub pane_min_width: u16 = 38, Valid::whole(6, u64::from(u16::MAX));
        /// Scroll all panes together.
        pub sync_scroll: bool = false;
        /// Mouse wheel and clicks.
        pub mouse: bool = true;
        /// Per-colour overrides of the theme: slot name → colour.
        pub colors: BTreeMap<String, toml::Spanned<ColorValue>> = BTreeMap::new();
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    #[default]
    Html,
    Markdown,
    Json,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Html => "html",
            ExportFormat::Markdown => "md",
            ExportFormat::Json => "json",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExportConfig {
    /// Format the reader's export offers first.
    pub format: ExportFormat,
    /// Folder the reader's export proposes; empty means the current folder.
    pub folder: String,
}

/// Colour slots of the theme that `[ui.colors]` may override.
pub const COLOR_SLOTS: &[&str] = &[
    "text", "dim", "border", "focus", "current", "quote", "search", "status", "note", "warning", "event1",
    "event2", "event3", "event4", "event5", "event6", "event7", "event8",
];

/// A colour as written in `[ui.colors]`: a string (a name, `#rrggbb`, or an index), or an
/// ANSI index as a bare number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ColorValue {
    Index(i64),
    Text(String),
}

impl ColorValue {
    /// The colour meant, or `None` when the value names none.
    pub fn spec(&self) -> Option<ColorSpec> {
        match self {
            ColorValue::Index(i) => u8::try_from(*i).ok().map(ColorSpec::Indexed),
            ColorValue::Text(text) => ColorSpec::parse(text),
        }
    }
}

impl fmt::Display for ColorValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ColorValue::Index(i) => write!(f, "{i}"),
            ColorValue::Text(text) => f.write_str(text),
        }
    }
}

/// A colour as written in the config: a name, `#rrggbb`, or an ANSI index 0–255.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorSpec {
    /// The terminal's own default colour.
    Reset,
    Indexed(u8),
    Rgb(u8, u8, u8),
}

/// The sixteen ANSI colour names and their indices.
pub const COLOR_NAMES: &[(&str, u8)] = &[
    ("black", 0),
    ("red", 1),
    ("green", 2),
    ("yellow", 3),
    ("blue", 4),
    ("magenta", 5),
    ("cyan", 6),
    ("gray", 7),
    ("darkgray", 8),
    ("lightred", 9),
    ("lightgreen", 10),
    ("lightyellow", 11),
    ("lightblue", 12),
    ("lightmagenta", 13),
    ("lightcyan", 14),
    ("white", 15),
];

impl ColorSpec {
    pub fn parse(s: &str) -> Option<ColorSpec> {
        let s = s.trim().to_ascii_lowercase();
        if s == "default" || s == "reset" {
            return Some(ColorSpec::Reset);
        }
        if let Some(hex) = s.strip_prefix('#') {
            if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
                let v = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
                return Some(ColorSpec::Rgb(v(0)?, v(2)?, v(4)?));
            }
            return None;
        }
        if let Ok(i) = s.parse::<u8>() {
            return Some(ColorSpec::Indexed(i));
        }
        let name = s.replace(['-', '_', ' '], "").replace("grey", "gray");
        COLOR_NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, i)| ColorSpec::Indexed(i))
    }
}

/// Where the value of `key` (`section.name`) is written in a config text.
fn value_offset(text: &str, key: &str) -> Option<usize> {
    type Sections = BTreeMap<String, BTreeMap<String, toml::Spanned<toml::Value>>>;
    let (section, name) = key.split_once('.')?;
    let sections: Sections = toml::from_str(text).ok()?;
    Some(sections.get(section)?.get(name)?.span().start)
}

/// A config file that could not be used: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// One-based line and column, when the problem has a place.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Largest config file read, in bytes: a config is a page of settings, and a device or a huge
/// file named by mistake must not be read without end.
pub const MAX_BYTES: u64 = 1024 * 1024;

/// The config file's text: a regular file of at most `MAX_BYTES`, in UTF-8.
fn read_text(path: &Path) -> Result<String, ReadError> {
    let bytes = fsutil::read_regular(path, MAX_BYTES)?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        ReadError::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not valid UTF-8 at byte {at}"),
        ))
    })
}

/// Where the config was looked for and whether it was there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub path: Option<PathBuf>,
    /// Named explicitly (`--config` or the environment variable), so it must exist.
    pub explicit: bool,
}

/// The config file's location: `--config`, then `PARALLAX_CONFIG`, then the platform's config
/// folder (`directories`).
pub fn locate(flag: Option<&Path>) -> Located {
    if let Some(p) = flag {
        return Located {
            path: Some(p.to_path_buf()),
            explicit: true,
        };
    }
    if let Some(p) = std::env::var_os(ENV_VAR).filter(|v| !v.is_empty()) {
        return Located {
            path: Some(PathBuf::from(p)),
            explicit: true,
        };
    }
    Located {
        path: directories::ProjectDirs::from("", "", "parallax").map(|d| d.config_dir().join("config.toml")),
        explicit: false,
    }
}

/// The platform's data folder for parallax (notes live there).
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "parallax").map(|d| d.data_dir().to_path_buf())
}

/// The platform's cache folder for parallax (pages fetched from the web), if the system has one.
pub fn cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "parallax").map(|d| d.cache_dir().to_path_buf())
}

impl Config {
    /// Reads the config at a location; defaults when a non-explicit file is missing.
    pub fn load(located: &Located) -> Result<Config, ConfigError> {
        Config::read(located).map(|(config, _)| config)
    }

    /// Reads the config at a location with its text (empty for defaults), which the reader
    /// needs to place errors in `[keys]`.
    pub fn read(located: &Located) -> Result<(Config, String), ConfigError> {
        let Some(path) = &located.path else {
            return Ok((Config::default(), String::new()));
        };
        match read_text(path) {
            Ok(text) => Config::parse(&text, path).map(|c| (c, text)),
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound && !located.explicit => {
                Ok((Config::default(), String::new()))
            }
            Err(e) => Err(ConfigError {
                path: path.clone(),
                position: None,
                message: match e {
                    ReadError::NotRegular(kind) => {
                        format!("is {}, not a file; only a regular file is read", kind.describe())
                    }
                    ReadError::TooLarge(size) => {
                        format!("{size} bytes is over the limit of {MAX_BYTES} bytes for a config file")
                    }
                    ReadError::Io(e) => format!("cannot read: {e}"),
                },
            }),
        }
    }

    /// Parses and checks a config text; `path` is only for messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let at = |offset: usize, message: String| ConfigError {
            path: path.to_path_buf(),
            position: Some(crate::ingest::line_col(text, offset)),
            message,
        };
        let config: Config = toml::from_str(text).map_err(|e| match e.span() {
            Some(span) => at(span.start, e.message().trim().to_string()),
            None => ConfigError {
                path: path.to_path_buf(),
                position: None,
                message: e.message().trim().to_string(),
            },
        })?;
        for (slot, value) in &config.ui.colors {
            if !COLOR_SLOTS.contains(&slot.as_str()) {
                return Err(at(
                    value.span().start,
                    format!(
                        "unknown colour slot `{slot}`, expected one of {}",
                        COLOR_SLOTS.join(", ")
                    ),
                ));
            }
            if value.get_ref().spec().is_none() {
                return Err(at(
                    value.span().start,
                    format!(
                        "unknown colour `{}` for `{slot}`, expected a name (red, lightblue, …), #rrggbb or 0–255",
                        value.get_ref()
                    ),
                ));
            }
        }
        config
            .check()
            .map_err(|e| at(value_offset(text, &e.key).unwrap_or(0), e.to_string()))?;
        Ok(config)
    }

    /// The first setting outside its range.
    pub fn check(&self) -> Result<(), OutOfRange> {
        self.ui.check("ui")?;
        self.align.check("align")?;
        self.ingest.check("ingest")
    }

    /// An error at the place a `[keys]` entry was written, for the keymap's own checks.
    pub fn key_error(&self, text: &str, path: &Path, action: &str, message: String) -> ConfigError {
        let position = self
            .keys
            .get(action)
            .map(|v| crate::ingest::line_col(text, v.span().start));
        ConfigError {
            path: path.to_path_buf(),
            position,
            message,
        }
    }

    /// The overridden colours, parsed (they were checked when the file was read).
    pub fn colors(&self) -> BTreeMap<&str, ColorSpec> {
        self.ui
            .colors
            .iter()
            .filter_map(|(k, v)| Some((k.as_str(), v.get_ref().spec()?)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(text, Path::new("c.toml")).map_err(|e| e.to_string())
    }

    #[test]
    fn example_file_equals_the_defaults() {
        assert_eq!(parse(EXAMPLE).unwrap(), Config::default());
    }

    /// Every key of the defaults is documented in the example, and the example documents no key
    /// the program does not have.
    #[test]
    fn example_documents_exactly_the_keys() {
        fn keys(t: &toml::Table, prefix: &str, out: &mut Vec<String>) {
            for (k, v) in t {
                let name = format!("{prefix}{k}");
                match v {
                    toml::Value::Table(inner) => keys(inner, &format!("{name}."), out),
                    _ => out.push(name),
                }
            }
        }
        let defaults: toml::Table = toml::Table::try_from(Config::default()).unwrap();
        let example: toml::Table = toml::from_str(EXAMPLE).unwrap();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        keys(&defaults, "", &mut a);
        keys(&example, "", &mut b);
        a.sort();
        b.sort();
        assert_eq!(a, b);
        assert!(a.contains(&"align.strict_threshold".to_string()));
    }

    #[test]
    fn unknown_key_names_line_and_column() {
        let err = parse("[ui]\nthem = \"dark\"\n").unwrap_err();
        assert!(err.starts_with("c.toml:2:1: unknown field `them`"), "{err}");
    }

    #[test]
    fn wrong_type_names_line_and_column() {
        let err = parse("[ui]\npane_min_width = \"wide\"\n").unwrap_err();
        assert!(
            err.starts_with("c.toml:2:18: invalid type: string \"wide\""),
            "{err}"
        );
    }

    #[test]
    fn unknown_theme_lists_the_choices() {
        let err = parse("[ui]\ntheme = \"neon\"\n").unwrap_err();
        assert!(
            err.contains("c.toml:2:9") && err.contains("dark") && err.contains("high-contrast"),
            "{err}"
        );
    }

    #[test]
    fn unknown_colour_and_slot() {
        let err = parse("[ui.colors]\ncurrent = \"blurple\"\n").unwrap_err();
        assert!(err.starts_with("c.toml:2:11: unknown colour `blurple`"), "{err}");
        let err = parse("[ui.colors]\nsparkle = \"red\"\n").unwrap_err();
        assert!(
            err.starts_with("c.toml:2:11: unknown colour slot `sparkle`"),
            "{err}"
        );
    }

    #[test]
    fn colour_indexes_may_be_bare_numbers() {
        let c = parse("[ui.colors]\ncurrent = 5\nquote = \"208\"\n").unwrap();
        let colors = c.colors();
        assert_eq!(colors["current"], ColorSpec::Indexed(5));
        assert_eq!(colors["quote"], ColorSpec::Indexed(208));
        for text in ["current = 256", "current = -1"] {
            let err = parse(&format!("[ui.colors]\n{text}\n")).unwrap_err();
            assert!(err.starts_with("c.toml:2:11: unknown colour"), "{err}");
            assert!(err.contains("0–255"), "{err}");
        }
    }

    #[test]
    fn settings_outside_their_range_name_key_range_and_place() {
        let err = parse("[align]\nweak_threshold = nan\n").unwrap_err();
        assert_eq!(
            err,
            "c.toml:2:18: align.weak_threshold = NaN: must be a number from 0 to 1"
        );
        let err = parse("[ingest]\nmax_story_bytes = 0\n").unwrap_err();
        assert_eq!(
            err,
            "c.toml:2:19: ingest.max_story_bytes = 0: must be a whole number from 1 to 4294967295"
        );
        let err = parse("[ui]\npane_min_width = 2\n").unwrap_err();
        assert_eq!(
            err,
            "c.toml:2:18: ui.pane_min_width = 2: must be a whole number from 6 to 65535"
        );
    }

    #[test]
    fn unknown_fallback_encoding_names_the_key_and_its_place() {
        let err = parse("[ingest]\nfallback_encoding = \"klingon\"\n").unwrap_err();
        assert!(
            err.starts_with("c.toml:2:21: unknown encoding `klingon` for ingest.fallback_encoding"),
            "{err}"
        );
        let ok = parse("[ingest]\nfallback_encoding = \"Latin1\"\n").unwrap();
        assert_eq!(
            ok.ingest.fallback_encoding.encoding(),
            Some(encoding_rs::WINDOWS_1252)
        );
    }

    #[test]
    fn colours_parse() {
        assert_eq!(
            ColorSpec::parse("#1F3a5f"),
            Some(ColorSpec::Rgb(0x1f, 0x3a, 0x5f))
        );
        assert_eq!(ColorSpec::parse("light-blue"), Some(ColorSpec::Indexed(12)));
        assert_eq!(ColorSpec::parse("Dark Grey"), Some(ColorSpec::Indexed(8)));
        assert_eq!(ColorSpec::parse("208"), Some(ColorSpec::Indexed(208)));
        assert_eq!(ColorSpec::parse("#12345"), None);
    }

    #[test]
    fn key_overrides_keep_their_place() {
        let text = "[keys]\nnext_event = \"j\"\nscroll_down = [\"ctrl-e\", \"down\"]\n";
        let c = parse(text).unwrap();
        assert_eq!(c.keys["scroll_down"].get_ref().keys(), vec!["ctrl-e", "down"]);
        let e = c.key_error(text, Path::new("c.toml"), "next_event", "bad".into());
        assert_eq!(e.to_string(), "c.toml:2:14: bad");
    }

    #[test]
    fn missing_default_file_means_defaults_but_explicit_must_exist() {
        let missing = PathBuf::from("/no/such/parallax/config.toml");
        let implicit = Located {
            path: Some(missing.clone()),
            explicit: false,
        };
        assert_eq!(Config::load(&implicit).unwrap(), Config::default());
        let explicit = Located {
            path: Some(missing),
            explicit: true,
        };
        assert!(
            Config::load(&explicit)
                .unwrap_err()
                .to_string()
                .contains("cannot read")
        );
    }
}
