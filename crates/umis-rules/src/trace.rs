//! Why a result came out as it did: the engine records structured trace lines (a rule and the
//! values it used) and renders them only when asked, in English, Azerbaijani or Russian, so that
//! a scan of a million crossings pays nothing for explanations nobody reads.

use std::fmt::Write as _;
use umis_domain::Date;

/// A language for rendered trace lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English (the fallback).
    #[default]
    En,
    /// Azerbaijani.
    Az,
    /// Russian.
    Ru,
}

impl Lang {
    /// The language for a tag such as `ru`, `az-Latn-AZ` or an `Accept-Language` value
    /// (`ru-RU,ru;q=0.9,en;q=0.8`: the first tag counts); anything else gives English.
    pub fn parse(tag: &str) -> Lang {
        let first = tag.split(',').next().unwrap_or("").split(';').next().unwrap_or("");
        let primary = first.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "az" => Lang::Az,
            "ru" => Lang::Ru,
            _ => Lang::En,
        }
    }

    fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::Az => 1,
            Lang::Ru => 2,
        }
    }
}

/// The rules a trace line can name; each has a stable id and a sentence per language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Pack name, kind, time zone.
    Pack,
    /// A stay: entry, last day, basis, limit, source.
    Stay,
    /// A stay dropped: its entry, the entry that followed it.
    StayDropped,
    /// An exit with no open stay: its date.
    ExitWithoutEntry,
    /// A permit that makes days lawful: kind, from, until.
    PermitCovers,
    /// Entry, first unlawful day, overstay days, last day.
    Overstay,
    /// Entry, last day: every day lawful.
    WithinLimit,
    /// Day, days in window, window length, window start, limit.
    WindowCount,
    /// Entry, deadline, days, source.
    RegistrationDeadline,
    /// Entry, deadline, days, nationality, source.
    RegistrationDeadlineNationality,
    /// Entry, submission date.
    Registered,
    /// Entry, exempting permit kind.
    RegistrationExempt,
    /// Entry: no registration rule in force.
    NoRegistrationRule,
    /// Entry, deadline.
    Unregistered,
    /// Arrival, deadline, days: the stay runs past the deadline, so it must be registered.
    RegistrationRequired,
    /// Arrival, last day, days: the stay ends by the deadline; registering is voluntary.
    RegistrationVoluntary,
    /// Date, days used.
    DaysUsed,
    /// Date, last day of lawful stay.
    PossibleStayUntil,
    /// Date that would be unlawful.
    DateUnlawful,
    /// Start, lawful days, latest exit.
    MaxStay,
    /// Next entry date, its lawful days.
    NextEntry,
    /// Horizon in days, date.
    NoNextEntry,
}

