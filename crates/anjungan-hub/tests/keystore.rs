//! The signing keys live in their own private file, not in the database; sealed with a
//! passphrase when the office gives one. One test in its own process: it sets the
//! passphrase in the environment.

use anjungan_hub::keystore::{PASSPHRASE_ENV, PLAIN_FILE, SEALED_FILE};
use anjungan_hub::{permits, trust};
use rand::rngs::OsRng;

async fn secrets_in_database(pool: &anjungan_hub::db::Pool) -> i64 {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM seal_keys WHERE length(secret) > 0)
              + (SELECT count(*) FROM root_keys WHERE length(secret) > 0)",
    )
    .fetch_one(pool)
    .await
    .expect("count");
    n
}

#[tokio::test]
async fn keys_leave_the_database_for_a_private_file_and_are_sealed_with_a_passphrase() {
    let dir = tempfile::tempdir().expect("dir");
    let pool = anjungan_hub::testing::open(dir.path()).await.expect("db");
    let (kid, _) = permits::current_key(&pool, &mut OsRng)
        .await
        .expect("seal key");
    let lists = trust::signed_lists(&pool, &mut OsRng).await.expect("lists");
    assert_eq!(
        secrets_in_database(&pool).await,
        0,
        "no secret in the database"
    );
    let plain = dir.path().join(PLAIN_FILE);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&plain)
            .expect("key file")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
    }
    assert!(std::fs::read_to_string(&plain)
        .expect("read")
        .contains(&kid));

    // A database from before the key file: its secrets move out at the next open.
    let legacy = tempfile::tempdir().expect("legacy");
    let old = anjungan_hub::testing::open(legacy.path())
        .await
        .expect("db");
    sqlx::query(
        "INSERT INTO seal_keys (kid, secret, public_key, created_at) VALUES ('seal-old', $1, 'x', '2025-01-01T00:00:00Z')",
    )
    .bind(vec![7u8; 32])
    .execute(&old)
    .await
    .expect("old key");
    old.close().await;
    std::fs::remove_file(legacy.path().join(PLAIN_FILE)).ok();
    let reopened = anjungan_hub::testing::open(legacy.path())
        .await
        .expect("reopen");
    assert_eq!(secrets_in_database(&reopened).await, 0, "moved out");
    assert!(std::fs::read_to_string(legacy.path().join(PLAIN_FILE))
        .expect("key file")
        .contains("seal-old"));

    // An admin rotates the root from another process while this one serves: the new key is
    // found here too (the file is read again for a key it does not know yet).
    let rotated = std::process::Command::new(env!("CARGO_BIN_EXE_anjungan-hub"))
        .args(["keys", "rotate-root", "--data"])
        .arg(dir.path())
        .output()
        .expect("run");
    assert!(
        rotated.status.success(),
        "{}",
        String::from_utf8_lossy(&rotated.stderr)
    );
    let by_new_root = trust::signed_lists(&pool, &mut OsRng).await.expect("signs");
    assert_ne!(by_new_root.kid, lists.kid);

    // The office sets a passphrase: the next key change seals the file, the plain copy goes,
    // and signing goes on.
    std::env::set_var(PASSPHRASE_ENV, "kunci kantor metro 2026");
    trust::rotate_root(&pool, &mut OsRng).await.expect("rotate");
    assert!(dir.path().join(SEALED_FILE).exists());
    assert!(!plain.exists(), "no plain copy left");
    let sealed = std::fs::read(dir.path().join(SEALED_FILE)).expect("sealed");
    assert!(
        !String::from_utf8_lossy(&sealed).contains(&kid),
        "nothing readable"
    );
    let after = trust::signed_lists(&pool, &mut OsRng).await.expect("signs");
    assert_ne!(after.kid, by_new_root.kid, "the newest root signs");

    // Another process without the passphrase cannot sign: it says why.
    pool.close().await;
    std::env::remove_var(PASSPHRASE_ENV);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_anjungan-hub"))
        .args(["keys", "rotate", "--data"])
        .arg(dir.path())
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(PASSPHRASE_ENV),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ok = std::process::Command::new(env!("CARGO_BIN_EXE_anjungan-hub"))
        .args(["keys", "rotate", "--data"])
        .arg(dir.path())
        .env(PASSPHRASE_ENV, "kunci kantor metro 2026")
        .output()
        .expect("run");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
}
