//! The terminal reader: one pane per article, side by side, stepping from one shared event to
//! the next. This file owns the terminal and the loop; everything else is pure state
//! (`app`), data (`action`, `keymap`, `theme`) or drawing (`ui`).
//!
//! The loop is synchronous: draw, wait for a key, a mouse event, a resize or the analysis
//! thread's report, turn it into an `Action`, `app.update(action)`, carry out the `Effect`
//! (a note change goes to the story's `NoteStore`; an export is written by `export_view`, with
//! the story's notes); the outcome of either goes back to the app as an action. Note changes a
//! failed save left unsaved go with the next save, or are saved as the reader closes.
//! The analysis runs on its own thread so the texts are on screen at once, even for a large
//! story; a story that must first be read from the web is read on a thread too (`run_story`),
//! the status line showing its steps and each article's pane appearing as its page arrives
//! (texts only, read-only keys); the analysis starts once every page is in. A termination
//! signal (`signals`) ends the loop as a quit does, and the process after the terminal is
//! given back.

pub mod action;
pub mod app;
pub mod geometry;
pub mod keymap;
pub mod options;
pub mod signals;
pub mod theme;
pub mod ui;
pub mod wrap;

use crate::coverage::SourceCoverage;
use crate::export::{self, View, WriteError};
use crate::notes::NoteStore;
use crate::{Analysis, Corpus, Settings};
use action::{Action, Effect, ExportRequest, Exported, NoteChange, NoteOutcome};
use app::App;
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind};
use crossterm::event::{MouseButton, MouseEventKind};
use crossterm::execute;
use ratatui::DefaultTerminal;
use ratatui::layout::Rect;
use signals::Signals;
use std::io;
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

pub use options::{Env, Options};

/// The analysis thread's name, by which the panic hook knows it.
const ANALYSIS_THREAD: &str = "analysis";

/// Lowers the calling thread's priority below the interface thread's (on Linux a nice value of
/// 2, for this thread alone), so that keys and redraws are served first while the analysis
/// runs. A thread already at that nice value or lower in priority is left as it is; failure
/// leaves it unchanged, which costs only smoothness.
pub fn yield_to_interface() {
    use thread_priority::{ThreadPriority, ThreadPriorityValue, set_current_thread_priority};
    if thread_nice().is_some_and(|nice| nice >= BACKGROUND_NICE) {
        return;
    }
    if let Ok(value) = ThreadPriorityValue::try_from(BACKGROUND_PRIORITY) {
        let _ = set_current_thread_priority(ThreadPriority::Crossplatform(value));
    }
}

/// The analysis threads' priority on `thread-priority`'s 0–99 scale, which it maps onto nice
/// values from 19 down to -20: 43 is nice 2, enough for the scheduler to serve the interface
/// first without starving the analysis when other programs are busy.
const BACKGROUND_PRIORITY: u8 = 43;
const BACKGROUND_NICE: i64 = 2;

/// The calling thread's nice value, from `/proc/thread-self/stat` (its 19th field).
#[cfg(target_os = "linux")]
fn thread_nice() -> Option<i64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // The command name may hold spaces; the fields after its closing parenthesis do not.
    let after = stat.get(stat.rfind(')')? + 2..)?;
    after.split(' ').nth(16)?.parse().ok()
}

#[cfg(not(target_os = "linux"))]
fn thread_nice() -> Option<i64> {
    None
}

/// What the analysis thread panicked with, to report once the terminal is restored.
static ANALYSIS_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Rows the mouse wheel scrolls per notch.
const WHEEL_ROWS: i32 = 3;

/// How long the loop waits for input before it looks for a signal again.
const SIGNAL_POLL: Duration = Duration::from_millis(100);

/// The notes store of a story, or why there is none (the reader runs without it).
pub type Notes = Result<NoteStore, String>;

/// Opens the notes of a story in `dir`, with what the store had to report.
pub fn open_notes(dir: Option<&std::path::Path>, corpus: &Corpus) -> (Notes, Vec<String>) {
    let Some(dir) = dir else {
        let why = "no data folder is known on this system".to_string();
        return (Err(why.clone()), vec![format!("notes cannot be saved: {why}")]);
    };
    match NoteStore::open(dir, corpus) {
        Ok((store, report)) => (Ok(store), report.messages),
        Err(e) => (Err(e.to_string()), vec![format!("notes cannot be saved: {e}")]),
    }
}

