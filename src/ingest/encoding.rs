//! Ingest, first step: raw bytes → text. Accepts UTF-8 (with or without a byte-order mark) and
//! UTF-16 in either byte order when a byte-order mark says so; everything else is refused with
//! the byte offset where it goes wrong.
//!
//! The one decision to know: UTF-8 text is kept byte for byte (only the mark is dropped, and
//! CRLF line ends stay), so offsets into plain-text articles also point into the file, three
//! bytes on when the file had a mark. UTF-16 is converted, so its offsets point into the UTF-8
//! text, not the file.

use crate::error::{Error, Result};
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

/// Bytes → text: drops a byte-order mark, converts UTF-16, and refuses empty input, binary
/// data (a NUL byte), UTF-32, UTF-16 without a mark and invalid UTF-8, naming the byte.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    let text = match detect(path, &bytes)? {
        Encoding::Utf8 => decode_utf8(path, bytes)?,
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

/// Offsets in errors are file offsets, mark included.
fn decode_utf8(path: &Path, mut bytes: Vec<u8>) -> Result<String> {
    let mark = if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
        UTF8_BOM.len()
    } else {
        0
    };
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            offset: mark + offset,
        });
    }
    String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        path: path.to_path_buf(),
        offset: mark + e.utf8_error().valid_up_to(),
    })
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
}
