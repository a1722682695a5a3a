//! The HTML export laid out by a real browser at phone width: nothing widens the page past the
//! 400 px screen; wide parts (the coverage table, a row of chips per source) scroll inside their
//! own boxes. Needs headless `chromium` (or `chromium-browser`, `google-chrome`); without one
//! the test says so on standard error and checks nothing else.

use parallax::export::{Format, write};
use parallax::{Settings, align::synth};
use std::path::{Path, PathBuf};
use std::process::Command;

fn browser() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

/// The page's widths as a browser lays it out in a frame `width` px wide: the document's
/// scroll width, its client width, and the elements reaching past the right edge that no
/// scrolling box of theirs clips.
const PROBE: &str = r#"<script>
addEventListener('load', () => {
  const d = document.documentElement, w = d.clientWidth, over = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.getBoundingClientRect().right <= w + 1) continue;
    let p = el.parentElement, clipped = false;
    while (p && p !== document.body) {
      if (getComputedStyle(p).overflowX !== 'visible' && p.getBoundingClientRect().right <= w + 1) { clipped = true; break; }
      p = p.parentElement;
    }
    if (!clipped) over.push(el.tagName.toLowerCase() + '.' + el.className);
    if (over.length > 5) break;
  }
  const t = document.querySelector('#coverage .scroll');
  document.body.dataset.probe = [d.scrollWidth, w, t.scrollWidth, t.clientWidth, over.join(' ')].join('|');
});
</script>"#;

fn laid_out(browser: &str, dir: &Path, html: &str, width: u32) -> Vec<String> {
    // The export forbids scripts; the probe's copy drops that rule to measure the layout.
    let start = html
        .find("<meta http-equiv=\"Content-Security-Policy\"")
        .expect("CSP");
    let end = start + html[start..].find('>').expect("end of meta") + 1;
    let page = format!("{}{}", &html[..start], &html[end..]).replace("</body>", &format!("{PROBE}</body>"));
    std::fs::write(dir.join("page.html"), page).expect("write page");
    // A frame sets the width exactly (a browser window has a minimum width of its own).
    let frame = format!(
        "<!DOCTYPE html><body style=\"margin:0\"><iframe id=\"f\" src=\"page.html\" \
         style=\"width:{width}px;height:800px;border:0\"></iframe><script>\
         f.onload = () => setTimeout(() => document.body.dataset.inner = \
         f.contentDocument.body.dataset.probe, 300);</script></body>"
    );
    let frame_path: PathBuf = dir.join("frame.html");
    std::fs::write(&frame_path, frame).expect("write frame");
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--allow-file-access-from-files",
            "--window-size=1000,900",
            "--virtual-time-budget=5000",
            "--dump-dom",
        ])
        .arg(format!("file://{}", frame_path.display()))
        .output()
        .expect("run the browser");
    let dom = String::from_utf8_lossy(&out.stdout);
    let at = dom.find("data-inner=\"").expect("the probe's result") + "data-inner=\"".len();
    let value = &dom[at..at + dom[at..].find('"').expect("end")];
    value.split('|').map(str::to_string).collect()
}

#[test]
fn at_400_px_wide_parts_scroll_in_their_boxes_and_the_page_does_not_widen() {
    let Some(browser) = browser() else {
        eprintln!("no headless chromium: the layout is not measured");
        return;
    };
    // Forty sources: a coverage table and a row of forty chips per event, both far wider
    // than a phone.
    let analysis = parallax::analyse(synth::story(40, 7), &Settings::default());
    let mut html = Vec::new();
    write(&analysis, &[], Format::Html, &mut html).expect("export");
    let html = String::from_utf8(html).expect("UTF-8");
    let dir = tempfile::tempdir().expect("temp dir");
    let m = laid_out(browser, dir.path(), &html, 400);
    let n = |i: usize| m[i].parse::<u32>().unwrap_or_else(|_| panic!("{m:?}"));
    let (page, screen, table, table_box) = (n(0), n(1), n(2), n(3));
    assert!(screen <= 400, "{m:?}");
    assert_eq!(page, screen, "the page is wider than the screen: {}", m[4]);
    assert!(m[4].is_empty(), "reaching past the screen: {}", m[4]);
    assert!(
        table > table_box,
        "the coverage table scrolls inside its box: {m:?}"
    );
    assert!(table_box <= screen, "{m:?}");
}