/// Carries out a note change and turns the store's answer into the action that reports it.
pub fn perform(notes: &mut Notes, change: NoteChange) -> Action {
    let store = match notes {
        Ok(store) => store,
        Err(why) => {
            return Action::NoteSaved(NoteOutcome::Failed {
                why: format!("notes are unavailable: {why}"),
                kept: false,
                notes: None,
            });
        }
    };
    let id = change.id().to_string();
    let result = match change {
        NoteChange::Add { id, target, text } => store.put(&id, target, &text),
        NoteChange::Edit { id, text } => store.edit(&id, &text),
        NoteChange::Delete { id } => store.delete(&id),
        NoteChange::Discard { id } => {
            store.discard(&id);
            return Action::NoteSaved(NoteOutcome::Discarded {
                notes: store.entries(),
            });
        }
    };
    Action::NoteSaved(match result {
        Ok(report) => NoteOutcome::Saved {
            notes: store.entries(),
            messages: report.messages,
        },
        Err(e) => NoteOutcome::Failed {
            why: e.to_string(),
            kept: store.is_unsaved(&id),
            notes: Some(store.entries()),
        },
    })
}

/// Saves what the notes store still holds unsaved, as the reader closes; says why it could not.
pub fn flush_notes(notes: &mut Notes) -> Option<String> {
    let store = notes.as_mut().ok()?;
    let unsaved = store.unsaved();
    if unsaved == 0 {
        return None;
    }
    store
        .save()
        .err()
        .map(|e| format!("{unsaved} note change(s) could not be saved: {e}"))
}

/// Applies an action and carries out its effects; true when the reader should quit.
pub fn step(app: &mut App, notes: &mut Notes, action: Action) -> bool {
    let mut effect = app.update(action);
    loop {
        match effect {
            Effect::Continue => return false,
            Effect::Quit => return true,
            Effect::Note(change) => effect = app.update(perform(notes, change)),
            Effect::Export(request) => effect = app.update(export_view(app, &request)),
        }
    }
}

/// Works out on its own thread what each source of `analysis` leaves out and alone reports
/// (`coverage::coverage`), so the reader keeps answering keys meanwhile.
fn coverage_thread(analysis: Analysis) -> Receiver<Vec<SourceCoverage>> {
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name(ANALYSIS_THREAD.into())
        .spawn(move || {
            yield_to_interface();
            // The reader may have quit already; nobody is left to tell.
            let _ = tx.send(crate::coverage::coverage(&analysis));
        });
    // Without a thread the channel closes at once, which the reader takes as nothing found.
    drop(spawned);
    rx
}

/// What the analysis thread reports: each step as it begins, then the analysis.
enum Analysed {
    Stage(crate::Stage),
    Done(Box<Analysis>),
}

/// A story to open: read already, or still to be read.
pub enum Story {
    Ready(Corpus),
    /// Read on its own thread while the reader shows how it goes (pages fetched from the web).
    Load(Load),
}

/// Reads a story, telling how it goes (`Progress`); ends with the story and a note to show
/// once it is on screen, or why it could not be read.
pub type Load = Box<dyn FnOnce(&mut dyn FnMut(Progress)) -> Result<Loaded, String> + Send>;

/// How the reading of a story goes.
pub enum Progress {
    /// The step it is on, for the status line ("fetching 3/5 · example.com…").
    Step(String),
    /// Something to say while it goes on (the page cache cannot be written).
    Warned(String),
    /// The articles read so far, in the story's order: their panes are shown at once.
    Arrived(Corpus),
}

/// A story read by a `Load`.
pub struct Loaded {
    pub corpus: Corpus,
    /// Shown in the status line when the texts appear (URLs left out, for instance).
    pub notice: Option<String>,
}

/// What the loading thread reports.
enum Loading {
    Progress(Progress),
    Done(Result<Loaded, String>),
}

/// Opens the reader on a corpus: the texts at once, the analysis when its thread is done.
/// A termination signal ends the process once the terminal is given back, with 128 + the
/// signal's number.
pub fn run(corpus: Corpus, settings: Settings, options: Options) -> io::Result<()> {
    run_story(Story::Ready(corpus), settings, options)?.map_err(io::Error::other)
}

