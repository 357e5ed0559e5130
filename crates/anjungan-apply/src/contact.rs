//! Formats of the contact and business numbers an applicant types.

/// An Indonesian phone number: `08…` or `+628…`, 10–13 digits after the leading 0 form.
/// Spaces and dashes are ignored. Returns the normalised `08…` form.
pub fn phone(input: &str) -> Option<String> {
    let s: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    let local = if let Some(rest) = s.strip_prefix("+62") {
        format!("0{rest}")
    } else if let Some(rest) = s.strip_prefix("62").filter(|r| r.starts_with('8')) {
        format!("0{rest}")
    } else {
        s
    };
    let ok = local.starts_with("08")
        && (10..=13).contains(&local.len())
        && local.bytes().all(|b| b.is_ascii_digit());
    ok.then_some(local)
}

/// A plausible e-mail address: one `@`, something before it, a dotted domain after it,
/// no spaces. Whether it exists only a message can tell.
pub fn email(input: &str) -> bool {
    let Some((local, domain)) = input.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && domain.len() <= 253
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && input.chars().all(|c| c.is_ascii_graphic())
}

/// NIB: 13 digits. The format only: the OSS register says whether it exists.
pub fn nib(input: &str) -> bool {
    input.len() == 13 && input.bytes().all(|b| b.is_ascii_digit())
}

/// NPWP: 15 digits (the old form, often printed `01.234.567.8-901.000`) or 16 (the NIK
/// form since 2024). Dots and dashes are ignored.
pub fn npwp(input: &str) -> bool {
    let digits: String = input
        .chars()
        .filter(|c| !matches!(c, '.' | '-' | ' '))
        .collect();
    matches!(digits.len(), 15 | 16) && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_in_both_forms_normalise_to_08() {
        assert_eq!(phone("0812-3456-7890").as_deref(), Some("081234567890"));
        assert_eq!(phone("+62 812 3456 789").as_deref(), Some("08123456789"));
        assert_eq!(phone("6281234567890").as_deref(), Some("081234567890"));
        for bad in [
            "",
            "0812",
            "0212345678",
            "08123456789012345",
            "08l234567890",
        ] {
            assert_eq!(phone(bad), None, "{bad}");
        }
    }

    #[test]
    fn emails_need_one_at_and_a_dotted_domain() {
        assert!(email("siti.aminah@example.co.id"));
        for bad in [
            "siti.example.com",
            "@example.com",
            "siti@",
            "siti@example",
            "a b@c.de",
            "a@@b.c",
        ] {
            assert!(!email(bad), "{bad}");
        }
    }

    #[test]
    fn nib_and_npwp_formats() {
        assert!(nib("9120001234567"));
        assert!(!nib("912000123456"));
        assert!(npwp("01.234.567.8-901.000"));
        assert!(npwp("1872011408900001"));
        assert!(!npwp("01.234.567.8-901.00"));
    }
}
