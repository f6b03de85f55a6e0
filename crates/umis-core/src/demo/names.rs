//! Name pools and the nationality table of the demo population.
//!
//! The border feed prints names "as printed, any script": Cyrillic for Russian or Ukrainian
//! passports, Azerbaijani and Turkish letters (ə, ş, ç, ğ, ı, ö, ü), German umlauts, a few
//! Chinese characters. Demo data that is all ASCII would hide every encoding bug, so the pools
//! keep each nationality's own script. An entry `NATIVE|LATIN` has a native spelling and its
//! Latin transliteration; an entry without `|` is the same in both.

/// A family of names that share a language and its spelling habits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Group {
    Russian,
    Ukrainian,
    CentralAsian,
    Azerbaijani,
    Turkish,
    Georgian,
    Persian,
    Arabic,
    SouthAsian,
    Indian,
    Chinese,
    Korean,
    Japanese,
    German,
    English,
    French,
    Italian,
    Polish,
    Hebrew,
}

/// Surnames, male and female given names of a group.
pub(super) struct Pool {
    pub surnames: &'static str,
    pub male: &'static str,
    pub female: &'static str,
    /// Female surnames take the `-a` / `-aya` ending (`IVANOV` → `IVANOVA`).
    pub gendered: bool,
}

const fn pool(surnames: &'static str, male: &'static str, female: &'static str, gendered: bool) -> Pool {
    Pool { surnames, male, female, gendered }
}

const RUSSIAN: Pool = pool(
    concat!(
        "ИВАНОВ|IVANOV,СМИРНОВ|SMIRNOV,КУЗНЕЦОВ|KUZNETSOV,ПОПОВ|POPOV,ВАСИЛЬЕВ|VASILEV,",
        "ПЕТРОВ|PETROV,СОКОЛОВ|SOKOLOV,МИХАЙЛОВ|MIKHAILOV,НОВИКОВ|NOVIKOV,ФЁДОРОВ|FEDOROV,",
        "МОРОЗОВ|MOROZOV,ВОЛКОВ|VOLKOV,ЛЕБЕДЕВ|LEBEDEV,СЕМЁНОВ|SEMENOV,ЕГОРОВ|EGOROV,",
        "КОВАЛЕВСКИЙ|KOVALEVSKII,ЗАЙЦЕВ|ZAITCEV,ПАВЛОВ|PAVLOV,БЕЛОВ|BELOV,",
        "ГАДЖИЕВ|GADZHIEV"
    ),
    concat!(
        "АЛЕКСАНДР|ALEKSANDR,СЕРГЕЙ|SERGEI,ДМИТРИЙ|DMITRII,АНДРЕЙ|ANDREI,АЛЕКСЕЙ|ALEKSEI,",
        "МАКСИМ|MAKSIM,ИВАН|IVAN,НИКОЛАЙ|NIKOLAI,ЮРИЙ|IURII,АРТЁМ|ARTEM"
    ),
    concat!(
        "ЕЛЕНА|ELENA,ОЛЬГА|OLGA,НАТАЛЬЯ|NATALIA,ТАТЬЯНА|TATIANA,АННА|ANNA,МАРИЯ|MARIIA,",
        "ИРИНА|IRINA,СВЕТЛАНА|SVETLANA,ЕКАТЕРИНА|EKATERINA,ЮЛИЯ|IULIIA"
    ),
    true,
);

const UKRAINIAN: Pool = pool(
    concat!(
        "ШЕВЧЕНКО|SHEVCHENKO,КОВАЛЕНКО|KOVALENKO,БОНДАРЕНКО|BONDARENKO,ТКАЧЕНКО|TKACHENKO,",
        "КРАВЧЕНКО|KRAVCHENKO,ОЛІЙНИК|OLIINYK,ШЕВЧУК|SHEVCHUK,ПОЛІЩУК|POLISHCHUK,",
        "МЕЛЬНИК|MELNYK,ЛИСЕНКО|LYSENKO,ГРИЦЕНКО|HRYTSENKO,ЄВТУШЕНКО|YEVTUSHENKO"
    ),
    concat!("ОЛЕКСАНДР|OLEKSANDR,ТАРАС|TARAS,АНДРІЙ|ANDRII,ДМИТРО|DMYTRO,ЮРІЙ|YURII,", "ВОЛОДИМИР|VOLODYMYR"),
    concat!("ОКСАНА|OKSANA,ОЛЕНА|OLENA,ІРИНА|IRYNA,НАТАЛІЯ|NATALIIA,ЮЛІЯ|YULIIA,", "КАТЕРИНА|KATERYNA"),
    false,
);