/// `run` on a story that may still have to be read: until it is, the status line shows the
/// loading's steps ("fetching 3/5 · example.com…") and `q`, `esc` or `ctrl-c` leave. The inner
/// error is why the story could not be read, to say once the terminal is given back.
pub fn run_story(story: Story, settings: Settings, options: Options) -> io::Result<Result<(), String>> {
    let started = Instant::now();
    let signals = Signals::watch()?;
    signals.watch_terminal()?;
    let mut terminal = ratatui::try_init().inspect_err(|_| {
        signals.given_back();
    })?;
    let mut shown = None;
    let loaded = match story {
        Story::Ready(corpus) => Ok(Ok(Some(Loaded { corpus, notice: None }))),
        Story::Load(load) => wait_for(load, &mut terminal, &signals, &options, &mut shown),
    };
    let loaded = match loaded {
        Ok(Ok(Some(loaded))) => loaded,
        other => {
            // Nothing here may panic or print on failure: after a hangup the terminal is gone.
            let restored = ratatui::try_restore();
            if let Some(status) = signals.given_back() {
                std::process::exit(status);
            }
            let outcome = other?;
            restored?;
            return Ok(outcome.map(|_| ()));
        }
    };
    let corpus = loaded.corpus;
    let (tx, rx) = mpsc::channel();
    let for_analysis = corpus.clone();
    std::thread::Builder::new()
        .name(ANALYSIS_THREAD.into())
        .spawn(move || {
            yield_to_interface();
            let progress = tx.clone();
            let analysis = crate::analyse_with(for_analysis, &settings, &mut |stage| {
                let _ = progress.send(Analysed::Stage(stage));
            });
            // The reader may have quit already; nobody is left to tell.
            let _ = tx.send(Analysed::Done(Box::new(analysis)));
        })?;
    // ratatui's hook restores the screen on a panic; the mouse must be released too. A panic
    // of the analysis thread leaves the reader running (it shows the texts only) and is
    // reported after the terminal is given back, never printed behind the UI.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() == Some(ANALYSIS_THREAD) {
            if let Ok(mut slot) = ANALYSIS_PANIC.lock() {
                *slot = Some(info.to_string());
            }
            return;
        }
        let _ = execute!(io::stdout(), DisableMouseCapture);
        hook(info);
    }));
    let (mut notes, notes_report) = open_notes(options.notes_dir.as_deref(), &corpus);
    let mouse = if options.mouse {
        execute!(io::stdout(), EnableMouseCapture)
    } else {
        Ok(())
    };
    let result = mouse.and_then(|()| {
        let size = terminal.size()?;
        let area = Rect::new(0, 0, size.width, size.height);
        let mut app = reader(shown, corpus, &options, area);
        app.set_analysing(true);
        if let Ok(store) = &notes {
            app.set_notes(store.entries());
        }
        let notices: Vec<String> = loaded.notice.into_iter().chain(notes_report).collect();
        if !notices.is_empty() {
            app.set_message(notices.join(" · "));
        }
        event_loop(
            &mut terminal,
            &mut app,
            &rx,
            &signals,
            &options,
            &mut notes,
            started,
        )
    });
    let unsaved = flush_notes(&mut notes);
    // Nothing here may panic or print on failure: after a hangup the terminal is gone.
    let _ = execute!(io::stdout(), DisableMouseCapture);
    let restored = ratatui::try_restore();
    let _ = terminal.show_cursor();
    let _ = std::panic::take_hook();
    if let Some(why) = unsaved {
        crate::display::report(&why);
    }
    if let Some(panic) = ANALYSIS_PANIC.lock().ok().and_then(|mut p| p.take()) {
        crate::display::report(&format!("the analysis failed: {panic}"));
    }
    if let Some(status) = signals.given_back() {
        std::process::exit(status);
    }
    let timings = result?;
    restored?;
    if options.timing.is_some() {
        crate::display::report(&timings.to_string());
    }
    Ok(Ok(()))
}