impl Rule {
    /// The rule's stable id, shown in every rendered line.
    pub fn id(self) -> &'static str {
        match self {
            Rule::Pack => "pack",
            Rule::Stay => "stay_limit",
            Rule::StayDropped => "anomaly.entry_without_exit",
            Rule::ExitWithoutEntry => "anomaly.exit_without_entry",
            Rule::PermitCovers => "lawful_permits",
            Rule::Overstay => "overstay",
            Rule::WithinLimit => "lawful_stay",
            Rule::WindowCount => "window",
            Rule::RegistrationDeadline | Rule::RegistrationDeadlineNationality => {
                "registration.deadline_days"
            }
            Rule::Registered => "registration.submitted",
            Rule::RegistrationExempt => "registration.exempting_permits",
            Rule::NoRegistrationRule => "registration.none",
            Rule::Unregistered => "unregistered_stay",
            Rule::RegistrationRequired => "registration.required",
            Rule::RegistrationVoluntary => "registration.voluntary",
            Rule::DaysUsed => "days_used",
            Rule::PossibleStayUntil => "possible_stay_until",
            Rule::DateUnlawful => "refuse_entry",
            Rule::MaxStay => "max_stay_days",
            Rule::NextEntry | Rule::NoNextEntry => "next_entry",
        }
    }

    /// The sentence in English, Azerbaijani and Russian; `{n}` is the n-th value.
    fn templates(self) -> [&'static str; 3] {
        match self {
            Rule::Pack => [
                "rule pack {0} ({1}), time zone {2}",
                "qaydalar paketi {0} ({1}), saat qurşağı {2}",
                "пакет правил {0} ({1}), часовой пояс {2}",
            ],
            Rule::Stay => [
                "stay {0}…{1}, entry basis {2}: limit {3} days (source: {4})",
                "qalma {0}…{1}, giriş əsası {2}: hədd {3} gün (mənbə: {4})",
                "пребывание {0}…{1}, основание въезда {2}: предел {3} дн. (источник: {4})",
            ],
            Rule::StayDropped => [
                "stay entered {0} has no exit before the entry of {1}: dropped, sent for review",
                "{0} tarixində başlanan qalmanın {1} girişindən əvvəl çıxışı yoxdur: nəzərə alınmır, yoxlamaya göndərilir",
                "у пребывания с {0} нет выезда до въезда {1}: исключено, передано на проверку",
            ],
            Rule::ExitWithoutEntry => [
                "exit on {0} without an open stay: sent for review",
                "{0} tarixində açıq qalma olmadan çıxış: yoxlamaya göndərilir",
                "выезд {0} без открытого пребывания: передано на проверку",
            ],
            Rule::PermitCovers => [
                "permit {0} {1}…{2} makes its days lawful",
                "{0} icazəsi {1}…{2} həmin günləri qanuni edir",
                "разрешение {0} {1}…{2} делает эти дни законными",
            ],
            Rule::Overstay => [
                "stay entered {0}: first unlawful day {1}, {2} days over the limit through {3}",
                "{0} tarixində başlanan qalma: ilk qanunsuz gün {1}, {3} tarixinədək {2} gün həddən artıq",
                "пребывание с {0}: первый незаконный день {1}, превышение {2} дн. по {3}",
            ],
            Rule::WithinLimit => [
                "stay entered {0}: every day through {1} lawful",
                "{0} tarixində başlanan qalma: {1} tarixinədək bütün günlər qanunidir",
                "пребывание с {0}: все дни по {1} законны",
            ],
            Rule::WindowCount => [
                "{0}: {1} days of stay in the {2}-day window {3}…{0} (limit {4})",
                "{0}: {3}…{0} {2} günlük dövründə {1} gün qalma (hədd {4})",
                "{0}: {1} дн. пребывания в {2}-дневном окне {3}…{0} (предел {4})",
            ],
            _ => self.templates_later(),
        }
    }

    /// The sentences of registration and calculator rules (the rest of [`Rule::templates`]).
    fn templates_later(self) -> [&'static str; 3] {
        match self {
            Rule::RegistrationRequired => [
                "arrival {0}: the stay goes beyond {2} days, so it must be registered by {1}",
                "{0} tarixində gəliş: qalma {2} gündən artıqdır, {1} tarixinədək qeydiyyat məcburidir",
                "прибытие {0}: пребывание дольше {2} дн., регистрация обязательна до {1}",
            ],
            Rule::RegistrationVoluntary => [
                "arrival {0}: a stay ending by {1} (at most {2} days) needs no registration; registering is voluntary",
                "{0} tarixində gəliş: {1} tarixinədək ({2} gündən çox olmayan) qalma qeydiyyat tələb etmir; qeydiyyat könüllüdür",
                "прибытие {0}: пребывание до {1} (не более {2} дн.) не требует регистрации; регистрация добровольна",
            ],
            Rule::RegistrationDeadline => [
                "stay entered {0}: registration due by {1} ({2} days; source: {3})",
                "{0} tarixində başlanan qalma: qeydiyyat {1} tarixinədək ({2} gün; mənbə: {3})",
                "пребывание с {0}: регистрация до {1} ({2} дн.; источник: {3})",
            ],
            Rule::RegistrationDeadlineNationality => [
                "stay entered {0}: registration due by {1} ({2} days for nationality {3}; source: {4})",
                "{0} tarixində başlanan qalma: qeydiyyat {1} tarixinədək ({3} vətəndaşları üçün {2} gün; mənbə: {4})",
                "пребывание с {0}: регистрация до {1} ({2} дн. для гражданства {3}; источник: {4})",
            ],
            Rule::Registered => [
                "stay entered {0}: registered on {1}, in time",
                "{0} tarixində başlanan qalma: {1} tarixində vaxtında qeydiyyata alınıb",
                "пребывание с {0}: зарегистрировано {1}, в срок",
            ],
            Rule::RegistrationExempt => [
                "stay entered {0}: no registration needed, a {1} permit covers the entry date",
                "{0} tarixində başlanan qalma: qeydiyyat tələb olunmur, {1} icazəsi giriş tarixini əhatə edir",
                "пребывание с {0}: регистрация не требуется, разрешение {1} действует на дату въезда",
            ],
            Rule::NoRegistrationRule => [
                "stay entered {0}: no registration rule in force on that date",
                "{0} tarixində başlanan qalma: həmin tarixdə qeydiyyat qaydası qüvvədə deyil",
                "пребывание с {0}: на эту дату правило регистрации не действовало",
            ],
            Rule::Unregistered => [
                "stay entered {0}: not registered by {1}",
                "{0} tarixində başlanan qalma: {1} tarixinədək qeydiyyata alınmayıb",
                "пребывание с {0}: не зарегистрировано до {1}",
            ],
            Rule::DaysUsed => {
                ["{0}: {1} days used", "{0}: {1} gün istifadə olunub", "{0}: использовано {1} дн."]
            }
            Rule::PossibleStayUntil => [
                "from {0} the traveller may stay through {1}",
                "{0} tarixindən əcnəbi {1} tarixinədək qala bilər",
                "с {0} иностранец может оставаться по {1}",
            ],
            Rule::DateUnlawful => [
                "{0} would be an unlawful day: entry is to be refused",
                "{0} qanunsuz gün olardı: girişdən imtina edilməlidir",
                "{0} был бы незаконным днём: во въезде следует отказать",
            ],
            Rule::MaxStay => [
                "a stay starting {0} may last {1} days, latest exit {2}",
                "{0} tarixində başlanan qalma {1} gün davam edə bilər, son çıxış {2}",
                "пребывание с {0} может длиться {1} дн., последний день выезда {2}",
            ],
            Rule::NextEntry => [
                "next possible entry {0}, for {1} days",
                "növbəti mümkün giriş {0}, {1} günlük",
                "следующий возможный въезд {0}, на {1} дн.",
            ],
            Rule::NoNextEntry => [
                "no lawful entry within {0} days after {1}",
                "{1} tarixindən sonra {0} gün ərzində qanuni giriş yoxdur",
                "нет законного въезда в течение {0} дн. после {1}",
            ],
            _ => ["{0}", "{0}", "{0}"],
        }
    }
}