const CENTRAL_ASIAN: Pool = pool(
    concat!(
        "КАРИМОВ|KARIMOV,ЖУМАБАЕВ|ZHUMABAEV,НУРМАГАМБЕТОВ|NURMAGAMBETOV,ТОКАЕВ|TOKAEV,",
        "РАХИМОВ|RAKHIMOV,ЮСУПОВ|YUSUPOV,АБДУЛЛАЕВ|ABDULLAEV,БЕРДЫЕВ|BERDYEV,",
        "САПАРОВ|SAPAROV,ИСМАИЛОВ|ISMAILOV,ОРАЗОВ|ORAZOV,ТУРСУНОВ|TURSUNOV"
    ),
    concat!(
        "НУРЛАН|NURLAN,АЙДАР|AIDAR,ШАВКАТ|SHAVKAT,БАХТИЁР|BAKHTIYOR,ЕРЛАН|YERLAN,",
        "ТИМУР|TIMUR,РУСТАМ|RUSTAM,МЕРДАН|MERDAN"
    ),
    concat!("АСЕЛЬ|ASEL,ДИЛНОЗА|DILNOZA,ГУЛЬНАРА|GULNARA,АЙГУЛЬ|AIGUL,МАДИНА|MADINA,", "ЖАНАР|ZHANAR"),
    true,
);

const AZERBAIJANI: Pool = pool(
    concat!(
        "MƏMMƏDOV,ƏLİYEV,HƏSƏNOV,HÜSEYNOV,QULİYEV,İSMAYILOV,ABBASOV,CƏFƏROV,BAĞIROV,",
        "ŞIRINOV,SÜLEYMANOV,QASIMOV,ÇƏLƏBİYEV,ƏHMƏDOV,RÜSTƏMOV"
    ),
    "ƏLİ,RƏŞAD,ELÇİN,TOĞRUL,VÜQAR,ORXAN,ŞAHİN,ÜLVİ,CAVİD,İLQAR",
    "GÜNEL,AYGÜN,LƏMAN,NƏRMİN,ŞƏBNƏM,XƏDİCƏ,ÜLVİYYƏ,SEVİNC,GÜLNAR,AYSEL",
    true,
);

const TURKISH: Pool = pool(
    concat!(
        "YILMAZ,KAYA,DEMİR,ŞAHİN,ÇELİK,YILDIZ,YILDIRIM,ÖZTÜRK,AYDIN,ÖZDEMİR,ARSLAN,DOĞAN,",
        "KILIÇ,ÇAKIR,KOÇ,GÜNEŞ"
    ),
    "MEHMET,MUSTAFA,AHMET,ALİ,HÜSEYİN,HASAN,İBRAHİM,İSMAİL,OSMAN,BURAK ÇAĞRI",
    "AYŞE,FATMA,EMİNE,HATİCE,ZEYNEP,ELİF,ÖZLEM,GÜLŞEN,ŞEYMA,BÜŞRA",
    false,
);

const GEORGIAN: Pool = pool(
    concat!(
        "BERIDZE,KAPANADZE,GELASHVILI,MAISURADZE,GIORGADZE,LOMIDZE,TSIKLAURI,BOLKVADZE,",
        "KVARATSKHELIA,NOZADZE"
    ),
    "GIORGI,DAVIT,LEVAN,IRAKLI,ZURAB,NIKOLOZ,LASHA",
    "NINO,TAMAR,MARIAM,KETEVAN,ANA,ELENE,SALOME",
    false,
);

