//! The searchable picker that adds a measure from the year's inventory (id and title words;
//! those with a benchmark for the collection type first), and adding it.

use ratatui::crossterm::event::KeyEvent;

use super::shown_category;
use crate::app::App;
use crate::app::action::Action;
use crate::app::keymap::{Mode, action_for};
use crate::app::msg::Effect;
use crate::builders::cost::{CostInput, CostMeasureInput, CostValue};
use crate::builders::quality::{Performance, QualityInput, QualityMeasureInput};
use crate::format::number;
use crate::measures::{CollectionType, YearMeasures};
use crate::rules::Category;

/// One entry of the add-a-measure picker.
#[derive(Clone, Debug, PartialEq)]
pub struct PickItem {
    pub id: String,
    pub title: String,
    pub collection_type: CollectionType,
    /// CMS has a benchmark for the measure in this collection type this year.
    pub benchmarked: bool,
    pub topped_out: bool,
    pub flat: bool,
    /// An activity's weight ("high", "medium"), a PI measure's kind ("required", "bonus",
    /// "exclusion"); empty for quality and cost.
    pub note: String,
}

/// The searchable picker over the year's inventory of the category's measures.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasurePicker {
    pub category: Category,
    /// Measures with a benchmark in this collection type come first.
    pub collection_type: CollectionType,
    pub query: String,
    pub selected: usize,
    pub items: Vec<PickItem>,
}

/// The year's measures of a category for the picker, filtered by the words typed (all of them,
/// in the id or the title); those with a benchmark in `collection_type` first.
pub fn picker_items(
    d: &YearMeasures,
    category: Category,
    collection_type: CollectionType,
    query: &str,
) -> Vec<PickItem> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let matches = |id: &str, title: &str| {
        let hay = format!("{} {}", id.to_lowercase(), title.to_lowercase());
        words.iter().all(|w| hay.contains(w.as_str()))
    };
    let mut items: Vec<PickItem> = Vec::new();
    match category {
        Category::Quality => {
            for m in d.quality.iter().filter(|m| matches(&m.id, &m.title)) {
                let ct = if m.has_collection_type(collection_type) {
                    collection_type
                } else {
                    d.benchmarks_of(&m.id)
                        .first()
                        .map(|b| b.collection_type)
                        .or_else(|| m.collection_types.first().copied())
                        .unwrap_or(collection_type)
                };
                let b = d.benchmark(&m.id, ct);
                items.push(PickItem {
                    id: m.id.clone(),
                    title: m.title.clone(),
                    collection_type: ct,
                    benchmarked: b.is_some() && ct == collection_type,
                    topped_out: b.is_some_and(|b| b.topped_out),
                    flat: b.is_some_and(|b| b.flat),
                    note: String::new(),
                });
            }
        }
        Category::Cost => {
            for m in d.cost.iter().filter(|m| matches(&m.id, &m.title)) {
                let b = d.benchmark(&m.id, CollectionType::AdministrativeClaims);
                items.push(PickItem {
                    id: m.id.clone(),
                    title: m.title.clone(),
                    collection_type: CollectionType::AdministrativeClaims,
                    benchmarked: b.is_some(),
                    topped_out: false,
                    flat: b.is_some_and(|b| b.flat),
                    note: String::new(),
                });
            }
        }
        Category::ImprovementActivities => {
            for m in d
                .improvement_activities
                .iter()
                .filter(|m| matches(&m.id, &m.title))
            {
                items.push(PickItem {
                    id: m.id.clone(),
                    title: m.title.clone(),
                    collection_type,
                    benchmarked: false,
                    topped_out: false,
                    flat: false,
                    note: match m.weight {
                        Some(crate::measures::ActivityWeight::High) => "high".into(),
                        Some(crate::measures::ActivityWeight::Medium) => "medium".into(),
                        None => String::new(),
                    },
                });
            }
        }
        Category::PromotingInteroperability => {
            for m in d
                .promoting_interoperability
                .iter()
                .filter(|m| matches(&m.id, &m.title))
            {
                items.push(PickItem {
                    id: m.id.clone(),
                    title: m.title.clone(),
                    collection_type,
                    benchmarked: false,
                    topped_out: false,
                    flat: false,
                    note: if m.required {
                        "required".into()
                    } else if m.bonus {
                        "bonus".into()
                    } else {
                        m.reporting_category.clone()
                    },
                });
            }
        }
    }
    // Stable: id order within each group.
    items.sort_by_key(|i| !i.benchmarked);
    items
}

impl App {
    pub(in crate::app) fn open_measure_picker(&mut self) {
        let c = shown_category(self);
        let Some(d) = crate::measures::year(self.scenario.performance_year) else {
            self.warn(format!(
                "No CMS measure data for PY{}",
                self.scenario.performance_year
            ));
            return;
        };
        // The collection type of the selected measure (or the category's first), else MIPS CQM.
        let collection_type = self
            .scenario
            .measures
            .quality
            .as_ref()
            .and_then(|q| {
                q.measures
                    .get(self.measures_view.selected)
                    .or(q.measures.first())
            })
            .map(|m| m.collection_type)
            .filter(|_| c == Category::Quality)
            .unwrap_or(if c == Category::Cost {
                CollectionType::AdministrativeClaims
            } else {
                CollectionType::Registry
            });
        let items = picker_items(d, c, collection_type, "");
        self.measures_view.picker = Some(MeasurePicker {
            category: c,
            collection_type,
            query: String::new(),
            selected: 0,
            items,
        });
    }

