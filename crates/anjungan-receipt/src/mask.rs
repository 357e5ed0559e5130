//! The applicant's name as a receipt shows it: each word's first letter and as many
//! asterisks as it has further letters ("Siti Aminah" → "S*** A*****"), enough for the
//! citizen to recognise their own slip and nothing for a stranger who finds it.

/// Masks every word of `name`; empty when there is no name (a company-only receipt).
pub fn mask_name(name: &str) -> String {
    name.split_whitespace()
        .map(|word| {
            let mut chars = word.chars();
            let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
            let rest = chars.count();
            format!("{}{}", first.unwrap_or_default(), "*".repeat(rest))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::mask_name;

    #[test]
    fn only_initials_survive() {
        assert_eq!(mask_name("Siti Aminah"), "S*** A*****");
        assert_eq!(mask_name("  budi   santoso "), "B*** S******");
        assert_eq!(mask_name("Ñoman"), "Ñ****");
        assert_eq!(mask_name(""), "");
    }
}
