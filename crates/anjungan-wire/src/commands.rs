//! The shell's command list, in one place: the build script generates a permission per
//! command from it, the capabilities grant them per window, and the TypeScript bindings
//! are generated from [`SIGNATURES`]. Adding a command means adding it here.

use crate::application::{ApplicationDraft, ApplicationReceipt, InboxReport, Problem};
use crate::catalogue::Catalogue;
use crate::complaint::{ComplaintAttachment, ComplaintDraft, ComplaintReceipt, ComplaintStatus};
use crate::ipc::{
    AppInfo, CameraInfo, ConnectionReport, Kelurahan, Language, MaintenanceInfo, PermitCheck,
    Questionnaire, SkmCodeCheck, SkmRules, SkmSummary, StaffLoginResult, StaffOverview,
    StatusLookup, SubmitReceipt, SurveySubmission, SyncOverview, VerifyEvent,
};
use crate::receipt::{PrintOutcome, ReceiptRow};
use ts_rs::TS;

/// Declares the two per-window lists and their union from one list of names.
macro_rules! commands {
    (kiosk: [$($k:literal),* $(,)?], staff: [$($s:literal),* $(,)?]) => {
        /// Commands the citizen-facing kiosk window may call.
        pub const KIOSK_COMMANDS: &[&str] = &[$($k),*];
        /// Commands only the staff window may call.
        pub const STAFF_COMMANDS: &[&str] = &[$($s),*];
        /// Every command, for the build script's permission manifest.
        pub const ALL_COMMANDS: &[&str] = &[$($k,)* $($s),*];
    };
}

commands! {
    kiosk: [
        "app_info",
        "maintenance_status",
        "check_status",
        "open_staff_window",
        "survey_questionnaire",
        "submit_survey",
        "verify_start",
        "qr_scan_start",
        "verify_resume",
        "verify_stop",
        "catalogue",
        "kelurahan_list",
        "apply_validate",
        "apply_submit",
        "inbox_watch",
        "inbox_remove",
        "inbox_discard",
        "qr_svg",
        "service_link",
        "document_camera_start",
        "document_camera_still",
        "document_camera_stop",
        "receipt_print",
        "skm_code_check",
        "skm_rules",
        "complaint_validate",
        "complaint_attach_photo",
        "complaint_attach_scans",
        "complaint_attachment_remove",
        "complaint_discard",
        "complaint_submit",
        "complaint_status",
        "ui_painted",
        "speak",
    ],
    staff: [
        "staff_login",
        "staff_logout",
        "staff_activity",
        "staff_stats",
        "staff_overview",
        "staff_check_connection",
        "staff_sync_overview",
        "staff_retry_dead",
        "staff_send_now",
        "staff_export_dead",
        "staff_skm_summary",
        "staff_skm_report",
        "staff_verify_text",
        "staff_verify_image",
        "staff_add_document",
        "staff_receipts",
        "staff_receipt_reprint",
        "staff_printer_check",
    ]
}

/// Kiosk commands the staff window may call too: the counter runs the same application
/// flow as the kiosk ("Ajukan Izin" at the counter).
pub const COUNTER_COMMANDS: &[&str] = &[
    "document_camera_start",
    "document_camera_still",
    "document_camera_stop",
    "catalogue",
    "kelurahan_list",
    "apply_validate",
    "apply_submit",
    "inbox_watch",
    "inbox_remove",
    "inbox_discard",
    "qr_svg",
    "receipt_print",
];

/// A command's TypeScript signature: `(name, [(arg, type)], return type)`.
pub struct Signature {
    pub name: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub returns: String,
}

fn sig(name: &'static str, args: Vec<(&'static str, String)>, returns: String) -> Signature {
    Signature {
        name,
        args,
        returns,
    }
}

