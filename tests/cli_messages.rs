//! What the program says on standard error: every message and warning is one line free of
//! terminal controls whatever input it quotes (a key of a manifest, a `--set` item, the
//! environment, a path), names what it is about, and gives each cause once.

use assert_cmd::Command;
use std::fs;

#[path = "support/cli.rs"]
mod support;

use support::parallax;

/// What a hostile name carries: a window title change and a screen clear.
const EVIL: &str = "\u{1b}]0;owned\u{7}\u{1b}[2J";

/// Runs the command, expects exit code 1, and returns stderr after checking that it holds no
/// escape or bell byte and is one line.
fn stderr_of_failure(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "stderr: {err:?}");
    assert!(
        !out.stderr.iter().any(|&b| b == 0x1b || b == 0x07),
        "raw controls on stderr: {err:?}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err:?}");
    err
}

#[test]
fn an_unknown_manifest_key_is_shown_harmless() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "Talks end.").unwrap();
    let key = EVIL.replace('\u{1b}', "\\u001b").replace('\u{7}', "\\u0007");
    fs::write(
        dir.path().join("story.toml"),
        format!("[[article]]\npath = \"a.txt\"\n\"x{key}\" = 1\n"),
    )
    .unwrap();
    let err = stderr_of_failure(parallax().arg("align").arg(dir.path()));
    assert!(
        err.contains("story.toml") && err.contains("x␛]0;owned␇␛[2J"),
        "{err}"
    );
}

#[test]
fn a_set_item_is_shown_harmless() {
    let item = format!("align.x{EVIL}=1");
    let err = stderr_of_failure(parallax().args(["align", "--set", &item]));
    assert!(err.contains("--set align.x␛]0;owned␇␛[2J=1"), "{err}");
    let item = format!("align.weak_threshold={EVIL}");
    let err = stderr_of_failure(parallax().args(["align", "--set", &item]));
    assert!(err.contains("--set") && err.contains("␛[2J"), "{err}");
}

#[test]
fn the_theme_from_the_environment_is_shown_harmless() {
    let theme = format!("neon{EVIL}");
    let err = stderr_of_failure(
        parallax()
            .env("PARALLAX_THEME", &theme)
            .env_remove("PARALLAX_CONFIG"),
    );
    assert!(
        err.contains("PARALLAX_THEME: unknown theme `neon␛]0;owned␇␛[2J`"),
        "{err}"
    );
}

#[test]
fn an_output_path_is_shown_harmless_with_its_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(format!("no{EVIL}")).join("out.json");
    let err = stderr_of_failure(parallax().args(["align", "-o"]).arg(&out));
    assert!(err.contains("no␛]0;owned␇␛[2J/out.json"), "{err}");
    assert_eq!(err.matches("os error").count(), 1, "{err}");
}

#[test]
fn a_config_path_is_shown_harmless() {
    let path = format!("/no/such/{EVIL}.toml");
    let err = stderr_of_failure(parallax().args(["--config", &path, "align"]));
    assert!(err.contains("/no/such/␛]0;owned␇␛[2J.toml: cannot read"), "{err}");
    assert_eq!(err.matches("os error").count(), 1, "{err}");
}

#[test]
fn an_unreadable_input_gives_its_cause_once() {
    // A symlink loop cannot be read, even by root.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("loop.txt");
    std::os::unix::fs::symlink(&f, &f).unwrap();
    let err = stderr_of_failure(parallax().arg("align").arg(&f));
    assert!(err.contains("loop.txt: cannot read: "), "{err}");
    assert_eq!(err.matches("os error").count(), 1, "{err}");
}

#[test]
fn nonsense_settings_are_refused_naming_the_flag_and_the_range() {
    for (item, range) in [
        ("align.weak_threshold=nan", "a number from 0 to 1"),
        ("align.strict_threshold=inf", "a number from 0 to 1"),
        ("align.attach_share=-0.5", "a number from 0 to 1"),
        ("align.candidates_per_sentence=0", "a whole number of at least 1"),
        ("ingest.max_articles=0", "a whole number of at least 1"),
    ] {
        let err = stderr_of_failure(parallax().args(["align", "--set", item]));
        assert_eq!(err, format!("parallax: --set {item}: must be {range}\n"));
    }
}

#[test]
fn nonsense_settings_in_the_config_file_are_refused_at_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c.toml");
    fs::write(&c, "[align]\nweak_threshold = nan\n").unwrap();
    let err = stderr_of_failure(parallax().arg("--config").arg(&c).arg("align"));
    assert!(
        err.ends_with("c.toml:2:18: align.weak_threshold = NaN: must be a number from 0 to 1\n"),
        "{err}"
    );
}

#[test]
fn the_reader_cannot_lose_its_way_out() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c.toml");
    fs::write(&c, "[keys]\nhelp = \"f1\"\nquit = []\n").unwrap();
    let err = stderr_of_failure(parallax().arg("--config").arg(&c).env_remove("PARALLAX_THEME"));
    assert!(
        err.contains("c.toml:3:8: `quit` needs at least one key in the normal keys"),
        "{err}"
    );
}

#[test]
fn input_over_the_story_limit_names_the_story_limit() {
    let limits = [
        "--set",
        "ingest.max_article_bytes=10",
        "--set",
        "ingest.max_story_bytes=100",
    ];
    let mut cmd = parallax();
    cmd.args(["align", "-"])
        .args(limits)
        .write_stdin(vec![b'a'; 5000]);
    let err = stderr_of_failure(&mut cmd);
    assert!(
        err.contains("-: the story is 101 bytes, over the limit of 100 bytes (ingest.max_story_bytes)"),
        "{err}"
    );
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("many.json");
    fs::write(&json, format!("[{{\"text\": \"{}\"}}]", "a".repeat(500))).unwrap();
    let err = stderr_of_failure(parallax().arg("align").arg(&json).args(limits));
    assert!(
        err.contains(
            "many.json: the story is 514 bytes, over the limit of 100 bytes (ingest.max_story_bytes)"
        ),
        "{err}"
    );
}

#[test]
fn a_folder_lists_the_files_it_skips() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "Talks end in Geneva.").unwrap();
    fs::write(dir.path().join("b.txt"), "Talks ended in Geneva today.").unwrap();
    fs::write(dir.path().join("gold.json"), "{\"events\": []}").unwrap();
    fs::write(dir.path().join("z.json"), "[1, 2]").unwrap();
    let out = parallax().arg("align").arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with("parallax: skipped ")
            && lines[0].contains("gold.json: holds no article objects"),
        "{err}"
    );
    assert!(lines[1].contains("z.json: holds no article objects"), "{err}");
}

#[test]
fn broken_json_in_a_folder_says_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "Talks end in Geneva.").unwrap();
    fs::write(
        dir.path().join("b.json"),
        "{\"title\": \"T\",\n \"text\": \"Talks \\ud800 end.\"}",
    )
    .unwrap();
    let err = stderr_of_failure(parallax().arg("align").arg(dir.path()));
    assert!(err.contains("b.json: invalid JSON at line 2, column"), "{err}");
    assert!(err.contains("hex escape"), "{err}");
}

/// Built without the `web` feature, a URL is refused with a message saying why.
#[cfg(not(feature = "web"))]
#[test]
fn a_url_without_the_web_feature_says_so() {
    support::fails_with_input(
        &["http://127.0.0.1:1/a", "-"],
        b"text",
        &["http://127.0.0.1:1/a: this parallax was built without the `web` feature"],
    );
}
