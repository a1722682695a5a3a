//! Exporting the current view from the reader: a prompt in the status line for the path (with
//! a default of `<folder>/<story-title-slug>.<ext>`) and the format, then an `Effect::Export`
//! for the loop to carry out, and its outcome back as `Action::Exported`.
//!
//! The one decision to know: `update` never touches the file system. Whether the file exists is
//! learnt from the write itself (it refuses to replace a file unless asked), and only then does
//! the reader ask "replace it? y/n" (a `Confirm::Replace`, the reader's shared yes/no question)
//! and send the same request again with `overwrite`. Only a regular file is ever replaced: a
//! FIFO or a device is written to without asking, a folder is refused (`export::write_file`).
//! The notes written are `App::notes()`.

use super::{App, Confirm, Mode};
use crate::export::Format;
use crate::model::EventId;
use crate::tui::action::{Effect, ExportRequest, Exported};
use std::path::{Path, PathBuf};
use tui_textarea::{Input, TextArea};

/// The export's defaults; the config file's `[export]` section sets them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    pub format: Format,
    /// Where the proposed path lies; empty for the current folder.
    pub folder: PathBuf,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            format: Format::Html,
            folder: PathBuf::new(),
        }
    }
}

/// The export prompt: the path being typed and the chosen format. Whether to replace an
/// existing file is asked as `Confirm::Replace` while the prompt stays open.
#[derive(Debug, Clone)]
pub struct ExportPrompt {
    pub input: TextArea<'static>,
    pub format: Format,
}

impl ExportPrompt {
    pub fn path(&self) -> String {
        self.input.lines().join("")
    }
}

/// The formats in the order the prompt offers them.
const FORMATS: [Format; 3] = [Format::Html, Format::Markdown, Format::Json];

/// A file name from a title: lower-case letters and digits joined by single dashes.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    // Long titles are cut after a whole word, near 50 characters.
    if out.chars().count() > 50 {
        let cut: String = out.chars().take(51).collect();
        out = match cut.rfind('-') {
            Some(at) if at > 20 => cut[..at].to_string(),
            _ => cut,
        };
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "parallax".to_string()
    } else {
        out
    }
}

fn field(text: &str) -> TextArea<'static> {
    let mut input = TextArea::new(vec![text.to_string()]);
    input.set_cursor_line_style(ratatui::style::Style::new());
    input.move_cursor(tui_textarea::CursorMove::End);
    input
}

/// `path` with its extension swapped for the format's: one of ours, or any other short
/// extension of letters ("notes.txt" → "notes.md"); a path without one, or whose last dot
/// begins something else ("talks.v2", "notes."), gets the format's added.
fn with_extension(path: &str, format: Format) -> String {
    let p = Path::new(path);
    let swappable = |ext: &str| {
        Format::parse(ext).is_some()
            || ((1..=4).contains(&ext.len()) && ext.chars().all(|c| c.is_ascii_alphabetic()))
    };
    match p.extension().and_then(|e| e.to_str()) {
        Some(ext) if swappable(ext) => format!("{}{}", &path[..path.len() - ext.len()], format.extension()),
        Some("") => format!("{path}{}", format.extension()),
        Some(_) => format!("{path}.{}", format.extension()),
        None if path.is_empty() || path.ends_with('/') => path.to_string(),
        None => format!("{path}.{}", format.extension()),
    }
}

impl App {
    /// The path the prompt proposes: the last one used, or `<folder>/<story-slug>.<ext>`.
    pub fn default_export_path(&self, format: Format) -> String {
        if let Some(last) = &self.last_export {
            return with_extension(last, format);
        }
        let corpus = &self.analysis.corpus;
        let title = corpus
            .title
            .as_deref()
            .or_else(|| corpus.articles.first().map(|a| a.title.as_str()))
            .unwrap_or("");
        let name = format!("{}.{}", slug(title), format.extension());
        self.export_options
            .folder
            .join(name)
            .to_string_lossy()
            .into_owned()
    }