/// Signatures of [`ALL_COMMANDS`], in the same order.
pub fn signatures() -> Vec<Signature> {
    vec![
        sig("app_info", vec![], AppInfo::name()),
        sig(
            "maintenance_status",
            vec![],
            format!("{} | null", MaintenanceInfo::name()),
        ),
        sig(
            "check_status",
            vec![("trackingNumber", "string".into())],
            StatusLookup::name(),
        ),
        sig("open_staff_window", vec![], "null".into()),
        sig("survey_questionnaire", vec![], Questionnaire::name()),
        sig(
            "submit_survey",
            vec![("submission", SurveySubmission::name())],
            SubmitReceipt::name(),
        ),
        sig(
            "verify_start",
            vec![("events", format!("Channel<{}>", VerifyEvent::name()))],
            CameraInfo::name(),
        ),
        sig(
            "qr_scan_start",
            vec![("events", format!("Channel<{}>", VerifyEvent::name()))],
            CameraInfo::name(),
        ),
        sig("verify_resume", vec![], "null".into()),
        sig("verify_stop", vec![], "null".into()),
        sig("catalogue", vec![], format!("{} | null", Catalogue::name())),
        sig("kelurahan_list", vec![], format!("{}[]", Kelurahan::name())),
        sig(
            "apply_validate",
            vec![("draft", ApplicationDraft::name())],
            format!("{}[]", Problem::name()),
        ),
        sig(
            "apply_submit",
            vec![("draft", ApplicationDraft::name())],
            ApplicationReceipt::name(),
        ),
        sig(
            "inbox_watch",
            vec![("events", format!("Channel<{}>", InboxReport::name()))],
            InboxReport::name(),
        ),
        sig(
            "inbox_remove",
            vec![("sha256", "string".into())],
            "null".into(),
        ),
        sig("inbox_discard", vec![], "null".into()),
        sig("qr_svg", vec![("text", "string".into())], "string".into()),
        sig(
            "service_link",
            vec![("code", "string".into())],
            "string | null".into(),
        ),
        sig(
            "document_camera_start",
            vec![("events", format!("Channel<{}>", VerifyEvent::name()))],
            CameraInfo::name(),
        ),
        sig("document_camera_still", vec![], InboxReport::name()),
        sig("document_camera_stop", vec![], "null".into()),
        sig(
            "receipt_print",
            vec![("trackingNumber", "string".into())],
            PrintOutcome::name(),
        ),
        sig(
            "skm_code_check",
            vec![("code", "string".into())],
            SkmCodeCheck::name(),
        ),
        sig("skm_rules", vec![], SkmRules::name()),
        sig(
            "complaint_validate",
            vec![("draft", ComplaintDraft::name())],
            format!("{}[]", Problem::name()),
        ),
        sig(
            "complaint_attach_photo",
            vec![],
            format!("{}[]", ComplaintAttachment::name()),
        ),
        sig(
            "complaint_attach_scans",
            vec![],
            format!("{}[]", ComplaintAttachment::name()),
        ),
        sig(
            "complaint_attachment_remove",
            vec![("id", "string".into())],
            format!("{}[]", ComplaintAttachment::name()),
        ),
        sig("complaint_discard", vec![], "null".into()),
        sig(
            "complaint_submit",
            vec![("draft", ComplaintDraft::name())],
            ComplaintReceipt::name(),
        ),
        sig(
            "complaint_status",
            vec![
                ("trackingNumber", "string".into()),
                ("pin", "string".into()),
            ],
            ComplaintStatus::name(),
        ),
        sig(
            "ui_painted",
            vec![("atUnixMs", "number".into())],
            "null".into(),
        ),
        sig(
            "speak",
            vec![("text", "string".into()), ("language", Language::name())],
            "null".into(),
        ),
        sig(
            "staff_login",
            vec![("pin", "string".into())],
            StaffLoginResult::name(),
        ),
        sig("staff_logout", vec![], "null".into()),
        sig("staff_activity", vec![], "null".into()),
        sig("staff_stats", vec![], "string".into()),
        sig("staff_overview", vec![], StaffOverview::name()),
        sig("staff_check_connection", vec![], ConnectionReport::name()),
        sig("staff_sync_overview", vec![], SyncOverview::name()),
        sig(
            "staff_retry_dead",
            vec![("id", "string".into())],
            "null".into(),
        ),
        sig("staff_send_now", vec![], "number".into()),
        sig("staff_export_dead", vec![], "string".into()),
        sig(
            "staff_skm_summary",
            vec![
                ("from", "string | null".into()),
                ("to", "string | null".into()),
                ("population", "number | null".into()),
            ],
            SkmSummary::name(),
        ),
        sig(
            "staff_skm_report",
            vec![
                ("from", "string | null".into()),
                ("to", "string | null".into()),
                ("population", "number | null".into()),
            ],
            "string".into(),
        ),
        sig(
            "staff_verify_text",
            vec![("text", "string".into())],
            PermitCheck::name(),
        ),
        sig(
            "staff_verify_image",
            vec![("base64", "string".into())],
            PermitCheck::name(),
        ),
        sig(
            "staff_add_document",
            vec![("name", "string".into()), ("base64", "string".into())],
            InboxReport::name(),
        ),
        sig(
            "staff_receipts",
            vec![("query", "string | null".into())],
            format!("{}[]", ReceiptRow::name()),
        ),
        sig(
            "staff_receipt_reprint",
            vec![("trackingNumber", "string".into())],
            PrintOutcome::name(),
        ),
        sig("staff_printer_check", vec![], PrintOutcome::name()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_one_signature_and_one_window() {
        let names: Vec<&str> = signatures().iter().map(|s| s.name).collect();
        assert_eq!(names, ALL_COMMANDS);
        let mut split: Vec<&str> = KIOSK_COMMANDS
            .iter()
            .chain(STAFF_COMMANDS)
            .copied()
            .collect();
        split.sort_unstable();
        let mut all = ALL_COMMANDS.to_vec();
        all.sort_unstable();
        assert_eq!(split, all, "each command belongs to exactly one window");
    }
}
