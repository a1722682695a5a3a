//! Keys as data. The default keymap is `assets/keys.toml`, embedded; a config file lists only
//! overrides in the same shape and `Keymap::from_toml_overrides` merges them over it. The help
//! popup is generated from the same map, so it can never disagree with what the keys do.
//!
//! Keys are looked up per context (`normal`, `results`, `popup`, `notes`, `input`, `note`,
//! the export's `prompt`, and `confirm` for every yes/no question); search results fall back to
//! `normal` and the notes list to `popup` for keys they do not bind.
//!
//! The config file's `[keys]` section is flat (`next_event = "j"`): an action named alone is
//! rebound in every context where it has default keys, except that plain characters are never
//! taken from the text fields (`input`, `note`, `prompt`); `"popup.close" = "x"` names one context.
//! After merging, two actions on one key in one context are an error, never a silent choice,
//! and so is leaving an `ESSENTIAL` action without a key.

use super::action::{Action, BINDABLE, by_name};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::HashMap;
use std::fmt;

/// The default keymap file, comments and all.
pub const DEFAULT_KEYS: &str = include_str!("../../assets/keys.toml");

/// Where a key is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Normal,
    Results,
    Popup,
    Input,
    /// The notes list.
    Notes,
    /// Writing a note.
    Note,
    /// Typing the export's path.
    Prompt,
    /// A yes/no question: replace an existing export file, discard a note's text, delete a note.
    Confirm,
}

impl Context {
    pub const ALL: [Context; 8] = [
        Context::Normal,
        Context::Results,
        Context::Popup,
        Context::Input,
        Context::Notes,
        Context::Note,
        Context::Prompt,
        Context::Confirm,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Context::Normal => "normal",
            Context::Results => "results",
            Context::Popup => "popup",
            Context::Input => "input",
            Context::Notes => "notes",
            Context::Note => "note",
            Context::Prompt => "prompt",
            Context::Confirm => "confirm",
        }
    }

    pub fn by_name(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Contexts where unbound keys type text.
    pub fn is_typing(self) -> bool {
        matches!(self, Context::Input | Context::Note | Context::Prompt)
    }

    /// Where a key this context does not bind is looked up next.
    fn fallback(self) -> Option<Context> {
        match self {
            Context::Results => Some(Context::Normal),
            Context::Notes => Some(Context::Popup),
            _ => None,
        }
    }
}

/// Actions that must keep a key in their context: quitting and the help screen (which lists
/// every other key), and the way out of each popup, text field and question.
pub const ESSENTIAL: &[(Context, &str)] = &[
    (Context::Normal, "quit"),
    (Context::Normal, "help"),
    (Context::Popup, "close"),
    (Context::Input, "close"),
    (Context::Note, "close"),
    (Context::Prompt, "close"),
    (Context::Confirm, "no"),
];

/// One key with its modifiers, normalised so that "N" and shift-n are the same chord.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Chord {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Chord {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Self {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            // The character already says whether shift was held.
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c)
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Chord { code, mods }
    }

    /// A key that types a character in a text field.
    pub fn types_text(self) -> bool {
        matches!(self.code, KeyCode::Char(_))
            && !self.mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    }

    pub fn from_event(key: KeyEvent) -> Self {
        Chord::new(key.code, key.modifiers)
    }

    /// Parses a key name as written in the keymap file: "n", "ctrl-d", "shift-tab", "pgup".
    pub fn parse(text: &str) -> Result<Chord, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        // Modifier prefixes; a lone "-" or a name ending in "-" is the minus key itself.
        while let Some((head, tail)) = rest.split_once('-') {
            if tail.is_empty() {
                break;
            }
            match head.to_ascii_lowercase().as_str() {
                "ctrl" | "c" => mods |= KeyModifiers::CONTROL,
                "alt" | "a" | "m" => mods |= KeyModifiers::ALT,
                "shift" | "s" => mods |= KeyModifiers::SHIFT,
                _ => return Err(format!("unknown modifier {head:?} in key {text:?}")),
            }
            rest = tail;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_control() => return Err(format!("unknown key {text:?}")),
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "delete" | "del" => KeyCode::Delete,
                "insert" => KeyCode::Insert,
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n) if (1..=12).contains(&n) => KeyCode::F(n),
                    _ => return Err(format!("unknown key {text:?}")),
                },
                _ => return Err(format!("unknown key {text:?}")),
            },
        };
        Ok(Chord::new(code, mods))
    }
}

