//! Where things are on screen, as pure functions of the terminal size. Drawing and the mouse
//! both ask here, so a click always lands on what was drawn, and a resize is only a new size.

use ratatui::layout::Rect;

/// Below this the reader shows a notice instead of panes.
pub const MIN_COLUMNS: u16 = 40;
pub const MIN_ROWS: u16 = 10;

/// Columns a pane takes besides its text: two borders, the marker gutter and one of padding.
pub const PANE_CHROME: u16 = 4;

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_COLUMNS || area.height < MIN_ROWS
}

/// The panes' area: everything but the status line.
pub fn panes_area(area: Rect) -> Rect {
    Rect {
        height: area.height.saturating_sub(1),
        ..area
    }
}

/// The status line (or the search field).
pub fn status_area(area: Rect) -> Rect {
    Rect {
        y: area.y + area.height.saturating_sub(1),
        height: area.height.min(1),
        ..area
    }
}

/// How many panes fit side by side at the minimum width (at least one, at most `articles`).
pub fn visible_count(width: u16, min_width: u16, articles: usize) -> usize {
    let fit = usize::from(width / min_width.max(PANE_CHROME + 2)).max(1);
    fit.min(articles.max(1))
}

/// The rectangles of `count` panes side by side; the last takes the spare columns.
pub fn pane_rects(area: Rect, count: usize) -> Vec<Rect> {
    let count = count.max(1);
    let n = u16::try_from(count).unwrap_or(u16::MAX);
    let each = area.width / n;
    (0..n)
        .map(|i| Rect {
            x: area.x + i * each,
            y: area.y,
            width: if i + 1 == n { area.width - i * each } else { each },
            height: area.height,
        })
        .collect()
}

/// Text columns of every pane when `count` share `width`: the same for all, so one layout per
/// article serves whichever slot it is shown in.
pub fn text_width(width: u16, count: usize) -> usize {
    let each = width / u16::try_from(count.max(1)).unwrap_or(u16::MAX);
    usize::from(each.saturating_sub(PANE_CHROME)).max(2)
}

/// Rows of text inside a pane.
pub fn text_height(panes: Rect) -> usize {
    usize::from(panes.height.saturating_sub(2)).max(1)
}

/// The gutter column and the text of a pane (inside the borders).
pub fn pane_inner(pane: Rect) -> (Rect, Rect) {
    let inner = Rect {
        x: pane.x + 1,
        y: pane.y + 1,
        width: pane.width.saturating_sub(2),
        height: pane.height.saturating_sub(2),
    };
    let gutter = Rect {
        width: inner.width.min(1),
        ..inner
    };
    let text = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    (gutter, text)
}

/// A centred popup taking most of the screen.
pub fn popup(area: Rect) -> Rect {
    let width = (area.width.saturating_mul(9) / 10).clamp(area.width.min(30), area.width);
    let height = (area.height.saturating_mul(8) / 10).clamp(area.height.min(8), area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Rows of items in a list popup (inside the border, below the header row).
pub fn popup_list(area: Rect) -> Rect {
    let p = popup(area);
    Rect {
        x: p.x + 1,
        y: p.y + 2,
        width: p.width.saturating_sub(2),
        height: p.height.saturating_sub(3),
    }
}

/// Whether a cell lies in a rectangle.
pub fn contains(r: Rect, column: u16, row: u16) -> bool {
    column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_fit_at_the_minimum_width() {
        assert_eq!(visible_count(100, 38, 5), 2);
        assert_eq!(visible_count(160, 38, 5), 4);
        assert_eq!(visible_count(200, 38, 5), 5);
        assert_eq!(visible_count(20, 38, 5), 1);
        assert_eq!(visible_count(200, 38, 0), 1);
        let rects = pane_rects(Rect::new(0, 0, 101, 10), 2);
        assert_eq!(rects[1], Rect::new(50, 0, 51, 10));
    }

    #[test]
    fn tiny_areas_do_not_underflow() {
        let r = popup(Rect::new(0, 0, 3, 2));
        assert!(r.width <= 3 && r.height <= 2);
        let (g, t) = pane_inner(Rect::new(0, 0, 1, 1));
        assert_eq!((g.width, t.width), (0, 0));
        assert_eq!(popup_list(Rect::new(0, 0, 0, 0)).height, 0);
    }
}
