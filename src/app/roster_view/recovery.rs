//! The roster in the recovery file: where it came from and the rows edited since it was
//! opened (not the whole file), and restoring it: the file read again and the edits put back
//! on their rows, saying plainly what could not be (the file gone or changed) and keeping the
//! edits whatever happens.

use super::*;
use crate::roster::CmsNumbers;
use crate::roster::table::TableRow;
use crate::workspace::{EditedRow, RosterRecord, Workspace};

/// A restored session's roster, while its file is read again.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingRoster {
    pub record: RosterRecord,
    /// The session was on the Roster view.
    pub show: bool,
}

impl App {
    /// The roster as the recovery file keeps it: its file and the rows edited since it was
    /// opened; once saved with no edits since, the file it was saved to.
    pub fn roster_record(&self) -> Option<RosterRecord> {
        let v = self.roster.as_deref()?;
        let r = &v.roster;
        if !v.unsaved
            && let Some(saved) = &v.saved_to
        {
            return Some(RosterRecord {
                file: saved.clone(),
                performance_year: r.performance_year,
                stamp: None,
                editing: None,
                rows: Vec::new(),
            });
        }
        // The packed keys say which rows changed: a pass over them, not over the rows (this is
        // asked after every key while there is unsaved work).
        let rows = v
            .keys
            .iter()
            .enumerate()
            .filter(|(_, k)| k.changed)
            .filter_map(|(i, _)| r.entries[i].scored())
            .map(|t| {
                let cms = t.read.cms.unwrap_or_default();
                EditedRow {
                    row: t.read.row,
                    id: t.read.id.clone(),
                    scenario: t.read.scenario.clone(),
                    cms_final_score: cms.final_score,
                    cms_payment_adjustment_percent: cms.payment_adjustment_percent,
                    reading: t.read.confidence,
                }
            })
            .collect();
        Some(RosterRecord {
            file: r.file.clone(),
            performance_year: r.performance_year,
            stamp: r.stamp,
            editing: v.editing.map(|i| r.entries[i].row()),
            rows,
        })
    }

    /// The session as the recovery file keeps it: the workspace and the roster.
    pub fn recovery_workspace(&self) -> Workspace {
        let mut w = self.session_workspace();
        w.roster = self.roster_record();
        w
    }

    /// Restoring a session that had a roster: read its file again (the edits go back once it
    /// is read).
    pub(in crate::app) fn restore_roster_later(
        &mut self,
        record: RosterRecord,
        show: bool,
    ) -> Effect {
        let effect = Effect::OpenRoster {
            path: record.file.clone(),
            performance_year: record.performance_year,
        };
        self.session.roster_restore = Some(Box::new(PendingRoster { record, show }));
        effect
    }