const PERSIAN: Pool = pool(
    concat!(
        "MOHAMMADI,HOSSEINI,AHMADI,REZAEI,MOUSAVI,KARIMI,JAFARI,RAHIMI,HASHEMI,SADEGHI,",
        "NAZARI,AZIMI,GHOLAMI,TABRIZI"
    ),
    "MOHAMMAD,ALI,REZA,HOSSEIN,MEHDI,AMIR,HAMID,MOHAMMAD REZA,AHMAD",
    "FATEMEH,ZAHRA,MARYAM,MASOUMEH,ZEINAB,SOMAYEH,NARGES,SHIRIN",
    false,
);

const ARABIC: Pool = pool(
    concat!(
        "AL-RASHID,AL-MANSOURI,AL-QAHTANI,AL-OTAIBI,HASSAN,IBRAHIM,ABDULLAH,AL-KUWARI,",
        "EL-SAYED,AL-HASHIMI,AL-SHAMMARI,MAHMOUD"
    ),
    "MOHAMMED,AHMED,OMAR,KHALID,ABDULAZIZ,YOUSEF,FAISAL,SULTAN,HAMAD",
    "FATIMA,AISHA,MARIAM,NOURA,HESSA,LAYLA,SARA,REEM",
    false,
);

const SOUTH_ASIAN: Pool = pool(
    "KHAN,AHMED,HUSSAIN,ALI,BUTT,CHAUDHRY,RAHMAN,ISLAM,HOSSAIN,SHEIKH,QURESHI,MALIK",
    "MUHAMMAD,IMRAN,ASIF,BILAL,RAFIQ,SHAHID,KAMRUL,AMINUL",
    "AYESHA,SADIA,NASREEN,FARZANA,SHABANA,RUKHSANA",
    false,
);

const INDIAN: Pool = pool(
    "SHARMA,SINGH,KUMAR,PATEL,GUPTA,REDDY,NAIR,IYER,DAS,JOSHI,MEHTA,VARGHESE",
    "RAHUL,AMIT,VIKRAM,ARJUN,SURESH,RAJESH KUMAR,ANIL,SANJAY",
    "PRIYA,ANJALI,DEEPA,KAVITA,SUNITA,LAKSHMI,POOJA",
    false,
);

const CHINESE: Pool = pool(
    "王|WANG,李|LI,张|ZHANG,刘|LIU,陈|CHEN,杨|YANG,黄|HUANG,赵|ZHAO,吴|WU,周|ZHOU",
    "伟|WEI,强|QIANG,磊|LEI,军|JUN,明|MING,浩然|HAORAN",
    "芳|FANG,静|JING,丽|LI,娜|NA,敏|MIN,秀英|XIUYING",
    false,
);

const KOREAN: Pool = pool(
    "KIM,LEE,PARK,CHOI,JUNG,KANG,CHO,YOON",
    "MINJUN,SEOJUN,DOHYUN,JIHOON,SUNGMIN",
    "SEOYEON,JIWOO,MINJI,SOYEON,HYEJIN",
    false,
);

const JAPANESE: Pool = pool(
    "SATO,SUZUKI,TAKAHASHI,TANAKA,WATANABE,ITO,YAMAMOTO,NAKAMURA",
    "HIROSHI,TAKESHI,KENJI,DAIKI,HARUTO",
    "YUKI,AYAKA,SAKURA,HARUKA,MISAKI",
    false,
);

const GERMAN: Pool = pool(
    concat!(
        "MÜLLER,SCHMIDT,SCHNEIDER,FISCHER,WEBER,MEYER,WAGNER,BECKER,SCHULZ,HOFFMANN,",
        "SCHRÖDER,KRÜGER,GRUBER,HUBER"
    ),
    "LUKAS,JÜRGEN,THOMAS,STEFAN,KLAUS PETER,SÖREN,MAXIMILIAN",
    "ANNA MARIA,SABINE,JULIA,KATHARINA,BÄRBEL,LEONIE,URSULA",
    false,
);

const ENGLISH: Pool = pool(
    concat!(
        "SMITH,JONES,WILLIAMS,BROWN,TAYLOR,DAVIES,EVANS,O'BRIEN,JOHNSON,MILLER,GARCIA,",
        "SMITH-JONES,MACDONALD,WILSON,ANDERSON,MARTIN"
    ),
    "JAMES,JOHN,ROBERT,MICHAEL,DAVID,WILLIAM,OLIVER,JACK HENRY",
    "MARY,JENNIFER,SARAH,EMILY,JESSICA,OLIVIA,CHARLOTTE ROSE",
    false,
);