/// Shown as in the keymap file, short enough for the status line.
impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("pgup"),
            KeyCode::PageDown => f.write_str("pgdn"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::Insert => f.write_str("insert"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// A keymap problem, worded for the person editing the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("keys: {0}")]
pub struct KeymapError(pub String);

/// A `[keys]` entry of the config file that cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyProblem {
    /// The entries involved, as written in `[keys]`: one, or the two sides of a conflict that
    /// the file changed.
    pub entries: Vec<String>,
    pub message: String,
}

/// One help line: the keys, what the action does, its name in `[keys]`.
pub type HelpRow = (String, &'static str, &'static str);

/// Each bound action's name and keys, in file order.
type Bindings = Vec<(&'static str, Vec<Chord>)>;

/// The keys of every context, in file order, and the reverse index for lookups.
#[derive(Debug, Clone)]
pub struct Keymap {
    /// Per context, each bound action's name and keys, in the order the file lists them.
    bindings: Vec<(Context, Bindings)>,
    index: HashMap<(Context, Chord), &'static str>,
}

impl Default for Keymap {
    fn default() -> Self {
        // The embedded file is checked by a test; an empty map is the fallback that cannot fail.
        Keymap::from_toml_overrides("").unwrap_or_else(|_| Keymap::empty())
    }
}

impl Keymap {
    fn empty() -> Keymap {
        Keymap {
            bindings: Context::ALL.iter().map(|&c| (c, Vec::new())).collect(),
            index: HashMap::new(),
        }
    }

    /// The default keymap with `overrides` (same shape as `assets/keys.toml`) merged over it.
    pub fn from_toml_overrides(overrides: &str) -> Result<Keymap, KeymapError> {
        let mut map = Keymap::empty();
        map.merge(DEFAULT_KEYS)?;
        map.merge(overrides)?;
        Ok(map)
    }

    /// Applies one file: each listed action gets exactly the listed keys, and those keys are
    /// taken from any other action of the same context.
    fn merge(&mut self, text: &str) -> Result<(), KeymapError> {
        let table: toml::Table = toml::from_str(text).map_err(|e| KeymapError(e.to_string()))?;
        for (ctx_name, entries) in &table {
            let ctx = Context::by_name(ctx_name)
                .ok_or_else(|| KeymapError(format!("unknown section [{ctx_name}]")))?;
            let entries = entries
                .as_table()
                .ok_or_else(|| KeymapError(format!("[{ctx_name}] must be a table")))?;
            for (action, keys) in entries {
                let bindable = by_name(action)
                    .ok_or_else(|| KeymapError(format!("[{ctx_name}] unknown action {action:?}")))?;
                let list = keys
                    .as_array()
                    .ok_or_else(|| KeymapError(format!("[{ctx_name}] {action}: expected a list of keys")))?;
                let mut chords = Vec::new();
                for key in list {
                    let name = key
                        .as_str()
                        .ok_or_else(|| KeymapError(format!("[{ctx_name}] {action}: keys are strings")))?;
                    let chord =
                        Chord::parse(name).map_err(|e| KeymapError(format!("[{ctx_name}] {action}: {e}")))?;
                    chords.push(chord);
                }
                self.bind(ctx, bindable.name, chords);
            }
        }
        Ok(())
    }

    fn bind(&mut self, ctx: Context, action: &'static str, chords: Vec<Chord>) {
        let Some((_, list)) = self.bindings.iter_mut().find(|(c, _)| *c == ctx) else {
            return;
        };
        for (_, keys) in list.iter_mut() {
            keys.retain(|k| !chords.contains(k));
        }
        match list.iter_mut().find(|(name, _)| *name == action) {
            Some((_, keys)) => keys.clone_from(&chords),
            None => list.push((action, chords)),
        }
        self.index.retain(|(c, _), name| *c != ctx || *name != action);
        for chord in &list
            .iter()
            .find(|(n, _)| *n == action)
            .map_or(Vec::new(), |(_, k)| k.clone())
        {
            self.index.insert((ctx, *chord), action);
        }
    }

    /// This keymap with the `[keys]` overrides of a config file: `(entry, keys)` pairs as
    /// written there. Unknown actions and contexts, unparsable keys and two actions on one key
    /// in one context are errors naming the entries involved.
    pub fn with_overrides<'a>(
        &self,
        overrides: impl IntoIterator<Item = (&'a str, Vec<&'a str>)>,
    ) -> Result<Keymap, KeyProblem> {
        let mut map = self.clone();
        // Which entry set an action's keys in a context, to place a conflict in the file.
        let mut set_by: HashMap<(Context, &'static str), String> = HashMap::new();
        for (entry, keys) in overrides {
            let problem = |message: String| KeyProblem {
                entries: vec![entry.to_string()],
                message,
            };
            let (only, action) = match entry.split_once('.') {
                Some((ctx, action)) => {
                    let names: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
                    let ctx = Context::by_name(ctx).ok_or_else(|| {
                        problem(format!(
                            "unknown context `{ctx}` in `{entry}`, expected one of {}",
                            names.join(", ")
                        ))
                    })?;
                    (Some(ctx), action)
                }
                None => (None, entry),
            };
            let bindable = by_name(action).ok_or_else(|| {
                problem(format!(
                    "unknown action `{action}` (the actions are listed in config.example.toml \
                     and on the help screen)"
                ))
            })?;
            let chords = keys
                .iter()
                .map(|k| Chord::parse(k))
                .collect::<Result<Vec<_>, _>>()
                .map_err(problem)?;
            let contexts: Vec<Context> = match only {
                Some(c) => vec![c],
                None => Context::ALL
                    .into_iter()
                    .filter(|&c| !self.keys(c, bindable.name).is_empty())
                    .collect(),
            };
            for ctx in contexts {
                // Plain characters stay text in the text fields unless asked for by context.
                let chosen: Vec<Chord> = if only.is_none() && ctx.is_typing() {
                    chords.iter().filter(|c| !c.types_text()).copied().collect()
                } else {
                    chords.clone()
                };
                if chosen.is_empty() && !chords.is_empty() {
                    continue;
                }
                map.set(ctx, bindable.name, chosen);
                set_by.insert((ctx, bindable.name), entry.to_string());
            }
        }
        map.check_conflicts(&set_by)?;
        map.check_essentials(&set_by)?;
        Ok(map)
    }

    /// The first `ESSENTIAL` action left without a key, as a problem of the entry that did it.
    fn check_essentials(&self, set_by: &HashMap<(Context, &'static str), String>) -> Result<(), KeyProblem> {
        for &(ctx, action) in ESSENTIAL {
            if self.keys(ctx, action).is_empty() {
                return Err(KeyProblem {
                    entries: set_by
                        .iter()
                        .filter(|((c, a), _)| *c == ctx && *a == action)
                        .map(|(_, entry)| entry.clone())
                        .collect(),
                    message: format!("`{action}` needs at least one key in the {} keys", ctx.name()),
                });
            }
        }
        Ok(())
    }

    /// Gives an action exactly these keys in a context, taking them from nobody.
    fn set(&mut self, ctx: Context, action: &'static str, chords: Vec<Chord>) {
        let Some((_, list)) = self.bindings.iter_mut().find(|(c, _)| *c == ctx) else {
            return;
        };
        match list.iter_mut().find(|(name, _)| *name == action) {
            Some((_, keys)) => *keys = chords,
            None => list.push((action, chords)),
        }
        self.index = self
            .bindings
            .iter()
            .flat_map(|(c, list)| {
                list.iter()
                    .flat_map(move |(name, keys)| keys.iter().map(move |k| ((*c, *k), *name)))
            })
            .collect();
    }

    /// The first key bound to two actions in one context, as a problem of the entries that
    /// bound them.
    fn check_conflicts(&self, set_by: &HashMap<(Context, &'static str), String>) -> Result<(), KeyProblem> {
        for (ctx, list) in &self.bindings {
            let mut seen: HashMap<Chord, &'static str> = HashMap::new();
            for (action, keys) in list {
                for key in keys {
                    match seen.insert(*key, action) {
                        Some(other) if other != *action => {
                            return Err(KeyProblem {
                                entries: [other, *action]
                                    .iter()
                                    .filter_map(|a| set_by.get(&(*ctx, *a)).cloned())
                                    .collect(),
                                message: format!(
                                    "key `{key}` is bound to both `{other}` and `{action}` in the \
                                     {} keys; give one of them other keys",
                                    ctx.name()
                                ),
                            });
                        }
                        _ => {}
                    }
                }
            }
        }
        Ok(())
    }

    /// The action bound to a key in a context, with search results falling back to `normal`.
    pub fn action(&self, ctx: Context, chord: Chord) -> Option<Action> {
        let name = self
            .index
            .get(&(ctx, chord))
            .or_else(|| self.index.get(&(ctx.fallback()?, chord)))?;
        by_name(name).map(|b| (b.action)())
    }

    /// The keys bound to an action in a context, for hints and help.
    pub fn keys(&self, ctx: Context, action: &str) -> &[Chord] {
        self.bindings
            .iter()
            .find(|(c, _)| *c == ctx)
            .and_then(|(_, list)| list.iter().find(|(n, _)| *n == action))
            .map_or(&[], |(_, keys)| keys.as_slice())
    }

    /// The first key of an action, as text ("" when unbound).
    pub fn first_key(&self, ctx: Context, action: &str) -> String {
        self.keys(ctx, action)
            .first()
            .map(ToString::to_string)
            .unwrap_or_default()
    }

    /// Help lines per context: keys, what the action does, and its name in `[keys]`.
    pub fn help(&self) -> Vec<(Context, Vec<HelpRow>)> {
        self.bindings
            .iter()
            .map(|(ctx, list)| {
                let mut sorted: Vec<&(&str, Vec<Chord>)> = list.iter().collect();
                // The order of `BINDABLE`, not of the file's tables (which TOML does not keep).
                sorted.sort_by_key(|(name, _)| BINDABLE.iter().position(|b| b.name == *name));
                let rows = sorted
                    .into_iter()
                    .filter(|(_, keys)| !keys.is_empty())
                    .filter_map(|(name, keys)| {
                        let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
                        by_name(name).map(|b| (keys.join(" "), b.help, b.name))
                    })
                    .collect();
                (*ctx, rows)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_keys_parse_and_bind_the_design_keys() {
        let map = Keymap::from_toml_overrides("").expect("default keymap");
        let key = |s: &str| Chord::parse(s).expect("key");
        assert!(matches!(
            map.action(Context::Normal, key("n")),
            Some(Action::NextEvent)
        ));
        assert!(matches!(
            map.action(Context::Normal, key("shift-tab")),
            Some(Action::FocusPrev)
        ));
        assert!(matches!(
            map.action(Context::Results, key("N")),
            Some(Action::SearchPrev)
        ));
        assert!(matches!(
            map.action(Context::Results, key("j")),
            Some(Action::ScrollDown)
        ));
        assert!(map.action(Context::Input, key("j")).is_none());
    }

    #[test]
    fn overrides_replace_keys_and_take_them_from_other_actions() {
        let map = Keymap::from_toml_overrides("[normal]\nnext_event = [\"j\"]\n").expect("keys");
        let key = |s: &str| Chord::parse(s).expect("key");
        assert!(matches!(
            map.action(Context::Normal, key("j")),
            Some(Action::NextEvent)
        ));
        assert!(map.action(Context::Normal, key("n")).is_none());
        assert_eq!(map.keys(Context::Normal, "scroll_down"), &[key("down")]);
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        let err = Keymap::from_toml_overrides("[normal]\nfly = [\"f\"]").unwrap_err();
        assert!(err.to_string().contains("fly"), "{err}");
        let err = Keymap::from_toml_overrides("[normal]\nquit = [\"hyper-q\"]").unwrap_err();
        assert!(err.to_string().contains("hyper"), "{err}");
    }

    #[test]
    fn defaults_bind_no_key_twice_in_a_context() {
        let map = Keymap::default();
        assert!(map.check_conflicts(&HashMap::new()).is_ok());
        assert!(!map.keys(Context::Note, "save_note").is_empty());
    }

    #[test]
    fn config_overrides_rebind_where_the_action_lives_but_leave_text_fields_alone() {
        let key = |s: &str| Chord::parse(s).expect("key");
        let map = Keymap::default()
            .with_overrides([("close", vec!["ctrl-g", "x"]), ("popup.choose", vec!["o"])])
            .expect("keys");
        assert!(matches!(
            map.action(Context::Popup, key("x")),
            Some(Action::Close)
        ));
        assert!(matches!(
            map.action(Context::Results, key("ctrl-g")),
            Some(Action::Close)
        ));
        // In the search field "x" still types; ctrl-g closes.
        assert_eq!(map.keys(Context::Input, "close"), &[key("ctrl-g")]);
        assert!(matches!(
            map.action(Context::Popup, key("o")),
            Some(Action::Choose)
        ));
        assert!(map.action(Context::Popup, key("enter")).is_none());
    }

    #[test]
    fn conflicts_and_unknown_names_are_problems_of_their_entries() {
        let err = Keymap::default()
            .with_overrides([("next_event", vec!["j"])])
            .unwrap_err();
        assert_eq!(err.entries, vec!["next_event".to_string()]);
        assert!(
            err.message.contains("`j`") && err.message.contains("scroll_down"),
            "{err:?}"
        );
        let err = Keymap::default()
            .with_overrides([("fly", vec!["f"])])
            .unwrap_err();
        assert!(err.message.contains("unknown action `fly`"), "{err:?}");
        let err = Keymap::default()
            .with_overrides([("menu.quit", vec!["f"])])
            .unwrap_err();
        assert!(err.message.contains("unknown context `menu`"), "{err:?}");
    }

    #[test]
    fn essential_actions_keep_a_key() {
        for (entry, context) in [
            ("quit", "normal"),
            ("help", "normal"),
            ("popup.close", "popup"),
            ("note.close", "note"),
            ("confirm.no", "confirm"),
        ] {
            let err = Keymap::default().with_overrides([(entry, vec![])]).unwrap_err();
            assert_eq!(err.entries, vec![entry.to_string()]);
            assert!(
                err.message
                    .ends_with(&format!("needs at least one key in the {context} keys")),
                "{err:?}"
            );
        }
        // Other keys for them, or unbinding one context where another way out is left, is fine.
        assert!(Keymap::default().with_overrides([("quit", vec!["Q"])]).is_ok());
        assert!(Keymap::default().with_overrides([("popup.quit", vec![])]).is_ok());
        assert!(
            ESSENTIAL
                .iter()
                .all(|(c, a)| !Keymap::default().keys(*c, a).is_empty())
        );
    }

    #[test]
    fn control_characters_are_not_keys() {
        assert!(Chord::parse("\u{1b}").is_err());
        assert!(Chord::parse("ctrl-\u{7}").is_err());
    }

    #[test]
    fn shifted_letters_and_backtab_normalise() {
        let shifted = Chord::new(KeyCode::Char('N'), KeyModifiers::SHIFT);
        assert_eq!(shifted, Chord::parse("N").expect("key"));
        let backtab = Chord::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(backtab, Chord::parse("shift-tab").expect("key"));
        assert_eq!(Chord::parse("-").expect("key").code, KeyCode::Char('-'));
    }
}
