//! e-SKM benchmarks (`cargo bench -p anjungan-core --bench skm`): the IKM over 1,000,000
//! responses computed in SQL (the query the kiosk and hub run) and in memory (the same
//! tally folded over rows already loaded), and the SKM report PDF for 100,000 responses.

use anjungan_core::{Kiosk, SystemClock};
use anjungan_skm::ikm::{self, Tally};
use anjungan_skm::store as sql;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn fill(kiosk: &Kiosk, n: usize, rng: &mut StdRng) {
    let mut conn = kiosk.store().conn();
    let tx = conn.transaction().expect("tx");
    {
        let mut stmt = tx.prepare(sql::INSERT).expect("prepare");
        for i in 0..n {
            let a: Vec<Option<u8>> = (0..10)
                .map(|_| {
                    if rng.gen_ratio(1, 50) {
                        None
                    } else {
                        Some(rng.gen_range(2..=4))
                    }
                })
                .collect();
            let month = 1 + i % 12;
            stmt.execute(rusqlite::params![
                format!("r{i}"),
                Option::<String>::None,
                Option::<String>::None,
                "import",
                format!("2026-{month:02}-15"),
                "2026-01-15T09:00:00Z",
                a[0],
                a[1],
                a[2],
                a[3],
                a[4],
                a[5],
                a[6],
                a[7],
                a[8],
                a[9],
                if i % 20 == 0 {
                    Some("Pelayanan sudah baik, ruang tunggu perlu kipas.")
                } else {
                    None
                },
                ["laki_laki", "perempuan"][i % 2],
                "30_39",
                "s1",
                "swasta",
                "sip-dokter"
            ])
            .expect("insert");
        }
    }
    tx.commit().expect("commit");
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..runs {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed());
        out = Some(v);
    }
    (best, out.expect("ran"))
}

fn main() {
    let quick = std::env::var_os("ANJUNGAN_BENCH_QUICK").is_some();
    let n = if quick { 100_000 } else { 1_000_000 };
    let dir = tempfile::tempdir().expect("dir");
    let kiosk = Kiosk::open(dir.path(), Arc::new(SystemClock)).expect("kiosk");
    let mut rng = StdRng::seed_from_u64(7);
    let t = Instant::now();
    fill(&kiosk, n, &mut rng);
    let fill_s = t.elapsed().as_secs_f64();

    let (sql_time, sql_tally) = best_of(3, || {
        let conn = kiosk.store().conn();
        let v: Vec<i64> = conn
            .query_row(
                &sql::tally_sql(),
                rusqlite::params![None::<String>, None::<String>],
                |r| (0..23).map(|i| r.get(i)).collect(),
            )
            .expect("tally");
        sql::tally_from_row(&v)
    });
    let (load_time, rows) = best_of(1, || {
        let conn = kiosk.store().conn();
        let mut stmt = conn
            .prepare("SELECT u1, u2, u3, u4, u5, u6, u7, u8, u9, u10 FROM survey_responses")
            .expect("prepare");
        let rows: Vec<[Option<u8>; 10]> = stmt
            .query_map([], |r| {
                let mut a = [None; 10];
                for (i, slot) in a.iter_mut().enumerate() {
                    *slot = r.get(i)?;
                }
                Ok(a)
            })
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        rows
    });
    let (mem_time, mem_tally) = best_of(5, || {
        let mut t = Tally::default();
        for r in &rows {
            t.add(r);
        }
        t
    });
    assert_eq!(sql_tally, mem_tally, "SQL and memory agree");
    let value = ikm::ikm(&sql_tally).map(|i| i.value);

    let (full_time, _) = best_of(3, || {
        kiosk
            .skm_summary(None, None, Some(n as u64))
            .expect("summary")
    });

    println!("## e-SKM: IKM over {n} responses (filled in {fill_s:.1} s; IKM {value:?})\n");
    println!("| computation | ms |\n|---|---|");
    println!(
        "| SQL: one aggregate query over the table (what kiosk and hub run) | {:.1} |",
        sql_time.as_secs_f64() * 1e3
    );
    println!(
        "| in memory: fold the tally over loaded rows | {:.1} |",
        mem_time.as_secs_f64() * 1e3
    );
    println!(
        "| loading the rows into memory first | {:.1} |",
        load_time.as_secs_f64() * 1e3
    );
    println!(
        "| full summary (tally, monthly, 5 profile tables, suggestions) | {:.1} |",
        full_time.as_secs_f64() * 1e3
    );

    // The report for 100,000 responses: summary + PDF.
    let report_n = 100_000usize.min(n);
    let dir2 = tempfile::tempdir().expect("dir");
    let k2 = Kiosk::open(dir2.path(), Arc::new(SystemClock)).expect("kiosk");
    fill(&k2, report_n, &mut rng);
    let (report_time, bytes) = best_of(3, || {
        let s = k2
            .skm_summary(None, None, Some(report_n as u64))
            .expect("summary");
        anjungan_skm::report::render(
            &s,
            &anjungan_skm::report::Office::default(),
            time::OffsetDateTime::now_utc(),
        )
        .expect("render")
    });
    println!("\n## SKM report PDF for {report_n} responses\n");
    println!("| step | ms | size |\n|---|---|---|");
    println!(
        "| summary + render (embedded Noto Sans, not subset) | {:.1} | {} KB |",
        report_time.as_secs_f64() * 1e3,
        bytes.len() / 1024
    );
}
