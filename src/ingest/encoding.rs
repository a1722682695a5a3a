//! Ingest, first step: raw bytes → text. Accepts UTF-8 (with or without a byte-order mark) and
//! UTF-16 in either byte order when a byte-order mark says so. An article that is neither is
//! read in a legacy encoding (windows-1252, ISO-8859-x, Shift_JIS, …) only when something names
//! one: the charset a saved page declares in its head (`charset.rs`), else the
//! `ingest.fallback_encoding` setting. Everything else is refused with the byte offset where
//! it goes wrong, and the message says how to name an encoding: text is never guessed at.
//!
//! The one decision to know: UTF-8 text is kept byte for byte (only the mark is dropped, and
//! CRLF line ends stay), so offsets into plain-text articles also point into the file, three
//! bytes on when the file had a mark. UTF-16 and legacy encodings are converted, so their
//! offsets point into the UTF-8 text, not the file (the JSON export's `text` of each article is
//! that text). Offsets in error messages are always file offsets.

use super::Format;
use super::charset::{self, Declared};
use crate::error::{Error, Result};
use encoding_rs::{DecoderResult, Encoding as Charset};
use std::path::Path;

const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];
const UTF16_LE_BOM: &[u8] = &[0xFF, 0xFE];
const UTF16_BE_BOM: &[u8] = &[0xFE, 0xFF];
const UTF32_LE_BOM: &[u8] = &[0xFF, 0xFE, 0x00, 0x00];
const UTF32_BE_BOM: &[u8] = &[0x00, 0x00, 0xFE, 0xFF];

/// How many leading bytes are looked at to tell UTF-16 without a mark from binary data.
const SNIFF_BYTES: usize = 512;

/// The encoding a byte-order mark (or its absence) announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
}

/// Where the encoding of an article that is neither UTF-8 nor marked may come from.
#[derive(Debug, Clone, Copy)]
struct Legacy {
    /// The article's format; `None`: told from how the bytes start.
    format: Option<Format>,
    /// `ingest.fallback_encoding`.
    fallback: Option<&'static Charset>,
    /// The charset a web server named for the bytes (`Content-Type`), which comes before the
    /// page's own declaration.
    served: Option<&'static Charset>,
}

/// Bytes → text: drops a byte-order mark, converts UTF-16, and refuses empty input, binary
/// data (a NUL byte), UTF-32, UTF-16 without a mark and invalid UTF-8, naming the byte.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    decode_with(path, bytes, None)
}

/// Bytes → the text of an article in `format` (`None`: not known yet). As `decode`, but bytes
/// that are not UTF-8 and have no mark are read in a legacy encoding when one is named: a page
/// in the encoding its head declares, else (text and pages alike) in `fallback`. JSON is UTF-8
/// by definition and never read so. A page declaring UTF-8 keeps the plain "not valid UTF-8"
/// error: the fallback does not overrule the page.
pub fn decode_article(
    path: &Path,
    bytes: Vec<u8>,
    format: Option<Format>,
    fallback: Option<&'static Charset>,
) -> Result<String> {
    decode_served(path, bytes, format, None, fallback)
}

/// `decode_article` for bytes a web server sent with the charset `served` in its
/// `Content-Type`: a byte-order mark still wins, then the served charset, then the page's own
/// declaration and the fallback as for a file. JSON is UTF-8 whatever the server says.
pub fn decode_served(
    path: &Path,
    bytes: Vec<u8>,
    format: Option<Format>,
    served: Option<&'static Charset>,
    fallback: Option<&'static Charset>,
) -> Result<String> {
    let served = served.filter(|_| format != Some(Format::Json));
    decode_with(
        path,
        bytes,
        Some(Legacy {
            format,
            fallback,
            served,
        }),
    )
}