    /// A key while the picker is open (the open picker's keys: type, ↑ ↓, Enter, Esc).
    pub(in crate::app) fn on_measure_picker_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(action) = action_for(&[Mode::OpenPicker], key) else {
            return Vec::new();
        };
        let Some(p) = &mut self.measures_view.picker else {
            return Vec::new();
        };
        let refilter = |p: &mut MeasurePicker, year: u16| {
            if let Some(d) = crate::measures::year(year) {
                p.items = picker_items(d, p.category, p.collection_type, &p.query);
            }
            p.selected = 0;
        };
        let year = self.scenario.performance_year;
        match action {
            Action::Insert(ch) => {
                if p.query.chars().count() < 40 {
                    p.query.push(ch);
                }
                refilter(p, year);
            }
            Action::DeleteChar => {
                p.query.pop();
                refilter(p, year);
            }
            Action::ClearText => {
                p.query.clear();
                refilter(p, year);
            }
            Action::SelectNext | Action::SelectPrevious => {
                let n = p.items.len().max(1);
                p.selected = if action == Action::SelectNext {
                    (p.selected + 1) % n
                } else {
                    (p.selected + n - 1) % n
                };
            }
            Action::Cancel => {
                self.measures_view.picker = None;
                self.info("No measure added");
            }
            Action::Keep => {
                let Some(item) = p.items.get(p.selected).cloned() else {
                    self.info("No measure matches: Backspace, or Esc");
                    return Vec::new();
                };
                let c = p.category;
                self.measures_view.picker = None;
                self.add_measure(c, &item);
            }
            _ => {}
        }
        Vec::new()
    }

    pub(in crate::app) fn add_measure(&mut self, c: Category, item: &PickItem) {
        let data = crate::measures::year(self.scenario.performance_year);
        let average = data
            .and_then(|d| d.benchmark(&item.id, item.collection_type))
            .and_then(|b| b.average);
        let before = self.scenario.clone();
        let mut next = self.scenario.clone();
        let at = match c {
            Category::Quality => {
                let q = next
                    .measures
                    .quality
                    .get_or_insert_with(|| Box::new(QualityInput::default()));
                q.measures.push(QualityMeasureInput {
                    id: item.id.clone(),
                    collection_type: item.collection_type,
                    performance: Performance::Rate(average.unwrap_or(0.0).clamp(0.0, 100.0)),
                    data_completeness: None,
                    cases: None,
                    end_to_end: None,
                });
                q.measures.len() - 1
            }
            Category::ImprovementActivities => {
                use crate::builders::improvement_activities::{
                    Activities, ImprovementActivitiesInput,
                };
                let a = next
                    .measures
                    .improvement_activities
                    .get_or_insert_with(|| Box::new(ImprovementActivitiesInput::default()));
                let Activities::Listed(ids) = &mut a.activities else {
                    self.warn(
                        "The activities are given as counts in the scenario file: list them by id there to add one here",
                    );
                    return;
                };
                if ids.contains(&item.id) {
                    self.info(format!("{} is already listed", item.id));
                    return;
                }
                ids.push(item.id.clone());
                ids.len() - 1
            }
            Category::PromotingInteroperability => {
                use crate::builders::promoting_interoperability::{
                    PiInput, PiMeasureInput, PiValue,
                };
                let boolean = data
                    .and_then(|d| d.pi_measure(&item.id))
                    .is_some_and(|m| m.metric_type == "boolean");
                let p = next
                    .measures
                    .promoting_interoperability
                    .get_or_insert_with(|| Box::new(PiInput::default()));
                if p.measures.iter().any(|m| m.id == item.id) {
                    self.info(format!("{} is already listed", item.id));
                    return;
                }
                p.measures.push(PiMeasureInput {
                    id: item.id.clone(),
                    value: if boolean {
                        PiValue::Attested(true)
                    } else {
                        PiValue::Fraction {
                            numerator: 0.0,
                            denominator: 1.0,
                        }
                    },
                });
                p.measures.len() - 1
            }
            Category::Cost => {
                let k = next
                    .measures
                    .cost
                    .get_or_insert_with(|| Box::new(CostInput::default()));
                k.measures.push(CostMeasureInput {
                    id: item.id.clone(),
                    value: CostValue::Cost(average.unwrap_or(0.0)),
                    cases: None,
                });
                k.measures.len() - 1
            }
        };
        self.use_measures(&mut next, c);
        self.set_scenario(next);
        self.history.record(before, None);
        self.measures_view.selected = at;
        self.measures_view.part = 0;
        match c {
            Category::ImprovementActivities => self.info(format!(
                "Added activity {}{}: I adds another, D removes it (u undoes)",
                item.id,
                if item.note.is_empty() {
                    String::new()
                } else {
                    format!(" ({} weight)", item.note)
                }
            )),
            Category::PromotingInteroperability => self.info(format!(
                "Added {}{}: type its numerator and denominator (f changes which)",
                item.id,
                if item.note.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", item.note)
                }
            )),
            _ => {
                let start = match average {
                    Some(a) => format!("at CMS's benchmark mean, {}", number(a)),
                    None => "at 0 (CMS's file has no mean for it)".into(),
                };
                self.info(format!(
                    "Added {} ({}) {start}: type its {}",
                    item.id,
                    item.collection_type.label(),
                    if c == Category::Cost { "cost" } else { "rate" }
                ));
            }
        }
    }
}