/// A value a trace line quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TraceValue {
    /// A date.
    Date(Date),
    /// A number of days (or another count).
    Num(u32),
    /// A name, a source or another text, quoted as is.
    Text(String),
}

impl From<Date> for TraceValue {
    fn from(d: Date) -> Self {
        TraceValue::Date(d)
    }
}

impl From<u32> for TraceValue {
    fn from(n: u32) -> Self {
        TraceValue::Num(n)
    }
}

impl From<&str> for TraceValue {
    fn from(s: &str) -> Self {
        TraceValue::Text(s.to_owned())
    }
}

/// One step of reasoning: the rule applied and the values it used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceLine {
    /// The rule.
    pub rule: Rule,
    /// The values, in the order the rule's sentence quotes them.
    pub values: Vec<TraceValue>,
}

impl TraceLine {
    /// A line for `rule` with `values`.
    pub fn new(rule: Rule, values: Vec<TraceValue>) -> TraceLine {
        TraceLine { rule, values }
    }

    /// The line as a sentence in `lang`, prefixed by the rule id: `[overstay] stay entered …`.
    pub fn render(&self, lang: Lang) -> String {
        let template = self.rule.templates()[lang.index()];
        let mut out = format!("[{}] ", self.rule.id());
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                rest = "";
                break;
            };
            match after[..close].parse::<usize>().ok().and_then(|i| self.values.get(i)) {
                Some(TraceValue::Date(d)) => _ = write!(out, "{d}"),
                Some(TraceValue::Num(n)) => _ = write!(out, "{n}"),
                Some(TraceValue::Text(t)) => out.push_str(t),
                None => out.push('?'),
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_parse_with_fallback() {
        let cases = [("ru", Lang::Ru), ("az-Latn-AZ", Lang::Az), ("ru-RU,ru;q=0.9,en;q=0.8", Lang::Ru)];
        let more = [("EN", Lang::En), ("de", Lang::En), ("", Lang::En), ("AZ", Lang::Az)];
        for (tag, lang) in cases.into_iter().chain(more) {
            assert_eq!(Lang::parse(tag), lang, "{tag:?}");
        }
    }

    #[test]
    fn every_rule_has_a_sentence_in_each_language() {
        use Rule::*;
        let all = [
            Pack,
            Stay,
            StayDropped,
            ExitWithoutEntry,
            PermitCovers,
            Overstay,
            WithinLimit,
            WindowCount,
            RegistrationDeadline,
            RegistrationDeadlineNationality,
            Registered,
            RegistrationExempt,
            NoRegistrationRule,
            Unregistered,
            RegistrationRequired,
            RegistrationVoluntary,
            DaysUsed,
            PossibleStayUntil,
            DateUnlawful,
            MaxStay,
            NextEntry,
            NoNextEntry,
        ];
        for rule in all {
            let [en, az, ru] = rule.templates();
            assert!(en.len() > 8 && az != en && ru != en && ru != az, "{rule:?}");
        }
    }

    #[test]
    fn renders_values_in_each_language() {
        let d = Date::parse("2026-04-01").unwrap_or(Date::MIN);
        let line = TraceLine::new(Rule::Overstay, vec![d.into(), d.into(), 5.into(), d.into()]);
        assert_eq!(
            line.render(Lang::En),
            "[overstay] stay entered 2026-04-01: first unlawful day 2026-04-01, 5 days over the limit through 2026-04-01"
        );
        assert!(line.render(Lang::Ru).contains("превышение 5 дн."));
        assert!(line.render(Lang::Az).contains("5 gün"));
        let short = TraceLine::new(Rule::DaysUsed, vec![d.into()]);
        assert_eq!(short.render(Lang::En), "[days_used] 2026-04-01: ? days used");
    }
}
