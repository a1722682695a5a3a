//! Lays out one article's text for a pane of a given width: grapheme clusters mapped through
//! `crate::display::on_terminal` (so nothing in the text can act on the terminal) and drawn as
//! their parts (so emoji sequences take the columns every terminal agrees on), measured as
//! ratatui's buffer measures its cells, and wrapped at spaces. Every glyph keeps the byte span it came from, so a
//! byte span of the analysis finds its cells, and a row finds its bytes.
//!
//! The one decision to know: layout is by display width, not by chars; a wide character never
//! straddles a row end, and a word wider than the pane is cut between grapheme clusters.
//!
//! `hanging` lays out one styled line of a text popup the same way, label first and the rest
//! wrapped under the text after it, keeping each piece's style.

use crate::display::{Shown, on_terminal};
use ratatui::buffer::CellWidth;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

/// One grapheme cluster as drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph {
    /// Byte span in the article text.
    pub start: usize,
    pub end: usize,
    /// Where its display text lies in `Wrapped::shown`.
    pub text: (u32, u32),
    /// Columns it takes: 1 or 2 (3 for one Khmer sign).
    pub width: u8,
}

/// One screen row of a pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Its glyphs in `Wrapped::glyphs`.
    pub glyphs: Range<usize>,
    /// The first byte this row shows (for an empty row, where its line starts).
    pub start: usize,
}

/// An article laid out at one width.
#[derive(Debug, Clone, Default)]
pub struct Wrapped {
    pub width: usize,
    pub shown: String,
    pub glyphs: Vec<Glyph>,
    pub rows: Vec<Row>,
}

impl Wrapped {
    /// Lays out `text` in rows of at most `width` columns (at least 2).
    pub fn new(text: &str, width: usize) -> Wrapped {
        let width = width.max(2);
        let mut out = Wrapped {
            width,
            ..Wrapped::default()
        };
        let mut offset = 0;
        for line in text.split('\n') {
            out.line(line, offset);
            offset += line.len() + 1;
        }
        // Blank rows at the end say nothing.
        while out.rows.last().is_some_and(|r| r.glyphs.is_empty()) {
            out.rows.pop();
        }
        if out.rows.is_empty() {
            out.rows.push(Row {
                glyphs: 0..0,
                start: 0,
            });
        }
        out
    }

    /// The display text of a glyph.
    pub fn text(&self, glyph: &Glyph) -> &str {
        self.shown
            .get(glyph.text.0 as usize..glyph.text.1 as usize)
            .unwrap_or("")
    }

    /// The row showing byte `at` (the last row starting at or before it).
    pub fn row_of(&self, at: usize) -> usize {
        self.rows.partition_point(|r| r.start <= at).saturating_sub(1)
    }

    /// The first byte of a row (clamped to the last row).
    pub fn row_start(&self, row: usize) -> usize {
        self.rows
            .get(row.min(self.rows.len().saturating_sub(1)))
            .map_or(0, |r| r.start)
    }

    /// Appends the glyphs of the grapheme cluster at byte `start`. A cluster is drawn as its
    /// parts: every character of non-zero width begins a glyph, which takes the zero-width
    /// characters after it (combining marks). Together with `on_terminal` this keeps every cell
    /// to one character of known width, where a whole emoji sequence would take as many
    /// columns as the terminal sees fit. The first part starts where the cluster does, so the
    /// glyphs cover its bytes without a gap.
    fn cluster(&mut self, cluster: &str, start: usize, out: &mut Vec<Glyph>) {
        // Where the open part's text begins in `shown`, and its first byte.
        let mut open: Option<(usize, usize)> = None;
        for (i, c) in cluster.char_indices() {
            let c = match on_terminal(c) {
                Shown::Keep => c,
                Shown::Replace(r) => r,
                Shown::Hide => continue,
            };
            if open.is_none() || c.width().is_some_and(|w| w > 0) {
                if let Some((from, at)) = open {
                    out.push(self.part(from, at, start + i));
                }
                let at = if open.is_none() { start } else { start + i };
                open = Some((self.shown.len(), at));
            }
            self.shown.push(c);
        }
        if let Some((from, at)) = open {
            out.push(self.part(from, at, start + cluster.len()));
        }
    }

    /// The glyph of the display text from `from` to the end of `shown`, for bytes `start..end`,
    /// measured as the terminal buffer measures its cells.
    fn part(&mut self, from: usize, start: usize, end: usize) -> Glyph {
        let mut width = self.shown[from..].cell_width();
        if width == 0 {
            // A combining mark with nothing to sit on: show it on a dotted circle.
            self.shown.insert(from, '◌');
            width = 1;
        }
        Glyph {
            start,
            end,
            text: (to_u32(from), to_u32(self.shown.len())),
            width: u8::try_from(width).unwrap_or(u8::MAX),
        }
    }

