//! National results from CMS's 2024 QPP Participation and Performance Results At-a-Glance:
//! the band shares behind the chart, and mean / median scores for context.

pub mod chart;

use serde::Deserialize;

use crate::engine::Band;
use crate::rules::Category;
use crate::scenario::ReportingOption;

const EMBEDDED: &str = include_str!("../assets/national.toml");

/// Which clinicians a set of band shares describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    All,
    Small,
    Solo,
    Rural,
}

impl Group {
    pub const ALL: [Group; 4] = [Group::All, Group::Small, Group::Solo, Group::Rural];

    pub fn label(self) -> &'static str {
        match self {
            Group::All => "All clinicians",
            Group::Small => "Small practices",
            Group::Solo => "Solo practitioners",
            Group::Rural => "Rural practices",
        }
    }
}

/// Reporting status of a comparison group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportingStatus {
    Overall,
    Reporting,
    NonReporting,
}

impl ReportingStatus {
    pub const ALL: [ReportingStatus; 3] = [
        ReportingStatus::Overall,
        ReportingStatus::Reporting,
        ReportingStatus::NonReporting,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ReportingStatus::Overall => "overall",
            ReportingStatus::Reporting => "reporting",
            ReportingStatus::NonReporting => "non-reporting",
        }
    }
}

/// The share of clinicians in each adjustment band for one group and year.
#[derive(Clone, Debug, PartialEq)]
pub struct BandShares {
    pub performance_year: u16,
    pub group: Group,
    pub reporting: ReportingStatus,
    pub section: String,
    /// (band, percent of clinicians), in score order.
    pub shares: Vec<(Band, f64)>,
}

/// A mean and median final score for a group of clinicians.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FinalScoreStat {
    pub performance_year: u16,
    pub label: String,
    /// overall | reporting_option | participation
    pub kind: String,
    pub mean: f64,
    pub median: f64,
}

impl FinalScoreStat {
    /// Whether this is the figure for a reporting option (CMS's results name the options
    /// "Traditional MIPS", "APM Performance Pathway" and "MVPs").
    pub fn is_for_option(&self, option: ReportingOption) -> bool {
        let cms = match option {
            ReportingOption::Traditional => "Traditional MIPS",
            ReportingOption::App => "APM Performance Pathway",
            ReportingOption::Mvp => "MVPs",
        };
        self.kind == "reporting_option" && self.label == cms
    }
}

/// The mean and median unweighted score of a category in one performance year.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryStat {
    pub category: Category,
    pub performance_year: u16,
    pub mean: f64,
    pub median: f64,
}

/// Year-over-year participation figures.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trend {
    pub performance_year: u16,
    pub clinicians_with_adjustment: u64,
    pub above_threshold_share: Option<f64>,
    pub advanced_apm_participants: Option<u64>,
    pub qualifying_apm_participants: Option<u64>,
    pub partial_qps: Option<u64>,
}

/// All the national figures the product ships.
#[derive(Clone, Debug, PartialEq)]
pub struct National {
    pub source: String,
    pub band_shares: Vec<BandShares>,
    pub final_scores: Vec<FinalScoreStat>,
    pub category_scores: Vec<CategoryStat>,
    pub trends: Vec<Trend>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawShares {
    performance_year: u16,
    group: Group,
    reporting: ReportingStatus,
    section: String,
    bands: Vec<String>,
    shares: Vec<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNational {
    source: String,
    band_shares: Vec<RawShares>,
    final_scores: Vec<FinalScoreStat>,
    category_scores: Vec<CategoryStat>,
    trends: Vec<Trend>,
}

impl National {
    /// The figures embedded in the binary (checked by the test suite).
    pub fn embedded() -> National {
        Self::parse(EMBEDDED).expect("assets/national.toml is valid (checked by tests)")
    }

    pub fn parse(text: &str) -> Result<National, String> {
        let raw: RawNational = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut band_shares = Vec::new();
        for r in raw.band_shares {
            if r.bands.len() != r.shares.len() {
                return Err(format!(
                    "PY{} {:?}: {} bands but {} shares",
                    r.performance_year,
                    r.group,
                    r.bands.len(),
                    r.shares.len()
                ));
            }
            let mut shares = Vec::new();
            for (b, s) in r.bands.iter().zip(r.shares) {
                let band = Band::from_key(b).ok_or_else(|| format!("unknown band `{b}`"))?;
                shares.push((band, s));
            }
            band_shares.push(BandShares {
                performance_year: r.performance_year,
                group: r.group,
                reporting: r.reporting,
                section: r.section,
                shares,
            });
        }
        Ok(National {
            source: raw.source,
            band_shares,
            final_scores: raw.final_scores,
            category_scores: raw.category_scores,
            trends: raw.trends,
        })
    }

    /// The latest performance year CMS published national results for: the year the National
    /// view leads with (None: no band shares at all).
    pub fn latest_results_year(&self) -> Option<u16> {
        self.band_shares.iter().map(|s| s.performance_year).max()
    }

    /// Band shares for a group, reporting status and year, if CMS published them.
    pub fn shares(
        &self,
        year: u16,
        group: Group,
        reporting: ReportingStatus,
    ) -> Option<&BandShares> {
        self.band_shares
            .iter()
            .find(|s| s.performance_year == year && s.group == group && s.reporting == reporting)
    }

    /// The most recent year with band shares for a group and status at or before `year`
    /// (the chart shows PY2024's national picture for projections of later years).
    pub fn nearest_shares(
        &self,
        year: u16,
        group: Group,
        reporting: ReportingStatus,
    ) -> Option<&BandShares> {
        self.band_shares
            .iter()
            .filter(|s| s.group == group && s.reporting == reporting)
            .min_by_key(|s| {
                (s.performance_year as i32 - year as i32).abs() * 2
                    + i32::from(s.performance_year > year)
            })
    }

    /// A category's mean and median in a year, if CMS published them.
    pub fn category_stat(&self, category: Category, year: u16) -> Option<&CategoryStat> {
        self.category_scores
            .iter()
            .find(|s| s.category == category && s.performance_year == year)
    }

    /// The years with category figures, oldest first.
    pub fn category_years(&self) -> Vec<u16> {
        let mut years: Vec<u16> = self
            .category_scores
            .iter()
            .map(|s| s.performance_year)
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// A category's figures in the latest year published.
    pub fn latest_category_stat(&self, category: Category) -> Option<&CategoryStat> {
        self.category_scores
            .iter()
            .filter(|s| s.category == category)
            .max_by_key(|s| s.performance_year)
    }

    pub fn overall_final_score(&self, year: u16) -> Option<&FinalScoreStat> {
        self.final_scores
            .iter()
            .find(|f| f.performance_year == year && f.kind == "overall")
    }
}
