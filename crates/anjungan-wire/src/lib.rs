//! Types that cross a boundary, and nothing else.
//!
//! Two boundaries meet here so that each side compiles against the same definitions:
//! - [`api`]: the kiosk ⇄ hub HTTP protocol under `/v1` (JSON).
//! - [`ipc`]: the web UI ⇄ desktop shell commands, exported to TypeScript by [`bindings`].
//!
//! The crate has no I/O and no Tauri dependency, so both the hub and the kiosk core use it.

pub mod api;
pub mod application;
pub mod bindings;
pub mod catalogue;
pub mod check_digit;
pub mod codes;
pub mod commands;
pub mod complaint;
pub mod enrolment;
pub mod ipc;
pub mod item;
pub mod receipt;
