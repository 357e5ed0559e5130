//! The thermal receipt, byte for byte (golden files), and drawn from those bytes the way a
//! printer would draw them: its QR codes must decode, with the kiosk's own decoder, back to
//! the status address and the e-SKM code.

use anjungan_receipt::{escpos, Paper, Receipt};
use image::{GrayImage, Luma};

fn sample() -> Receipt {
    Receipt {
        tracking_number: "26-007-00042-5".into(),
        office_name: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Metro".into(),
        service_code: "SIP-DOKTER".into(),
        service_name: "Surat Izin Praktik Dokter (SIP Dokter/Dokter Gigi)".into(),
        kind: "baru".into(),
        issued_at: "2026-11-30T02:15:00Z".into(),
        applicant_masked: anjungan_receipt::mask_name("Siti Aminah"),
        documents_received: vec![
            "KTP".into(),
            "Surat Tanda Registrasi (STR) yang masih berlaku".into(),
        ],
        documents_to_bring: vec!["Pas foto 4x6 berlatar merah".into()],
        sla_working_days: Some(5),
        estimated_due: Some("2026-12-07".into()),
        status_url: "http://127.0.0.1:8787/t/26-007-00042-5".into(),
        skm_code: "4821553097".into(),
        skm_qr: "ANJUNGAN-SKM:4821553097".into(),
        kiosk_name: "Anjungan Lobi MPP".into(),
    }
}

/// What a printer would put on paper: text cells as dark blocks (12×24 dots, doubled for
/// `GS ! 0x11`), raster images dot for dot. Returns the page and each raster image alone.
fn draw(bytes: &[u8], paper: Paper) -> (GrayImage, Vec<GrayImage>) {
    let width = paper.dots();
    let mut rows: Vec<Vec<u8>> = Vec::new(); // 0 = ink, 255 = paper
    let mut images = Vec::new();
    let (mut align, mut double, mut line) = (0u8, false, Vec::<u8>::new());
    let flush = |rows: &mut Vec<Vec<u8>>, line: &mut Vec<u8>, align: u8, double: bool| {
        let (cw, ch) = if double { (24, 48) } else { (12, 24) };
        let used = line.len() as u32 * cw;
        let x0 = match align {
            1 => width.saturating_sub(used) / 2,
            2 => width.saturating_sub(used),
            _ => 0,
        };
        for y in 0..ch {
            let mut row = vec![255u8; width as usize];
            for (i, c) in line.iter().enumerate() {
                if *c != b' ' && y >= 4 && y < ch - 4 {
                    let from = x0 + i as u32 * cw + 2;
                    for x in from..(from + cw - 4).min(width) {
                        row[x as usize] = 120;
                    }
                }
            }
            rows.push(row);
        }
        line.clear();
    };
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0x1b => match bytes[i + 1] {
                b'@' => i += 2,
                b'a' => {
                    align = bytes[i + 2];
                    i += 3;
                }
                b'd' => {
                    for _ in 0..bytes[i + 2] {
                        flush(&mut rows, &mut line, align, double);
                    }
                    i += 3;
                }
                b't' | b'E' => i += 3,
                other => panic!("unexpected ESC {other:#x} at {i}"),
            },
            0x1d => match bytes[i + 1] {
                b'!' => {
                    double = bytes[i + 2] == 0x11;
                    i += 3;
                }
                b'V' => i += 4,
                b'v' => {
                    assert_eq!(&bytes[i + 2..i + 4], b"0\0", "GS v 0, normal density");
                    let wb = u16::from_le_bytes([bytes[i + 4], bytes[i + 5]]) as usize;
                    let h = u16::from_le_bytes([bytes[i + 6], bytes[i + 7]]) as usize;
                    let data = &bytes[i + 8..i + 8 + wb * h];
                    let mut img = GrayImage::from_pixel(wb as u32 * 8, h as u32, Luma([255]));
                    for y in 0..h {
                        let mut row = vec![255u8; width as usize];
                        let x0 = if align == 1 {
                            (width as usize).saturating_sub(wb * 8) / 2
                        } else {
                            0
                        };
                        for x in 0..wb * 8 {
                            if data[y * wb + x / 8] & (0x80 >> (x % 8)) != 0 {
                                img.put_pixel(x as u32, y as u32, Luma([0]));
                                if x0 + x < row.len() {
                                    row[x0 + x] = 0;
                                }
                            }
                        }
                        rows.push(row);
                    }
                    images.push(img);
                    i += 8 + wb * h;
                }
                other => panic!("unexpected GS {other:#x} at {i}"),
            },
            b'\n' => {
                flush(&mut rows, &mut line, align, double);
                i += 1;
            }
            c if (0x20..0x7f).contains(&c) => {
                line.push(c);
                i += 1;
            }
            other => panic!("unexpected byte {other:#x} at {i}"),
        }
    }
    let mut page = GrayImage::from_pixel(width, rows.len() as u32, Luma([255]));
    for (y, row) in rows.iter().enumerate() {
        for (x, v) in row.iter().enumerate() {
            page.put_pixel(x as u32, y as u32, Luma([*v]));
        }
    }
    (page, images)
}

