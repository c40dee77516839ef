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
    self, DisableMouseCapture, EnableMouseCapture, Event, MouseButton, MouseEvent, MouseEventKind,
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
    let size = terminal.size()?;
    app.size = (size.width, size.height);
    terminal.draw(|f| ui::draw(f, app, theme))?;
    if options.exit_after_first_frame {
        return Ok(());
    }
    loop {
        let first = events.read()?;
        handle_event(app, first, options.mouse);
        while !app.should_quit {
            match events.ready()? {
                Some(e) => handle_event(app, e, options.mouse),
                None => break,
            }
        }
        if app.should_quit {
            return Ok(());
        }
        terminal.draw(|f| ui::draw(f, app, theme))?;
    }
}

/// Turn a terminal event into a message and apply it (with any file work it asks for).
pub fn handle_event(app: &mut App, event: Event, mouse: bool) {
    let msg = match event {
        Event::Key(k) => Some(Msg::Key(k)),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
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
        let outcome = perform(effect, &app.rules);
        effects.extend(app.update(outcome));
    }
}

/// Do the file work of an effect (the only I/O besides the terminal).
pub fn perform(effect: Effect, rules: &RuleSet) -> Msg {
    match effect {
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
        Effect::Open(path) => {
            let result = Scenario::load(&path, rules);
            Msg::Opened { path, result }
        }
        Effect::ListScenarios => Msg::Listed(list_scenarios(Path::new(SCENARIOS_DIR))),
        Effect::ReadNotes(path) => {
            let notes = crate::files::read_text_file(&path)
                .ok()
                .and_then(|text| crate::teaching::notes::teaching_notes(&text));
            Msg::Notes { path, notes }
        }
    }
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

/// What the command line asks of the explorer.
#[derive(Clone, Debug, Default)]
pub struct ExplorerOptions {
    /// The scenario file to open (the built-in example when None).
    pub file: Option<PathBuf>,
    /// Capture the mouse (click a field, scroll to nudge).
    pub mouse: bool,
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
    let (scenario, file): (Scenario, Option<PathBuf>) = match &cli.file {
        Some(path) => match Scenario::load(path, &rules) {
            Ok(s) => (s, Some(path.clone())),
            Err(d) => {
                report(&d);
                return Ok(ExitCode::from(EXIT_BAD_INPUT));
            }
        },
        None => (Scenario::default_group(), None),
    };
    let notes = file
        .as_deref()
        .and_then(|p| crate::files::read_text_file(p).ok())
        .and_then(|text| crate::teaching::notes::teaching_notes(&text));
    let mut app = App::new(rules, National::embedded(), scenario, file);
    app.notes = notes;
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
    if mouse {
        let _ = execute!(io::stdout(), EnableMouseCapture);
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(io::stdout(), DisableMouseCapture);
            previous(info);
        }));
    }
    let result = run(
        &mut terminal,
        app,
        &theme,
        &mut TerminalEvents,
        RunOptions {
            mouse,
            exit_after_first_frame: exit_after_first_frame || panic_after_first_frame,
        },
    );
    if panic_after_first_frame && result.is_ok() {
        // Still inside the full-screen terminal: the panic hooks must restore it.
        panic!("deliberate panic after the first frame (--panic-after-first-frame)");
    }
    if mouse {
        let _ = execute!(io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    result?;
    Ok(ExitCode::SUCCESS)
}
