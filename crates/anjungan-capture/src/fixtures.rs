//! Documents for tests and benchmarks (feature `fixtures`): valid PDFs the inbox accepts,
//! written without a PDF library so a test controls every byte.

/// A valid PDF of `pages` blank A4 pages. `tag` goes into a comment (so two fixtures
/// differ), and `filler`, when not empty, into an unreferenced stream: the bulk of a real
/// scan, for size-bound tests and benchmarks.
pub fn pdf(pages: u32, tag: &str, filler: &[u8]) -> Vec<u8> {
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", i + 3)).collect();
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        )
        .into_bytes(),
    ];
    for _ in 0..pages {
        objects.push(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_vec());
    }
    if !filler.is_empty() {
        objects.push(
            [
                format!("<< /Length {} >>\nstream\n", filler.len()).into_bytes(),
                filler.to_vec(),
                b"\nendstream".to_vec(),
            ]
            .concat(),
        );
    }
    let mut out = format!("%PDF-1.4\n% {tag}\n").into_bytes();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}
