//! The variants view (`d`) on a story built by hand: a quotation's quoted words are compared,
//! its attribution left out, and each mention is set against the most common wording, named
//! the baseline, whichever source comes first.

#![cfg(feature = "tui")]

#[path = "support/tui.rs"]
mod support;
use support::*;

use parallax::tui::app::App;
use parallax::tui::geometry;
use parallax::tui::keymap::Keymap;
use parallax::tui::theme::Theme;
use parallax::{Settings, ingest};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const STORY: [&str; 3] = [
    "“We have no wish, no intentions, no reason to attack Ukraine,” Sergei Ryabkov told reporters.",
    "Ryabkov said: “We have no plans, no intentions, no reason to attack Ukraine.”",
    "“We have no plans, no intentions, no reason to attack Ukraine,” the envoy insisted.",
];

/// One row of the popup, inside its border.
fn row(buf: &Buffer, p: Rect, y: u16) -> String {
    (p.x + 1..p.x + p.width - 1)
        .map(|x| buf[(x, y)].symbol())
        .collect()
}

/// The cell where `needle` starts in the popup, first match from the top.
fn find(buf: &Buffer, p: Rect, needle: &str) -> Option<(u16, u16)> {
    (p.y + 1..p.y + p.height - 1).find_map(|y| {
        let r = row(buf, p, y);
        let at = r.find(needle)?;
        let col = r[..at].chars().count();
        Some((p.x + 1 + u16::try_from(col).ok()?, y))
    })
}

#[test]
fn variants_compare_quoted_words_with_the_most_common_wording() {
    let analysis = parallax::analyse(ingest::from_texts(&STORY), &Settings::default());
    let theme = Theme::dark();
    let mut app = App::new(
        analysis,
        Keymap::default(),
        theme.clone(),
        Rect::new(0, 0, 120, 40),
    );
    typed(&mut app, "n d");
    let buf = draw(&app);
    let p = geometry::popup(app.area());
    let screen: Vec<String> = (p.y + 1..p.y + p.height - 1).map(|y| row(&buf, p, y)).collect();
    let all = screen.join("\n");
    // The second source's wording is shared by the third: it is the baseline, not the first.
    assert!(
        all.contains("2 Article 2 · verbatim · quoted · the baseline"),
        "{all}"
    );
    assert!(all.contains("3 Article 3 · verbatim · quoted"), "{all}");
    assert!(all.contains("1 Article 1 · reworded · quoted"), "{all}");
    assert!(
        !all.contains("1 Article 1 · reworded · quoted · the baseline"),
        "{all}"
    );
    // Only the quoted words: the attributions are not part of the comparison.
    for said in ["Ryabkov said", "told reporters", "envoy insisted"] {
        assert!(!all.contains(said), "{said} shown:\n{all}");
    }
    // The first source's own word is marked, the baseline's word it replaces follows.
    let (x, y) = find(&buf, p, "We have no wish").expect("the first mention's quoted words");
    let wish = &buf[(x + "We have no ".len() as u16, y)];
    assert_eq!(wish.symbol(), "w");
    assert_eq!(wish.fg, theme.diff_insert.fg.unwrap_or_default(), "{all}");
    let (x, y) = find(&buf, p, "instead of: plans").expect("the baseline's word");
    let plans = &buf[(x + "instead of: ".len() as u16, y)];
    assert_eq!(plans.fg, theme.diff_delete.fg.unwrap_or_default());
    assert!(
        all.contains("the quoted words of each mention against the baseline"),
        "{all}"
    );
}

#[test]
fn help_explains_the_baseline_and_the_three_kinds() {
    let analysis = parallax::analyse(ingest::from_texts(&STORY), &Settings::default());
    let mut app = App::new(
        analysis,
        Keymap::default(),
        Theme::dark(),
        Rect::new(0, 0, 160, 45),
    );
    typed(&mut app, "?");
    let buf = draw(&app);
    let p = geometry::popup(app.area());
    let shown: Vec<String> = (p.y + 1..p.y + p.height - 1).map(|y| row(&buf, p, y)).collect();
    let all = shown.join("\n");
    assert!(all.contains("How wordings compare"), "{all}");
    assert!(all.contains("inside the quotation marks count"), "{all}");
    for (kind, meaning) in parallax::variants::KINDS {
        let first: String = meaning.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
        assert!(
            shown
                .iter()
                .any(|r| r.trim_start().starts_with(kind.as_str()) && r.contains(&first)),
            "{} — {first}:\n{all}",
            kind.as_str()
        );
    }
}
