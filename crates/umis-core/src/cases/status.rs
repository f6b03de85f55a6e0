//! The public status lookup: a receipt number and the holder's date of birth give one of a
//! small, fixed set of status messages in Azerbaijani, English or Russian, and nothing else.
//!
//! A wrong date of birth and an unknown number get the same answer, so the lookup cannot be
//! used to learn which numbers exist; the receipt's check digits catch typing errors first.

use super::CaseError;
use umis_domain::Date;
use umis_domain::case_state::StateName;
use umis_domain::receipt::Receipt;
use umis_rules::Lang;
use umis_store::Store;
use umis_store::cases;

/// The answer of a public status lookup.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PublicStatus {
    /// The receipt number, normalised.
    pub receipt: String,
    /// A stable status code: `received`, `action_needed`, `in_progress`, `approved`, `refused`,
    /// `under_appeal`, `closed`, `withdrawn`, `awaiting_payment`, `left_without_consideration`,
    /// `forwarded`.
    pub status: &'static str,
    /// The status in the asked language.
    pub message: &'static str,
    /// The statutory deadline, while the case is open.
    pub due_on: Option<Date>,
}

/// The public status of a lifecycle state. A person needs to know that a duty is due, that
/// the application was left without consideration, or that it was forwarded to the deciding
/// authority; a suspension shows as in progress, a lapse or a termination as closed (the
/// reasons are in the person's account, not in a public lookup).
pub(crate) fn public_code(state: StateName) -> &'static str {
    match state {
        StateName::Submitted | StateName::Accepted => "received",
        StateName::ReturnedForCorrection | StateName::InformationRequested => "action_needed",
        StateName::Assigned | StateName::InReview | StateName::DecisionProposed | StateName::Suspended => {
            "in_progress"
        }
        StateName::AwaitingPayment => "awaiting_payment",
        StateName::LeftWithoutConsideration => "left_without_consideration",
        StateName::Forwarded => "forwarded",
        StateName::LapsedUnpaid | StateName::ProceedingsTerminated => "closed",
        StateName::Approved => "approved",
        StateName::Refused => "refused",
        StateName::Appealed => "under_appeal",
        StateName::Withdrawn => "withdrawn",
        StateName::Draft | StateName::Closed => "closed",
    }
}

