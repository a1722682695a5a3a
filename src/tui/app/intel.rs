//! Quote intelligence in the reader: which events carry a discrepancy and where its figures are
//! written, the event filter (kind, speaker, minimum number of sources, discrepancies only,
//! strong events only) that
//! stepping and the event list follow, and what the discrepancy, exclusives and filter popups
//! list and do when a row is chosen; a filter row's value cycles either way, round at both ends.
//!
//! The one decision to know: the filter narrows what `n`/`p` and the event lists step through,
//! never what the panes show; the current event stays current when it stops passing.

use super::{App, Popup};
use crate::coverage::SourceCoverage;
use crate::model::{Confidence, Event, EventId, EventKind};
use std::rc::Rc;

/// Why the exclusives popup cannot open yet.
const COVERAGE_PENDING: &str = "still working out what each source leaves out…";

/// Which events stepping and the event lists go through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only quotes or only statements.
    pub kind: Option<EventKind>,
    /// Only events attributed to this speaker.
    pub speaker: Option<String>,
    /// Only events reported by at least this many sources (0: any).
    pub min_sources: usize,
    /// Only events whose sources disagree on a figure.
    pub discrepancies: bool,
    /// Only events the analysis is sure of (weak ones hidden).
    pub strong_only: bool,
}

impl Filter {
    pub fn is_active(&self) -> bool {
        *self != Filter::default()
    }

    pub fn passes(&self, event: &Event, discrepant: bool) -> bool {
        self.kind.is_none_or(|k| k == event.kind)
            && self
                .speaker
                .as_ref()
                .is_none_or(|s| event.speaker.as_ref() == Some(s))
            && event.sources.len() >= self.min_sources
            && (!self.discrepancies || discrepant)
            && (!self.strong_only || event.confidence == Confidence::Strong)
    }

    /// "quotes · Ryabkov · ≥3 sources · discrepancies"; "" when nothing is filtered.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        match self.kind {
            Some(EventKind::Quote) => parts.push("quotes".into()),
            Some(EventKind::Statement) => parts.push("statements".into()),
            None => {}
        }
        if let Some(s) = &self.speaker {
            parts.push(s.clone());
        }
        if self.min_sources > 0 {
            parts.push(format!("≥{} sources", self.min_sources));
        }
        if self.discrepancies {
            parts.push("discrepancies".into());
        }
        if self.strong_only {
            parts.push("strong only".into());
        }
        parts.join(" · ")
    }
}

/// The rows of the filter popup, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterRow {
    Kind,
    Speaker,
    Sources,
    Discrepancies,
    Confidence,
    Clear,
}

pub const FILTER_ROWS: [FilterRow; 6] = [
    FilterRow::Kind,
    FilterRow::Speaker,
    FilterRow::Sources,
    FilterRow::Discrepancies,
    FilterRow::Confidence,
    FilterRow::Clear,
];

/// A row of the exclusives popup: a source, or one of its exclusives (by index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExclusiveRow {
    Source(usize),
    Item(usize, usize),
}

impl App {
    /// Whether the sources of an event disagree on a figure.
    pub fn is_discrepant(&self, event: usize) -> bool {
        self.view.is_discrepant(EventId::from_index(event))
    }

    /// The events passing the filter, in event order.
    pub fn shown_events(&self) -> Vec<usize> {
        self.analysis
            .events
            .iter()
            .enumerate()
            .filter(|(i, e)| self.filter.passes(e, self.is_discrepant(*i)))
            .map(|(i, _)| i)
            .collect()
    }