/// Runs a `Load` on its own thread, drawing its steps in the status line until it is done;
/// `Ok(None)` when the user or a signal ended the wait. Articles are shown in `shown` as they
/// arrive, and the keys that only read (scrolling, focus, help, quit) work on them; the others
/// wait until every page is in, as the notes and the export are for the whole story.
fn wait_for(
    load: Load,
    terminal: &mut DefaultTerminal,
    signals: &Signals,
    options: &Options,
    shown: &mut Option<App>,
) -> io::Result<Result<Option<Loaded>, String>> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("loading".into())
        .spawn(move || {
            let steps = tx.clone();
            let loaded = load(&mut |progress| {
                let _ = steps.send(Loading::Progress(progress));
            });
            let _ = tx.send(Loading::Done(loaded));
        })?;
    let mut line = "reading the articles…".to_string();
    let mut warnings: Vec<String> = Vec::new();
    let mut refused = false;
    loop {
        if signals.pending().is_some() {
            return Ok(Ok(None));
        }
        let status = std::iter::once(line.as_str())
            .chain(refused.then_some("that key waits until every page is read"))
            .chain(warnings.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" · ");
        match shown.as_mut() {
            Some(app) => {
                app.set_message(status);
                terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
            }
            None => {
                terminal.draw(|frame| {
                    let screen = ui::Loading {
                        line: &status,
                        theme: &options.theme,
                    };
                    frame.render_widget(screen, frame.area());
                })?;
            }
        }
        match rx.try_recv() {
            Ok(Loading::Progress(Progress::Step(step))) => line = step,
            Ok(Loading::Progress(Progress::Warned(why))) => warnings.push(why),
            Ok(Loading::Progress(Progress::Arrived(corpus))) => {
                let size = terminal.size()?;
                let area = Rect::new(0, 0, size.width, size.height);
                *shown = Some(reader(shown.take(), corpus, options, area));
            }
            Ok(Loading::Done(done)) => return Ok(done.map(Some)),
            Err(TryRecvError::Disconnected) => return Ok(Err("reading the articles failed".into())),
            Err(TryRecvError::Empty) => {
                if !event::poll(Duration::from_millis(30))? {
                    continue;
                }
                let e = event::read()?;
                let Some(app) = shown.as_mut() else {
                    if leaves(&e) {
                        return Ok(Ok(None));
                    }
                    continue;
                };
                let action = action_of(app, e);
                refused = !only_reads(&action);
                if !refused && matches!(app.update(action), Effect::Quit) {
                    return Ok(Ok(None));
                }
            }
        }
    }
}

/// A reader on the texts of `corpus`, with no analysis yet. Given the reader that showed the
/// story so far, each article's pane stays where it was read to, and the focus and the open
/// popup stay too.
pub fn reader(before: Option<App>, corpus: Corpus, options: &Options, area: Rect) -> App {
    let mut app = App::loading(corpus, options.keymap.clone(), options.theme.clone(), area);
    app.set_analysing(false);
    app.set_min_pane_width(options.pane_min_width);
    app.set_sync(options.sync_scroll);
    app.set_export_options(options.export.clone());
    let Some(before) = before else {
        return app;
    };
    app.carry_over(before);
    // A resize brings the focused pane into view and keeps the popup's selection in range.
    let _ = app.update(Action::Resize(area.width, area.height));
    app
}

/// Whether an action only reads the texts shown, so it may act before every page is in.
fn only_reads(action: &Action) -> bool {
    matches!(
        action,
        Action::Quit
            | Action::ScrollDown
            | Action::ScrollUp
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom
            | Action::FocusNext
            | Action::FocusPrev
            | Action::PanesNext
            | Action::PanesPrev
            | Action::ToggleSync
            | Action::Help
            | Action::Close
            | Action::SelectDown
            | Action::SelectUp
            | Action::SelectPageDown
            | Action::SelectPageUp
            | Action::Resize(..)
            | Action::ScrollAt { .. }
            | Action::ClickAt { .. }
            | Action::HoverAt { .. }
            | Action::ToggleColors
            | Action::None
    )
}

/// Whether a terminal event asks to leave while the story is read and nothing is shown yet.
fn leaves(e: &Event) -> bool {
    use crossterm::event::{KeyCode, KeyModifiers};
    match e {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            matches!(key.code, KeyCode::Char('q') | KeyCode::Esc)
                || (key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL))
        }
        _ => false,
    }
}

