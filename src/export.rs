//! Exporters: one `&Analysis` written to any `impl Write`. Each format lives in its own file.

pub mod json;

use std::io::Write;

/// Output formats of `parallax align`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// Writes the analysis in a format.
pub fn write(analysis: &crate::Analysis, format: Format, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        Format::Json => json::write(analysis, out),
    }
}