    pub(super) fn start_export(&mut self) {
        if self.analysing {
            self.message = Some("still analysing…".to_string());
            return;
        }
        let format = self.export_options.format;
        while self.mode.popup().is_some() {
            self.mode.close_top();
        }
        let prompt = ExportPrompt {
            input: field(&self.default_export_path(format)),
            format,
        };
        self.mode.open(|under| Mode::Prompt { prompt, under });
    }

    pub(super) fn prompt_input(&mut self, input: Input) {
        if let Some(p) = self.mode.prompt_mut() {
            p.input.input(input);
        }
    }

    /// The next format; the path's extension follows.
    pub(super) fn next_format(&mut self) {
        let Some(p) = self.mode.prompt_mut() else {
            return;
        };
        let at = FORMATS.iter().position(|f| *f == p.format).unwrap_or(0);
        p.format = FORMATS[(at + 1) % FORMATS.len()];
        p.input = field(&with_extension(&p.path(), p.format));
    }

    /// The request for what the prompt holds; a recognised extension picks the format.
    pub(super) fn submit_export(&mut self) -> Effect {
        let Some(p) = self.mode.prompt() else {
            return Effect::Continue;
        };
        let path = p.path().trim().to_string();
        if path.is_empty() {
            self.message = Some("export: type a file path".to_string());
            return Effect::Continue;
        }
        let format = Path::new(&path)
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Format::parse)
            .unwrap_or(p.format);
        Effect::Export(ExportRequest {
            path: PathBuf::from(path),
            format,
            focus: self.current.map(EventId::from_index),
            overwrite: false,
        })
    }

    /// Yes replaces the file; no goes back to the path.
    pub(super) fn answer_replace(&mut self, request: ExportRequest, yes: bool) -> Effect {
        if self.mode.prompt().is_none() {
            return Effect::Continue;
        }
        if yes {
            Effect::Export(ExportRequest {
                overwrite: true,
                ..request
            })
        } else {
            self.message = Some(format!(
                "kept {}; type another path, or esc",
                request.path.display()
            ));
            Effect::Continue
        }
    }

    /// Closes the export prompt (and a question over it).
    fn close_prompt(&mut self) {
        while self.mode.prompt().is_some() {
            self.mode.close_top();
        }
    }

    pub(super) fn exported(&mut self, outcome: Exported) {
        match outcome {
            Exported::Written(path) => {
                // Only a path that was written is proposed again: a typo that failed is not.
                self.last_export = Some(path.to_string_lossy().into_owned());
                self.close_prompt();
                self.message = Some(format!("exported to {}", path.display()));
            }
            Exported::Exists(path) => {
                let request = self.mode.prompt().map(|p| ExportRequest {
                    path: path.clone(),
                    format: Path::new(&path)
                        .extension()
                        .and_then(|e| e.to_str())
                        .and_then(Format::parse)
                        .unwrap_or(p.format),
                    focus: self.current.map(EventId::from_index),
                    overwrite: false,
                });
                if let Some(r) = request {
                    self.ask(Confirm::Replace(r));
                }
            }
            Exported::Failed(error) => {
                self.close_prompt();
                self.message = Some(format!("export failed: {error}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_short_plain_file_names() {
        assert_eq!(slug("U.S., Russia launch talks!"), "u-s-russia-launch-talks");
        assert_eq!(slug("  "), "parallax");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(
            slug(&"word ".repeat(40)),
            "word-".repeat(10).trim_end_matches('-')
        );
        let long = slug("Envoys from the United States and Russia met in Geneva on Monday to talk");
        assert_eq!(long, "envoys-from-the-united-states-and-russia-met-in");
    }

    #[test]
    fn the_extension_follows_the_format() {
        assert_eq!(with_extension("a/story.html", Format::Markdown), "a/story.md");
        assert_eq!(with_extension("story", Format::Json), "story.json");
        assert_eq!(with_extension("story.txt", Format::Json), "story.json");
        assert_eq!(with_extension("Story.HTML", Format::Markdown), "Story.md");
        assert_eq!(with_extension("talks.v2", Format::Json), "talks.v2.json");
        assert_eq!(with_extension("notes.", Format::Html), "notes.html");
        assert_eq!(with_extension("a.b/story", Format::Html), "a.b/story.html");
        assert_eq!(with_extension("dir/", Format::Json), "dir/");
    }
}
