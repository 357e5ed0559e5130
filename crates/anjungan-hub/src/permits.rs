//! Permits (Pasal 16–17): the office's seal keys, issuing a permit PDF whose QR carries a
//! signed token, revocation, and the signed trust and revocation lists kiosks sync.

use crate::db::now_rfc3339;
use crate::error::HubError;
use anjungan_permit::token::{nik_hash, sign, Claims};
use anjungan_permit::trust::public_key_b64;
use anjungan_skm::pdf::{self, Colour, Fonts};
use anjungan_wire::api::PermitLookup;
use anjungan_wire::ipc::{PermitFields, Verdict};
use ed25519_dalek::SigningKey;
use printpdf::{Mm, Op, PdfDocument, PdfPage, PdfSaveOptions};
use rand::RngCore;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use sqlx::AnyPool;
use std::path::{Path, PathBuf};

/// What `permit issue --json` reads.
#[derive(Debug, Clone, Deserialize)]
pub struct PermitInput {
    pub number: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub holder_name: String,
    pub nib: Option<String>,
    pub nik: Option<String>,
    pub issued: String,
    pub valid_until: Option<String>,
}

fn valid_date(d: &str) -> bool {
    time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]")).is_ok()
}

impl PermitInput {
    fn check(&self) -> Result<(), HubError> {
        let bad = |m: &str| Err(HubError::InvalidInput(m.to_owned()));
        if self.number.trim().is_empty() || self.number.len() > 64 {
            return bad("number is 1–64 characters");
        }
        if self.kind.trim().is_empty()
            || self.kind.len() > 120
            || self.holder_name.trim().is_empty()
            || self.holder_name.len() > 120
        {
            return bad("type and holder_name are 1–120 characters");
        }
        if let Some(nik) = &self.nik {
            if nik.len() != 16 || !nik.bytes().all(|b| b.is_ascii_digit()) {
                return bad("a NIK has 16 digits");
            }
        }
        if let Some(nib) = &self.nib {
            if nib.len() != 13 || !nib.bytes().all(|b| b.is_ascii_digit()) {
                return bad("a NIB has 13 digits");
            }
        }
        if !valid_date(&self.issued) || self.valid_until.as_deref().is_some_and(|d| !valid_date(d))
        {
            return bad("dates are YYYY-MM-DD");
        }
        Ok(())
    }
}

/// The key that signs new permits, created on first use.
pub async fn current_key(
    pool: &AnyPool,
    rng: &mut (impl RngCore + Send),
) -> Result<(String, SigningKey), HubError> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT kid FROM seal_keys WHERE retired_on IS NULL ORDER BY created_at DESC, kid DESC LIMIT 1",
    )
    .fetch_optional(pool)
    .await?;
    if let Some((kid,)) = row {
        let secret = crate::keystore::secret(pool, &kid)?;
        return Ok((kid, SigningKey::from_bytes(&secret)));
    }
    new_key(pool, rng).await
}