/// When the first frames were drawn, for `PARALLAX_TIMING`.
#[derive(Debug, Default)]
struct Timings {
    first_frame: Option<Duration>,
    analysed_frame: Option<Duration>,
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ms =
            |d: Option<Duration>| d.map_or("-".to_string(), |d| format!("{:.1} ms", d.as_secs_f64() * 1e3));
        write!(
            f,
            "first frame: {}; first frame with the analysis: {}",
            ms(self.first_frame),
            ms(self.analysed_frame)
        )
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    analysis: &Receiver<Analysed>,
    signals: &Signals,
    options: &Options,
    notes: &mut Notes,
    started: Instant,
) -> io::Result<Timings> {
    let mut timings = Timings::default();
    let mut waiting = true;
    let mut coverage: Option<Receiver<Vec<SourceCoverage>>> = None;
    loop {
        if signals.pending().is_some() {
            return Ok(timings);
        }
        if app.coverage_pending() {
            let rx = coverage.get_or_insert_with(|| coverage_thread(app.analysis().clone()));
            match rx.try_recv() {
                Ok(found) => app.set_coverage(found),
                Err(TryRecvError::Empty) => {}
                // The thread failed: nothing is left out, as far as the reader can tell.
                Err(TryRecvError::Disconnected) => app.set_coverage(Vec::new()),
            }
            if !app.coverage_pending() {
                coverage = None;
            }
        }
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        timings.first_frame.get_or_insert_with(|| started.elapsed());
        if !app.analysing() && timings.analysed_frame.is_none() {
            timings.analysed_frame = Some(started.elapsed());
            if options.timing.as_deref() == Some("exit") {
                return Ok(timings);
            }
        }
        let action = if waiting {
            match analysis.try_recv() {
                Ok(Analysed::Stage(stage)) => {
                    app.set_stage(stage);
                    continue;
                }
                Ok(Analysed::Done(done)) => {
                    waiting = false;
                    Some(Action::Analysed(done))
                }
                Err(TryRecvError::Empty) => None,
                Err(TryRecvError::Disconnected) => {
                    waiting = false;
                    app.analysis_failed();
                    None
                }
            }
        } else {
            None
        };
        let action = match action {
            Some(a) => a,
            // While the analysis or its coverage is worked out, look back at it often; otherwise
            // wait for input.
            None if (waiting || coverage.is_some()) && !event::poll(Duration::from_millis(30))? => continue,
            None if waiting || coverage.is_some() => read_action(app)?,
            None => match next_action(app, signals)? {
                Some(a) => a,
                None => return Ok(timings),
            },
        };
        if step(app, notes, action) {
            return Ok(timings);
        }
    }
}

/// Carries out an export: the view rendered in memory, then written atomically. The outcome
/// is an action for the app, so the reader says what happened.
pub fn export_view(app: &App, request: &ExportRequest) -> Action {
    let mut bytes = Vec::new();
    let view = View { focus: request.focus };
    let notes = app.notes();
    let outcome = match export::write_view(app.analysis(), &notes, request.format, view, &mut bytes) {
        Err(e) => Exported::Failed(format!("{}: {e}", request.path.display())),
        Ok(()) => match export::write_file(&request.path, &bytes, request.overwrite) {
            Ok(()) => Exported::Written(request.path.clone()),
            Err(WriteError::Exists(path)) => Exported::Exists(path),
            Err(e) => Exported::Failed(e.to_string()),
        },
    };
    Action::Exported(outcome)
}

/// Waits for the next terminal event and turns it into an action; `None` when a signal came
/// first.
fn next_action(app: &App, signals: &Signals) -> io::Result<Option<Action>> {
    while signals.pending().is_none() {
        if event::poll(SIGNAL_POLL)? {
            return read_action(app).map(Some);
        }
    }
    Ok(None)
}

/// Reads the terminal event that is ready and turns it into an action.
fn read_action(app: &App) -> io::Result<Action> {
    Ok(action_of(app, event::read()?))
}

/// A terminal event as an action.
fn action_of(app: &App, e: Event) -> Action {
    match e {
        Event::Key(key) if key.kind != KeyEventKind::Release => app.key(key),
        Event::Resize(width, height) => Action::Resize(width, height),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Action::ScrollAt {
                column: m.column,
                row: m.row,
                lines: WHEEL_ROWS,
            },
            MouseEventKind::ScrollUp => Action::ScrollAt {
                column: m.column,
                row: m.row,
                lines: -WHEEL_ROWS,
            },
            MouseEventKind::Down(MouseButton::Left) => Action::ClickAt {
                column: m.column,
                row: m.row,
            },
            MouseEventKind::Moved => Action::HoverAt {
                column: m.column,
                row: m.row,
            },
            _ => Action::None,
        },
        _ => Action::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pointer_and_the_colours_act_while_pages_arrive() {
        assert!(only_reads(&Action::HoverAt { column: 3, row: 4 }));
        assert!(only_reads(&Action::ToggleColors));
        assert!(!only_reads(&Action::NextEvent));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn an_analysis_thread_runs_below_the_interface_threads_priority() {
        let nice = || thread_nice().expect("a nice value");
        let before = nice();
        let (start, after) = std::thread::spawn(move || {
            let start = nice();
            yield_to_interface();
            (start, nice())
        })
        .join()
        .expect("thread");
        assert_eq!(start, before, "a new thread starts at its parent's priority");
        if start < BACKGROUND_NICE {
            assert_eq!(after, BACKGROUND_NICE);
        } else {
            assert_eq!(after, start, "a thread already below is left as it is");
        }
        assert_eq!(nice(), before, "the calling thread alone is lowered");
    }
}