    /// Lays out one line of the text (no `\n` inside) that starts at byte `offset`.
    fn line(&mut self, line: &str, offset: usize) {
        let mut glyphs = Vec::new();
        for (i, cluster) in line.grapheme_indices(true) {
            self.cluster(cluster, offset + i, &mut glyphs);
        }
        if glyphs.is_empty() {
            // One blank row between paragraphs, however many blank lines the text has.
            if self.rows.last().is_some_and(|r| !r.glyphs.is_empty()) {
                let at = self.glyphs.len();
                self.rows.push(Row {
                    glyphs: at..at,
                    start: offset,
                });
            }
            return;
        }
        let mut row = RowBuilder::new(self.glyphs.len(), offset);
        let mut i = 0;
        while i < glyphs.len() {
            let blank = self.is_blank(&glyphs[i]);
            let mut j = i + 1;
            while j < glyphs.len() && self.is_blank(&glyphs[j]) == blank {
                j += 1;
            }
            let run = &glyphs[i..j];
            let run_width: usize = run.iter().map(|g| usize::from(g.width)).sum();
            if blank {
                // Spaces: kept where they fit, dropped at a row break.
                for g in run {
                    if row.col + usize::from(g.width) > self.width {
                        break;
                    }
                    if row.col == 0 && row.continued {
                        continue;
                    }
                    self.push(&mut row, *g);
                }
            } else {
                if row.col + run_width > self.width && row.col > 0 && run_width <= self.width {
                    self.break_row(&mut row, run[0].start);
                }
                for g in run {
                    if row.col + usize::from(g.width) > self.width && row.col > 0 {
                        self.break_row(&mut row, g.start);
                    }
                    self.push(&mut row, *g);
                }
            }
            i = j;
        }
        self.rows.push(Row {
            glyphs: row.first..self.glyphs.len(),
            start: row.start,
        });
    }

    fn is_blank(&self, g: &Glyph) -> bool {
        self.text(g).chars().all(char::is_whitespace)
    }

    fn push(&mut self, row: &mut RowBuilder, g: Glyph) {
        row.col += usize::from(g.width);
        self.glyphs.push(g);
    }

    fn break_row(&mut self, row: &mut RowBuilder, next: usize) {
        self.rows.push(Row {
            glyphs: row.first..self.glyphs.len(),
            start: row.start,
        });
        *row = RowBuilder {
            first: self.glyphs.len(),
            start: next,
            col: 0,
            continued: true,
        };
    }
}

struct RowBuilder {
    first: usize,
    start: usize,
    col: usize,
    continued: bool,
}

impl RowBuilder {
    fn new(first: usize, start: usize) -> RowBuilder {
        RowBuilder {
            first,
            start,
            col: 0,
            continued: false,
        }
    }
}

/// Columns the body of a hanging line keeps at least beside its label.
const MIN_BODY: usize = 16;