fn golden(name: &str, bytes: &[u8]) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, bytes).expect("write golden");
    }
    let want = std::fs::read(&path).expect("golden file (UPDATE_GOLDEN=1 writes it)");
    assert!(
        want == bytes,
        "{name} differs from the golden file ({} vs {} bytes)",
        want.len(),
        bytes.len()
    );
}

#[test]
fn thermal_receipts_match_their_golden_bytes_and_their_qr_codes_scan() {
    let receipt = sample();
    for (paper, name) in [
        (Paper::Mm80, "receipt-80mm.bin"),
        (Paper::Mm58, "receipt-58mm.bin"),
    ] {
        let bytes = escpos::render(&receipt, paper).expect("render");
        golden(name, &bytes);
        let (page, qrs) = draw(&bytes, paper);
        if let Some(dir) = std::env::var_os("RECEIPT_PNG_DIR") {
            // For looking at: the drawn slip, and the A4 PDF of the same receipt.
            let dir = std::path::Path::new(&dir);
            page.save(dir.join(name.replace(".bin", ".png")))
                .expect("png");
            let pdf = anjungan_receipt::pdf::render(&receipt, time::OffsetDateTime::UNIX_EPOCH)
                .expect("pdf");
            std::fs::write(dir.join("receipt-a4.pdf"), pdf).expect("pdf");
        }
        assert_eq!(qrs.len(), 2, "a status QR and an e-SKM QR");
        let read = |img: &GrayImage| {
            anjungan_qr::decode(img, anjungan_qr::Pipeline::Full)
                .map(|d| d.text)
                .expect("the printed QR decodes")
        };
        assert_eq!(read(&qrs[0]), receipt.status_url, "{name}");
        assert_eq!(read(&qrs[1]), receipt.skm_qr, "{name}");
        // Each module at least 0.8 mm (203 dpi → 6.4 dots) on 80 mm, 0.6 mm on 58 mm.
        let min = if paper == Paper::Mm80 { 7 } else { 5 };
        assert!(
            qrs[0].width() / 37 >= min,
            "{name}: {} dots for 37 modules",
            qrs[0].width()
        );
        // No line is wider than the paper.
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("Pemohon   : S*** A*****"));
        assert!(!text.contains("Siti"), "the name only masked");
    }
}

#[test]
fn long_words_and_accents_stay_inside_the_paper() {
    let mut receipt = sample();
    receipt.service_name =
        "Izin Usaha Pariwisata — Café dan Restoran Kategori Sangat-Panjang-Sekali-Tanpa-Spasi"
            .into();
    let bytes = escpos::render(&receipt, Paper::Mm58).expect("render");
    let text = String::from_utf8_lossy(&bytes);
    for line in text
        .split('\n')
        .filter(|l| l.is_ascii() && !l.contains('\u{1b}') && !l.contains('\u{1d}'))
    {
        assert!(line.len() <= 32, "{line:?} is wider than 58 mm paper");
    }
    assert!(
        text.contains("Cafe") && !text.contains("Caf\u{e9}"),
        "accents dropped, letters kept"
    );
}
