//! Writes each target's seed corpus: a real permit URL with a valid token (so the fuzzer
//! starts from the paths a genuine permit takes), its signed lists, and a plain URL.
//! `cargo +nightly run --manifest-path fuzz/Cargo.toml --example seeds -- fuzz/corpus`

#[path = "../fuzz_targets/common.rs"]
mod common;

fn main() {
    let out = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or("corpus".into()));
    let token = common::token();
    let seeds: [(&str, &str, Vec<u8>); 5] = [
        ("verify_text", "permit-url", format!("https://izin.metrokota.go.id/p/503%2F0042%2FSIP%2F2026#{token}").into_bytes()),
        ("verify_text", "plain-url", b"https://izin.metrokota.go.id/p/503%2F0042".to_vec()),
        ("token_open", "token", token.into_bytes()),
        ("signed_lists", "lists", serde_json::to_vec(&common::lists().sign("seal-1", &common::key(), Vec::new())).expect("json")),
        ("signed_lists", "empty", b"{\"lists\":\"{}\",\"kid\":\"seal-1\",\"signature\":\"\"}".to_vec()),
    ];
    for (target, name, bytes) in seeds {
        let dir = out.join(target);
        std::fs::create_dir_all(&dir).expect("corpus folder");
        std::fs::write(dir.join(name), bytes).expect("seed");
    }
}
