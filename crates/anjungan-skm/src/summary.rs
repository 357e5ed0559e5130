//! The figures of a period, assembled from the aggregates a store computed.

use crate::ikm::{self, Tally};
use crate::sample;
use anjungan_wire::ipc::{MonthPoint, PartScore, ProfileTables, SampleAdequacy, SkmSummary};

/// What a store returns for a period (see [`crate::store`] for the SQL).
#[derive(Debug, Clone, Default)]
pub struct Aggregates {
    pub tally: Tally,
    pub monthly: Vec<(String, Tally)>,
    pub profile: ProfileTables,
    pub suggestions: Vec<String>,
    /// Respondents with a code of an application, and the rest.
    pub linked: Tally,
    pub unlinked: Tally,
    /// Responses kept but not counted (their code was used before).
    pub duplicates: u64,
}

fn part(t: &Tally) -> PartScore {
    let index = ikm::ikm(t);
    PartScore {
        respondents: t.respondents,
        ikm: index.as_ref().map(|i| i.value),
        grade: index.map(|i| i.grade),
    }
}

pub fn summarize(
    from: Option<String>,
    to: Option<String>,
    population: Option<u64>,
    agg: Aggregates,
) -> SkmSummary {
    let index = ikm::ikm(&agg.tally);
    let required = population.map(sample::required);
    SkmSummary {
        from,
        to,
        respondents: agg.tally.respondents,
        ikm: index.as_ref().map(|i| i.value),
        grade: index.map(|i| i.grade),
        elements: ikm::official_elements(&agg.tally),
        elements_separate: ikm::separate_elements(&agg.tally),
        lowest: ikm::lowest(&agg.tally, 3),
        monthly: agg
            .monthly
            .iter()
            .map(|(month, t)| MonthPoint {
                month: month.clone(),
                respondents: t.respondents,
                ikm: ikm::ikm(t).map(|i| i.value),
            })
            .collect(),
        profile: agg.profile,
        sample: SampleAdequacy {
            population,
            required,
            adequate: required.map(|r| agg.tally.respondents >= r),
        },
        suggestions: agg.suggestions,
        linked: part(&agg.linked),
        unlinked: part(&agg.unlinked),
        duplicates: agg.duplicates,
    }
}
