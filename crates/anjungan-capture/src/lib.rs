//! Documents for an application, from the counter's document scanner (which saves into a
//! folder), the kiosk camera, or a file staff choose. Whatever the source, a document is
//! judged by its content, never its name: PDF, JPEG or PNG, at most 20 MB, at most 40
//! megapixels (read from the header, before anything is decoded), a PDF at most 50 pages.
//! Accepted documents move into the kiosk's private [`inbox`] under a name made from their
//! SHA-256; the scanner folder is watched by [`watch`].
//!
//! - [`sniff`]: what a file is, by its first bytes, and its limits.
//! - [`inbox`]: the private folder of accepted documents, with thumbnails.
//! - [`folder`]: one pass over the scanner folder (stable size, symlinks, refusals).
//! - `fixtures` (feature `fixtures`): valid PDFs for tests and benchmarks.
//! - [`watch`]: the `notify` watcher that runs passes when the folder changes, and survives
//!   the folder being deleted and re-created.

#[cfg(any(test, feature = "fixtures"))]
pub mod fixtures;
pub mod folder;
pub mod inbox;
pub mod sniff;
pub mod watch;

pub use inbox::Inbox;
pub use sniff::{Kind, Limits, Refusal};
