//! The explorer's runner: terminal setup and teardown, the event loop, and the file work
//! ([`Effect`]s) the state asks for.
//!
//! The loop blocks on the next event, drains whatever else is already waiting, then draws
//! once: no ticks, no work while idle. It is generic over the backend and the event source,
//! so tests drive the very same loop on ratatui's `TestBackend` with scripted events.

use std::collections::VecDeque;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::layout::Rect;

use crate::app::{App, Effect, Msg, SCENARIOS_DIR};
use crate::diagnostic::{EXIT_BAD_INPUT, report};
use crate::files::save_atomically;
use crate::national::National;
use crate::rules::RuleSet;
use crate::scenario::Scenario;
use crate::ui::{self, Theme};

/// Where events come from: the terminal, or a script in tests.
pub trait EventSource {
    /// Wait for the next event.
    fn read(&mut self) -> io::Result<Event>;
    /// The next event if one is already waiting.
    fn ready(&mut self) -> io::Result<Option<Event>>;
}

/// Events from the real terminal (crossterm).
///
/// crossterm is built with its `use-dev-tty` event source, which waits with a level-triggered
/// `poll(2)` on the terminal and the resize signal together. Its default source waits
/// edge-triggered and, when a resize and a key arrive in the same wake-up, returns the resize
/// and forgets the key's readiness: the key then sat unread until the next key press. With
/// this source `ready` sees only events already read, so a burst is sometimes drawn once per
/// event; a frame costs well under a millisecond.
pub struct TerminalEvents;

impl EventSource for TerminalEvents {
    fn read(&mut self) -> io::Result<Event> {
        event::read()
    }

    fn ready(&mut self) -> io::Result<Option<Event>> {
        if event::poll(Duration::ZERO)? {
            event::read().map(Some)
        } else {
            Ok(None)
        }
    }
}

/// A fixed list of events (tests and benchmarks). Reading past the end is an error, so a
/// script that forgets to quit fails instead of hanging.
pub struct ScriptedEvents {
    events: VecDeque<Event>,
    /// Deliver events one per loop turn (a draw after each) instead of draining them.
    pub one_per_frame: bool,
}

impl ScriptedEvents {
    pub fn new(events: impl IntoIterator<Item = Event>) -> Self {
        ScriptedEvents {
            events: events.into_iter().collect(),
            one_per_frame: false,
        }
    }
}

impl EventSource for ScriptedEvents {
    fn read(&mut self) -> io::Result<Event> {
        self.events
            .pop_front()
            .ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "the event script ended"))
    }

    fn ready(&mut self) -> io::Result<Option<Event>> {
        if self.one_per_frame {
            Ok(None)
        } else {
            Ok(self.events.pop_front())
        }
    }
}

/// How the loop runs.
#[derive(Clone, Copy, Debug, Default)]
pub struct RunOptions {
    /// Translate mouse events (the terminal must have mouse capture on).
    pub mouse: bool,
    /// Draw one frame and return.
    pub exit_after_first_frame: bool,
    /// Ctrl-Z: hand the terminal back, stop until `fg`, take it again (None: not possible
    /// here, said so).
    pub suspend: Option<fn() -> io::Result<()>>,
}

/// The event loop: draw, then for each batch of events update the state and draw again,
/// until the state asks to quit.
pub fn run<B, E>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    theme: &Theme,
    events: &mut E,
    options: RunOptions,
) -> color_eyre::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    E: EventSource,
{
    run_keeping(terminal, app, theme, events, options, &mut |_| {})
}

