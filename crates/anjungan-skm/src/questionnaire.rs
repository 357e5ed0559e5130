//! The default e-SKM questionnaire: the form SKM units across Indonesia use from the annex of
//! PermenPANRB 14/2017, with sarana and prasarana asked apart as Pasal 18 i–j does. Answers
//! are scored 1–4 left to right. Offices will edit it through the hub's catalogue.

use anjungan_wire::ipc::{Questionnaire, ServiceOption, SurveyElement, Text};

pub const VERSION: &str = "permenpanrb-14-2017/perwali-metro-27-2020";

/// Number of elements asked (U1–U10).
pub const ELEMENTS: usize = 10;

/// (code, Pasal 18 letter, question id/en, four answers id/en).
type Row = (
    &'static str,
    &'static str,
    (&'static str, &'static str),
    [(&'static str, &'static str); 4],
);

const ROWS: [Row; ELEMENTS] = [
    ("U1", "a",
     ("Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
      "How well do the service requirements fit the kind of service?"),
     [("Tidak sesuai", "Not suitable"), ("Kurang sesuai", "Somewhat unsuitable"), ("Sesuai", "Suitable"), ("Sangat sesuai", "Very suitable")]),
    ("U2", "b",
     ("Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
      "How easy is the service procedure at this office?"),
     [("Tidak mudah", "Not easy"), ("Kurang mudah", "Somewhat difficult"), ("Mudah", "Easy"), ("Sangat mudah", "Very easy")]),
    ("U3", "c",
     ("Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
      "How fast was the service?"),
     [("Tidak cepat", "Not fast"), ("Kurang cepat", "Somewhat slow"), ("Cepat", "Fast"), ("Sangat cepat", "Very fast")]),
    ("U4", "d",
     ("Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
      "How fair is the fee for the service?"),
     [("Sangat mahal", "Very expensive"), ("Cukup mahal", "Rather expensive"), ("Murah", "Cheap"), ("Gratis", "Free")]),
    ("U5", "e",
     ("Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
      "How well does what you received match what the service standard promises?"),
     [("Tidak sesuai", "Not matching"), ("Kurang sesuai", "Somewhat different"), ("Sesuai", "Matching"), ("Sangat sesuai", "Fully matching")]),
    ("U6", "f",
     ("Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
      "How competent were the staff?"),
     [("Tidak kompeten", "Not competent"), ("Kurang kompeten", "Somewhat competent"), ("Kompeten", "Competent"), ("Sangat kompeten", "Very competent")]),
    ("U7", "g",
     ("Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
      "How polite and friendly were the staff?"),
     [("Tidak sopan dan ramah", "Not polite or friendly"), ("Kurang sopan dan ramah", "Somewhat impolite"), ("Sopan dan ramah", "Polite and friendly"), ("Sangat sopan dan ramah", "Very polite and friendly")]),
    ("U8", "h",
     ("Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
      "How are complaints from service users handled?"),
     [("Tidak ada", "There is no channel"), ("Ada tetapi tidak berfungsi", "There is one but it does not work"), ("Berfungsi kurang maksimal", "It works, but not fully"), ("Dikelola dengan baik", "Well managed")]),
    ("U9", "i",
     ("Bagaimana pendapat Saudara tentang kualitas sarana pelayanan?",
      "How good are the service facilities (equipment)?"),
     [("Buruk", "Poor"), ("Cukup", "Fair"), ("Baik", "Good"), ("Sangat baik", "Very good")]),
    ("U10", "j",
     ("Bagaimana pendapat Saudara tentang kualitas prasarana pelayanan?",
      "How good is the service infrastructure (building, waiting room, parking)?"),
     [("Buruk", "Poor"), ("Cukup", "Fair"), ("Baik", "Good"), ("Sangat baik", "Very good")]),
];

fn text((id, en): (&str, &str)) -> Text {
    Text {
        id: id.to_owned(),
        en: en.to_owned(),
    }
}

/// Element codes in order, `U1` … `U10`.
pub fn codes() -> impl Iterator<Item = &'static str> {
    ROWS.iter().map(|r| r.0)
}

/// The questionnaire, with the services a respondent may say they received.
pub fn default_questionnaire(services: Vec<ServiceOption>) -> Questionnaire {
    Questionnaire {
        version: VERSION.to_owned(),
        elements: ROWS
            .iter()
            .map(|(code, article, q, answers)| SurveyElement {
                code: (*code).to_owned(),
                article: (*article).to_owned(),
                question: text(*q),
                answers: answers.iter().map(|a| text(*a)).collect(),
            })
            .collect(),
        services,
    }
}

/// Short element names for tables and charts (Indonesian, as the report is).
pub const SHORT_NAMES: [(&str, &str); 11] = [
    ("U1", "Persyaratan"),
    ("U2", "Prosedur"),
    ("U3", "Waktu pelayanan"),
    ("U4", "Biaya/tarif"),
    ("U5", "Produk pelayanan"),
    ("U6", "Kompetensi petugas"),
    ("U7", "Perilaku petugas"),
    ("U8", "Penanganan pengaduan"),
    ("U9", "Sarana"),
    ("U10", "Prasarana"),
    ("U9+U10", "Sarana dan prasarana"),
];

pub fn short_name(code: &str) -> &'static str {
    SHORT_NAMES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_elements_a_to_j_with_four_answers_each() {
        let q = default_questionnaire(Vec::new());
        assert_eq!(q.elements.len(), 10);
        let letters: String = q.elements.iter().map(|e| e.article.as_str()).collect();
        assert_eq!(letters, "abcdefghij");
        assert!(q.elements.iter().all(|e| e.answers.len() == 4));
        assert_eq!(q.elements[3].answers[3].id, "Gratis");
        assert!(q.elements.iter().all(|e| !e.question.en.is_empty()));
    }
}
