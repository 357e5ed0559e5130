//! A request whose client goes away mid-transaction must not leave the database locked: the
//! next writer gets the write lock within its wait.

use anjungan_hub::db;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_transaction_cancelled_at_any_moment_leaves_no_lock_behind() {
    let dir = tempfile::tempdir().expect("dir");
    let pool = anjungan_hub::testing::open(dir.path()).await.expect("open");
    for i in 0..2000u64 {
        // Cancelled at a moment that walks through the whole of `begin`.
        let _ = tokio::time::timeout(Duration::from_micros(i % 400), db::begin_write(&pool)).await;
        if i % 50 == 0 {
            let tx = tokio::time::timeout(Duration::from_secs(8), db::begin_write(&pool))
                .await
                .unwrap_or_else(|_| panic!("the write lock is still held after {i} cancellations"))
                .unwrap_or_else(|e| panic!("after {i} cancellations: {e}"));
            tx.rollback().await.expect("rollback");
        }
    }
}
