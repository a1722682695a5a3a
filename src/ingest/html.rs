//! Ingest of saved web pages: HTML → one article. The readability port `dom_smoothie` finds
//! the article body and the metadata (title, byline, site name, publication date from meta
//! tags and JSON-LD); this module reads the page's URL (`og:url`, then the canonical link) and
//! lays the body out as text.
//!
//! The one decision to know: the article's `text` is the extracted text, one paragraph per
//! block element (paragraph, heading, list item, quotation), paragraphs separated by a blank
//! line, whitespace inside a paragraph collapsed to single spaces and `<br>` kept as a line
//! break. That text is what is analysed and shown, so every offset points into it and the
//! reader shows the page's paragraphs as paragraphs. Figures and their captions are left out:
//! they describe pictures, and wire photos shared by several outlets would align as if they
//! were reporting.

use super::RawArticle;
use crate::error::{Error, Result};
use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability, ReadabilityError};
use std::path::Path;

/// Elements that start and end a paragraph of their own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "tr",
    "td",
    "th",
    "table",
    "ul",
    "ol",
    "dl",
    "hr",
    "address",
    "details",
    "summary",
];

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "figure",
    "figcaption",
    "button",
    "nav",
    "aside",
    "form",
    "iframe",
    "svg",
    "math",
    "select",
    "textarea",
    "input",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "img",
    "picture",
    "head",
    "title",
];

/// Where an article's source label may come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Byline {
    /// The site name, else the byline: a saved page has nothing better.
    Source,
    /// The site name only: a fetched page has its host to fall back on.
    Ignored,
}

/// Extracts the article of a saved page. `max_elements` and `max_depth` bound the work on
/// huge or deeply nested pages (0: no bound): parsing and extraction both take time growing
/// with the square of the nesting depth, so depth is checked on the raw text first.
pub fn extract(
    path: &Path,
    html: &str,
    max_elements: usize,
    max_depth: usize,
    byline: Byline,
) -> Result<RawArticle> {
    let depth = nesting_depth(html);
    if max_depth > 0 && depth > max_depth {
        return Err(Error::PageTooDeep {
            path: path.to_path_buf(),
            depth,
            limit: max_depth,
        });
    }
    let document = Document::from(html);
    let page_url = meta_url(&document);
    remove_clutter(&document);
    let config = Config {
        max_elements_to_parse: max_elements,
        ..Config::default()
    };
    let mut readability =
        Readability::with_document(document, None, Some(config)).map_err(|e| failure(path, e))?;
    let article = readability.parse().map_err(|e| failure(path, e))?;
    let root = readability.doc.select("#readability-page-1");
    let text = root.nodes().first().map(paragraphs).unwrap_or_default();
    if text.trim().is_empty() {
        return Err(Error::NoArticleText {
            path: path.to_path_buf(),
        });
    }
    let title = Some(article.title).filter(|t| !t.trim().is_empty());
    let byline = article.byline.filter(|_| byline == Byline::Source);
    let source = article
        .site_name
        .filter(|s| !s.trim().is_empty())
        .or(byline)
        .filter(|s| !s.trim().is_empty());
    Ok(RawArticle {
        path: path.display().to_string(),
        title,
        source,
        url: article.url.or(page_url).filter(|u| !u.trim().is_empty()),
        date: article.published_time.filter(|d| !d.trim().is_empty()),
        text,
    })
}

/// Elements that never hold others, or whose end tag may be left out (the parser closes them
/// at the next sibling, so they do not deepen the tree).
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup",
    "rp", "rt", "html", "head", "body", "param", "keygen",
];

/// Elements whose content is raw text, not markup.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "noscript", "iframe", "noembed",
];

