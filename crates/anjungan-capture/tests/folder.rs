//! The scanner folder as staff and scanners use it: slow writers, hostile files, and the
//! folder deleted and created again under a running watcher.

use anjungan_capture::folder::{scan_once, Folder};
use anjungan_capture::watch::watch;
use anjungan_capture::{Inbox, Limits};
use anjungan_wire::application::InboxReport;
use std::io::Write;
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn tiny_pdf() -> Vec<u8> {
    anjungan_capture::fixtures::pdf(1, "scan", &[])
}

fn setup() -> (tempfile::TempDir, std::path::PathBuf, Inbox) {
    let dir = tempfile::tempdir().expect("tmp");
    let scan = dir.path().join("scanner");
    std::fs::create_dir(&scan).expect("scanner");
    let inbox = Inbox::open(&dir.path().join("inbox"), Limits::default()).expect("inbox");
    (dir, scan, inbox)
}

#[test]
fn hostile_files_are_refused_with_their_reason_and_good_ones_taken() {
    let (_dir, scan, inbox) = setup();
    std::fs::write(scan.join("ktp.pdf"), tiny_pdf()).expect("pdf");
    std::fs::write(scan.join("arsip.pdf"), b"PK\x03\x04 a zip in disguise").expect("zip");
    std::os::unix::fs::symlink("/etc/passwd", scan.join("passwd.pdf")).expect("symlink");
    let big = std::fs::File::create(scan.join("besar.pdf")).expect("big");
    big.set_len(300 * 1024 * 1024).expect("sparse 300 MB");
    std::fs::write(scan.join(".scan-0001.tmp"), b"partial").expect("hidden");
    let report = scan_once(&scan, &inbox, Duration::from_millis(200)).expect("pass");
    let mut refused: Vec<(String, String)> = report
        .refused
        .iter()
        .map(|r| (r.file.clone(), r.reason.clone()))
        .collect();
    refused.sort();
    assert_eq!(
        refused,
        [
            ("arsip.pdf".to_owned(), "not_a_document".to_owned()),
            ("besar.pdf".to_owned(), "too_large".to_owned()),
            ("passwd.pdf".to_owned(), "symlink".to_owned()),
        ]
    );
    assert_eq!(report.accepted.len(), 1);
    assert_eq!(report.accepted[0].file, "ktp.pdf");
    assert!(
        !scan.join("ktp.pdf").exists(),
        "taken files leave the scanner folder"
    );
    // Refused files are set aside with their reason, so no later pass (no later
    // application) reads them again.
    let aside = scan.join(anjungan_capture::folder::REFUSED_DIR);
    assert!(!scan.join("arsip.pdf").exists());
    assert!(aside.join("arsip.pdf").exists());
    assert!(std::fs::read_to_string(aside.join("arsip.pdf.alasan.txt"))
        .expect("reason")
        .starts_with("not_a_document"));
    assert!(std::fs::symlink_metadata(aside.join("passwd.pdf"))
        .expect("the link itself moved")
        .file_type()
        .is_symlink());
    let again = scan_once(&scan, &inbox, Duration::from_millis(50)).expect("pass");
    assert!(
        again.refused.is_empty() && again.accepted.is_empty(),
        "{again:?}"
    );
    assert_eq!(inbox.list().expect("list").len(), 1);
    assert!(
        std::fs::read_to_string("/etc/passwd").is_ok(),
        "the link's target is untouched"
    );
    // The next citizen's session starts with an empty folder, set-aside files included.
    std::fs::write(scan.join("ktp-warga-lain.pdf"), tiny_pdf()).expect("left behind");
    assert_eq!(anjungan_capture::folder::clear(&scan).expect("clear"), 8);
    assert_eq!(std::fs::read_dir(&aside).expect("aside").count(), 0);
    assert!(
        std::fs::read_to_string("/etc/passwd").is_ok(),
        "the link's target is untouched"
    );
}

#[test]
fn a_file_still_being_written_is_not_taken_by_a_one_shot_pass() {
    let (_dir, scan, inbox) = setup();
    let path = scan.join("lambat.pdf");
    let pdf = tiny_pdf();
    let writer = std::thread::spawn(move || {
        let mut f = std::fs::File::create(&path).expect("create");
        for chunk in pdf.chunks(20) {
            f.write_all(chunk).expect("write");
            f.flush().expect("flush");
            std::thread::sleep(Duration::from_millis(60));
        }
    });
    std::thread::sleep(Duration::from_millis(50));
    let report = scan_once(&scan, &inbox, Duration::from_millis(300)).expect("pass");
    writer.join().expect("writer");
    assert!(report.accepted.is_empty(), "{report:?}");
    assert_eq!(report.refused.len(), 1);
    assert_eq!(report.refused[0].reason, "incomplete");
    // Once it is finished, the next pass takes it whole.
    let report = scan_once(&scan, &inbox, Duration::from_millis(300)).expect("pass");
    assert_eq!(report.accepted.len(), 1, "{report:?}");
    assert_eq!(
        inbox.read(&report.accepted[0].sha256).expect("read"),
        tiny_pdf()
    );
}

#[test]
fn a_refusal_is_reported_once_until_the_file_changes() {
    let (_dir, scan, inbox) = setup();
    std::fs::write(scan.join("x.pdf"), b"not a pdf").expect("write");
    let mut f = Folder::new(&scan, Duration::ZERO);
    let t = Instant::now();
    let first = f.pass(&inbox, t).expect("pass");
    let first = if first.refused.is_empty() {
        f.pass(&inbox, t).expect("pass")
    } else {
        first
    };
    assert_eq!(first.refused.len(), 1);
    assert!(f.pass(&inbox, t).expect("pass").refused.is_empty());
}

fn next(rx: &mpsc::Receiver<InboxReport>) -> InboxReport {
    rx.recv_timeout(Duration::from_secs(10))
        .expect("a report within 10 s")
}

#[test]
fn the_watcher_takes_slow_writes_whole_and_survives_the_folder_being_recreated() {
    let (_dir, scan, inbox) = setup();
    let (tx, rx) = mpsc::channel();
    let _w = watch(&scan, inbox.clone(), Duration::from_millis(400), move |r| {
        let _ = tx.send(r);
    });
    // Written in pieces with the file reopened for each: close-write fires every time.
    let pdf = tiny_pdf();
    for chunk in pdf.chunks(40) {
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(scan.join("slow.pdf"))
            .expect("open");
        f.write_all(chunk).expect("write");
        drop(f);
        std::thread::sleep(Duration::from_millis(100));
    }
    let r = next(&rx);
    assert_eq!(r.accepted.len(), 1, "{r:?}");
    assert_eq!(inbox.read(&r.accepted[0].sha256).expect("read"), pdf);

    std::fs::remove_dir_all(&scan).expect("delete folder");
    std::thread::sleep(Duration::from_millis(600));
    std::fs::create_dir(&scan).expect("recreate");
    std::thread::sleep(Duration::from_millis(300));
    let mut other = tiny_pdf();
    other.extend_from_slice(b"% second scan\n");
    std::fs::write(scan.join("lagi.pdf"), &other).expect("write");
    let r = next(&rx);
    assert_eq!(r.accepted.len(), 1, "{r:?}");
    assert_eq!(r.accepted[0].file, "lagi.pdf");
}
