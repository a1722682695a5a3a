//! Any source in two keys: a digit focuses that source's pane, paging the panes to show it; the
//! sources list (`S`) shows every source with the shared events it reports and focuses the one
//! chosen, with 300 sources as with five. The status line shows the story's title where it
//! has room, and keeps the current event's label before its counts at 80 columns.

#![cfg(feature = "tui")]

#[path = "support/tui.rs"]
mod support;
use support::*;

use parallax::tui::app::App;
use parallax::tui::geometry;
use parallax::{Analysis, Settings, ingest};
use ratatui::buffer::Buffer;

fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

/// The numbers of the panes on screen, and the one drawn with the heavy (focused) border.
fn panes(app: &App, buf: &Buffer) -> (Vec<usize>, Option<usize>) {
    let mut shown = Vec::new();
    let mut focused = None;
    for (article, r) in app.pane_rects() {
        let top = (r.x..r.x + r.width)
            .map(|x| buf[(x, r.y)].symbol())
            .collect::<String>();
        let number: usize = top
            .trim_start_matches(['┏', '┌', ' '])
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("pane title: {top}"));
        assert_eq!(number, article + 1, "{top}");
        shown.push(number);
        if top.starts_with('┏') {
            focused = Some(number);
        }
    }
    (shown, focused)
}

/// A story of `n` sources, each a short text; every source shares the first sentence.
fn many(n: usize) -> Analysis {
    let texts: Vec<String> = (0..n)
        .map(|i| {
            format!(
                "Negotiators from both delegations met for seven hours in Geneva on Monday.\n\n\
                 Source {i} adds a remark of its own about harbour number {i}."
            )
        })
        .collect();
    parallax::analyse(ingest::from_texts(&texts), &Settings::default())
}

#[test]
fn a_digit_focuses_that_source_and_pages_to_it() {
    let mut app = app_on(bundled(), 80, 24);
    let (shown, focused) = panes(&app, &draw(&app));
    assert_eq!(
        (shown.clone(), focused),
        (vec![1, 2], Some(1)),
        "two panes fit at 80 columns"
    );
    typed(&mut app, "5");
    let (shown, focused) = panes(&app, &draw(&app));
    assert!(shown.contains(&5), "{shown:?}");
    assert_eq!(focused, Some(5));
    typed(&mut app, "2");
    let (shown, focused) = panes(&app, &draw(&app));
    assert!(shown.contains(&2), "{shown:?}");
    assert_eq!(focused, Some(2));
    // A number past the last source says so and leaves the focus.
    typed(&mut app, "9");
    let buf = draw(&app);
    assert_eq!(panes(&app, &buf).1, Some(2));
    let status = row(&buf, buf.area.height - 1);
    assert!(
        status.contains("no source 9: the story has 5 sources"),
        "{status}"
    );
}

#[test]
fn the_sources_list_counts_the_shared_events_each_reports_and_goes_to_the_chosen_one() {
    let mut app = app_on(bundled(), 160, 45);
    typed(&mut app, "S");
    let buf = draw(&app);
    let p = geometry::popup(app.area());
    let rows: Vec<String> = (p.y..p.y + p.height).map(|y| row(&buf, y)).collect();
    let all = rows.join("\n");
    assert!(all.contains("Sources (5)"), "{all}");
    let analysis = bundled();
    let total = analysis.events.len();
    for (i, a) in analysis.corpus.articles.iter().enumerate() {
        let reported = analysis.events.iter().filter(|e| e.reports(a.id)).count();
        let line = rows
            .iter()
            .find(|r| r.contains(&format!(" {}  {}", i + 1, a.source)))
            .unwrap_or_else(|| panic!("no row for {}:\n{all}", a.source));
        assert!(line.contains(&format!("{reported:>3}/{total} events")), "{line}");
    }
    typed(&mut app, "j j j enter");
    let buf = draw(&app);
    let (shown, focused) = panes(&app, &buf);
    assert_eq!(focused, Some(4), "{shown:?}");
    assert!(!row(&buf, p.y).contains("Sources"), "the list closes");
}

#[test]
fn three_hundred_sources_scroll_in_the_list_and_any_is_reached() {
    let mut app = app_on(many(300), 100, 30);
    typed(&mut app, "S");
    let buf = draw(&app);
    let p = geometry::popup(app.area());
    let title = row(&buf, p.y);
    assert!(title.contains("Sources (300)"), "{title}");
    // Page down to source 250 and choose it.
    let downs = vec!["j"; 249].join(" ");
    typed(&mut app, &downs);
    let buf = draw(&app);
    let list = app.list_area();
    let rows: Vec<String> = (list.y..list.y + list.height).map(|y| row(&buf, y)).collect();
    // The numbers line up with three digits, under the header's "#".
    let header = row(&buf, list.y - 1);
    let column = |r: &str, s: &str| r.find(s).map(|at| r[..at].chars().count());
    let line = rows
        .iter()
        .find(|r| r.contains("250  Article 250"))
        .expect("row 250");
    assert_eq!(
        column(line, "250  Article").map(|c| c + 2),
        column(&header, "#"),
        "{header}\n{line}"
    );
    assert!(
        rows.iter().any(|r| r.contains("250  Article 250")),
        "the selection scrolled into view:\n{}",
        rows.join("\n")
    );
    typed(&mut app, "enter");
    let (shown, focused) = panes(&app, &draw(&app));
    assert_eq!(focused, Some(250), "{shown:?}");
}

#[test]
fn the_status_line_names_the_story_where_it_has_room() {
    let app = app_on(bundled(), 160, 45);
    let buf = draw(&app);
    let status = row(&buf, buf.area.height - 1);
    let title = app.analysis().corpus.display_title();
    assert!(
        status.contains(&format!(
            "{} shared events · {title}",
            app.analysis().events.len()
        )),
        "{status}"
    );
    // On an event at 80 columns: the label comes before the counts, the title gives way.
    let mut app = app_on(bundled(), 80, 24);
    typed(&mut app, "n");
    let buf = draw(&app);
    let status = row(&buf, buf.area.height - 1);
    let label: String = app.analysis().events[0].label.chars().take(30).collect();
    assert!(
        status
            .trim_start()
            .starts_with(&format!("event 1/{} {label}", app.analysis().events.len())),
        "{status}"
    );
    assert!(!status.contains(&title), "{status}");
}
