//! How untrusted article text is shown: every character that could act on a terminal or hide
//! or reorder text (control characters, escape sequences, bidirectional overrides, zero-width
//! characters) is replaced by a visible placeholder or dropped. Offsets are untouched: callers
//! map each character of the original text through `shown` while they lay it out, so a span
//! into the original still selects the same characters on screen.
//!
//! The terminal needs one step more (`on_terminal`, `terminal_line`): terminals disagree on how
//! many columns an emoji sequence takes (a zero width joiner sequence of sixteen people is 2
//! columns in one, 32 in another), and a wrong guess loses text or draws over a pane's border.
//! So emoji sequences are drawn as their parts, each of a width every terminal agrees on: the
//! joiners, variation selectors and skin tone modifiers that glue them are dropped, and regional
//! indicators (flag halves) are shown as their letters. Exports keep such text as it is.
//!
//! Messages are untrusted too: any may quote input (a path, a key of a config file or a
//! manifest, a `--set` item, an environment variable). `report` is the one way the program
//! writes to standard error, and it shows every message as `safe_line` does.

/// What to draw for one character of article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// Draw the character itself.
    Keep,
    /// Draw this visible stand-in instead.
    Replace(char),
    /// Draw nothing (formatting characters with no visible form of their own).
    Hide,
}

/// The display of one character. Line breaks (`\n`) are the layout's business and kept.
pub fn shown(c: char) -> Shown {
    match c {
        '\n' => Shown::Keep,
        '\t' => Shown::Replace(' '),
        '\r' => Shown::Hide,
        '\u{1b}' => Shown::Replace('␛'),
        '\u{7f}' => Shown::Replace('␡'),
        // C0 controls as their Control Pictures (U+2400 block).
        c if (c as u32) < 0x20 => Shown::Replace(char::from_u32(0x2400 + c as u32).unwrap_or('�')),
        // C1 controls, among them the 8-bit CSI and OSC introducers.
        '\u{80}'..='\u{9f}' => Shown::Replace('�'),
        // Bidirectional embeddings, overrides, isolates and marks.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}' => {
            Shown::Hide
        }
        // Zero-width and invisible formatting characters, soft hyphen, byte-order mark.
        '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}' => Shown::Hide,
        // Interlinear annotation and object replacement controls, private-use tags.
        '\u{fff9}'..='\u{fffb}' | '\u{e0000}'..='\u{e007f}' => Shown::Hide,
        _ => Shown::Keep,
    }
}

/// The display of one character on a terminal: `shown`, with emoji sequences taken apart into
/// parts of certain width (the zero width joiner is already hidden by `shown`).
pub fn on_terminal(c: char) -> Shown {
    match c {
        // Variation selectors: a text or emoji presentation switches a width between 1 and 2.
        '\u{fe00}'..='\u{fe0f}' => Shown::Hide,
        // Skin tone modifiers: joined to their emoji or drawn beside it, depending on the terminal.
        '\u{1f3fb}'..='\u{1f3ff}' => Shown::Hide,
        // Regional indicators: a pair is one flag or two letters, depending on the terminal.
        '\u{1f1e6}'..='\u{1f1ff}' => {
            Shown::Replace(char::from_u32(u32::from('A') + (c as u32 - 0x1f1e6)).unwrap_or('?'))
        }
        c => shown(c),
    }
}

/// A string made safe to print on a terminal or in a single-line field (titles, labels):
/// placeholders for controls, hidden formatting characters removed, line breaks as spaces.
pub fn safe_line(text: &str) -> String {
    line_with(text, shown)
}

/// `safe_line` for the terminal: emoji sequences taken apart as `on_terminal` does.
pub fn terminal_line(text: &str) -> String {
    line_with(text, on_terminal)
}

fn line_with(text: &str, show: fn(char) -> Shown) -> String {
    text.chars()
        .filter_map(|c| match show(c) {
            Shown::Keep if c == '\n' => Some(' '),
            Shown::Keep => Some(c),
            Shown::Replace(r) => Some(r),
            Shown::Hide => None,
        })
        .collect()
}

/// Writes one message to standard error as a single line, `parallax: MESSAGE`, with every
/// control character made visible.
pub fn report(message: &str) {
    use std::io::Write;
    // Never a panic when standard error is gone (a closed pipe, a hung-up terminal).
    let _ = writeln!(std::io::stderr().lock(), "parallax: {}", safe_line(message));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        let evil = "Hi\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m there";
        let safe = safe_line(evil);
        assert_eq!(safe, "Hi␛]0;pwned␇␛[2J�31m there");
        assert!(!safe.chars().any(|c| c.is_control()));
    }

    #[test]
    fn bidi_and_zero_width_are_dropped() {
        assert_eq!(safe_line("a\u{202e}b\u{200b}c\u{2066}d"), "abcd");
    }

    #[test]
    fn emoji_sequences_come_apart_on_the_terminal_only() {
        let text = "\u{1f469}\u{200d}\u{1f467} \u{1f44d}\u{1f3fd} \u{2764}\u{fe0f} \u{1f1fa}\u{1f1e6}";
        assert_eq!(terminal_line(text), "\u{1f469}\u{1f467} \u{1f44d} \u{2764} UA");
        assert_eq!(
            safe_line(text),
            "\u{1f469}\u{1f467} \u{1f44d}\u{1f3fd} \u{2764}\u{fe0f} \u{1f1fa}\u{1f1e6}"
        );
    }
}
