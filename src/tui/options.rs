//! From the config file and the environment to how the reader is set up: the theme (named in
//! `[ui] theme`, recoloured by `[ui.colors]`, stripped of colour by `NO_COLOR`), the keymap
//! (`[keys]` merged over the defaults), the `[ui]` switches, the export's defaults (`[export]`)
//! and the notes folder.
//!
//! Precedence: `PARALLAX_THEME` in the environment wins over `[ui] theme` (it is meant for one
//! run); `NO_COLOR` wins over both and over `[ui.colors]`. A bad `[keys]` entry stops the start
//! with the file, line and column of the entry, like every other config error. The environment
//! is read once, into `Env`, so tests can set it up without touching the process.

use super::app::ExportOptions;
use super::keymap::Keymap;
use super::theme::{self, Theme};
use crate::config::{self, Config, ConfigError, ExportConfig, ExportFormat, ThemeName};
use crate::export::Format;
use std::path::{Path, PathBuf};

/// Environment variable choosing the theme for one run (wins over the config file).
pub const THEME_VAR: &str = "PARALLAX_THEME";

/// How the reader is set up.
#[derive(Debug, Clone)]
pub struct Options {
    pub theme: Theme,
    pub keymap: Keymap,
    /// Narrowest a pane may be, in columns.
    pub pane_min_width: u16,
    /// Scroll all panes together from the start.
    pub sync_scroll: bool,
    /// Capture the mouse (wheel and clicks).
    pub mouse: bool,
    /// The export's default format and folder (the config's `[export]`).
    pub export: ExportOptions,
    /// Where the notes of every story are kept; `None` when the system has no data folder.
    pub notes_dir: Option<PathBuf>,
    /// `PARALLAX_TIMING`: report the first frame's time on exit; `exit` also quits as soon as
    /// the analysed story has been drawn once.
    pub timing: Option<String>,
}

/// What the reader takes from the environment.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// `NO_COLOR` set and not empty.
    pub no_color: bool,
    /// `PARALLAX_THEME`.
    pub theme: Option<String>,
    /// `PARALLAX_TIMING`.
    pub timing: Option<String>,
    /// The platform's data folder for parallax.
    pub data_dir: Option<PathBuf>,
}

impl Env {
    pub fn from_process() -> Env {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Env {
            no_color: theme::no_color_requested(std::env::var_os("NO_COLOR").as_deref()),
            theme: var(THEME_VAR),
            timing: var("PARALLAX_TIMING"),
            data_dir: config::data_dir(),
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        let ui = config::UiConfig::default();
        Options {
            theme: Theme::dark(),
            keymap: Keymap::default(),
            pane_min_width: ui.pane_min_width,
            sync_scroll: ui.sync_scroll,
            mouse: ui.mouse,
            export: export_options(&ExportConfig::default()),
            notes_dir: None,
            timing: None,
        }
    }
}

impl Options {
    /// The reader's setup from a loaded config; `text` and `path` are the file it came from
    /// (empty and any path when there was none), to place `[keys]` errors.
    pub fn from_config(config: &Config, text: &str, path: &Path, env: &Env) -> Result<Options, ConfigError> {
        let name = match &env.theme {
            Some(value) => theme_from_env(value)?,
            None => config.ui.theme,
        };
        let mut theme = Theme::named(name).with_colors(&config.colors());
        if env.no_color {
            theme = theme.without_color();
        }
        let overrides = config
            .keys
            .iter()
            .map(|(entry, keys)| (entry.as_str(), keys.get_ref().keys()));
        let keymap = Keymap::default().with_overrides(overrides).map_err(|problem| {
            // Of the entries involved, the one written last in the file.
            let entry = problem
                .entries
                .iter()
                .max_by_key(|e| config.keys.get(e.as_str()).map(|v| v.span().start))
                .map_or("", String::as_str);
            config.key_error(text, path, entry, problem.message)
        })?;
        Ok(Options {
            theme,
            keymap,
            pane_min_width: config.ui.pane_min_width.max(super::geometry::PANE_CHROME + 2),
            sync_scroll: config.ui.sync_scroll,
            mouse: config.ui.mouse,
            export: export_options(&config.export),
            notes_dir: env.data_dir.as_ref().map(|d| d.join("notes")),
            timing: env.timing.clone(),
        })
    }
}

/// The reader's export defaults from the config's `[export]`; an empty folder is the current one.
fn export_options(export: &ExportConfig) -> ExportOptions {
    ExportOptions {
        format: match export.format {
            ExportFormat::Html => Format::Html,
            ExportFormat::Markdown => Format::Markdown,
            ExportFormat::Json => Format::Json,
        },
        folder: PathBuf::from(export.folder.trim()),
    }
}

fn theme_from_env(value: &str) -> Result<ThemeName, ConfigError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "dark" => Ok(ThemeName::Dark),
        "light" => Ok(ThemeName::Light),
        "high-contrast" | "high_contrast" | "highcontrast" => Ok(ThemeName::HighContrast),
        _ => Err(ConfigError {
            path: PathBuf::from(THEME_VAR),
            position: None,
            message: format!("unknown theme `{value}`, expected dark, light or high-contrast"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(text: &str, env: &Env) -> Result<Options, String> {
        let path = Path::new("c.toml");
        let config = Config::parse(text, path).map_err(|e| e.to_string())?;
        Options::from_config(&config, text, path, env).map_err(|e| e.to_string())
    }

    #[test]
    fn the_environment_theme_wins_and_must_be_known() {
        let env = Env {
            theme: Some("light".into()),
            ..Env::default()
        };
        let o = options("[ui]\ntheme = \"high-contrast\"\n", &env).expect("options");
        assert!(!o.theme.dark);
        let env = Env {
            theme: Some("neon".into()),
            ..Env::default()
        };
        let err = options("", &env).unwrap_err();
        assert!(err.starts_with("PARALLAX_THEME: unknown theme `neon`"), "{err}");
    }

    #[test]
    fn ui_switches_and_the_notes_folder_come_through() {
        let env = Env {
            data_dir: Some(PathBuf::from("/data/parallax")),
            ..Env::default()
        };
        let o = options(
            "[ui]\npane_min_width = 50\nsync_scroll = true\nmouse = false\n",
            &env,
        )
        .expect("options");
        assert_eq!((o.pane_min_width, o.sync_scroll, o.mouse), (50, true, false));
        assert_eq!(o.notes_dir, Some(PathBuf::from("/data/parallax/notes")));
    }

    #[test]
    fn export_defaults_come_from_the_export_section() {
        let o = options("", &Env::default()).expect("options");
        assert_eq!(o.export, ExportOptions::default());
        let o = options(
            "[export]\nformat = \"markdown\"\nfolder = \"/tmp/exports\"\n",
            &Env::default(),
        )
        .expect("options");
        assert_eq!(o.export.format, Format::Markdown);
        assert_eq!(o.export.folder, PathBuf::from("/tmp/exports"));
    }
}