async fn new_key(
    pool: &AnyPool,
    rng: &mut (impl RngCore + Send),
) -> Result<(String, SigningKey), HubError> {
    let mut seed = [0u8; 32];
    rng.fill_bytes(&mut seed);
    let key = SigningKey::from_bytes(&seed);
    let kid = format!(
        "seal-{}",
        hex::encode(&Sha256::digest(key.verifying_key().as_bytes())[..4])
    );
    // The secret goes to the key file first; the database records only the public half.
    crate::keystore::keep(pool, &kid, &seed)?;
    sqlx::query(
        "INSERT INTO seal_keys (kid, secret, public_key, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(&kid)
    .bind(Vec::<u8>::new())
    .bind(public_key_b64(&key.verifying_key()))
    .bind(now_rfc3339())
    .execute(pool)
    .await?;
    Ok((kid, key))
}

/// Retires the current key as of `today` and makes a new one; returns the new key id.
pub async fn rotate(
    pool: &AnyPool,
    today: &str,
    rng: &mut (impl RngCore + Send),
) -> Result<String, HubError> {
    current_key(pool, rng).await?;
    sqlx::query("UPDATE seal_keys SET retired_on = $1 WHERE retired_on IS NULL")
        .bind(today)
        .execute(pool)
        .await?;
    Ok(new_key(pool, rng).await?.0)
}

pub async fn revoke(pool: &AnyPool, number: &str, reason: &str) -> Result<(), HubError> {
    if reason.trim().is_empty() || reason.len() > 300 {
        return Err(HubError::InvalidInput(
            "a reason is 1–300 characters".into(),
        ));
    }
    let known: Option<(String,)> = sqlx::query_as("SELECT number FROM permits WHERE number = $1")
        .bind(number)
        .fetch_optional(pool)
        .await?;
    known.ok_or_else(|| HubError::NotFound(format!("permit {number}")))?;
    sqlx::query("INSERT INTO revocations (number, reason, revoked_at) VALUES ($1, $2, $3) ON CONFLICT (number) DO UPDATE SET reason = excluded.reason")
        .bind(number)
        .bind(reason.trim())
        .bind(now_rfc3339())
        .execute(pool)
        .await?;
    Ok(())
}

/// Where `permit issue` wrote its files.
#[derive(Debug, serde::Serialize)]
pub struct Issued {
    pub number: String,
    pub pdf: PathBuf,
    pub qr_png: PathBuf,
    pub url: String,
}

/// Near-black: the permit's text.
const INK: Colour = (0.05, 0.05, 0.05);

struct Page {
    ops: Vec<Op>,
    fonts: Fonts,
}

impl Page {
    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, text: &str) {
        self.fonts
            .text(&mut self.ops, text, size, bold, (x, y), INK);
    }
}

/// Module size of the printed QR: above the 0.8 mm the camera needs at arm's length.
pub const QR_MODULE_MM: f32 = 0.9;

fn render_pdf(
    input: &PermitInput,
    qr: Option<&qrcode::QrCode>,
    seal_kid: &str,
) -> Result<Vec<u8>, HubError> {
    let mut doc = PdfDocument::new(&format!("Izin {}", input.number));
    let stamp = time::OffsetDateTime::parse(
        &format!("{}T00:00:00Z", input.issued),
        &time::format_description::well_known::Rfc3339,
    )
    .map(|t| t.unix_timestamp())
    .unwrap_or(0);
    if let Ok(d) = printpdf::DateTime::from_unix_timestamp(stamp) {
        doc.metadata.info.creation_date = d;
        doc.metadata.info.modification_date = d;
        doc.metadata.info.metadata_date = d;
    }
    let fonts = Fonts::embed(&mut doc).map_err(|e| HubError::Demo(e.to_string()))?;
    let mut p = Page {
        ops: Vec::new(),
        fonts,
    };
    // Letterhead.
    p.text(20.0, 272.0, 13.0, true, "PEMERINTAH KOTA METRO");
    p.text(
        20.0,
        265.0,
        11.0,
        true,
        "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU",
    );
    p.text(
        20.0,
        259.5,
        9.0,
        false,
        "Jl. Basuki Rahmat No. 1, Kota Metro, Lampung",
    );
    p.ops.extend([
        pdf::fill((0.1, 0.1, 0.1)),
        pdf::rect(20.0, 255.0, 170.0, 0.8),
    ]);
    p.text(20.0, 240.0, 15.0, true, &input.kind.to_uppercase());
    p.text(
        20.0,
        232.0,
        11.0,
        false,
        &format!("Nomor: {}", input.number),
    );
    let mut y = 215.0;
    let mut field = |p: &mut Page, label: &str, value: &str| {
        p.text(20.0, y, 11.0, false, label);
        p.text(70.0, y, 11.0, true, value);
        y -= 8.0;
    };
    field(&mut p, "Diberikan kepada", &input.holder_name);
    if let Some(nib) = &input.nib {
        field(&mut p, "NIB", nib);
    }
    field(&mut p, "Tanggal terbit", &input.issued);
    field(
        &mut p,
        "Berlaku sampai",
        input.valid_until.as_deref().unwrap_or("tidak dibatasi"),
    );
    field(&mut p, "Kunci segel", seal_kid);
    p.text(
        20.0,
        150.0,
        9.0,
        false,
        "Dicetak dari sistem DPMPTSP Kota Metro. Kode QR di bawah memuat segel digital kantor",
    );
    p.text(
        20.0,
        145.0,
        9.0,
        false,
        "untuk memeriksa keaslian data izin ini; segel itu bukan tanda tangan elektronik tersertifikasi.",
    );
    p.text(
        20.0,
        140.0,
        9.0,
        false,
        "Kekuatan hukum izin berasal dari tanda tangan pejabat yang berwenang pada dokumen aslinya.",
    );
    if let Some(code) = qr {
        let width = code.width();
        let colors = code.to_colors();
        let (x0, y0) = (20.0f32, 40.0f32);
        p.ops.push(pdf::fill((0.0, 0.0, 0.0)));
        for (i, c) in colors.iter().enumerate() {
            if *c == qrcode::Color::Dark {
                let (col, row) = ((i % width) as f32, (i / width) as f32);
                p.ops.push(pdf::rect(
                    x0 + col * QR_MODULE_MM,
                    y0 + (width as f32 - 1.0 - row) * QR_MODULE_MM,
                    QR_MODULE_MM,
                    QR_MODULE_MM,
                ));
            }
        }
        p.text(
            20.0 + width as f32 * QR_MODULE_MM + 6.0,
            60.0,
            9.0,
            false,
            "Pindai untuk memeriksa keaslian izin ini.",
        );
    }
    doc.with_pages(vec![PdfPage::new(Mm(210.0), Mm(297.0), p.ops)]);
    Ok(doc.save(&PdfSaveOptions::default(), &mut Vec::new()))
}