/// [`run`], calling `keep` after every batch of events (and once before the first): the
/// runner keeps the recovery file there.
pub fn run_keeping<B, E>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    theme: &Theme,
    events: &mut E,
    options: RunOptions,
    keep: &mut dyn FnMut(&mut App),
) -> color_eyre::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    E: EventSource,
{
    let size = terminal.size()?;
    app.size = (size.width, size.height);
    terminal.draw(|f| ui::draw(f, app, theme))?;
    if options.exit_after_first_frame {
        return Ok(());
    }
    keep(app);
    loop {
        // The Roster view's what-if goes on a slice at a time while no key is waiting.
        let first = loop {
            if !app.roster_work_pending() {
                break events.read()?;
            }
            match events.ready()? {
                Some(e) => break e,
                None => {
                    app.roster_work(Some(crate::app::roster_view::WORK_PER_KEY));
                    terminal.draw(|f| ui::draw(f, app, theme))?;
                }
            }
        };
        handle_event(app, first, options.mouse);
        while !app.should_quit && !app.session.suspend_requested {
            match events.ready()? {
                Some(e) => handle_event(app, e, options.mouse),
                None => break,
            }
        }
        if app.should_quit {
            return Ok(());
        }
        if std::mem::take(&mut app.session.suspend_requested) {
            match options.suspend {
                Some(suspend) => {
                    // Whatever the outcome, the screen is drawn whole again.
                    let outcome = suspend();
                    terminal.clear()?;
                    if let Err(e) = outcome {
                        app.update(Msg::Suspended(Err(e.to_string())));
                    }
                }
                None => {
                    app.update(Msg::Suspended(
                        Err("suspending is not possible here".into()),
                    ));
                }
            }
        }
        terminal.draw(|f| ui::draw(f, app, theme))?;
        keep(app);
    }
}

/// Turn a terminal event into a message and apply it (with any file work it asks for).
pub fn handle_event(app: &mut App, event: Event, mouse: bool) {
    let msg = match event {
        Event::Key(k) => Some(Msg::Key(k)),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Mouse(m) if mouse => mouse_message(app, m),
        _ => None,
    };
    if let Some(msg) = msg {
        dispatch(app, msg);
    }
}

fn mouse_message(app: &App, m: MouseEvent) -> Option<Msg> {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let field = ui::field_at(app, area, m.column, m.row);
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => field.map(Msg::Click),
        MouseEventKind::ScrollUp => Some(Msg::Scroll { field, up: true }),
        MouseEventKind::ScrollDown => Some(Msg::Scroll { field, up: false }),
        _ => None,
    }
}

/// Apply a message, then perform the effects it returns, feeding their outcomes back.
pub fn dispatch(app: &mut App, msg: Msg) {
    let mut effects: VecDeque<Effect> = app.update(msg).into();
    while let Some(effect) = effects.pop_front() {
        if let Some(outcome) = perform(effect, &app.rules) {
            effects.extend(app.update(outcome));
        }
    }
}

/// Do the file work of an effect (the only I/O besides the terminal).
pub fn perform(effect: Effect, rules: &RuleSet) -> Option<Msg> {
    Some(match effect {
        Effect::Write {
            purpose,
            path,
            contents,
            overwrite,
        } => Msg::Written {
            purpose,
            result: save_atomically(&path, &contents, overwrite),
            contents,
        },
        Effect::Open(path) if crate::workspace::is_workspace_file(&path) => {
            open_workspace(path, rules)
        }
        Effect::OpenRoster {
            path,
            performance_year,
        } => {
            let options = crate::roster::ReadOptions {
                performance_year,
                ..crate::app::roster_view::read_options()
            };
            let result = crate::roster::table::Roster::load(&path, &options, rules).map(Box::new);
            Msg::RosterOpened { path, result }
        }
        Effect::Open(path) if crate::app::roster_view::is_roster_file(&path) => {
            let result = crate::roster::table::Roster::load(
                &path,
                &crate::app::roster_view::read_options(),
                rules,
            )
            .map(Box::new);
            Msg::RosterOpened { path, result }
        }
        Effect::SaveRoster {
            roster,
            path,
            kind,
            overwrite,
        } => {
            // The bytes are made once the file may be written (not when it exists and the
            // user is asked first): the roster's own file is read again for its other columns.
            let mut saved = None;
            let result = crate::files::save_atomically_with(&path, "", overwrite, |file, _| {
                let (bytes, s) = roster.to_bytes(kind).map_err(std::io::Error::other)?;
                saved = Some(s);
                file.write_all(&bytes)
            });
            let over_its_file = match &result {
                Ok(full) if same_file(full, &roster.file) => crate::files::FileStamp::of(full),
                _ => None,
            };
            Msg::RosterSaved {
                result,
                saved,
                over_its_file,
            }
        }
        Effect::Open(path) => {
            let result = Scenario::load(&path, rules);
            Msg::Opened { path, result }
        }
        Effect::ListScenarios => Msg::Listed(list_openable(
            Path::new(SCENARIOS_DIR),
            Path::new(crate::app::files::ROSTERS_DIR),
        )),
        Effect::ForgetRecovery(path) => {
            let _ = std::fs::remove_file(path);
            return None;
        }
        Effect::Describe(paths) => Msg::Described(
            paths
                .iter()
                .map(|p| {
                    let info = crate::catalog::describe(Path::new(p), rules);
                    // The summary, then the first line of the file's teaching comment.
                    let summary = match &info.comment {
                        Some(c) => format!("{} — {c}", info.summary()),
                        None => info.summary(),
                    };
                    crate::app::prompts::Described {
                        path: p.clone(),
                        summary,
                        preview: info.preview,
                    }
                })
                .collect(),
        ),
        Effect::Complete { text, extensions } => {
            Msg::Completed(crate::completion::complete(&text, &extensions))
        }
        Effect::ReadNotes(path) => {
            let notes = crate::files::read_text_file(&path)
                .ok()
                .and_then(|text| crate::teaching::notes::teaching_notes(&text));
            Msg::Notes { path, notes }
        }
    })
}

