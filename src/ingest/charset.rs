//! Ingest, a saved page's own word on its encoding: the head of an HTML page → the encoding its
//! `<meta charset="…">` or `<meta http-equiv="Content-Type" content="text/html; charset=…">`
//! names. Asked only about pages that are not UTF-8 and have no byte-order mark.
//!
//! The one decision to know: this is a simplified WHATWG "prescan". Only the first 1024 bytes
//! are looked at; comments are skipped and every tag's attributes are read whole, so a `<meta`
//! inside a comment or a quoted attribute value is not taken for one; the first meta element
//! naming a known label wins. Labels are WHATWG labels (`encoding_rs::Encoding::for_label`),
//! so "iso-8859-1", "latin1" and "us-ascii" mean windows-1252, as they do in browsers.

use encoding_rs::Encoding;

/// How many leading bytes may hold the declaration (the WHATWG prescan's limit).
pub const PRESCAN_BYTES: usize = 1024;

/// One attribute of a tag: its name lowercased, its value as written.
type Attribute<'a> = (Vec<u8>, &'a [u8]);

/// What a page declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Declared {
    /// UTF-8, or UTF-16 (which a byte stream without a mark cannot be: browsers read UTF-8).
    Utf8,
    /// A legacy encoding to decode the page with.
    Legacy(&'static Encoding),
    /// A label of the WHATWG "replacement" encoding (ISO-2022-KR, HZ-GB-2312, …), which
    /// browsers refuse to decode; the label as written.
    Unreadable(String),
}

/// The encoding the head of `bytes` declares, if any.
pub fn declared(bytes: &[u8]) -> Option<Declared> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let mut at = 0;
    while at < head.len() {
        let rest = &head[at..];
        if rest.starts_with(b"<!--") {
            // "<!-->" is a whole comment: the dashes of its opening may close it.
            at += 2 + find(&rest[2..], b"-->")? + 3;
        } else if starts_with_ignore_case(rest, b"<meta")
            && rest.get(5).is_some_and(|&b| is_space(b) || b == b'/')
        {
            let (attributes, end) = attributes(head, at + 5);
            if let Some(declared) = from_meta(&attributes) {
                return Some(declared);
            }
            at = end;
        } else if rest[0] == b'<' && starts_tag(&rest[1..]) {
            let name_end = rest
                .iter()
                .position(|&b| is_space(b) || b == b'>')
                .unwrap_or(rest.len());
            at = attributes(head, at + name_end).1;
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            at += 2 + rest[2..].iter().position(|&b| b == b'>')? + 1;
        } else {
            at += 1;
        }
    }
    None
}

/// An opening tag's name (`<p`) or a closing one's (`</p`) follows.
fn starts_tag(after_lt: &[u8]) -> bool {
    match after_lt {
        [b'/', c, ..] | [c, ..] => c.is_ascii_alphabetic(),
        [] => false,
    }
}

/// The declaration a meta element's attributes make: `charset`, else the `content` of an
/// `http-equiv="content-type"`. The first of each attribute counts, as in the WHATWG prescan;
/// unknown labels declare nothing.
fn from_meta(attributes: &[Attribute]) -> Option<Declared> {
    let get = |name: &[u8]| attributes.iter().find(|(n, _)| n == name).map(|(_, v)| *v);
    let pragma = get(b"http-equiv").is_some_and(|v| v.trim_ascii().eq_ignore_ascii_case(b"content-type"));
    get(b"charset").and_then(resolve).or_else(|| {
        pragma
            .then(|| get(b"content"))
            .flatten()
            .and_then(charset_in_content)
            .and_then(resolve)
    })
}

/// A label as the WHATWG prescan takes it: UTF-16 means UTF-8 and x-user-defined means
/// windows-1252.
fn resolve(label: &[u8]) -> Option<Declared> {
    let encoding = Encoding::for_label(label)?;
    Some(
        if encoding == encoding_rs::UTF_8
            || encoding == encoding_rs::UTF_16LE
            || encoding == encoding_rs::UTF_16BE
        {
            Declared::Utf8
        } else if encoding == encoding_rs::X_USER_DEFINED {
            Declared::Legacy(encoding_rs::WINDOWS_1252)
        } else if encoding == encoding_rs::REPLACEMENT {
            // A known label, so printable ASCII.
            Declared::Unreadable(String::from_utf8_lossy(label.trim_ascii()).into_owned())
        } else {
            Declared::Legacy(encoding)
        },
    )
}

