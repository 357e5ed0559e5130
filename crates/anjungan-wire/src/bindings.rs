//! Generates `ui/src/lib/ipc/bindings.ts`: the IPC types and one typed function per command.
//!
//! The file is committed; `tests/bindings.rs` regenerates it in memory and fails on drift
//! (`UPDATE_BINDINGS=1 cargo test -p anjungan-wire` rewrites it).

use crate::application::{
    Applicant, ApplicantType, ApplicationDraft, ApplicationKind, ApplicationReceipt, Company,
    InboxDocument, InboxReport, Problem, RefusedFile, StatusChange,
};
use crate::catalogue::{
    Catalogue, Channel, FieldKind, FormField, Requirement, Service, ServiceKind,
};
use crate::commands::signatures;
use crate::complaint::{
    ComplaintAttachment, ComplaintCategory, ComplaintChange, ComplaintDraft, ComplaintIdentity,
    ComplaintReceipt, ComplaintState, ComplaintStatus, Privacy,
};
use crate::ipc::{
    AgeBand, AppInfo, ApplicationStatus, Boot, CameraInfo, CheckSource, ConnectionReport,
    ConnectionState, CountRow, DeadLetterRow, Education, ElementScore, EnrolmentInfo, ErrorCode,
    Grade, IpcError, Kelurahan, KindCounts, Language, MaintenanceInfo, MaintenanceReason,
    MonthPoint, Occupation, OutageRow, PartScore, PermitCheck, PermitFields, PointsTo,
    ProfileTables, Questionnaire, RespondentProfile, SampleAdequacy, ServiceOption, Sex,
    SkmCodeCheck, SkmRules, SkmSummary, StaffLoginResult, StaffOverview, StatusLookup,
    StatusSource, SubmitReceipt, SurveyElement, SurveySubmission, SyncOverview, Text, Verdict,
    VerifyEvent,
};
use crate::receipt::{Paper, PrintOutcome, PrintState, PrinterConfig, Receipt, ReceiptRow};
use ts_rs::TS;

/// Where the generated file lives, relative to the workspace root.
pub const BINDINGS_PATH: &str = "ui/src/lib/ipc/bindings.ts";

fn to_camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The whole TypeScript file.
pub fn typescript() -> String {
    let decls = [
        ErrorCode::decl(),
        IpcError::decl(),
        Language::decl(),
        AppInfo::decl(),
        ApplicationStatus::decl(),
        StatusLookup::decl(),
        StaffLoginResult::decl(),
        EnrolmentInfo::decl(),
        ConnectionState::decl(),
        ConnectionReport::decl(),
        StaffOverview::decl(),
        KindCounts::decl(),
        OutageRow::decl(),
        DeadLetterRow::decl(),
        SyncOverview::decl(),
        Text::decl(),
        SurveyElement::decl(),
        ServiceOption::decl(),
        Questionnaire::decl(),
        Sex::decl(),
        AgeBand::decl(),
        Education::decl(),
        Occupation::decl(),
        RespondentProfile::decl(),
        SurveySubmission::decl(),
        SubmitReceipt::decl(),
        Grade::decl(),
        ElementScore::decl(),
        CountRow::decl(),
        MonthPoint::decl(),
        ProfileTables::decl(),
        SampleAdequacy::decl(),
        SkmSummary::decl(),
        MaintenanceReason::decl(),
        MaintenanceInfo::decl(),
        Boot::decl(),
        Verdict::decl(),
        CheckSource::decl(),
        PointsTo::decl(),
        PermitFields::decl(),
        PermitCheck::decl(),
        CameraInfo::decl(),
        VerifyEvent::decl(),
        ServiceKind::decl(),
        Channel::decl(),
        FieldKind::decl(),
        FormField::decl(),
        Requirement::decl(),
        Service::decl(),
        Catalogue::decl(),
        ApplicationKind::decl(),
        ApplicantType::decl(),
        Applicant::decl(),
        Company::decl(),
        ApplicationDraft::decl(),
        Problem::decl(),
        ApplicationReceipt::decl(),
        InboxDocument::decl(),
        RefusedFile::decl(),
        InboxReport::decl(),
        StatusChange::decl(),
        StatusSource::decl(),
        SkmCodeCheck::decl(),
        SkmRules::decl(),
        PartScore::decl(),
        Receipt::decl(),
        Paper::decl(),
        PrinterConfig::decl(),
        PrintState::decl(),
        PrintOutcome::decl(),
        ReceiptRow::decl(),
        Privacy::decl(),
        ComplaintIdentity::decl(),
        ComplaintDraft::decl(),
        ComplaintAttachment::decl(),
        ComplaintReceipt::decl(),
        ComplaintCategory::decl(),
        ComplaintState::decl(),
        ComplaintChange::decl(),
        ComplaintStatus::decl(),
        Kelurahan::decl(),
    ];
    let mut out = String::from(
        "// Generated from crates/anjungan-wire by `UPDATE_BINDINGS=1 cargo test -p anjungan-wire`.\n\
         // Do not edit: CI fails when this file differs from what the Rust types say.\n\n\
         import { invoke, type Channel } from '@tauri-apps/api/core';\n\n",
    );
    for decl in decls {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    let codes: Vec<String> = ErrorCode::ALL
        .iter()
        .map(|c| serde_json::to_string(c).unwrap_or_default())
        .collect();
    out.push_str(&format!(
        "export const ERROR_CODES: readonly ErrorCode[] = [{}];\n\n",
        codes.join(", ")
    ));
    let rows: Vec<String> = crate::check_digit::DAMM
        .iter()
        .map(|r| format!("  {:?},", r))
        .collect();
    out.push_str(&format!(
        "/** Damm's quasigroup of order 10: the check digit of tracking numbers and e-SKM codes. */\n\
         export const DAMM_TABLE: readonly (readonly number[])[] = [\n{}\n];\n\n",
        rows.join("\n")
    ));
    out.push_str("export const commands = {\n");
    for s in signatures() {
        let params: Vec<String> = s.args.iter().map(|(n, t)| format!("{n}: {t}")).collect();
        let call_args = if s.args.is_empty() {
            String::new()
        } else {
            let names: Vec<&str> = s.args.iter().map(|(n, _)| *n).collect();
            format!(", {{ {} }}", names.join(", "))
        };
        out.push_str(&format!(
            "  {}: ({}): Promise<{}> => invoke('{}'{}),\n",
            to_camel(s.name),
            params.join(", "),
            s.returns,
            s.name,
            call_args
        ));
    }
    out.push_str("} as const;\n");
    out
}
