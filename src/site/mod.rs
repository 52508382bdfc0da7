//! The public site: pages built by the aggregate stage, rendered with tera templates.

pub mod page;
pub mod render;