fn decode_with(path: &Path, bytes: Vec<u8>, legacy: Option<Legacy>) -> Result<String> {
    let text = match detect(path, &bytes)? {
        Encoding::Utf8 => decode_utf8(path, bytes, legacy)?,
        Encoding::Utf16Le => decode_utf16(path, &bytes[2..], u16::from_le_bytes)?,
        Encoding::Utf16Be => decode_utf16(path, &bytes[2..], u16::from_be_bytes)?,
    };
    if text.chars().all(char::is_whitespace) {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(text)
}

/// The encoding of `bytes`, from its byte-order mark; UTF-32 and UTF-16 without a mark are
/// refused here so that they are not reported as binary data.
pub fn detect(path: &Path, bytes: &[u8]) -> Result<Encoding> {
    if bytes.starts_with(UTF32_LE_BOM) || bytes.starts_with(UTF32_BE_BOM) {
        return Err(Error::Utf32 {
            path: path.to_path_buf(),
        });
    }
    if bytes.starts_with(UTF16_LE_BOM) {
        return Ok(Encoding::Utf16Le);
    }
    if bytes.starts_with(UTF16_BE_BOM) {
        return Ok(Encoding::Utf16Be);
    }
    if let Some(offset) = utf16_without_mark(bytes) {
        return Err(Error::Utf16WithoutMark {
            path: path.to_path_buf(),
            offset,
        });
    }
    Ok(Encoding::Utf8)
}

/// Where the first NUL byte is, when the start of `bytes` looks like UTF-16 text without a
/// byte-order mark: most bytes at even (or odd) positions are NUL and the others are not,
/// as in ASCII text stored in two bytes per character.
fn utf16_without_mark(bytes: &[u8]) -> Option<usize> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let zero_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .take(pairs)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zero_at(0), zero_at(1));
    let mostly = |n: usize| n * 10 >= pairs * 9;
    let rarely = |n: usize| n * 10 <= pairs;
    let looks = (mostly(even) && rarely(odd)) || (mostly(odd) && rarely(even));
    if looks {
        head.iter().position(|&b| b == 0)
    } else {
        None
    }
}

/// Offsets in errors are file offsets, mark included. Bytes with a UTF-8 mark are UTF-8
/// whatever else they say.
fn decode_utf8(path: &Path, mut bytes: Vec<u8>, legacy: Option<Legacy>) -> Result<String> {
    let mark = if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
        UTF8_BOM.len()
    } else {
        0
    };
    if let Some(served) = legacy
        .and_then(|l| l.served)
        .filter(|&c| mark == 0 && c != encoding_rs::UTF_8)
    {
        return decode_in(path, &bytes, served);
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            offset: mark + offset,
        });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let offset = mark + e.utf8_error().valid_up_to();
            match legacy {
                Some(legacy) if mark == 0 => decode_legacy(path, &e.into_bytes(), offset, legacy),
                _ => Err(Error::NotUtf8 {
                    path: path.to_path_buf(),
                    offset,
                }),
            }
        }
    }
}

/// Bytes that failed as UTF-8 at `offset`, read in the encoding a page declares or the
/// fallback names; refused when neither names one.
fn decode_legacy(path: &Path, bytes: &[u8], offset: usize, legacy: Legacy) -> Result<String> {
    let not_utf8 = || Error::NotUtf8 {
        path: path.to_path_buf(),
        offset,
    };
    if legacy.served.is_some() {
        // Only a server naming UTF-8 gets here: its word is final.
        return Err(not_utf8());
    }
    let format = legacy.format.unwrap_or_else(|| {
        let head = &bytes[..bytes.len().min(charset::PRESCAN_BYTES)];
        Format::sniff(&String::from_utf8_lossy(head))
    });
    let named = match format {
        Format::Json => return Err(not_utf8()),
        Format::Text => legacy.fallback,
        Format::Html => match charset::declared(bytes) {
            Some(Declared::Utf8) => return Err(not_utf8()),
            Some(Declared::Unreadable(label)) => {
                return Err(Error::UnreadableCharset {
                    path: path.to_path_buf(),
                    label,
                });
            }
            Some(Declared::Legacy(encoding)) => Some(encoding),
            None => legacy.fallback,
        },
    };
    match named {
        Some(encoding) => decode_in(path, bytes, encoding),
        None => Err(Error::NotUtf8NoEncoding {
            path: path.to_path_buf(),
            offset,
        }),
    }
}

/// Decodes all of `bytes` in a legacy encoding; a malformed sequence (possible in multi-byte
/// encodings such as Shift_JIS) is refused at its file offset rather than replaced.
fn decode_in(path: &Path, bytes: &[u8], encoding: &'static Charset) -> Result<String> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let room = |decoder: &encoding_rs::Decoder, left: usize| {
        decoder
            .max_utf8_buffer_length_without_replacement(left)
            .unwrap_or(left)
    };
    let mut text = String::with_capacity(room(&decoder, bytes.len()));
    let mut read = 0;
    loop {
        let (result, n) = decoder.decode_to_string_without_replacement(&bytes[read..], &mut text, true);
        read += n;
        match result {
            DecoderResult::InputEmpty => return Ok(text),
            DecoderResult::OutputFull => text.reserve(room(&decoder, bytes.len() - read).max(4)),
            DecoderResult::Malformed(bad, after) => {
                return Err(Error::NotInEncoding {
                    path: path.to_path_buf(),
                    encoding: encoding.name(),
                    offset: read.saturating_sub(usize::from(after) + usize::from(bad)),
                });
            }
        }
    }
}