/// An estimate, in one pass over the raw text, of how deeply the page nests its elements:
/// start tags less end tags, leaving out elements that do not nest (void elements and those
/// whose end tag is optional) and the content of scripts, styles and comments.
pub fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    let find = |from: usize, needle: &[u8]| {
        bytes
            .get(from..)
            .and_then(|rest| {
                rest.windows(needle.len())
                    .position(|w| w.eq_ignore_ascii_case(needle))
            })
            .map_or(bytes.len(), |p| from + p)
    };
    while let Some(lt) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b'<'))
    {
        let start = i + lt + 1;
        if bytes.get(start..).is_some_and(|r| r.starts_with(b"!--")) {
            i = find(start, b"-->") + 3;
            continue;
        }
        let closing = bytes.get(start) == Some(&b'/');
        let name_start = start + usize::from(closing);
        let name_len = bytes
            .get(name_start..)
            .map_or(0, |r| r.iter().take_while(|b| b.is_ascii_alphanumeric()).count());
        let end = find(name_start, b">");
        i = end + 1;
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = html
            .get(name_start..name_start + name_len)
            .unwrap_or("")
            .to_ascii_lowercase();
        if FLAT.contains(&name.as_str()) || (closing && RAW_TEXT.contains(&name.as_str())) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if RAW_TEXT.contains(&name.as_str()) {
            i = find(end, format!("</{name}").as_bytes());
        } else if bytes.get(end.wrapping_sub(1)) != Some(&b'/') {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// Whether a text looks like an HTML page rather than prose (for input without a file name).
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

fn failure(path: &Path, e: ReadabilityError) -> Error {
    match e {
        ReadabilityError::TooManyElements(elements, limit) => Error::PageTooComplex {
            path: path.to_path_buf(),
            elements,
            limit,
        },
        _ => Error::NoArticleText {
            path: path.to_path_buf(),
        },
    }
}

/// The page's own address: `og:url`, else `<link rel="canonical">`.
fn meta_url(document: &Document) -> Option<String> {
    let og = document.select(r#"meta[property="og:url"]"#).attr("content");
    let canonical = || document.select(r#"link[rel="canonical"]"#).attr("href");
    og.or_else(canonical)
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty())
}

/// Removes what readability's own heuristics let through on common news pages: ad slots,
/// cookie and consent banners, share buttons, related-story and newsletter boxes, dialogs and
/// hidden elements. Judged on whole class and id tokens (`ad-slot`, `cookie-banner`), never on
/// substrings of words such as `head` or `shadow`.
fn remove_clutter(document: &Document) {
    let selection = document.select("[class], [id], [role], [aria-hidden], [hidden]");
    let clutter: Vec<NodeRef> = selection
        .nodes()
        .iter()
        .filter(|node| is_clutter(node))
        .copied()
        .collect();
    for node in clutter {
        node.remove_from_parent();
    }
}

fn is_clutter(node: &NodeRef) -> bool {
    let name = node.node_name().unwrap_or_default().to_ascii_lowercase();
    if matches!(name.as_str(), "html" | "body" | "main" | "article") {
        return false;
    }
    if node.has_attr("hidden") || node.attr("aria-hidden").is_some_and(|v| &*v == "true") {
        return true;
    }
    let role = node.attr("role").unwrap_or_default().to_ascii_lowercase();
    if matches!(
        role.as_str(),
        "navigation" | "banner" | "dialog" | "alertdialog" | "complementary" | "contentinfo"
    ) {
        return true;
    }
    let class = node.attr("class").unwrap_or_default();
    let id = node.attr("id").unwrap_or_default();
    class
        .split_ascii_whitespace()
        .chain(id.split_ascii_whitespace())
        .any(|token| is_clutter_token(&token.to_ascii_lowercase()))
}

fn is_clutter_token(token: &str) -> bool {
    const EXACT: &[&str] = &[
        "ad",
        "ads",
        "advert",
        "adverts",
        "advertisement",
        "dfp",
        "outbrain",
        "taboola",
    ];
    const PREFIXES: &[&str] = &[
        "ad-",
        "ads-",
        "ad_",
        "advert",
        "share",
        "social",
        "related",
        "promo",
        "newsletter",
        "subscribe",
        "paywall",
        "most-read",
        "mostread",
        "popular",
    ];
    const WORDS: &[&str] = &["cookie", "consent", "gdpr", "sponsor"];
    EXACT.contains(&token)
        || PREFIXES.iter().any(|p| token.starts_with(p))
        || WORDS.iter().any(|w| token.contains(w))
}

/// Paragraphs that are labels of clutter or pointers to other stories rather than reporting:
/// "Advertisement", "Read more: …", "Related: …".
fn is_label(paragraph: &str) -> bool {
    const LABELS: &[&str] = &[
        "advertisement",
        "advertisement - scroll to continue",
        "story continues below advertisement",
        "sponsored",
        "ad",
    ];
    const POINTERS: &[&str] = &[
        "read more:",
        "related:",
        "see also:",
        "also read:",
        "read also:",
        "more:",
    ];
    let lower = paragraph.trim().to_lowercase();
    LABELS.contains(&lower.as_str()) || POINTERS.iter().any(|p| lower.starts_with(p))
}

enum Step<'a> {
    Enter(NodeRef<'a>),
    Leave { block: bool, pre: bool },
}

/// The text under `root`, one paragraph per block, paragraphs separated by a blank line.
/// Walks with an explicit stack: pages can nest elements deeper than the call stack allows.
fn paragraphs(root: &NodeRef) -> String {
    let mut out = Layout::default();
    let mut stack = vec![Step::Enter(*root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave { block, pre } => {
                if pre {
                    out.pre_depth = out.pre_depth.saturating_sub(1);
                }
                if block {
                    out.end_paragraph();
                }
            }
            Step::Enter(node) if node.is_text() => out.push_text(&node.text()),
            Step::Enter(node) if node.is_element() => {
                let name = node
                    .node_name()
                    .map(|n| n.to_ascii_lowercase())
                    .unwrap_or_default();
                if SKIPPED.contains(&name.as_str()) || node.has_attr("hidden") {
                    continue;
                }
                if name == "br" {
                    out.line_break();
                    continue;
                }
                let block = BLOCKS.contains(&name.as_str());
                let pre = name == "pre";
                if block {
                    out.end_paragraph();
                }
                if pre {
                    out.pre_depth += 1;
                }
                stack.push(Step::Leave { block, pre });
                let children: Vec<NodeRef> = node.children_it(true).collect();
                stack.extend(children.into_iter().map(Step::Enter));
            }
            Step::Enter(node) => {
                let children: Vec<NodeRef> = node.children_it(true).collect();
                stack.extend(children.into_iter().map(Step::Enter));
            }
        }
    }
    out.end_paragraph();
    out.paragraphs.join("\n\n")
}

/// Paragraphs being laid out, and the one being filled.
#[derive(Default)]
struct Layout {
    paragraphs: Vec<String>,
    current: String,
    /// Inside `<pre>`: line breaks in the source are kept.
    pre_depth: usize,
}

impl Layout {
    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '\n' if self.pre_depth > 0 => self.line_break(),
                c if c.is_ascii_whitespace() => {
                    if !self.current.is_empty() && !self.current.ends_with([' ', '\n']) {
                        self.current.push(' ');
                    }
                }
                c => self.current.push(c),
            }
        }
    }

    fn line_break(&mut self) {
        let kept = self.current.trim_end_matches(' ').len();
        self.current.truncate(kept);
        if !self.current.is_empty() && !self.current.ends_with('\n') {
            self.current.push('\n');
        }
    }

    fn end_paragraph(&mut self) {
        let paragraph = self.current.trim_matches([' ', '\n']);
        if !paragraph.is_empty() && !is_label(paragraph) {
            self.paragraphs.push(paragraph.to_string());
        }
        self.current.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(body: &str) -> String {
        let document = Document::from(format!("<html><body><div id=\"r\">{body}</div></body></html>"));
        let root = document.select("#r");
        root.nodes().first().map(paragraphs).unwrap_or_default()
    }

    #[test]
    fn blocks_become_paragraphs_and_spaces_collapse() {
        let text = text_of(
            "<h2>Heading</h2><p>One  <em>two</em>\n three.</p><ul><li>Item a</li><li>Item b</li></ul>",
        );
        assert_eq!(text, "Heading\n\nOne two three.\n\nItem a\n\nItem b");
    }

    #[test]
    fn line_breaks_stay_inside_a_paragraph() {
        assert_eq!(text_of("<p>Line one<br> <br>line two</p>"), "Line one\nline two");
        assert_eq!(text_of("<pre>a  b\nc</pre>"), "a b\nc");
    }

    #[test]
    fn captions_scripts_and_hidden_parts_are_left_out() {
        let text = text_of(
            "<p>Kept.</p><figure><img src=x><figcaption>Photo caption</figcaption></figure>\
             <script>var x = 1;</script><p hidden>Hidden.</p><p>Also kept.</p>",
        );
        assert_eq!(text, "Kept.\n\nAlso kept.");
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let depth = 5_000;
        let body = format!("{}deep text{}", "<span>".repeat(depth), "</span>".repeat(depth));
        assert_eq!(text_of(&body), "deep text");
    }

    #[test]
    fn nesting_depth_counts_only_elements_that_nest() {
        assert_eq!(nesting_depth("<div><div><p>a<p>b<br><img src=x></div></div>"), 2);
        assert_eq!(nesting_depth("<ul><li>a<li>b</ul><span/><!-- <div><div> -->"), 1);
        assert_eq!(
            nesting_depth("<script>if (a<b) { x = '<div><div>'; }</script><b>x</b>"),
            1
        );
        assert_eq!(nesting_depth(&"<div>".repeat(10_000)), 10_000);
        assert_eq!(nesting_depth("<div><style>p{}</style><div></div></div>"), 2);
        assert_eq!(nesting_depth("<"), 0);
        assert_eq!(nesting_depth("<div"), 1);
    }

    #[test]
    fn deep_pages_are_refused_before_parsing() {
        let page = format!(
            "<html><body>{}text{}</body></html>",
            "<div>".repeat(5_000),
            "</div>".repeat(5_000)
        );
        let err = extract(Path::new("deep.html"), &page, 0, 1_000, Byline::Source)
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                "deep.html: the page nests elements 5000 deep, over the limit of 1000 (ingest.max_html_depth)"
            )
        );
    }

    #[test]
    fn html_is_recognised_by_its_opening() {
        assert!(looks_like_html("\n<!DOCTYPE html><html>"));
        assert!(looks_like_html("<HTML lang=en>"));
        assert!(!looks_like_html("<b>Not a page</b> but prose"));
    }
}