/// The label after `charset=` in a `content` value such as `text/html; charset="utf-8"` (the
/// WHATWG "extracting a character encoding from a meta element").
fn charset_in_content(content: &[u8]) -> Option<&[u8]> {
    let mut at = 0;
    loop {
        at += find_ignore_case(&content[at..], b"charset")? + b"charset".len();
        at += skip_spaces(&content[at..]);
        if content.get(at) != Some(&b'=') {
            continue;
        }
        at += 1;
        at += skip_spaces(&content[at..]);
        let rest = &content[at..];
        return match rest.first()? {
            &quote @ (b'"' | b'\'') => {
                let end = rest[1..].iter().position(|&b| b == quote)?;
                Some(&rest[1..1 + end])
            }
            _ => {
                let end = rest
                    .iter()
                    .position(|&b| is_space(b) || b == b';')
                    .unwrap_or(rest.len());
                Some(&rest[..end])
            }
        };
    }
}

/// The attributes of a tag from `from` (just after its name) to its `>`, and the position
/// after the `>` (or the end of `head`).
fn attributes(head: &[u8], from: usize) -> (Vec<Attribute<'_>>, usize) {
    let mut out = Vec::new();
    let mut at = from;
    loop {
        while at < head.len() && (is_space(head[at]) || head[at] == b'/') {
            at += 1;
        }
        match head.get(at) {
            None => return (out, head.len()),
            Some(b'>') => return (out, at + 1),
            Some(_) => {}
        }
        let name_start = at;
        // The first byte belongs to the name whatever it is, so that the scan always moves on.
        at += 1;
        while at < head.len() && !is_space(head[at]) && !matches!(head[at], b'/' | b'>' | b'=') {
            at += 1;
        }
        let name = head[name_start..at].to_ascii_lowercase();
        at += skip_spaces(&head[at..]);
        let mut value: &[u8] = &[];
        if head.get(at) == Some(&b'=') {
            at += 1;
            at += skip_spaces(&head[at..]);
            match head.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let start = at + 1;
                    let end = head[start..]
                        .iter()
                        .position(|&b| b == quote)
                        .map_or(head.len(), |p| start + p);
                    value = &head[start..end];
                    at = (end + 1).min(head.len());
                }
                Some(_) => {
                    let start = at;
                    while at < head.len() && !is_space(head[at]) && head[at] != b'>' {
                        at += 1;
                    }
                    value = &head[start..at];
                }
                None => {}
            }
        }
        out.push((name, value));
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

