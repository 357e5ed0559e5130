//! Region codes: every kecamatan of Indonesia (for the NIK's first six digits) and Kota
//! Metro's kelurahan (for the address picker). Sources and licence in `data/README.md`.

use anjungan_wire::ipc::Kelurahan;
use std::sync::OnceLock;

const DISTRICTS: &str = include_str!("../data/districts.txt");
const METRO: &str = include_str!("../data/metro-regions.json");

/// Whether `code` (six digits, no dots) is a kecamatan of the Kemendagri list.
pub fn district_exists(code: &str) -> bool {
    static SORTED: OnceLock<Vec<&'static str>> = OnceLock::new();
    let list = SORTED.get_or_init(|| DISTRICTS.lines().filter(|l| l.len() == 6).collect());
    list.binary_search(&code).is_ok()
}

/// Kota Metro's kelurahan, by kecamatan then code.
pub fn metro_kelurahan() -> &'static [Kelurahan] {
    static LIST: OnceLock<Vec<Kelurahan>> = OnceLock::new();
    LIST.get_or_init(|| {
        let v: serde_json::Value = serde_json::from_str(METRO).unwrap_or_default();
        let mut out = Vec::new();
        for d in v["districts"].as_array().into_iter().flatten() {
            let district = d["name"].as_str().unwrap_or_default();
            for k in d["villages"].as_array().into_iter().flatten() {
                if let (Some(code), Some(name)) = (k["code"].as_str(), k["name"].as_str()) {
                    out.push(Kelurahan {
                        code: code.to_owned(),
                        name: name.to_owned(),
                        district: district.to_owned(),
                    });
                }
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metro_and_a_far_province_are_known_and_nonsense_is_not() {
        assert!(district_exists("187201"));
        assert!(district_exists("110101"));
        assert!(!district_exists("187299"));
        assert!(!district_exists("999999"));
    }

    #[test]
    fn metro_has_five_kecamatan_and_twenty_two_kelurahan() {
        let list = metro_kelurahan();
        assert_eq!(list.len(), 22);
        let mut d: Vec<&str> = list.iter().map(|k| k.district.as_str()).collect();
        d.dedup();
        assert_eq!(d.len(), 5);
        assert!(list.iter().all(|k| k.code.starts_with("18.72.")));
    }
}