/// The fixed vocabulary of status messages.
pub fn message(code: &str, lang: Lang) -> &'static str {
    match (code, lang) {
        ("received", Lang::Az) => "Müraciətiniz qəbul edilib və baxılmaq üçün növbədədir.",
        ("received", Lang::En) => "Your application has been received and is waiting to be examined.",
        ("received", Lang::Ru) => "Ваше заявление получено и ожидает рассмотрения.",
        ("action_needed", Lang::Az) => {
            "Sizdən əlavə məlumat və ya düzəliş tələb olunur. Hesabınıza daxil olun."
        }
        ("action_needed", Lang::En) => "We need more information or a correction from you. Please sign in.",
        ("action_needed", Lang::Ru) => {
            "От вас требуются дополнительные сведения или исправления. Войдите в личный кабинет."
        }
        ("in_progress", Lang::Az) => "Müraciətinizə baxılır.",
        ("in_progress", Lang::En) => "Your application is being examined.",
        ("in_progress", Lang::Ru) => "Ваше заявление рассматривается.",
        ("approved", Lang::Az) => "Müraciətiniz təmin edilib. Sənədinizi hesabınızdan yükləyə bilərsiniz.",
        ("approved", Lang::En) => {
            "Your application has been approved. You can download your document after signing in."
        }
        ("approved", Lang::Ru) => "Ваше заявление удовлетворено. Документ можно скачать в личном кабинете.",
        ("refused", Lang::Az) => "Müraciətiniz rədd edilib. Qərar və şikayət qaydası hesabınızdadır.",
        ("refused", Lang::En) => {
            "Your application has been refused. The decision and how to appeal are in your account."
        }
        ("refused", Lang::Ru) => {
            "В удовлетворении заявления отказано. Решение и порядок обжалования — в личном кабинете."
        }
        ("under_appeal", Lang::Az) => "Qərardan verilmiş şikayətə baxılır.",
        ("under_appeal", Lang::En) => "Your appeal against the decision is being examined.",
        ("under_appeal", Lang::Ru) => "Ваша жалоба на решение рассматривается.",
        ("withdrawn", Lang::Az) => "Müraciət geri götürülüb.",
        ("withdrawn", Lang::En) => "The application was withdrawn.",
        ("withdrawn", Lang::Ru) => "Заявление отозвано.",
        ("awaiting_payment", Lang::Az) => {
            "Müraciətiniz təmin edilib. Dövlət rüsumunu ödəniş nömrəsi ilə ödəyin: nömrə hesabınızdadır."
        }
        ("awaiting_payment", Lang::En) => {
            "Your application has been approved. Pay the state duty with the payment number in your account."
        }
        ("awaiting_payment", Lang::Ru) => {
            "Ваше заявление удовлетворено. Оплатите госпошлину по номеру платежа из личного кабинета."
        }
        ("left_without_consideration", Lang::Az) => {
            "Tələb olunan məlumat vaxtında təqdim edilmədiyi üçün müraciət baxılmadan saxlanılıb."
        }
        ("left_without_consideration", Lang::En) => {
            "The application was left without consideration: the information asked for did not arrive in time."
        }
        ("left_without_consideration", Lang::Ru) => {
            "Заявление оставлено без рассмотрения: запрошенные сведения не поступили в срок."
        }
        ("forwarded", Lang::Az) => "Müraciətiniz qərar qəbul edən orqana göndərilib.",
        ("forwarded", Lang::En) => "Your application has been forwarded to the authority that decides it.",
        ("forwarded", Lang::Ru) => "Ваше заявление направлено в орган, принимающий решение.",
        ("deadline_extended", Lang::Az) => "Müraciətə baxılma müddəti uzadılıb. Yeni tarix hesabınızdadır.",
        ("deadline_extended", Lang::En) => {
            "The period for deciding your application has been extended. The new date is in your account."
        }
        ("deadline_extended", Lang::Ru) => {
            "Срок рассмотрения вашего заявления продлён. Новая дата — в личном кабинете."
        }
        ("closed", Lang::Az) => "Müraciət üzrə iş başa çatıb.",
        ("closed", Lang::En) => "The case is closed.",
        ("closed", Lang::Ru) => "Производство по заявлению завершено.",
        (_, Lang::Az) => "Bu nömrə və doğum tarixi ilə müraciət tapılmadı.",
        (_, Lang::En) => "No application was found with this number and date of birth.",
        (_, Lang::Ru) => "Заявление с таким номером и датой рождения не найдено.",
    }
}

/// Looks up the status of the case with `receipt` whose holder was born on `birth_date`.
/// `Ok(None)` when there is none (or the date does not match).
pub fn public_status(
    store: &Store,
    receipt: &str,
    birth_date: &str,
    lang: Lang,
) -> Result<Option<PublicStatus>, CaseError> {
    let receipt = Receipt::parse(receipt.trim())
        .map_err(|e| CaseError::invalid("receipt", "bad_receipt", e.to_string()))?
        .to_string();
    let birth = Date::parse(birth_date.trim())
        .map_err(|_| CaseError::invalid("birth_date", "not_a_date", "date of birth must be YYYY-MM-DD"))?
        .to_string();
    let row = store.read(|db| cases::case_by_receipt(db, &receipt))?;
    Ok(row.filter(|r| r.holder_birth_date.as_deref() == Some(birth.as_str())).map(|r| {
        let code = public_code(r.state);
        PublicStatus {
            receipt,
            status: code,
            message: message(code, lang),
            due_on: if r.state.is_open() { r.due_on } else { None },
        }
    }))
}

/// The message for a lookup that found nothing.
pub fn not_found_message(lang: Lang) -> &'static str {
    message("not_found", lang)
}

/// The subject and text of a status notification (the public status vocabulary plus the
/// receipt number: nothing else about the case leaves umis by e-mail).
pub fn status_message(receipt: &str, state_or_event: &str, lang: Lang) -> (String, String) {
    // Events that are not states read as closed (`document_revoked`), except an extended
    // deadline, of which the law says the applicant is told.
    let code = match state_or_event {
        "deadline_extended" => "deadline_extended",
        other => StateName::parse(other).map_or("closed", public_code),
    };
    let subject = match lang {
        Lang::Az => format!("Müraciət {receipt}: status dəyişib"),
        Lang::En => format!("Application {receipt}: status changed"),
        Lang::Ru => format!("Заявление {receipt}: статус изменён"),
    };
    (subject, format!("{receipt}\n\n{}\n", message(code, lang)))
}
