//! ssme: the static report generator of the SSME of Red Cluster Colombia.
//!
//! The pipeline reads each ola's questionnaire export, validates it, categorizes every
//! initiative with the methodology in `data/`, aggregates the national results and renders a
//! static site, private report cards and e-mails.

pub mod chart;
pub mod numfmt;
