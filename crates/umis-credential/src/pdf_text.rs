//! The printed words of a credential document in English, Azerbaijani and Russian.
//!
//! Only labels and titles are translated; the values (names, numbers, dates) are printed
//! exactly as signed, so what a reader sees is what the QR code proves.

use super::claims::DocType;
use umis_rules::Lang;

/// Labels and fixed sentences for one language.
pub(crate) struct Labels {
    pub(crate) tag: &'static str,
    pub(crate) system: &'static str,
    pub(crate) holder: &'static str,
    pub(crate) number: &'static str,
    pub(crate) birth: &'static str,
    pub(crate) travel_document: &'static str,
    pub(crate) valid_from: &'static str,
    pub(crate) valid_until: &'static str,
    pub(crate) employer: &'static str,
    pub(crate) issued: &'static str,
    pub(crate) key: &'static str,
    pub(crate) note: &'static str,
}

const EN: Labels = Labels {
    tag: "en",
    system: "Unified Migration Information System",
    holder: "Holder",
    number: "Document number",
    birth: "Date of birth",
    travel_document: "Travel document",
    valid_from: "Valid from",
    valid_until: "Valid until",
    employer: "Employer tax ID",
    issued: "Issued on",
    key: "Signing key",
    note: "Scan the QR code to check this document: its signature proves the data above.",
};

const AZ: Labels = Labels {
    tag: "az",
    system: "Vahid Miqrasiya İnformasiya Sistemi",
    holder: "Sənədin sahibi",
    number: "Sənədin nömrəsi",
    birth: "Doğum tarixi",
    travel_document: "Səyahət sənədi",
    valid_from: "Qüvvəyə minmə tarixi",
    valid_until: "Bitmə tarixi",
    employer: "İşəgötürənin VÖEN-i",
    issued: "Verilmə tarixi",
    key: "İmza açarı",
    note: "Sənədi yoxlamaq üçün QR kodu skan edin: imza yuxarıdakı məlumatları təsdiq edir.",
};

const RU: Labels = Labels {
    tag: "ru",
    system: "Единая миграционная информационная система",
    holder: "Владелец",
    number: "Номер документа",
    birth: "Дата рождения",
    travel_document: "Проездной документ",
    valid_from: "Действует с",
    valid_until: "Действует до",
    employer: "ИНН работодателя",
    issued: "Дата выдачи",
    key: "Ключ подписи",
    note: "Отсканируйте QR-код, чтобы проверить документ: подпись подтверждает данные выше.",
};

/// The labels for `lang`.
pub(crate) fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::En => &EN,
        Lang::Az => &AZ,
        Lang::Ru => &RU,
    }
}

/// Titles of the kinds umis issues: (kind, English, Azerbaijani, Russian).
const KIND_TITLES: [(&str, &str, &str, &str); 8] = [
    (
        "temporary_residence",
        "Temporary residence permit",
        "Müvəqqəti yaşamaq üçün icazə",
        "Разрешение на временное проживание",
    ),
    (
        "permanent_residence",
        "Permanent residence permit",
        "Daimi yaşamaq üçün icazə",
        "Разрешение на постоянное проживание",
    ),
    ("work", "Work permit", "İş icazəsi", "Разрешение на работу"),
    ("refugee", "Refugee certificate", "Qaçqın vəsiqəsi", "Удостоверение беженца"),
    (
        "stay_extension",
        "Extension of stay",
        "Müvəqqəti olma müddətinin uzadılması",
        "Продление срока пребывания",
    ),
    (
        "citizenship_acquisition",
        "Decision on acquisition of citizenship",
        "Vətəndaşlığın qəbulu haqqında qərar",
        "Решение о приёме в гражданство",
    ),
    (
        "citizenship_restoration",
        "Decision on restoration of citizenship",
        "Vətəndaşlığın bərpası haqqında qərar",
        "Решение о восстановлении в гражданстве",
    ),
    (
        "place_of_stay",
        "Registration at place of stay",
        "Olduğu yer üzrə qeydiyyat",
        "Регистрация по месту пребывания",
    ),
];

/// The document title: the kind's own title when known, else the type's with the kind named.
pub(crate) fn title(doc_type: DocType, kind: &str, lang: Lang) -> String {
    let pick = |en: &'static str, az: &'static str, ru: &'static str| match lang {
        Lang::En => en,
        Lang::Az => az,
        Lang::Ru => ru,
    };
    if let Some((_, en, az, ru)) = KIND_TITLES.iter().find(|(k, ..)| *k == kind) {
        return pick(en, az, ru).to_owned();
    }
    let generic = match doc_type {
        DocType::Permit => pick("Permit", "İcazə", "Разрешение"),
        DocType::Decision => pick("Decision", "Qərar", "Решение"),
        DocType::Registration => pick("Registration", "Qeydiyyat", "Регистрация"),
        DocType::Certificate => pick("Certificate", "Vəsiqə", "Удостоверение"),
    };
    format!("{generic}: {}", kind.replace('_', " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_by_kind_then_type() {
        let cases = [
            (DocType::Permit, "work", Lang::Az, "İş icazəsi"),
            (DocType::Decision, "citizenship_acquisition", Lang::Ru, "Решение о приёме в гражданство"),
            (DocType::Certificate, "stateless_status", Lang::En, "Certificate: stateless status"),
            (DocType::Registration, "x", Lang::Ru, "Регистрация: x"),
        ];
        for (t, kind, lang, expected) in cases {
            assert_eq!(title(t, kind, lang), expected, "{kind} {lang:?}");
        }
        assert_eq!([labels(Lang::En).tag, labels(Lang::Az).tag, labels(Lang::Ru).tag], ["en", "az", "ru"]);
    }
}
