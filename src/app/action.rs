//! What a key means: the explorer's actions, independent of the keys that ask for them.
//!
//! [`super::keymap`] turns a key into an [`Action`] (one table for every key); `App` acts on
//! actions only, so the help and the status bar, generated from the same table, cannot drift
//! from what the keys do.

use super::roster_view::RosterAction;
use super::sensitivity::SensitivityField;
use super::view::View;

/// Which way a nudge or a limit goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    Down,
    Up,
}

impl Dir {
    /// −1 or +1.
    pub fn sign(self) -> f64 {
        match self {
            Dir::Down => -1.0,
            Dir::Up => 1.0,
        }
    }
}

/// The three nudge sizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Normal,
    Big,
    Fine,
}

/// Everything a key can ask the explorer to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Quit at once, whatever is open.
    QuitNow,

    // ---- the main screen: moving
    /// The next / previous field, wrapping around.
    NextField,
    PreviousField,
    /// The field below / above, stopping at the ends.
    FieldBelow,
    FieldAbove,

    // ---- the main screen: changing the focused field
    Nudge(Dir, Step),
    /// The minimum (first option) or maximum (last option).
    ToLimit(Dir),
    /// Start typing a number with this character.
    StartTyping(char),
    /// Start typing from the current value minus its last character.
    EditValue,
    /// Type the current value of a number, or toggle any other field.
    EnterValue,
    /// Score / not score a category, yes / no, next option, reset an assumption.
    Toggle,
    Undo,
    Redo,

    // ---- compare and explain
    PinBaseline,
    BackToBaseline,
    DropBaseline,
    NextChartGroup,
    NextChartStatus,
    ToggleTrace,
    NextView,
    PreviousView,
    ShowView(View),
    PinColumn,
    AddColumnFile,
    ClearColumns,

    // ---- teach and present
    NextStep,
    PreviousStep,
    TogglePresentation,
    LeavePresentation,
    /// What changed in the chosen year (the scenario's by default), its inputs under both years.
    ShowChanges,
    /// Every year's rules side by side.
    ShowRules,
    /// The year before / after in the Rules and What changed views.
    SelectYear(Dir),
    /// Leave the Rules or What changed view for the view it was opened from.
    LeaveRulesView,
    /// A lesson's next / previous step (in the walkthrough, its rules first).
    LessonNext,
    LessonBack,
    /// Show the step's question, then its answer.
    RevealQuestion,
    /// Show or hide the presenter strip (talking points and question).
    TogglePresenterStrip,
    /// Put the step's scenario back after free edits.
    BackToScript,

    // ---- the Sensitivity view
    TypeSensitivity(SensitivityField),

    // ---- the Measures view
    /// The selected measure's next / previous value (rate, numerator, …).
    MeasureValue(Dir),
    /// The next / previous category's measures.
    NextCategory(Dir),
    /// The category from its measures, or back to its percent.
    SwitchBuiltFrom,
    AddMeasure,
    RemoveMeasure,

    // ---- the Roster view
    Roster(RosterAction),

    // ---- files and the screen
    Save,
    Open,
    Export,
    ShowHelp,
    Quit,

    // ---- typing (a number, a Sensitivity value, a file name)
    Insert(char),
    DeleteChar,
    ClearText,
    /// Enter: keep the typed value, or submit the name.
    Keep,
    /// Esc: leave without changing anything.
    Cancel,

    // ---- lists and the help
    SelectNext,
    SelectPrevious,
    ScrollDown,
    ScrollUp,
    PageDown,
    PageUp,
    ScrollTop,
    Close,

    // ---- the replace question
    Replace,
    KeepFile,

    // ---- the session (quit guard, recovery, workspaces, column names)
    /// In the quit question: save the work, then quit / quit without saving.
    SaveAndQuit,
    DiscardAndQuit,
    /// Yes / no on a question (clear the columns, restore the earlier session).
    Confirm,
    Decline,
    /// Save the session (scenario, baseline, named columns, report details) as a workspace.
    SaveWorkspace,
    /// Rename the last Compare column (or the one pinned last).
    RenameColumn,
    /// Leave the current state out of the comparison, or put it back.
    ToggleCurrentInComparison,
    /// Give the scenario a name.
    NameScenario,
    /// Ctrl-Z: suspend to the shell (fg comes back).
    Suspend,
    /// The report's details: title, client, author, date, note.
    EditReportDetails,
    /// Tab in a file prompt: complete the typed path.
    Complete,
    /// End in a list: the last entry.
    ScrollBottom,
    /// `/`: type a field's name to jump to it (in the help: search the keys).
    JumpToField,
    /// Alt-1 … Alt-4: the first field of a group of the inputs.
    JumpToGroup(u8),
}

impl Action {
    /// A nudge: consecutive nudges of one field are one undo step.
    pub fn is_nudge(self) -> bool {
        matches!(self, Action::Nudge(..))
    }

    /// Moving to another field or nudging: while a value is typed, these keep it first and
    /// then act as on the main screen.
    pub fn is_move(self) -> bool {
        self.is_nudge()
            || matches!(
                self,
                Action::NextField | Action::PreviousField | Action::FieldBelow | Action::FieldAbove
            )
    }

    /// The same action, whatever character it carries (for finding an action's keys).
    pub fn same_as(self, other: Action) -> bool {
        match (self, other) {
            (Action::Insert(_), Action::Insert(_))
            | (Action::StartTyping(_), Action::StartTyping(_)) => true,
            (a, b) => a == b,
        }
    }
}