    /// The restored roster's file was read (or not): take it, or the edits alone.
    /// Returns false when `path` is not the roster being restored.
    pub(in crate::app) fn on_roster_restored(
        &mut self,
        path: &std::path::Path,
        result: &mut Option<Result<Roster, Diagnostic>>,
    ) -> bool {
        if self
            .session
            .roster_restore
            .as_ref()
            .is_none_or(|p| p.record.file != path)
        {
            return false;
        }
        let Some(pending) = self.session.roster_restore.take() else {
            return false;
        };
        let Some(result) = result.take() else {
            return false;
        };
        let PendingRoster { record, show } = *pending;
        let view = if show { View::Roster } else { self.view };
        let scenario = self.scenario.clone();
        let file = record.file.display().to_string();
        let n = record.rows.len();
        let rows_text = |k: usize| format!("{k} edited row{}", if k == 1 { "" } else { "s" });
        let (roster, editing, said, plain) = match result {
            Ok(mut roster) => {
                let changed = record.stamp.is_some() && roster.stamp != record.stamp;
                let mut placed = Vec::new();
                let mut moved = 0;
                let mut left = Vec::new();
                for e in &record.rows {
                    match place(&roster, e) {
                        Some(i) => {
                            if roster.entries[i].row() != e.row {
                                moved += 1;
                            }
                            if let Entry::Scored(t) = &mut roster.entries[i] {
                                t.rescore(e.scenario.clone(), &self.rules);
                            }
                            placed.push((e.row, i));
                        }
                        None => left.push(e),
                    }
                }
                let mut next = roster.entries.iter().map(Entry::row).max().unwrap_or(0);
                let first_added = next + 1;
                for e in &left {
                    next += 1;
                    roster
                        .entries
                        .push(Entry::Scored(standalone(e, next, &self.rules)));
                    placed.push((e.row, roster.entries.len() - 1));
                }
                let editing = record
                    .editing
                    .and_then(|row| placed.iter().find(|(r, _)| *r == row))
                    .map(|(_, i)| *i);
                let mut said = Vec::new();
                if changed {
                    let put = n - left.len();
                    let how_many = if put == n {
                        format!("its {}", rows_text(n))
                    } else {
                        format!("{put} of its {}", rows_text(n))
                    };
                    said.push(format!(
                        "{file} has changed since the session read it{}",
                        if put > 0 {
                            format!(
                                ": {how_many} put back on the rows with the same id{}",
                                if moved > 0 {
                                    format!(" ({moved} now at another row)")
                                } else {
                                    String::new()
                                }
                            )
                        } else {
                            String::new()
                        }
                    ));
                } else {
                    said.push(format!(
                        "Roster {file} read again, its {} put back",
                        rows_text(n)
                    ));
                }
                if !left.is_empty() {
                    let ids: Vec<String> = left
                        .iter()
                        .map(|e| format!("row {}{}", e.row, id_text(e)))
                        .collect();
                    said.push(format!(
                        "{} no longer in the file ({}): kept at the end as row{} {}",
                        rows_text(left.len()),
                        ids.join(", "),
                        if left.len() == 1 { "" } else { "s" },
                        if left.len() == 1 {
                            first_added.to_string()
                        } else {
                            format!("{first_added}–{next}")
                        }
                    ));
                }
                let plain = !changed && left.is_empty();
                (Some(roster), editing, said, plain)
            }
            Err(d) if n > 0 => {
                let has_cms = record.rows.iter().any(|e| {
                    e.cms_final_score.is_some() || e.cms_payment_adjustment_percent.is_some()
                });
                let entries: Vec<Entry> = record
                    .rows
                    .iter()
                    .map(|e| Entry::Scored(standalone(e, e.row, &self.rules)))
                    .collect();
                let editing = record
                    .editing
                    .and_then(|row| entries.iter().position(|x| x.row() == row));
                let roster = Roster {
                    file: record.file.clone(),
                    era: crate::roster::Era::Own,
                    has_cms,
                    entries,
                    notes: Vec::new(),
                    source: Default::default(),
                    performance_year: record.performance_year,
                    stamp: None,
                };
                let said = vec![format!(
                    "The roster {file} could not be read again ({}): its {} kept on their own (s saves them)",
                    why(&d),
                    rows_text(n)
                )];
                (Some(roster), editing, said, false)
            }
            Err(d) => (
                None,
                None,
                vec![format!(
                    "The roster {file} could not be read again ({}); it had no unsaved edits",
                    why(&d)
                )],
                false,
            ),
        };
        if let Some(roster) = roster {
            self.open_roster(roster);
            if let Some(v) = self.roster.as_mut() {
                v.changed_rows = v.roster.changed_rows();
                v.unsaved = n > 0;
                v.editing = editing.filter(|i| {
                    matches!(&v.roster.entries[*i], Entry::Scored(t) if t.read.scenario == scenario)
                });
                if v.editing.is_some() {
                    // The scenario is the row again: its edits go back to the roster.
                    self.file = None;
                    self.saved = scenario;
                }
            }
        }
        self.view = view;
        if plain {
            self.info(format!("{} (s saves the roster)", said.join("; ")));
        } else {
            self.warn(said.join("; "));
        }
        true
    }
}

/// Where an edited row goes in the roster read again: the same data row with the same id,
/// else the scored row with its id.
fn place(roster: &Roster, e: &EditedRow) -> Option<usize> {
    let same = |x: &Entry| matches!(x, Entry::Scored(_)) && x.id() == e.id.as_deref();
    let at = e.row.checked_sub(1).filter(|&i| {
        roster
            .entries
            .get(i)
            .is_some_and(|x| x.row() == e.row && same(x))
    });
    at.or_else(|| {
        roster
            .entries
            .iter()
            .position(|x| x.row() == e.row && same(x))
    })
    .or_else(|| {
        e.id.as_ref()
            .and_then(|_| roster.entries.iter().position(same))
    })
}

/// An edited row on its own, scored, as data row `row`.
fn standalone(e: &EditedRow, row: usize, rules: &crate::rules::RuleSet) -> TableRow {
    let cms = (e.cms_final_score.is_some() || e.cms_payment_adjustment_percent.is_some())
        .then_some(CmsNumbers {
            final_score: e.cms_final_score,
            payment_adjustment_percent: e.cms_payment_adjustment_percent,
        });
    TableRow::edited(row, e.id.clone(), e.scenario.clone(), cms, e.reading, rules)
}

/// Why a file did not read: the problem alone when it is the file itself (no such file), else
/// with its place.
fn why(d: &Diagnostic) -> String {
    if d.line.is_none() && d.field.is_none() {
        d.message.clone()
    } else {
        d.one_line()
    }
}

fn id_text(e: &EditedRow) -> String {
    e.id.as_ref().map(|id| format!(" {id}")).unwrap_or_default()
}
