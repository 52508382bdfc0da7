//! ssme: the static report generator of the SSME of Red Cluster Colombia.
//!
//! The pipeline reads each ola's questionnaire export, validates it, categorizes every
//! initiative with the methodology in `data/`, aggregates the national results and renders a
//! static site, private report cards and e-mails.

pub mod aggregate;
pub mod browser;
pub mod cards;
pub mod categorize;
pub mod chart;
pub mod check;
pub mod cli;
pub mod commands;
pub mod content;
pub mod csvfile;
pub mod dataset;
pub mod diagnostics;
pub mod email;
pub mod export;
pub mod fields;
pub mod fields_doc;
pub mod init;
pub mod initiative;
pub mod log;
pub mod manual;
pub mod mapping;
pub mod methodology;
pub mod numfmt;
pub mod ola;
pub mod ola_template;
pub mod output;
pub mod page;
pub mod project;
pub mod reference;
pub mod serve;
pub mod settings;
pub mod site;
pub mod templates;
pub mod text;
pub mod validate;
pub mod workbook;

pub use initiative::{Initiative, Value};
pub use methodology::Methodology;
pub use ola::OlaConfig;
pub use project::Project;