fn qr_png(code: &qrcode::QrCode, path: &Path) -> Result<(), HubError> {
    let width = code.width() as u32;
    let (scale, quiet) = (8u32, 4u32);
    let side = (width + 2 * quiet) * scale;
    let colors = code.to_colors();
    let img = image::GrayImage::from_fn(side, side, |x, y| {
        let (cx, cy) = (x / scale, y / scale);
        let dark = cx >= quiet
            && cy >= quiet
            && cx < quiet + width
            && cy < quiet + width
            && colors[((cy - quiet) * width + (cx - quiet)) as usize] == qrcode::Color::Dark;
        image::Luma([if dark { 0 } else { 255 }])
    });
    img.save(path)
        .map_err(|e| HubError::Demo(format!("cannot write the QR image: {e}")))
}

/// A permit's file name without extension: `izin-` and its number with anything but letters
/// and digits made `-` (a number holds `/`).
fn file_stem(number: &str) -> String {
    let safe: String = number
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("izin-{safe}")
}

/// Where [`issue`] writes permit `number`'s PDF in `out_dir` (its QR image lies beside it).
pub fn pdf_path(out_dir: &Path, number: &str) -> PathBuf {
    out_dir.join(format!("{}.pdf", file_stem(number)))
}

/// The folder the back office issues permits into, in the hub's data directory.
pub fn issued_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("permits")
}