/// Converts UTF-16 code units (after the two-byte mark) to UTF-8. Offsets in errors are file
/// offsets, mark included.
fn decode_utf16(path: &Path, body: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String> {
    const MARK: usize = 2;
    let units = body.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut text = String::with_capacity(body.len());
    let mut offset = MARK;
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok('\0') => {
                return Err(Error::Binary {
                    path: path.to_path_buf(),
                    offset,
                });
            }
            Ok(c) => {
                offset += c.len_utf16() * 2;
                text.push(c);
            }
            Err(_) => {
                return Err(Error::NotUtf16 {
                    path: path.to_path_buf(),
                    offset,
                });
            }
        }
    }
    if body.len() % 2 == 1 {
        return Err(Error::NotUtf16 {
            path: path.to_path_buf(),
            offset: MARK + body.len() - 1,
        });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian {
            UTF16_BE_BOM.to_vec()
        } else {
            UTF16_LE_BOM.to_vec()
        };
        for u in text.encode_utf16() {
            let pair = if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            };
            out.extend_from_slice(&pair);
        }
        out
    }

    #[test]
    fn utf8_mark_is_dropped_and_crlf_kept() {
        let text = decode(Path::new("a"), b"\xEF\xBB\xBFOne.\r\nTwo.\r\n".to_vec()).unwrap();
        assert_eq!(text, "One.\r\nTwo.\r\n");
    }

    #[test]
    fn utf16_in_both_byte_orders() {
        let original = "“Safety first,” she said.\r\nCafé — 𝄞.";
        for be in [false, true] {
            assert_eq!(decode(Path::new("u"), utf16(original, be)).unwrap(), original);
        }
    }

    #[test]
    fn unpaired_surrogate_names_its_byte() {
        let mut bytes = utf16("ab", false);
        bytes.extend_from_slice(&0xD800u16.to_le_bytes());
        bytes.extend_from_slice(&u16::from(b'c').to_le_bytes());
        let err = decode(Path::new("s.txt"), bytes).unwrap_err();
        assert_eq!(err.to_string(), "s.txt: not valid UTF-16 at byte 6");
    }

    #[test]
    fn odd_length_utf16_is_cut_short() {
        let mut bytes = utf16("abc", true);
        bytes.push(b'd');
        assert!(matches!(
            decode(Path::new("o"), bytes),
            Err(Error::NotUtf16 { offset: 8, .. })
        ));
    }

    #[test]
    fn utf16_without_mark_is_named_as_such() {
        let mut bytes = utf16("Talks ended in Geneva on Monday.", false);
        bytes.drain(..2);
        let err = decode(Path::new("n.txt"), bytes).unwrap_err();
        assert!(matches!(err, Error::Utf16WithoutMark { offset: 1, .. }), "{err}");
    }

    #[test]
    fn utf32_is_refused() {
        let bytes = vec![0xFF, 0xFE, 0, 0, b'a', 0, 0, 0];
        assert!(matches!(decode(Path::new("w"), bytes), Err(Error::Utf32 { .. })));
    }

    #[test]
    fn binary_and_blank_and_bad_utf8() {
        assert!(matches!(
            decode(Path::new("b"), b"PK\x03\x04\0\0\x14\x00abc".to_vec()),
            Err(Error::Binary { offset: 4, .. })
        ));
        assert!(matches!(
            decode(Path::new("e"), b"\xEF\xBB\xBF \r\n\t".to_vec()),
            Err(Error::Empty { .. })
        ));
        let err = decode(Path::new("x.txt"), b"ab\xffcd".to_vec()).unwrap_err();
        assert_eq!(err.to_string(), "x.txt: not valid UTF-8 at byte 2");
        // Offsets count the byte-order mark: they are offsets into the file.
        let err = decode(Path::new("m.txt"), b"\xEF\xBB\xBFab\xffcd".to_vec()).unwrap_err();
        assert_eq!(err.to_string(), "m.txt: not valid UTF-8 at byte 5");
    }

    const W1252: Option<&'static Charset> = Some(encoding_rs::WINDOWS_1252);

    fn page(head: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!("<!doctype html><html><head>{head}</head><body><p>").into_bytes();
        out.extend_from_slice(body);
        out.extend_from_slice(b"</p></body></html>");
        out
    }

    #[test]
    fn a_declared_legacy_page_is_converted() {
        let bytes = page(r#"<meta charset="windows-1252">"#, b"\x93Caf\xe9\x94 \x97 ok");
        let text = decode_article(Path::new("p.html"), bytes, Some(Format::Html), None).unwrap();
        assert!(text.contains("<p>“Café” — ok</p>"), "{text}");
    }

    #[test]
    fn a_page_sniffed_from_its_start_is_read_as_a_page() {
        let bytes = page("<meta charset=latin1>", b"Caf\xe9");
        let text = decode_article(Path::new("-"), bytes, None, None).unwrap();
        assert!(text.contains("<p>Café</p>"), "{text}");
    }

    #[test]
    fn a_page_declaring_utf8_keeps_the_plain_error_even_with_a_fallback() {
        let bytes = page(r#"<meta charset="utf-8">"#, b"Caf\xe9");
        let at = bytes.iter().position(|&b| b == 0xE9).unwrap();
        let err = decode_article(Path::new("u.html"), bytes, Some(Format::Html), W1252).unwrap_err();
        assert_eq!(err.to_string(), format!("u.html: not valid UTF-8 at byte {at}"));
    }

    #[test]
    fn an_undeclared_page_or_text_needs_the_fallback() {
        let bytes = page("", b"Caf\xe9");
        let at = bytes.iter().position(|&b| b == 0xE9).unwrap();
        let err = decode_article(Path::new("n.html"), bytes.clone(), Some(Format::Html), None).unwrap_err();
        assert!(
            matches!(err, Error::NotUtf8NoEncoding { offset, .. } if offset == at),
            "{err}"
        );
        let text = decode_article(Path::new("n.html"), bytes, Some(Format::Html), W1252).unwrap();
        assert!(text.contains("Café"));

        let err =
            decode_article(Path::new("t.txt"), b"Caf\xe9".to_vec(), Some(Format::Text), None).unwrap_err();
        assert!(
            err.to_string().starts_with("t.txt: not valid UTF-8 at byte 3; ")
                && err.to_string().contains("ingest.fallback_encoding"),
            "{err}"
        );
        let text =
            decode_article(Path::new("t.txt"), b"Caf\xe9".to_vec(), Some(Format::Text), W1252).unwrap();
        assert_eq!(text, "Café");
    }

    #[test]
    fn json_and_marked_utf8_are_never_read_in_a_legacy_encoding() {
        let json = b"{\"text\": \"Caf\xe9\"}".to_vec();
        let err = decode_article(Path::new("j.json"), json.clone(), Some(Format::Json), W1252).unwrap_err();
        assert!(matches!(err, Error::NotUtf8 { offset: 13, .. }), "{err}");
        let err = decode_article(Path::new("-"), json, None, W1252).unwrap_err();
        assert!(matches!(err, Error::NotUtf8 { .. }), "{err}");
        let marked = b"\xEF\xBB\xBFCaf\xe9".to_vec();
        let err = decode_article(Path::new("m.txt"), marked, Some(Format::Text), W1252).unwrap_err();
        assert!(matches!(err, Error::NotUtf8 { offset: 6, .. }), "{err}");
    }

    #[test]
    fn malformed_multibyte_text_names_its_byte() {
        // "日本" in Shift_JIS, then a lead byte followed by a byte no trail may be.
        let bytes = b"\x93\xfa\x96\x7b \x81\x20 rest".to_vec();
        let sjis = Some(encoding_rs::SHIFT_JIS);
        let err = decode_article(Path::new("j.txt"), bytes, Some(Format::Text), sjis).unwrap_err();
        assert_eq!(err.to_string(), "j.txt: not valid Shift_JIS at byte 5");
        let good = decode_article(
            Path::new("j.txt"),
            b"\x93\xfa\x96\x7b".to_vec(),
            Some(Format::Text),
            sjis,
        );
        assert_eq!(good.unwrap(), "日本");
    }

    #[test]
    fn a_replacement_label_is_refused_by_name() {
        let bytes = page(r#"<meta charset="iso-2022-kr">"#, b"\xe9");
        let err = decode_article(Path::new("k.html"), bytes, Some(Format::Html), W1252).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("k.html: the page declares the charset `iso-2022-kr`"),
            "{err}"
        );
    }

    #[test]
    fn nul_bytes_stay_binary_whatever_the_fallback() {
        let err = decode_article(
            Path::new("b.txt"),
            b"Caf\xe9\0".to_vec(),
            Some(Format::Text),
            W1252,
        )
        .unwrap_err();
        assert!(matches!(err, Error::Binary { offset: 4, .. }), "{err}");
    }
}