/// One styled line wrapped to `width` columns: `label` opens the first row and `body` wraps
/// under the text after it, so continuation rows line up under the body, not the label. When
/// the label would leave the body fewer than `MIN_BODY` columns, the label wraps with the body
/// and continuation rows keep only the label's leading indent.
pub fn hanging(label: &[Span<'static>], body: &[Span<'static>], width: usize) -> Vec<Line<'static>> {
    let label_width: usize = label.iter().map(Span::width).sum();
    let (head, hang, pieces): (Vec<Span<'static>>, usize, Vec<Span<'static>>) =
        if label_width + MIN_BODY.min(width) <= width {
            (label.to_vec(), label_width, body.to_vec())
        } else {
            let lead: usize = label
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
                .chars()
                .take_while(|&c| c == ' ')
                .count();
            let mut rest = Vec::new();
            let mut skip = lead;
            for s in label {
                let trimmed = s.content.chars().skip(skip).collect::<String>();
                skip = skip.saturating_sub(s.content.chars().count());
                if !trimmed.is_empty() {
                    rest.push(Span::styled(trimmed, s.style));
                }
            }
            rest.extend(body.iter().cloned());
            (vec![Span::raw(" ".repeat(lead))], lead, rest)
        };
    let mut text = String::new();
    let mut styles: Vec<(usize, Style)> = Vec::new();
    for p in &pieces {
        styles.push((text.len(), p.style));
        text.push_str(&p.content);
    }
    let wrapped = Wrapped::new(&text, width.saturating_sub(hang));
    wrapped
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let mut spans = if i == 0 {
                head.clone()
            } else {
                vec![Span::raw(" ".repeat(hang))]
            };
            let mut run = String::new();
            let mut run_style = None;
            for g in &wrapped.glyphs[row.glyphs.clone()] {
                // The piece a glyph came from: the last one starting at or before it.
                let at = styles.partition_point(|(start, _)| *start <= g.start);
                let style = styles
                    .get(at.saturating_sub(1))
                    .map_or_else(Style::default, |s| s.1);
                if run_style.is_some_and(|s| s != style) {
                    spans.push(Span::styled(
                        std::mem::take(&mut run),
                        run_style.unwrap_or_default(),
                    ));
                }
                run_style = Some(style);
                run.push_str(wrapped.text(g));
            }
            if let Some(style) = run_style {
                spans.push(Span::styled(run, style));
            }
            Line::from(spans)
        })
        .collect()
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(w: &Wrapped) -> Vec<String> {
        w.rows
            .iter()
            .map(|r| w.glyphs[r.glyphs.clone()].iter().map(|g| w.text(g)).collect())
            .collect()
    }

    #[test]
    fn wraps_at_spaces_and_keeps_paragraphs_apart() {
        let w = Wrapped::new("one two three four\n\n\nfive", 9);
        assert_eq!(rows(&w), vec!["one two ", "three ", "four", "", "five"]);
        assert_eq!(w.rows[1].start, 8);
        assert_eq!(w.row_of(9), 1);
        assert_eq!(w.row_of(w.rows[4].start), 4);
    }

    #[test]
    fn wide_and_combining_characters_take_their_width() {
        let w = Wrapped::new("日本語のテキスト", 5);
        assert_eq!(rows(&w), vec!["日本", "語の", "テキ", "スト"]);
        let w = Wrapped::new("e\u{301}te\u{301}", 3);
        assert_eq!(rows(&w), vec!["e\u{301}te\u{301}"]);
        assert_eq!(w.glyphs.len(), 3);
        assert_eq!(w.glyphs[2].start, 4);
    }

    #[test]
    fn emoji_sequences_are_laid_out_as_their_parts() {
        let family = "\u{1f469}\u{200d}\u{1f469}\u{200d}\u{1f467}\u{200d}\u{1f466}";
        let text = format!("{family} \u{1f44d}\u{1f3fd}\u{2764}\u{fe0f}\u{1f1fa}\u{1f1e6}");
        let w = Wrapped::new(&text, 9);
        assert_eq!(
            rows(&w),
            vec!["\u{1f469}\u{1f469}\u{1f467}\u{1f466} ", "\u{1f44d}\u{2764}UA"]
        );
        let widths: Vec<u8> = w.glyphs.iter().map(|g| g.width).collect();
        assert_eq!(widths, vec![2, 2, 2, 2, 1, 2, 1, 1, 1]);
        // The parts cover the text's bytes in order, without a gap.
        assert_eq!(w.glyphs[0].start, 0);
        assert_eq!(w.glyphs[1].start, "\u{1f469}\u{200d}".len());
        assert!(w.glyphs.windows(2).all(|p| p[0].end == p[1].start));
        assert_eq!(w.glyphs.last().map(|g| g.end), Some(text.len()));
        assert!(
            w.glyphs
                .iter()
                .all(|g| w.text(g).cell_width() == u16::from(g.width))
        );
    }

    #[test]
    fn controls_are_shown_as_placeholders_and_bidi_hidden() {
        let w = Wrapped::new("a\u{1b}[2Jb\u{202e}c", 20);
        assert_eq!(rows(&w), vec!["a␛[2Jbc"]);
        let c = w.glyphs.last().expect("glyph");
        assert_eq!(c.start, "a\u{1b}[2Jb\u{202e}".len());
    }

    #[test]
    fn long_words_are_cut() {
        let w = Wrapped::new("abcdefgh", 3);
        assert_eq!(rows(&w), vec!["abc", "def", "gh"]);
    }

    fn shown(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn hanging_lines_wrap_under_the_text_after_the_label_and_keep_styles() {
        let red = Style::new().fg(ratatui::style::Color::Red);
        let label = [Span::raw("  instead of: ")];
        let body = [
            Span::styled("one two", red),
            Span::raw(" · "),
            Span::styled("three four five six seven", red),
        ];
        let lines = hanging(&label, &body, 30);
        assert_eq!(
            shown(&lines),
            vec![
                "  instead of: one two · three ",
                "              four five six ",
                "              seven"
            ]
        );
        assert!(lines.iter().all(|l| l.width() <= 30));
        // The second row keeps its piece's style after the indent.
        assert_eq!(lines[1].spans[1].style, red);
        assert_eq!(lines[1].spans[1].content, "four five six ");
        assert_eq!(lines[0].spans[2].style, Style::default());
    }

    #[test]
    fn a_wide_label_wraps_with_the_body_under_its_indent() {
        let label = [Span::raw("  agreement, pair by pair: ")];
        let body = [Span::raw("verbatim 1 · reworded 6")];
        let lines = hanging(&label, &body, 20);
        assert_eq!(
            shown(&lines),
            vec!["  agreement, pair by", "  pair: verbatim 1 ·", "  reworded 6"]
        );
        assert!(lines.iter().all(|l| l.width() <= 20));
        assert_eq!(shown(&hanging(&[], &[], 10)), vec![""]);
    }
}