const FRENCH: Pool = pool(
    "MARTIN,BERNARD,DUBOIS,LEFÈVRE,MOREAU,FRANÇOIS,GIRARD,ROUSSEAU,BONNET",
    "JEAN-PIERRE,FRANÇOIS,LUC,THÉO,NICOLAS",
    "MARIE,CÉLINE,HÉLÈNE,CAMILLE,AMÉLIE",
    false,
);

const ITALIAN: Pool = pool(
    "ROSSI,RUSSO,FERRARI,ESPOSITO,BIANCHI,ROMANO,COLOMBO,DE LUCA",
    "MARCO,GIUSEPPE,LUCA,ANDREA,NICCOLÒ",
    "GIULIA,FRANCESCA,CHIARA,SARA,ELENA",
    false,
);

const POLISH: Pool = pool(
    "NOWAK,KOWALSKI,WIŚNIEWSKI,WÓJCIK,KOWALCZYK,LEWANDOWSKI,ZIELIŃSKI,SZYMAŃSKI",
    "PIOTR,KRZYSZTOF,TOMASZ,ŁUKASZ,PAWEŁ",
    "ANNA,KATARZYNA,MAŁGORZATA,AGNIESZKA,JOANNA",
    true,
);

const HEBREW: Pool = pool(
    "COHEN,LEVI,MIZRAHI,PERETZ,BITON,FRIEDMAN,KATZ,AVRAHAM,SHAPIRO",
    "DAVID,YOSSI,ARIEL,NOAM,EITAN,MOSHE",
    "NOA,TAMAR,SHIRA,MAYA,YAEL,ORLY",
    false,
);

impl Group {
    /// The names of this group.
    pub(super) fn pool(self) -> &'static Pool {
        match self {
            Group::Russian => &RUSSIAN,
            Group::Ukrainian => &UKRAINIAN,
            Group::CentralAsian => &CENTRAL_ASIAN,
            Group::Azerbaijani => &AZERBAIJANI,
            Group::Turkish => &TURKISH,
            Group::Georgian => &GEORGIAN,
            Group::Persian => &PERSIAN,
            Group::Arabic => &ARABIC,
            Group::SouthAsian => &SOUTH_ASIAN,
            Group::Indian => &INDIAN,
            Group::Chinese => &CHINESE,
            Group::Korean => &KOREAN,
            Group::Japanese => &JAPANESE,
            Group::German => &GERMAN,
            Group::English => &ENGLISH,
            Group::French => &FRENCH,
            Group::Italian => &ITALIAN,
            Group::Polish => &POLISH,
            Group::Hebrew => &HEBREW,
        }
    }
}

/// The female form of a surname of a gendered group, in either script.
pub(super) fn feminine(surname: &str) -> String {
    for (male, female) in [("СКИЙ", "СКАЯ"), ("SKII", "SKAIA"), ("SKI", "SKA")] {
        if let Some(stem) = surname.strip_suffix(male) {
            return format!("{stem}{female}");
        }
    }
    let cyrillic = surname.chars().last().is_some_and(|c| ('А'..='я').contains(&c) || c == 'Ё');
    let ends = |xs: &[&str]| xs.iter().any(|x| surname.ends_with(x));
    if ends(&["ОВ", "ЕВ", "ЁВ", "ИН", "OV", "EV", "IN"]) {
        return format!("{surname}{}", if cyrillic { "А" } else { "A" });
    }
    surname.to_owned()
}

/// Picks the native or the Latin spelling of a pool entry.
pub(super) fn spelling(entry: &'static str, native: bool) -> &'static str {
    match entry.split_once('|') {
        Some((n, _)) if native => n,
        Some((_, latin)) => latin,
        None => entry,
    }
}

/// One entry of a comma-separated pool, chosen uniformly.
pub(super) fn pick(list: &'static str, rng: &mut impl rand::Rng) -> &'static str {
    let n = list.split(',').count();
    list.split(',').nth(rng.random_range(0..n)).unwrap_or(list)
}