    /// Speakers of events, most events first, for the filter.
    pub fn speakers(&self) -> Vec<String> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for s in self.analysis.events.iter().filter_map(|e| e.speaker.as_ref()) {
            match counts.iter_mut().find(|(n, _)| n == s) {
                Some((_, c)) => *c += 1,
                None => counts.push((s.clone(), 1)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        counts.into_iter().map(|(s, _)| s).collect()
    }

    /// Each source's omissions and exclusives, computed once per analysis.
    pub fn coverage(&self) -> Rc<Vec<SourceCoverage>> {
        Rc::clone(&self.coverage)
    }

    /// The coverage of the analysis is still being worked out elsewhere.
    pub fn coverage_pending(&self) -> bool {
        self.coverage_pending
    }

    /// The coverage of the current analysis, worked out on another thread.
    pub fn set_coverage(&mut self, coverage: Vec<SourceCoverage>) {
        self.coverage = Rc::new(coverage);
        self.coverage_pending = false;
        if self.message.as_deref() == Some(COVERAGE_PENDING) {
            self.message = None;
        }
    }

    /// The rows of the exclusives popup: each source, then what it alone reports.
    pub fn exclusive_rows(&self) -> Vec<ExclusiveRow> {
        let mut rows = Vec::new();
        for (a, c) in self.coverage().iter().enumerate() {
            rows.push(ExclusiveRow::Source(a));
            rows.extend((0..c.exclusives.len()).map(|i| ExclusiveRow::Item(a, i)));
        }
        rows
    }

    /// Items of the open list popup.
    pub fn popup_len(&self) -> usize {
        match self.popup_state().map(|p| p.popup) {
            Some(Popup::EventList | Popup::Matrix) => self.shown_events().len(),
            Some(Popup::Discrepancies) => self.analysis.discrepancies.len(),
            Some(Popup::Exclusives) => self.exclusive_rows().len(),
            Some(Popup::Filter) => FILTER_ROWS.len(),
            Some(Popup::Notes) => self.note_entries.len(),
            Some(Popup::Sources) => self.articles(),
            _ => 0,
        }
    }

    /// The row a list popup opens on: where the reader is.
    pub(super) fn popup_start(&self, popup: Popup) -> usize {
        match popup {
            Popup::EventList | Popup::Matrix => {
                let shown = self.shown_events();
                self.current
                    .and_then(|c| shown.iter().position(|&e| e == c))
                    .unwrap_or(0)
            }
            Popup::Discrepancies => self
                .current
                .and_then(|c| {
                    self.analysis
                        .discrepancies
                        .iter()
                        .position(|d| d.event.index() == c)
                })
                .unwrap_or(0),
            Popup::Exclusives => self
                .exclusive_rows()
                .iter()
                .position(|r| *r == ExclusiveRow::Source(self.focus))
                .unwrap_or(0),
            Popup::Sources => self.focus,
            Popup::Notes | Popup::Filter | Popup::Variants | Popup::Help => 0,
        }
    }

    /// Why a popup cannot open now, if it cannot.
    pub(super) fn popup_refused(&self, popup: Popup) -> Option<&'static str> {
        match popup {
            Popup::Variants if self.current.is_none() => Some("no current event: step to one first"),
            Popup::EventList | Popup::Matrix if self.analysis.events.is_empty() => {
                Some("no shared events yet")
            }
            Popup::EventList | Popup::Matrix if self.shown_events().is_empty() => {
                Some("no event passes the filter")
            }
            Popup::Discrepancies if self.analysis.discrepancies.is_empty() => Some(if self.analysing {
                "still analysing…"
            } else {
                "the sources agree on every figure they share"
            }),
            Popup::Filter | Popup::Exclusives if self.analysing => Some("still analysing…"),
            Popup::Exclusives if self.coverage_pending => {
                Some("still working out what each source leaves out…")
            }
            _ => None,
        }
    }

    /// Enter on a row of a list popup.
    pub(super) fn choose_row(&mut self, popup: Popup) {
        let row = self.selected();
        if popup != Popup::Filter && popup != Popup::Notes {
            self.mode.close_top();
        }
        match popup {
            Popup::EventList | Popup::Matrix => {
                if let Some(&event) = self.shown_events().get(row) {
                    self.go_to_event(event);
                }
            }
            Popup::Discrepancies => {
                if let Some(d) = self.analysis.discrepancies.get(row) {
                    let event = d.event.index();
                    self.go_to_event(event);
                }
            }
            Popup::Exclusives => self.go_to_exclusive(row),
            Popup::Filter => self.change_filter(row, true),
            Popup::Notes => self.edit_note(),
            Popup::Sources => self.focus_source(row),
            Popup::Variants | Popup::Help => {}
        }
    }

    fn go_to_exclusive(&mut self, row: usize) {
        let Some(&r) = self.exclusive_rows().get(row) else {
            return;
        };
        let (article, span) = match r {
            ExclusiveRow::Source(a) => (a, None),
            ExclusiveRow::Item(a, i) => (
                a,
                self.coverage()
                    .get(a)
                    .and_then(|c| c.exclusives.get(i))
                    .map(|x| x.span),
            ),
        };
        self.focus = article.min(self.articles().saturating_sub(1));
        self.reveal(self.focus);
        if let Some(span) = span {
            if let Some(p) = self.panes.get_mut(article) {
                p.cursor = Some(span);
            }
            self.align(article, span.start);
            let source = self
                .analysis
                .corpus
                .articles
                .get(article)
                .map_or("", |a| a.source.as_str());
            self.message = Some(format!("only {source} reports this"));
        }
    }

    /// Moves the selected row of the filter popup to its next or previous value.
    pub(super) fn cycle_filter(&mut self, forward: bool) {
        if self.popup() == Some(Popup::Filter) {
            self.change_filter(self.selected(), forward);
        }
    }

    /// Moves one row of the filter popup to its next (`forward`) or previous value, round at
    /// either end.
    fn change_filter(&mut self, row: usize, forward: bool) {
        let Some(&which) = FILTER_ROWS.get(row) else {
            return;
        };
        match which {
            FilterRow::Kind => {
                let kinds = [None, Some(EventKind::Quote), Some(EventKind::Statement)];
                self.filter.kind = cycle(&kinds, &self.filter.kind, forward);
            }
            FilterRow::Speaker => {
                let speakers: Vec<Option<String>> = std::iter::once(None)
                    .chain(self.speakers().into_iter().map(Some))
                    .collect();
                self.filter.speaker = cycle(&speakers, &self.filter.speaker, forward);
            }
            FilterRow::Sources => {
                // Every shared event has at least two sources: "at least 2" would filter nothing.
                let counts: Vec<usize> = std::iter::once(0).chain(3..=self.articles()).collect();
                self.filter.min_sources = cycle(&counts, &self.filter.min_sources, forward);
            }
            FilterRow::Discrepancies => self.filter.discrepancies = !self.filter.discrepancies,
            FilterRow::Confidence => self.filter.strong_only = !self.filter.strong_only,
            FilterRow::Clear => self.filter = Filter::default(),
        }
        self.filter_message();
    }

    /// Hides the weak events, or shows them again.
    pub(super) fn toggle_weak(&mut self) {
        self.filter.strong_only = !self.filter.strong_only;
        self.filter_message();
    }

    pub(super) fn clear_filter(&mut self) {
        self.filter = Filter::default();
        self.filter_message();
    }

    /// "filter: quotes · 7 of 31 events", or that every event is shown.
    fn filter_message(&mut self) {
        let total = self.analysis.events.len();
        self.message = Some(if self.filter.is_active() {
            format!(
                "filter: {} · {} of {total} events",
                self.filter.describe(),
                self.shown_events().len()
            )
        } else {
            format!("no filter · all {total} events")
        });
    }

    /// The next (`delta` ≥ 0) or previous event passing the filter, from the current one.
    pub(super) fn next_shown(&self, delta: i32) -> Option<usize> {
        let shown = self.shown_events();
        let (first, last) = (*shown.first()?, *shown.last()?);
        Some(match (self.current, delta >= 0) {
            (None, true) => first,
            (None, false) => last,
            (Some(c), true) => shown.iter().copied().find(|&e| e > c).unwrap_or(first),
            (Some(c), false) => shown.iter().rev().copied().find(|&e| e < c).unwrap_or(last),
        })
    }
}

/// The value after (`forward`) or before `current` in `values`, round at either end; the first
/// one when `current` is not among them.
fn cycle<T: PartialEq + Clone + Default>(values: &[T], current: &T, forward: bool) -> T {
    let n = values.len();
    let at = match values.iter().position(|v| v == current) {
        Some(i) if forward => (i + 1) % n,
        Some(i) => (i + n - 1) % n,
        None => 0,
    };
    values.get(at).cloned().unwrap_or_default()
}
