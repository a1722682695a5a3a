//! The README's keys table is kept in step with the default keymap (`assets/keys.toml`): every
//! bound action appears in it, in its context, with its keys and its help text. On a mismatch
//! the test prints the whole table to paste in. `config.example.toml` names every action too.
#![cfg(feature = "tui")]

use parallax::tui::action::BINDABLE;
use parallax::tui::keymap::{Context, Keymap};

fn table() -> Vec<String> {
    let map = Keymap::default();
    let mut rows = vec![
        "| Context | Keys | Action | What it does |".to_string(),
        "|---|---|---|---|".to_string(),
    ];
    for ctx in Context::ALL {
        for b in BINDABLE {
            let keys = map.keys(ctx, b.name);
            if keys.is_empty() {
                continue;
            }
            let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
            rows.push(format!(
                "| {} | {} | `{}` | {} |",
                ctx.name(),
                keys.join(" "),
                b.name,
                b.help
            ));
        }
    }
    rows
}

#[test]
fn readme_lists_every_bound_action_with_its_keys() {
    let readme = include_str!("../README.md");
    let rows = table();
    let missing: Vec<&String> = rows
        .iter()
        .filter(|r| !readme.lines().any(|l| l == r.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "README.md lacks {missing:#?}\nthe table:\n{}",
        rows.join("\n")
    );
}

#[test]
fn config_example_names_every_action() {
    let example = include_str!("../config.example.toml");
    let missing: Vec<&str> = BINDABLE
        .iter()
        .map(|b| b.name)
        .filter(|name| !example.contains(&format!(" {name} (")))
        .collect();
    assert!(missing.is_empty(), "config.example.toml lacks {missing:?}");
}

#[test]
fn readme_explains_what_is_compared_and_the_three_kinds_as_help_does() {
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let readme = flat(include_str!("../README.md"));
    assert!(
        readme.contains(&flat(parallax::variants::COMPARED)),
        "README lacks: {}",
        parallax::variants::COMPARED
    );
    for (kind, meaning) in parallax::variants::KINDS {
        let line = flat(&format!("- `{}`: {meaning}", kind.as_str()));
        assert!(readme.contains(&line), "README lacks: {line}");
    }
}

#[test]
fn readme_says_what_the_mouse_does_as_help_does() {
    let readme = include_str!("../README.md");
    for (gesture, does) in parallax::tui::action::MOUSE {
        let line = format!("- {gesture}: {does}");
        assert!(
            readme.lines().any(|l| l.starts_with(&line)),
            "README lacks: {line}"
        );
    }
}