/// Issues a permit: the document's hash goes into a token signed with the current seal key,
/// and the printable PDF carries that token's QR.
pub async fn issue(
    pool: &AnyPool,
    input: &PermitInput,
    out_dir: &Path,
    base_url: &str,
    rng: &mut (impl RngCore + Send),
) -> Result<Issued, HubError> {
    input.check()?;
    let (kid, key) = current_key(pool, rng).await?;
    // The QR's hash covers the permit as laid out without the QR itself.
    let document = render_pdf(input, None, &kid)?;
    let claims = Claims {
        number: input.number.trim().to_owned(),
        kind: input.kind.trim().to_owned(),
        holder: input.holder_name.trim().to_owned(),
        nib: input.nib.clone(),
        nik_hash: input.nik.as_deref().map(nik_hash),
        issued: input.issued.clone(),
        valid_until: input.valid_until.clone(),
        pdf_sha256: hex::encode(Sha256::digest(&document)),
    };
    let token = sign(&claims, &kid, &key);
    let url = format!(
        "{}/p/{}#{token}",
        base_url.trim_end_matches('/'),
        percent_encoding::utf8_percent_encode(&claims.number, PATH_SAFE)
    );
    let code = qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| HubError::Demo(format!("QR: {e}")))?;
    let printable = render_pdf(input, Some(&code), &kid)?;
    std::fs::create_dir_all(out_dir)?;
    let pdf = pdf_path(out_dir, &claims.number);
    let png = pdf.with_file_name(format!("{}-qr.png", file_stem(&claims.number)));
    std::fs::write(&pdf, &printable)?;
    qr_png(&code, &png)?;
    register_url(pool, base_url).await?;
    sqlx::query(
        "INSERT INTO permits (number, kind, holder, issued, valid_until, pdf_sha256, kid, issued_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (number) DO UPDATE SET kind = excluded.kind, holder = excluded.holder,
             issued = excluded.issued, valid_until = excluded.valid_until,
             pdf_sha256 = excluded.pdf_sha256, kid = excluded.kid, issued_at = excluded.issued_at",
    )
    .bind(&claims.number)
    .bind(&claims.kind)
    .bind(&claims.holder)
    .bind(&claims.issued)
    .bind(&claims.valid_until)
    .bind(&claims.pdf_sha256)
    .bind(&kid)
    .bind(now_rfc3339())
    .execute(pool)
    .await?;
    Ok(Issued {
        number: claims.number,
        pdf,
        qr_png: png,
        url,
    })
}

/// Records an address this office's permit QR codes point at (see [`lookup`]).
pub async fn register_url(pool: &AnyPool, base: &str) -> Result<(), HubError> {
    let base = base.trim().trim_end_matches('/');
    if !(base.starts_with("https://") || base.starts_with("http://")) {
        return Err(HubError::InvalidInput(format!(
            "not an http(s) address: {base}"
        )));
    }
    sqlx::query(
        "INSERT INTO office_urls (base, added_at) VALUES ($1, $2) ON CONFLICT (base) DO NOTHING",
    )
    .bind(base)
    .bind(now_rfc3339())
    .execute(pool)
    .await?;
    Ok(())
}

/// The permit number a plain URL names, when it points at this office's register:
/// `{base}/p/{number}` or `{base}/{number}` for a registered base (scheme and host compared
/// without case), query and fragment ignored.
async fn number_in_url(pool: &AnyPool, url: &str) -> Result<Option<String>, HubError> {
    let bases: Vec<(String,)> = sqlx::query_as("SELECT base FROM office_urls")
        .fetch_all(pool)
        .await?;
    let lower = url.to_ascii_lowercase();
    for (base,) in bases {
        if !lower.starts_with(&(base.to_ascii_lowercase() + "/")) {
            continue;
        }
        let rest = &url[base.len() + 1..];
        let rest = rest.strip_prefix("p/").unwrap_or(rest);
        let rest = rest.split(['?', '#']).next().unwrap_or_default();
        let decoded = percent_encoding::percent_decode_str(rest)
            .decode_utf8()
            .ok();
        if let Some(number) = decoded.filter(|n| !n.trim().is_empty()) {
            return Ok(Some(number.into_owned()));
        }
    }
    Ok(None)
}

/// `POST /v1/permits/lookup`: the verdict on a plain-URL QR, never fetched, only parsed:
/// - a page of this office's register (`/p/{number}`): this hub's permit or the imported
///   register's;
/// - a verification URL the imported register lists (a SiCantik or OSS permit of this
///   office): that permit;
/// - a national service the office names: where it points (`PERIKSA_DI_PENERBIT`);
/// - anything else: not a permit of this office.
pub async fn lookup(pool: &AnyPool, url: &str, today: &str) -> Result<PermitLookup, HubError> {
    let url = url.trim();
    let unknown = |this_office| PermitLookup {
        verdict: Verdict::TidakDikenal,
        this_office,
        permit: PermitFields::default(),
        points_to: None,
    };
    let number = number_in_url(pool, url).await?;
    if let Some(number) = &number {
        if let Some(found) = entry(pool, number, today).await? {
            return Ok(found);
        }
    }
    if let Some(found) = crate::register::by_url(pool, url).await? {
        return Ok(from_register(found, today));
    }
    if number.is_some() {
        return Ok(unknown(true));
    }
    let verifiers = crate::register::verifiers(pool).await?;
    Ok(match anjungan_permit::verify::points_to(url, &verifiers) {
        Some(points_to) => PermitLookup {
            verdict: Verdict::PeriksaDiPenerbit,
            points_to: Some(points_to),
            ..unknown(false)
        },
        None => unknown(false),
    })
}

