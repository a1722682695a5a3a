//! Any source in two keys: a digit focuses that source's pane (paging the panes to show it),
//! and the sources popup lists every source with how many shared events it reports, to focus
//! the chosen one. With hundreds of sources the popup scrolls like the other lists; a digit
//! reaches the first nine.

use super::App;

/// One row of the sources popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRow {
    /// Index of the article.
    pub article: usize,
    /// Shared events it reports.
    pub reported: usize,
    /// Shared events in the story.
    pub events: usize,
}

impl App {
    /// Focuses source `article` (0 for the first) and pages the panes so that it is on screen.
    pub(super) fn focus_source(&mut self, article: usize) {
        let n = self.articles();
        if article >= n {
            let what = if n == 1 { "source" } else { "sources" };
            self.message = Some(format!("no source {}: the story has {n} {what}", article + 1));
            return;
        }
        self.focus = article;
        self.reveal(article);
    }

    /// The sources popup's rows, in article order.
    pub fn source_rows(&self) -> Vec<SourceRow> {
        let events = self.analysis.events.len();
        let coverage = self.coverage();
        (0..self.articles())
            .map(|article| SourceRow {
                article,
                reported: coverage.get(article).map_or(0, |c| c.reported.len()),
                events,
            })
            .collect()
    }
}