/// Are these two paths the same file?
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Open a workspace, with its current column's file as it is on disk (for "modified").
pub fn open_workspace(path: PathBuf, rules: &RuleSet) -> Msg {
    let result = crate::workspace::open(&path, rules).map(Box::new);
    let on_disk = current_on_disk(result.as_ref().ok().map(|o| &o.workspace), rules);
    Msg::WorkspaceOpened {
        path,
        result,
        on_disk,
    }
}

/// The current column's scenario file as it is on disk now, if it has one that opens.
fn current_on_disk(w: Option<&crate::workspace::Workspace>, rules: &RuleSet) -> Option<Scenario> {
    let file = w?.columns.iter().find(|c| c.current)?.file.as_ref()?;
    Scenario::load(file, rules).ok()
}

/// The `.toml` files of a folder, as paths relative to the working folder, sorted.
pub fn list_scenarios(dir: &Path) -> Result<Vec<String>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => format!("No {}/ folder here: type a path", dir.display()),
        _ => format!("Cannot list {}/: {e}. Type a path", dir.display()),
    })?;
    let mut out: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .map(|p| p.display().to_string())
        .collect();
    out.sort();
    Ok(out)
}

/// The files the open picker lists: the scenarios and workspaces (`.toml`) of `scenarios`,
/// sorted, then the rosters (`.csv`, `.xlsx`, `.xlsm`) of `scenarios` and `rosters`, sorted.
/// An error only when neither folder can be listed.
pub fn list_openable(scenarios: &Path, rosters: &Path) -> Result<Vec<String>, String> {
    let toml = list_scenarios(scenarios);
    let mut found: Vec<String> = Vec::new();
    let mut listed_any = toml.is_ok();
    for dir in [scenarios, rosters] {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        listed_any = true;
        found.extend(
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && crate::roster::is_roster_path(p))
                .map(|p| p.display().to_string()),
        );
    }
    if !listed_any {
        return toml.map_err(|why| {
            why.replace(
                "folder here",
                &format!("or {}/ folder here", rosters.display()),
            )
        });
    }
    found.sort();
    let mut out = toml.unwrap_or_default();
    out.extend(found);
    Ok(out)
}

/// What the command line asks of the explorer.
#[derive(Clone, Debug, Default)]
pub struct ExplorerOptions {
    /// The scenario file to open (the built-in example when None).
    pub file: Option<PathBuf>,
    /// Capture the mouse (click a field, scroll to nudge).
    pub mouse: bool,
    /// The performance year of a roster's rows without a year column.
    pub performance_year: Option<u16>,
    /// Draw one frame and exit (for measuring startup).
    pub exit_after_first_frame: bool,
    /// Panic after the first frame (for testing that the terminal is restored).
    pub panic_after_first_frame: bool,
}