/// A permit of the imported register, as of `today`.
fn from_register(r: crate::register::RegisterPermit, today: &str) -> PermitLookup {
    let revoked = r.status == "dicabut";
    let verdict = match &r.valid_until {
        _ if revoked => Verdict::Dicabut,
        Some(u) if today > u.as_str() => Verdict::Kedaluwarsa,
        _ => Verdict::Asli,
    };
    PermitLookup {
        verdict,
        this_office: true,
        permit: PermitFields {
            permit_number: Some(r.number),
            permit_type: Some(r.kind),
            holder: Some(r.holder),
            issued: Some(r.issued),
            valid_until: r.valid_until,
            revocation_reason: revoked.then(|| "Dicabut menurut register izin kantor".to_owned()),
        },
        points_to: None,
    }
}

/// The register's entry for a permit number, as of `today`: a permit this hub issued, or
/// one of the imported register.
async fn entry(
    pool: &AnyPool,
    number: &str,
    today: &str,
) -> Result<Option<PermitLookup>, HubError> {
    let row: Option<(String, String, String, Option<String>)> =
        sqlx::query_as("SELECT kind, holder, issued, valid_until FROM permits WHERE number = $1")
            .bind(number)
            .fetch_optional(pool)
            .await?;
    let Some((kind, holder, issued, valid_until)) = row else {
        return Ok(crate::register::by_number(pool, number)
            .await?
            .map(|r| from_register(r, today)));
    };
    let revoked: Option<(String,)> =
        sqlx::query_as("SELECT reason FROM revocations WHERE number = $1")
            .bind(number)
            .fetch_optional(pool)
            .await?;
    let verdict = match (&revoked, &valid_until) {
        (Some(_), _) => Verdict::Dicabut,
        (None, Some(u)) if today > u.as_str() => Verdict::Kedaluwarsa,
        _ => Verdict::Asli,
    };
    Ok(Some(PermitLookup {
        verdict,
        this_office: true,
        permit: PermitFields {
            permit_number: Some(number.to_owned()),
            permit_type: Some(kind),
            holder: Some(holder),
            issued: Some(issued),
            valid_until,
            revocation_reason: revoked.map(|(r,)| r),
        },
        points_to: None,
    }))
}

/// The characters a permit number keeps in its QR's path; everything else is %-encoded.
const PATH_SAFE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.');

#[derive(askama::Template)]
#[template(path = "permit.html")]
struct PermitPage<'a> {
    number: &'a str,
    status: &'static str,
    permit: Option<&'a PermitFields>,
}

/// The page a phone opens from a permit's QR: the office's own record of the permit, in plain
/// HTML from a template (the token in the URL's fragment never reaches the server, and no
/// script is needed).
pub async fn page(pool: &AnyPool, number: &str, today: &str) -> Result<String, HubError> {
    let found = entry(pool, number, today).await?;
    let status = match found.as_ref().map(|e| e.verdict) {
        None => "TIDAK DIKENAL",
        Some(Verdict::Dicabut) => "DICABUT",
        Some(Verdict::Kedaluwarsa) => "KEDALUWARSA",
        Some(_) => "TERDAFTAR DAN BERLAKU",
    };
    askama::Template::render(&PermitPage {
        number,
        status,
        permit: found.as_ref().map(|e| &e.permit),
    })
    .map_err(|e| HubError::Internal(e.to_string()))
}
