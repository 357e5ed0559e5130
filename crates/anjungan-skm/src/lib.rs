//! e-SKM, shared by the kiosk and the hub (Pasal 11, 18, 19; PermenPANRB 14/2017).
//!
//! - [`questionnaire`]: the default questionnaire, elements U1–U10 (Pasal 18 a–j).
//! - [`ikm`]: per-element NRR and the official 9-element IKM, computed exactly.
//! - [`sample`]: Krejcie–Morgan sample adequacy.
//! - [`store`]: the `survey_responses` table and the SQL both stores use to aggregate it.
//! - [`summary`]: the figures of a period, assembled from those aggregates.
//! - [`csv_import`]: past paper surveys from a CSV file, all or nothing.
//! - [`report`]: the SKM report as PDF.

pub mod code;
pub mod csv_import;
pub mod ikm;
pub mod pdf;
pub mod questionnaire;
pub mod report;
pub mod sample;
pub mod store;
pub mod summary;