/// `mips-whatif [FILE]`: open the explorer in the terminal.
pub fn main(cli: &ExplorerOptions, rules: RuleSet) -> color_eyre::Result<ExitCode> {
    if !io::stdout().is_terminal() {
        let _ = writeln!(
            io::stderr(),
            "mips-whatif: the explorer needs a terminal, and standard output is not one.\n\
             To print results instead, use `mips-whatif score FILE` (or `mips-whatif table`);\n\
             see `mips-whatif --help`."
        );
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    let workspace = cli
        .file
        .as_ref()
        .filter(|p| crate::workspace::is_workspace_file(p));
    let roster_file = cli
        .file
        .as_ref()
        .filter(|p| crate::app::roster_view::is_roster_file(p));
    if let Some(y) = cli.performance_year {
        let problem = if roster_file.is_none() {
            Some("is for a roster (a .csv or .xlsx FILE)".to_string())
        } else if rules.year(y).is_none() {
            Some(format!("{y} is not a supported performance year"))
        } else {
            None
        };
        if let Some(p) = problem {
            let _ = writeln!(
                io::stderr(),
                "error: --performance-year {p}\n  = allowed: --performance-year YEAR with a roster whose rows have no year column ({})",
                rules.years_text()
            );
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        }
    }
    let roster = match roster_file {
        Some(path) => match crate::roster::table::Roster::load(
            path,
            &crate::roster::ReadOptions {
                performance_year: cli.performance_year,
                mapping: None,
            },
            &rules,
        ) {
            Ok(r) => Some(r),
            Err(d) => {
                report(&d);
                return Ok(ExitCode::from(EXIT_BAD_INPUT));
            }
        },
        None => None,
    };
    let (scenario, file): (Scenario, Option<PathBuf>) = match (&cli.file, workspace) {
        (Some(_), None) if roster.is_some() => (Scenario::default_group(), None),
        (Some(path), None) => match Scenario::load(path, &rules) {
            Ok(s) => (s, Some(path.clone())),
            Err(d) => {
                report(&d);
                return Ok(ExitCode::from(EXIT_BAD_INPUT));
            }
        },
        _ => (Scenario::default_group(), None),
    };
    let opened_workspace = match workspace {
        Some(path) => match open_workspace(path.clone(), &rules) {
            Msg::WorkspaceOpened { result: Err(d), .. } => {
                report(&d);
                return Ok(ExitCode::from(EXIT_BAD_INPUT));
            }
            Msg::WorkspaceOpened { result: Ok(o), .. } if o.workspace.columns.is_empty() => {
                for d in &o.dropped {
                    report(d);
                }
                return Ok(ExitCode::from(EXIT_BAD_INPUT));
            }
            msg => Some(msg),
        },
        None => None,
    };
    let notes = file
        .as_deref()
        .and_then(|p| crate::files::read_text_file(p).ok())
        .and_then(|text| crate::teaching::notes::teaching_notes(&text));
    let mut app = App::new(rules, National::embedded(), scenario, file);
    if let Some(msg) = opened_workspace {
        app.update(msg);
    }
    app.notes = notes;
    if let Some(r) = roster {
        app.open_roster(r);
    }
    in_terminal(
        &mut app,
        cli.mouse,
        cli.exit_after_first_frame,
        cli.panic_after_first_frame,
    )
}

/// `mips-whatif lesson FILE`: the explorer playing a lesson from its first step.
pub fn play_lesson(
    lesson: crate::teaching::lesson::Lesson,
    rules: RuleSet,
    mouse: bool,
) -> color_eyre::Result<ExitCode> {
    if !io::stdout().is_terminal() {
        let _ = writeln!(
            io::stderr(),
            "mips-whatif: the lesson plays in the explorer, which needs a terminal, and standard\n\
             output is not one. To print the lesson instead, use `mips-whatif lesson FILE --print`."
        );
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    let first = lesson.steps[0].scenario.clone();
    let mut app = App::new(rules, National::embedded(), first, None);
    app.start_lesson(lesson);
    in_terminal(&mut app, mouse, false, false)
}

/// Run the explorer on `app` in the terminal, restoring it whatever happens.
fn in_terminal(
    app: &mut App,
    mouse: bool,
    exit_after_first_frame: bool,
    panic_after_first_frame: bool,
) -> color_eyre::Result<ExitCode> {
    let theme = Theme::from_env();
    let recovery = crate::recovery::RecoveryStore::in_state_folder();
    if let Some(store) = &recovery {
        offer_recovery(app, store);
    }

    // color-eyre first, then ratatui's hooks: on a panic the terminal is restored before
    // the report is printed.
    let _ = color_eyre::install();
    // Start listening for events (and so for resizes: the SIGWINCH handler is installed on
    // first use) before the first frame, so a resize during startup is not lost.
    let _ = ratatui::crossterm::event::poll(std::time::Duration::ZERO);
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            return Err(e.into());
        }
    };
    MOUSE.store(mouse, std::sync::atomic::Ordering::Relaxed);
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    if mouse {
        let _ = execute!(io::stdout(), EnableMouseCapture);
    }
    {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(io::stdout(), DisableBracketedPaste);
            if MOUSE.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = execute!(io::stdout(), DisableMouseCapture);
            }
            previous(info);
        }));
    }
    let mut keeper = Keeper {
        store: recovery.clone(),
        written: None,
        failed: false,
    };
    let result = run_keeping(
        &mut terminal,
        app,
        &theme,
        &mut TerminalEvents,
        RunOptions {
            mouse,
            exit_after_first_frame: exit_after_first_frame || panic_after_first_frame,
            suspend: Some(suspend_terminal),
        },
        &mut |app| keeper.keep(app),
    );
    // A normal end (quit, with or without saving): nothing to recover.
    if result.is_ok() && app.should_quit {
        keeper.clear();
    }
    if panic_after_first_frame && result.is_ok() {
        // Still inside the full-screen terminal: the panic hooks must restore it.
        panic!("deliberate panic after the first frame (--panic-after-first-frame)");
    }
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    if mouse {
        let _ = execute!(io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    result?;
    Ok(ExitCode::SUCCESS)
}

/// The mouse is captured (to release and take it again around a suspend).
static MOUSE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Offer what an earlier run left in the recovery folder, or say it was set aside.
pub fn offer_recovery(app: &mut App, store: &crate::recovery::RecoveryStore) {
    use crate::recovery::Found;
    match store.find(&app.rules) {
        Found::Nothing => {}
        Found::Session(r) => {
            let tz = jiff::tz::TimeZone::system();
            let when = r.written_at.map_or_else(
                || "at an unknown time".to_string(),
                |at| crate::recovery::when(at, jiff::Timestamp::now(), &tz),
            );
            let on_disk = current_on_disk(Some(&r.opened.workspace), &app.rules);
            app.offer_restore(r.opened.workspace, r.file, &when, on_disk);
        }
        Found::SetAside { moved_to, problem } => {
            app.warn_recovery_set_aside(&moved_to, &problem);
        }
    }
}

/// Keeps the recovery file: written whenever the session has unsaved work that changed,
/// removed when nothing is unsaved any more.
struct Keeper {
    store: Option<crate::recovery::RecoveryStore>,
    written: Option<crate::workspace::Workspace>,
    /// Writing failed once (said once; tried again on the next change).
    failed: bool,
}

impl Keeper {
    fn keep(&mut self, app: &mut App) {
        let Some(store) = &self.store else { return };
        if app.unsaved_work().is_empty() {
            if self.written.take().is_some() {
                store.clear();
            }
            return;
        }
        let now = app.recovery_workspace();
        if self.written.as_ref() == Some(&now) {
            return;
        }
        match store.write(&now, jiff::Timestamp::now()) {
            Ok(_) => {
                self.written = Some(now);
                self.failed = false;
            }
            Err(e) => {
                if !self.failed {
                    app.warn_recovery_failed(&e.to_string());
                }
                self.failed = true;
            }
        }
    }

    fn clear(&mut self) {
        if let Some(store) = &self.store {
            store.clear();
        }
    }
}

/// Ctrl-Z: give the terminal back to the shell, stop until `fg`, then take it again.
fn suspend_terminal() -> io::Result<()> {
    #[cfg(unix)]
    {
        let mouse = MOUSE.load(std::sync::atomic::Ordering::Relaxed);
        let _ = execute!(io::stdout(), DisableBracketedPaste);
        if mouse {
            let _ = execute!(io::stdout(), DisableMouseCapture);
        }
        ratatui::restore();
        // SAFETY: raise() only delivers a signal to this process; SIGTSTP's default action
        // stops it until the shell continues it (fg).
        unsafe {
            libc::raise(libc::SIGTSTP);
        }
        ratatui::crossterm::terminal::enable_raw_mode()?;
        execute!(
            io::stdout(),
            ratatui::crossterm::terminal::EnterAlternateScreen,
            EnableBracketedPaste
        )?;
        if mouse {
            execute!(io::stdout(), EnableMouseCapture)?;
        }
        Ok(())
    }
    #[cfg(not(unix))]
    {
        Err(io::Error::other(
            "suspending to the shell needs a Unix terminal",
        ))
    }
}
