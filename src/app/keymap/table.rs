//! The table itself: every key of the explorer, in the order the help lists it.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{HelpGroup, KeyLine, Keys, Mode};
use crate::app::action::{Action, Dir, Step};
use crate::app::roster_view::RosterAction as R;
use crate::app::sensitivity::SensitivityField;
use crate::app::view::View;

pub(super) fn key(code: KeyCode) -> Keys {
    Keys::Key(code, KeyModifiers::NONE)
}
pub(super) fn ch(c: char) -> Keys {
    key(KeyCode::Char(c))
}
fn ctrl(c: char) -> Keys {
    Keys::Key(KeyCode::Char(c), KeyModifiers::CONTROL)
}
fn with(code: KeyCode, mods: KeyModifiers) -> Keys {
    Keys::Key(code, mods)
}

fn help(group: HelpGroup, label: &'static str, text: &'static str) -> KeyLine {
    KeyLine::new(Some(group), label, text)
}

pub(super) fn build() -> Vec<KeyLine> {
    use Action as A;
    use HelpGroup as G;
    use KeyCode as K;
    use Mode::*;
    let shift = KeyModifiers::SHIFT;
    let ctrl_mod = KeyModifiers::CONTROL;
    let alt = KeyModifiers::ALT;
    let mut views = help(
        G::Explain,
        "v / V  F2…",
        "next / previous view; each view's function key is listed under Views",
    )
    .bind(Main, ch('v'), A::NextView)
    .hint("v")
    .bind(Main, ch('V'), A::PreviousView);
    for v in View::ALL {
        views = views.bind(Main, key(K::F(v.function_key())), A::ShowView(*v));
    }
    vec![
        // ---- Move
        help(
            G::Move,
            "Tab / Shift-Tab",
            "next / previous field (wraps around)",
        )
        .bind(Main, key(K::Tab), A::NextField)
        .hint("Tab")
        .bind(Main, key(K::BackTab), A::PreviousField),
        help(G::Move, "/", "go to a field by typing its name (or its start)").bind(
            Main,
            ch('/'),
            A::JumpToField,
        ),
        help(
            G::Move,
            "Alt-1 2 3 4",
            "go to the scores / year and reporting / practice / assumptions",
        )
        .bind(Main, with(K::Char('1'), alt), A::JumpToGroup(1))
        .bind(Main, with(K::Char('2'), alt), A::JumpToGroup(2))
        .bind(Main, with(K::Char('3'), alt), A::JumpToGroup(3))
        .bind(Main, with(K::Char('4'), alt), A::JumpToGroup(4)),
        help(G::Move, "↓ ↑  j k", "next / previous field")
            .hint_line("↑↓")
            .bind(Main, key(K::Down), A::FieldBelow)
            .bind(Main, ch('j'), A::FieldBelow)
            .bind(Main, key(K::Up), A::FieldAbove)
            .bind(Main, ch('k'), A::FieldAbove),
        // ---- Change the focused field
        help(
            G::Change,
            "→ ←  + −  l h  =",
            "nudge up / down: 1 (dollars $10,000; assumptions 0.1); = is +",
        )
        .hint_line("←→")
        .bind(Main, key(K::Right), A::Nudge(Dir::Up, Step::Normal))
        .bind(Main, key(K::Left), A::Nudge(Dir::Down, Step::Normal))
        .bind(Main, ch('+'), A::Nudge(Dir::Up, Step::Normal))
        .bind(Main, ch('-'), A::Nudge(Dir::Down, Step::Normal))
        .bind(Main, ch('l'), A::Nudge(Dir::Up, Step::Normal))
        .bind(Main, ch('h'), A::Nudge(Dir::Down, Step::Normal))
        .bind(Main, ch('='), A::Nudge(Dir::Up, Step::Normal)),
        help(
            G::Change,
            "] [  PgUp PgDn  Shift-→ ←",
            "big step: 10 (dollars $100,000; assumptions 1; years 1)",
        )
        .hint_line("[ ]")
        .bind(Main, ch(']'), A::Nudge(Dir::Up, Step::Big))
        .bind(Main, ch('['), A::Nudge(Dir::Down, Step::Big))
        .bind(Main, key(K::PageUp), A::Nudge(Dir::Up, Step::Big))
        .bind(Main, key(K::PageDown), A::Nudge(Dir::Down, Step::Big))
        .bind(Main, with(K::Right, shift), A::Nudge(Dir::Up, Step::Big))
        .bind(Main, with(K::Left, shift), A::Nudge(Dir::Down, Step::Big)),
        help(
            G::Change,
            "> <  Ctrl-→ ←  Alt-→ ←",
            "fine step: 0.1 (dollars $1,000; assumptions 0.01; years 1)",
        )
        .hint_line("< >")
        .bind(Main, ch('>'), A::Nudge(Dir::Up, Step::Fine))
        .bind(Main, ch('<'), A::Nudge(Dir::Down, Step::Fine))
        .bind(
            Main,
            with(K::Right, ctrl_mod),
            A::Nudge(Dir::Up, Step::Fine),
        )
        .bind(
            Main,
            with(K::Left, ctrl_mod),
            A::Nudge(Dir::Down, Step::Fine),
        )
        .bind(Main, with(K::Right, alt), A::Nudge(Dir::Up, Step::Fine))
        .bind(Main, with(K::Left, alt), A::Nudge(Dir::Down, Step::Fine)),
        help(
            G::Change,
            "Home / End",
            "minimum / maximum (first / last option)",
        )
        .bind(Main, key(K::Home), A::ToLimit(Dir::Down))
        .bind(Main, key(K::End), A::ToLimit(Dir::Up)),
        help(
            G::Change,
            "0-9 .  Backspace",
            "type a value; the result follows every digit",
        )
        .bind_char(Main, Keys::Digits, A::StartTyping)
        .hint("0-9")
        .bind(Main, key(K::Backspace), A::EditValue)
        .bind_char(Typing, Keys::Number, A::Insert)
        .hint("0-9 .")
        .bind(Typing, key(K::Backspace), A::DeleteChar)
        .hint("Backspace")
        .bind_char(SensitivityTyping, Keys::Digits, A::Insert)
        .hint("0-9 .")
        .bind(SensitivityTyping, key(K::Backspace), A::DeleteChar)
        .hint("Backspace"),
        help(
            G::Change,
            "Enter / Esc",
            "keep / cancel the typed value (Enter on an option or yes/no: as Space)",
        )
        .bind(Main, key(K::Enter), A::EnterValue)
        .bind(Typing, key(K::Enter), A::Keep)
        .hint("Enter")
        .bind(Typing, key(K::Esc), A::Cancel)
        .hint("Esc"),
        help(
            G::Change,
            "Space",
            "toggle: score / not score a category, yes / no, next option, reset an assumption",
        )
        .bind(Main, ch(' '), A::Toggle),
        help(
            G::Change,
            "Ctrl-U",
            "clear the typed value (and a file name)",
        )
        .bind(Typing, ctrl('u'), A::ClearText)
        .bind(SensitivityTyping, ctrl('u'), A::ClearText)
        .bind(NamePrompt, ctrl('u'), A::ClearText)
        .bind(OpenPicker, ctrl('u'), A::ClearText)
        .bind(RosterTyping, ctrl('u'), A::ClearText),
        help(
            G::Change,
            "u / Ctrl-R",
            "undo / redo (a run of nudges is one step)",
        )
        .bind(Main, ch('u'), A::Undo)
        .hint("u")
        .bind(Main, ctrl('r'), A::Redo),
        // ---- Compare and explain
        help(
            G::Explain,
            "b",
            "pin the current state as the baseline (results show deltas)",
        )
        .bind(Main, ch('b'), A::PinBaseline),
        help(G::Explain, "B", "go back to the baseline").bind(Main, ch('B'), A::BackToBaseline),
        help(G::Explain, "x", "drop the baseline").bind(Main, ch('x'), A::DropBaseline),
        help(
            G::Explain,
            "g / G",
            "chart comparison group: all, small, solo, rural / reporting status",
        )
        .bind(Main, ch('g'), A::NextChartGroup)
        .hint("g")
        .bind(Main, ch('G'), A::NextChartStatus),
        help(
            G::Explain,
            "t",
            "show or hide the rule trace (why the number is what it is)",
        )
        .bind(Main, ch('t'), A::ToggleTrace),
        views,
        help(
            G::Explain,
            "a",
            "pin the current state as a Compare column (4 columns at most)",
        )
        .bind(Main, ch('a'), A::PinColumn),
        help(G::Explain, "A", "add a scenario file as a Compare column").bind(
            Main,
            ch('A'),
            A::AddColumnFile,
        ),
        help(
            G::Explain,
            "c",
            "clear the pinned Compare columns (asks first)",
        )
        .bind(Main, ch('c'), A::ClearColumns),
        help(G::Explain, "r", "in Compare: rename the last pinned column").bind(
            InView(View::Compare),
            ch('r'),
            A::RenameColumn,
        ),
        help(
            G::Explain,
            "i",
            "in Compare: leave the current state out of the comparison / put it back",
        )
        .bind(InView(View::Compare), ch('i'), A::ToggleCurrentInComparison),
        // ---- Teach and present
        help(
            G::Teach,
            "n / N",
            "in the walkthrough view: next / previous step of the computation",
        )
        .bind(InView(View::Walkthrough), ch('n'), A::NextStep)
        .hint("n/N")
        .bind(InView(View::Walkthrough), ch('N'), A::PreviousStep),
        help(
            G::Teach,
            "P",
            "presentation mode on / off: large type, no inputs",
        )
        .bind(Main, ch('P'), A::TogglePresentation),
        help(
            G::Teach,
            "Esc",
            "in presentation mode: leave it (←→ [ ] < > Space still nudge)",
        )
        .bind(
            InView(View::Presentation),
            key(K::Esc),
            A::LeavePresentation,
        ),
        help(
            G::Teach,
            "w / W",
            "what changed in the scenario's year (its inputs under both years) / every year's rules",
        )
        .bind(Main, ch('w'), A::ShowChanges)
        .hint("w")
        .bind(Main, ch('W'), A::ShowRules)
        .hint("W"),
        help(
            G::Teach,
            "↑ ↓",
            "in the Rules and What changed views: the year before / after",
        )
        .hint_line("↑↓")
        .bind(InView(View::Rules), key(K::Up), A::SelectYear(Dir::Down))
        .bind(InView(View::Rules), key(K::Down), A::SelectYear(Dir::Up))
        .bind(InView(View::Changes), key(K::Up), A::SelectYear(Dir::Down))
        .bind(InView(View::Changes), key(K::Down), A::SelectYear(Dir::Up)),
        help(
            G::Teach,
            "Enter",
            "in the Rules view: what changed in the chosen year",
        )
        .bind(InView(View::Rules), key(K::Enter), A::ShowChanges),
        help(
            G::Teach,
            "Esc",
            "in the Rules and What changed views: back to the view before",
        )
        .bind(InView(View::Rules), key(K::Esc), A::LeaveRulesView)
        .bind(InView(View::Changes), key(K::Esc), A::LeaveRulesView),
        help(
            G::Teach,
            "n / N",
            "in a lesson: next / previous step (on the walkthrough, its rules first)",
        )
        .bind(Lesson, ch('n'), A::LessonNext)
        .hint("n/N")
        .bind(Lesson, ch('N'), A::LessonBack),
        help(
            G::Teach,
            "i",
            "in a lesson: ask the room (the question, then its answer)",
        )
        .bind(Lesson, ch('i'), A::RevealQuestion),
        help(
            G::Teach,
            "p",
            "in a lesson: show / hide the presenter strip",
        )
        .bind(Lesson, ch('p'), A::TogglePresenterStrip),
        help(
            G::Teach,
            "r",
            "in a lesson: back to the step's scenario after your own edits",
        )
        .bind(Lesson, ch('r'), A::BackToScript),
        // ---- Sensitivity view
        KeyLine {
            note: true,
            ..help(
                G::Sensitivity,
                "Tab ↑ ↓",
                "chart the focused category (Cost when the focus is not on a score)",
            )
        },
        help(
            G::Sensitivity,
            "T",
            "type the target final score for points needed",
        )
        .bind(
            InView(View::Sensitivity),
            ch('T'),
            A::TypeSensitivity(SensitivityField::Target),
        ),
        help(
            G::Sensitivity,
            "m / M",
            "type the lowest / highest maximum at 100 for the range",
        )
        .hint_line("m M")
        .bind(
            InView(View::Sensitivity),
            ch('m'),
            A::TypeSensitivity(SensitivityField::MaxLow),
        )
        .bind(
            InView(View::Sensitivity),
            ch('M'),
            A::TypeSensitivity(SensitivityField::MaxHigh),
        ),
        help(
            G::Sensitivity,
            "Enter Tab / Esc",
            "keep / cancel the typed target or maximum",
        )
        .bind(SensitivityTyping, key(K::Enter), A::Keep)
        .hint("Enter")
        .bind(SensitivityTyping, key(K::Tab), A::Keep)
        .bind(SensitivityTyping, key(K::Esc), A::Cancel)
        .hint("Esc"),
        // ---- Measures view
        help(G::Measures, "↓ ↑  j k", "choose a measure")
            .hint_line("↑↓")
            .bind(InView(View::Measures), key(K::Down), A::SelectNext)
            .bind(InView(View::Measures), ch('j'), A::SelectNext)
            .bind(InView(View::Measures), key(K::Up), A::SelectPrevious)
            .bind(InView(View::Measures), ch('k'), A::SelectPrevious),
        help(
            G::Measures,
            "f / F",
            "the measure's next / previous value: rate, numerator, denominator, completeness, cases, cost",
        )
        .bind(InView(View::Measures), ch('f'), A::MeasureValue(Dir::Up))
        .hint("f")
        .bind(InView(View::Measures), ch('F'), A::MeasureValue(Dir::Down)),
        help(
            G::Measures,
            "Tab / Shift-Tab",
            "the next / previous category's measures",
        )
        .bind(InView(View::Measures), key(K::Tab), A::NextCategory(Dir::Up))
        .hint("Tab")
        .bind(
            InView(View::Measures),
            key(K::BackTab),
            A::NextCategory(Dir::Down),
        ),
        KeyLine {
            note: true,
            ..help(
                G::Measures,
                "→ ←  0-9  Enter",
                "nudge or type the chosen value; points, category, final score follow every key",
            )
        },
        help(
            G::Measures,
            "%",
            "the category from its measures, or back to its percent (neither is lost)",
        )
        .bind(InView(View::Measures), ch('%'), A::SwitchBuiltFrom),
        help(
            G::Measures,
            "I  Insert",
            "add a measure: search the year's inventory by id or title words",
        )
        .bind(InView(View::Measures), ch('I'), A::AddMeasure)
        .hint("I")
        .bind(InView(View::Measures), key(K::Insert), A::AddMeasure),
        help(G::Measures, "D  Delete", "remove the selected measure (u undoes)")
            .bind(InView(View::Measures), ch('D'), A::RemoveMeasure)
            .hint("D")
            .bind(InView(View::Measures), key(K::Delete), A::RemoveMeasure),
        // ---- Roster view
        help(
            G::Roster,
            "R  F11",
            "the Roster view (a roster opened with `mips-whatif roster.csv` or o)",
        )
        .bind(Main, ch('R'), A::ShowView(View::Roster))
        .hint("R")
        .bind(Main, key(K::F(11)), A::ShowView(View::Roster)),
        help(G::Roster, "↓ ↑  j k", "choose a row")
            .hint_line("↑↓")
            .bind(InView(View::Roster), key(K::Down), A::SelectNext)
            .bind(InView(View::Roster), ch('j'), A::SelectNext)
            .bind(InView(View::Roster), key(K::Up), A::SelectPrevious)
            .bind(InView(View::Roster), ch('k'), A::SelectPrevious),
        help(G::Roster, "PgDn PgUp  Home End", "a page down / up, the first / last row")
            .bind(InView(View::Roster), key(K::PageDown), A::PageDown)
            .bind(InView(View::Roster), key(K::PageUp), A::PageUp)
            .bind(InView(View::Roster), key(K::Home), A::ScrollTop)
            .bind(InView(View::Roster), key(K::End), A::ScrollBottom),
        help(
            G::Roster,
            "Enter",
            "open the row as the current scenario: its edits go back to the roster",
        )
        .bind(InView(View::Roster), key(K::Enter), A::Roster(R::OpenRow)),
        help(
            G::Roster,
            "O / r",
            "sort by file order, dollars, final score, name / reverse the order",
        )
        .bind(InView(View::Roster), ch('O'), A::Roster(R::NextSort))
        .hint("O")
        .bind(InView(View::Roster), ch('r'), A::Roster(R::ReverseSort))
        .hint("r"),
        help(
            G::Roster,
            "/",
            "filter by text (id or name), live as you type",
        )
        .bind(InView(View::Roster), ch('/'), A::Roster(R::TypeFilter)),
        help(
            G::Roster,
            "b / z",
            "filter by band / by size (small, more than 15, solo)",
        )
        .bind(InView(View::Roster), ch('b'), A::Roster(R::NextBand))
        .hint("b")
        .bind(InView(View::Roster), ch('z'), A::Roster(R::NextSize))
        .hint("z"),
        help(
            G::Roster,
            "Esc",
            "in the Roster view: clear the filters",
        )
        .bind(InView(View::Roster), key(K::Esc), A::Roster(R::ClearFilters)),
        help(
            G::Roster,
            "w",
            "portfolio what-if, live: e.g. cost=+10 where small=true, pi=85 year=2026",
        )
        .bind(InView(View::Roster), ch('w'), A::Roster(R::TypeWhatIf)),
        help(
            G::Roster,
            "s",
            "save the roster as .csv or .xlsx (asks before replacing a file)",
        )
        .bind(InView(View::Roster), ch('s'), A::Roster(R::Save)),
        help(
            G::Roster,
            "type  Backspace",
            "the filter or what-if line: type / delete (Ctrl-U clears it)",
        )
        .bind_char(RosterTyping, Keys::Printable, A::Insert)
        .hint("type")
        .bind(RosterTyping, key(K::Backspace), A::DeleteChar)
        .hint("Backspace"),
        help(
            G::Roster,
            "Enter / Esc",
            "the filter or what-if line: keep it / clear it (the what-if off)",
        )
        .bind(RosterTyping, key(K::Enter), A::Keep)
        .hint("Enter")
        .bind(RosterTyping, key(K::Esc), A::Cancel)
        .hint("Esc"),
        // ---- Files
        help(
            G::Files,
            "s  Ctrl-S",
            "save the scenario (asks for a file name)",
        )
        .bind(Main, ch('s'), A::Save)
        .hint("s")
        .bind(Main, ctrl('s'), A::Save),
        help(
            G::Files,
            "o  Ctrl-O",
            "open a scenario, workspace or roster (scenarios/, rosters/ or a typed path)",
        )
        .bind(Main, ch('o'), A::Open)
        .hint("o")
        .bind(Main, ctrl('o'), A::Open),
        help(
            G::Files,
            "e",
            "export a client report of the Compare columns (.html or .md)",
        )
        .bind(Main, ch('e'), A::Export),
        help(
            G::Files,
            "D  Ctrl-D",
            "the report's details: title, client, prepared by, date, note (Ctrl-D in the export prompt)",
        )
        .bind(Main, ch('D'), A::EditReportDetails)
        .bind(NamePrompt, ctrl('d'), A::EditReportDetails),
        // ---- Screen
        help(G::Screen, "?", "this help (Esc or ? closes it)").bind(Main, ch('?'), A::ShowHelp),
        help(
            G::Files,
            "S",
            "save the session as a workspace: scenario, baseline, named columns, report details",
        )
        .bind(Main, ch('S'), A::SaveWorkspace),
        help(G::Files, "Ctrl-N", "name the scenario (saved with it)").bind(
            Main,
            ctrl('n'),
            A::NameScenario,
        ),
        help(
            G::Screen,
            "q",
            "quit (asks first when there is unsaved work: save / discard / stay)",
        )
        .bind(Main, ch('q'), A::Quit)
        .hint("q"),
        help(
            G::Screen,
            "Esc",
            "close or cancel what is open (it never quits)",
        )
        .bind(Main, key(K::Esc), A::Close),
        help(
            G::Screen,
            "Ctrl-C",
            "quit; twice quits at once, whatever is unsaved",
        )
        .bind(Anywhere, ctrl('c'), A::QuitNow),
        help(G::Screen, "Ctrl-Z", "suspend to the shell (fg comes back)").bind(
            Anywhere,
            ctrl('z'),
            A::Suspend,
        ),
        KeyLine {
            note: true,
            ..help(
                G::Screen,
                "mouse (--mouse)",
                "click a field to focus it; scroll over a field to nudge it",
            )
        },
    ]
    .into_iter()
    .chain(super::dialogs::lines())
    .collect()
}
