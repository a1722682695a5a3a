//! `parallax align --format html|markdown` through the real binary: to standard output, to a
//! file, never over an existing file without `--force`, and inert on hostile input.

use std::fs;

#[path = "support/cli.rs"]
mod support;

use support::parallax;

fn stdout_of(args: &[&str]) -> String {
    let out = parallax().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn html_to_stdout() {
    let html = stdout_of(&["align", "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));
    assert!(html.contains("US–Russia security talks"));
    assert_eq!(html.matches("<article class=\"col\"").count(), 5);
}

#[test]
fn markdown_to_stdout() {
    for format in ["markdown", "md"] {
        let md = stdout_of(&["align", "--format", format]);
        assert!(md.starts_with("# US–Russia security talks"));
        assert!(md.contains("## Coverage"));
    }
}

#[test]
fn html_and_markdown_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    for (format, name, head) in [
        ("html", "story.html", "<!DOCTYPE html>"),
        ("markdown", "story.md", "# "),
    ] {
        let path = dir.path().join(name);
        let out = parallax()
            .args(["align", "--format", format, "-o"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "nothing on stdout when writing a file");
        assert!(fs::read_to_string(&path).unwrap().starts_with(head));
    }
    // No temporary file is left beside the output.
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn an_existing_file_needs_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.html");
    fs::write(&path, "keep me").unwrap();
    let out = parallax()
        .args(["align", "--format", "html", "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(fs::read_to_string(&path).unwrap(), "keep me");
    let out = parallax()
        .args(["align", "--format", "html", "--force", "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(fs::read_to_string(&path).unwrap().starts_with("<!DOCTYPE html>"));
}

#[test]
fn hostile_fixture_comes_out_inert() {
    let html = stdout_of(&["align", "tests/fixtures/hostile", "--format", "html"]);
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script") && !lower.contains("<img") && !lower.contains("<iframe"));
    assert!(!lower.contains("href=\"javascript"));
    assert!(!html.contains('\u{1b}'));
    let md = stdout_of(&["align", "tests/fixtures/hostile", "--format", "markdown"]);
    assert!(!md.contains('\u{1b}'));
    // The only unescaped `<` left are the exporter's own difference and line-break tags.
    let mut rest = md.replace("\\<", "");
    for tag in ["<del>", "</del>", "<ins>", "</ins>", "<br>"] {
        rest = rest.replace(tag, "");
    }
    assert!(!rest.contains('<'), "raw HTML from an article");
    assert!(!md.replace("\\://", "").contains("://"));
}

#[test]
fn unknown_format_is_a_usage_error() {
    let out = parallax().args(["align", "--format", "pdf"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
