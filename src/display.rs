//! How untrusted article text is shown: every character that could act on a terminal or hide
//! or reorder text (control characters, escape sequences, bidirectional overrides, zero-width
//! characters) is replaced by a visible placeholder or dropped. Offsets are untouched: callers
//! map each character of the original text through `shown` while they lay it out, so a span
//! into the original still selects the same characters on screen.
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

/// A string made safe to print on a terminal or in a single-line field (titles, labels):
/// placeholders for controls, hidden formatting characters removed, line breaks as spaces.
pub fn safe_line(text: &str) -> String {
    text.chars()
        .filter_map(|c| match shown(c) {
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
    eprintln!("parallax: {}", safe_line(message));
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
}