fn skip_spaces(bytes: &[u8]) -> usize {
    bytes.iter().position(|&b| !is_space(b)).unwrap_or(bytes.len())
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn find(bytes: &[u8], needle: &[u8]) -> Option<usize> {
    bytes.windows(needle.len()).position(|w| w == needle)
}

fn find_ignore_case(bytes: &[u8], needle: &[u8]) -> Option<usize> {
    bytes
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{ISO_8859_2, SHIFT_JIS, WINDOWS_1251, WINDOWS_1252};

    fn of(head: &str) -> Option<Declared> {
        declared(head.as_bytes())
    }

    #[test]
    fn meta_charset_in_any_case_and_quoting() {
        let legacy = Some(Declared::Legacy(WINDOWS_1252));
        assert_eq!(
            of(r#"<!doctype html><html><head><meta charset="windows-1252">"#),
            legacy
        );
        assert_eq!(of("<META CharSet='Windows-1252'>"), legacy);
        assert_eq!(of("<meta charset=windows-1252>"), legacy);
        assert_eq!(of("<meta\ncharset = \" windows-1252 \"/>"), legacy);
        assert_eq!(of("<meta charset=shift_jis>"), Some(Declared::Legacy(SHIFT_JIS)));
    }

    #[test]
    fn http_equiv_content_type() {
        let page = r#"<head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2">"#;
        assert_eq!(of(page), Some(Declared::Legacy(ISO_8859_2)));
        let quoted = r#"<meta content='text/html;charset="windows-1251"' HTTP-EQUIV=content-type>"#;
        assert_eq!(of(quoted), Some(Declared::Legacy(WINDOWS_1251)));
        // Without the pragma, a content attribute declares nothing.
        assert_eq!(
            of(r#"<meta name="x" content="text/html; charset=iso-8859-2">"#),
            None
        );
        // "charset" without "=" is passed over and the next one read.
        let twice = r#"<meta http-equiv="content-type" content="charset; charset=koi8-r">"#;
        assert_eq!(of(twice), Some(Declared::Legacy(encoding_rs::KOI8_R)));
    }

    #[test]
    fn latin1_and_ascii_labels_mean_windows_1252() {
        for label in ["iso-8859-1", "latin1", "us-ascii", "x-user-defined"] {
            assert_eq!(
                of(&format!("<meta charset={label}>")),
                Some(Declared::Legacy(WINDOWS_1252)),
                "{label}"
            );
        }
    }

    #[test]
    fn utf8_utf16_and_replacement_labels() {
        assert_eq!(of("<meta charset=UTF-8>"), Some(Declared::Utf8));
        assert_eq!(of("<meta charset=utf-16le>"), Some(Declared::Utf8));
        assert_eq!(
            of("<meta charset=\"iso-2022-kr\">"),
            Some(Declared::Unreadable("iso-2022-kr".into()))
        );
    }

    #[test]
    fn unknown_labels_are_passed_over() {
        assert_eq!(of("<meta charset=klingon>"), None);
        assert_eq!(
            of("<meta charset=klingon><meta charset=latin2>"),
            Some(Declared::Legacy(ISO_8859_2))
        );
        // An unknown charset attribute leaves the pragma to decide.
        let both = r#"<meta charset=x http-equiv=content-type content="text/html; charset=latin2">"#;
        assert_eq!(of(both), Some(Declared::Legacy(ISO_8859_2)));
    }

    #[test]
    fn comments_and_attribute_values_hide_nothing() {
        assert_eq!(of("<!-- <meta charset=latin2> --><p>"), None);
        assert_eq!(
            of("<!--><meta charset=latin2>"),
            Some(Declared::Legacy(ISO_8859_2))
        );
        assert_eq!(of(r#"<p title="<meta charset=latin2>">text</p>"#), None);
        assert_eq!(of("<metal charset=latin2>"), None);
        assert_eq!(
            of("<?xml version=\"1.0\"?></head x=\">\"><meta charset=latin2>"),
            Some(Declared::Legacy(ISO_8859_2))
        );
    }

    #[test]
    fn only_the_first_1024_bytes_count() {
        let padding = " ".repeat(PRESCAN_BYTES);
        assert_eq!(of(&format!("<html>{padding}<meta charset=latin2>")), None);
        let near = " ".repeat(PRESCAN_BYTES - 40);
        assert_eq!(
            of(&format!("{near}<meta charset=latin2>")),
            Some(Declared::Legacy(ISO_8859_2))
        );
    }

    #[test]
    fn cut_or_broken_markup_ends_the_scan() {
        for head in [
            "<!-- never closed",
            "<meta charset=\"latin2",
            "<meta",
            "<",
            "</",
            "<!x",
            "<meta =>",
        ] {
            // Nothing to find, and no panic.
            let found = of(head);
            assert!(found.is_none() || head.contains("latin2"), "{head}: {found:?}");
        }
        assert_eq!(of(""), None);
    }

    /// The pieces the scan looks for, and bytes that cut them anywhere.
    fn markup() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just(b"<meta".to_vec()),
            Just(b" charset=".to_vec()),
            Just(b" http-equiv=content-type".to_vec()),
            Just(b" content=\"text/html; charset=".to_vec()),
            Just(b"latin2".to_vec()),
            Just(b"utf-16".to_vec()),
            Just(b"iso-2022-kr".to_vec()),
            Just(b"<!--".to_vec()),
            Just(b"-->".to_vec()),
            proptest::collection::vec(
                prop_oneof![
                    Just(b'<'),
                    Just(b'>'),
                    Just(b'"'),
                    Just(b'\''),
                    Just(b'='),
                    any::<u8>()
                ],
                0..8
            ),
        ];
        proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        /// No markup, however cut, makes the scan panic, and a legacy encoding it finds is
        /// never UTF-8, UTF-16 or the replacement encoding.
        #[test]
        fn any_markup_is_scanned_without_panic(bytes in markup()) {
            use encoding_rs::{REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE};
            if let Some(Declared::Legacy(encoding)) = declared(&bytes) {
                proptest::prop_assert!(![UTF_8, UTF_16LE, UTF_16BE, REPLACEMENT].contains(&encoding));
            }
        }
    }
}
