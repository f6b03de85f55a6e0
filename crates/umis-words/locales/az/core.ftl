## The frame of every page
service-name = Miqrasiya elektron xidmətləri
phase = Nümayiş
phase-text = Bu, nümayiş məlumatları ilə işləyən sistemdir.
language-name = Azərbaycanca
language-switcher = Dil
menu = Menyu
service-information = Xidmət haqqında
skip-to-content = Əsas məzmuna keç
sign-in = Daxil ol
sign-out = Çıxış
continue = Davam et
back = Geri
back-home = Başlanğıc səhifəyə qayıt
notice-title = Hazırdır
session-warning-title = Tezliklə sistemdən çıxarılacaqsınız
session-warning-text = Bir müddətdir fəaliyyət göstərmirsiniz. Məlumatlarınızı qorumaq üçün 2 dəqiqədən sonra sistemdən çıxarılacaqsınız.
session-warning-stay = Sistemdə qal
session-notice = Təhlükəsizliyiniz üçün 30 dəqiqə fəaliyyət olmadıqda sistemdən çıxarılırsınız.
footer-links = Dəstək keçidləri
footer-api = Məlumat mübadiləsi (API)
footer-licence = umis Apache License 2.0 lisenziyası ilə açıq mənbəli proqramdır.
error-prefix = Xəta:
error-summary-title = Problem var

## Navigation
nav-home = Əsas səhifə
nav-status = Müraciətin statusu
nav-stay-calculator = Qalma kalkulyatoru
nav-registration-deadline = Qeydiyyat müddəti
nav-verify = Sənədi yoxla
nav-statistics = Statistika
nav-applications = Müraciətlər
nav-services = Müraciət et
nav-host-guests = Qonaqlar
nav-host-register = Qonağı qeydiyyata al
nav-host-upload = Qonaqları yüklə (CSV)
nav-employer-permits = İş icazələri
nav-employer-employees = Əcnəbi işçilər
nav-counter = Xidmət masası
nav-office-queue = İş növbəsi
nav-office-findings = Qalma nəzarəti
nav-office-travellers = Səyahətçi axtarışı
nav-office-dashboard = İdarə paneli

## Roles
role-applicant = Müraciət edən
role-host = Qəbul edən tərəf
role-employer = İşəgötürən
role-operator = Xidmət mərkəzinin operatoru
role-officer = Miqrasiya əməkdaşı
role-supervisor = Rəhbər
role-refugee_officer = Qaçqın statusu üzrə əməkdaş
role-border_officer = Sərhəd əməkdaşı
role-auditor = Auditor
role-admin = İnzibatçı
role-border-feed = Sərhəd məlumat axını
role-payment-gateway = Ödəniş şlüzü
role-partner-agency = Tərəfdaş qurum

## Error pages
error-not-found-title = Səhifə tapılmadı
error-not-found-text = Ünvanı özünüz yazmısınızsa, düzgünlüyünü yoxlayın. Keçidlə gəlmisinizsə, səhifə və ya qeyd mövcud olmaya və ya sizə açıq olmaya bilər.
error-forbidden-title = Bu səhifəni aça bilməzsiniz
error-forbidden-text = Hesabınız bu səhifəyə giriş vermir. Cəhd qeydə alındı.
error-token-title = Formanın vaxtı bitib
error-token-text = Forma bu saytdan göndərilməyib və ya vaxtı bitib. Geri qayıdın, səhifəni yeniləyin və yenidən cəhd edin.
error-sign-in-title = Davam etmək üçün daxil olun
error-sign-in-text = Bu səhifəni açmaq üçün sistemə daxil olmalısınız.
error-bad-request-title = Sorğu başa düşülmədi
error-bad-request-text = Daxil etdiklərinizi yoxlayın və yenidən cəhd edin.
error-too-large-title = Məlumat çox böyükdür
error-too-large-text = Göndərdiyiniz məlumat bu səhifənin qəbul etdiyindən böyükdür.
error-too-many-title = Sorğular çox oldu
error-too-many-text = Bir az gözləyin və yenidən cəhd edin.
error-internal-title = Üzr istəyirik, xidmətdə problem var
error-internal-text = Sonra yenidən cəhd edin. Daxil etdikləriniz yadda saxlanmayıb.
error-timeout-title = Xidmət çox gecikir
error-timeout-text = Sorğunuz çox gözlədikdən sonra dayandırıldı. Yadda saxlanmış da ola bilər, saxlanmamış da: yenidən göndərməzdən əvvəl yoxlayın.

## Start page
home-title = Miqrasiya elektron xidmətləri
home-lead = İcazə və qeydiyyat üçün müraciət edin, müraciətlərinizi izləyin və sənədləri yoxlayın — onlayn, Azərbaycan, ingilis və ya rus dilində.
home-sign-in-hint = Müraciət etmək üçün daxil olun və ya hesab yaradın. Müraciətin statusunu yoxlamaq, qalma müddətini hesablamaq və sənədi yoxlamaq üçün hesab lazım deyil.
home-start = İndi başla
home-create-account = Hesab yarat
home-your-work = İşiniz
home-services = Elektron xidmətlər
home-public-tools = Hesabsız
home-signed-out = Sistemdən çıxdınız.
home-welcome = Hesabınız yaradıldı və sistemə daxil oldunuz.

## Signing in
sign-in-title = Daxil ol
sign-in-password-required = Şifrənizi daxil edin
sign-in-refused = İstifadəçi adı və ya şifrə düzgün deyil
sign-in-throttled = Cəhdlər çox oldu. { $seconds } saniyədən sonra yenidən cəhd edin.
sign-in-expired = 30 dəqiqə fəaliyyət olmadığı üçün sistemdən çıxarıldınız. Davam etmək üçün yenidən daxil olun.
sign-in-code-title = Autentifikator tətbiqindəki kodu daxil edin
sign-in-code-hint = 6 rəqəmli kod hər 30 saniyədən bir dəyişir.
sign-in-code-format = Kodun 6 rəqəmini daxil edin
sign-in-code-refused = Kod düzgün deyil və ya artıq istifadə olunub

## Creating an account
account-new-title = Hesab yarat
account-new-role = Siz kimsiniz?
account-new-role-required = Kim olduğunuzu seçin
account-new-role-hint-applicant = Özü üçün müraciət edən əcnəbi və ya vətəndaşlığı olmayan şəxs.
account-new-role-hint-host = Qonaqları qeydiyyata alan mehmanxana, ev sahibi və ya digər qəbul edən tərəf.
account-new-role-hint-employer = İş icazəsi üçün müraciət edən işəgötürən.
account-new-password-hint = Ən azı 15 simvol. Bir neçə sözdən ibarət ifadəni yadda saxlamaq asan, təxmin etmək çətindir.
account-new-password-mismatch = Şifrələr eyni deyil
account-new-submit = Hesab yarat

## Form fields and problems
field-username = İstifadəçi adı
field-password = Şifrə
field-password_again = Şifrə təkrar
field-display_name = Tam ad
field-email = E-poçt ünvanı (məcburi deyil)
form-required = { $field } daxil edin
form-too-long = { $field } ən çoxu { $max } simvol ola bilər
form-bad-characters = { $field } icazə verilməyən simvollar ehtiva edir
form-refused = Bunu etmək mümkün deyil
# A deadline that runs into a year whose public holidays are not loaded yet.
form-beyond-calendar = İş günləri təqvimi yalnız { $first }–{ $last } illərini əhatə edir: bu müraciətin müddəti təqvimin hələ əhatə etmədiyi ilə ({ $year }) düşür və həmin ilin bayram günləri daxil edilənədək hesablana bilməz. Bir qədər sonra yenidən cəhd edin və ya idarəyə müraciət edin.
form-beyond-calendar-date = Hələ məlum deyil: təqvim { $year } ilini əhatə etmir

## Dates and counts
date-long = { $day } { $month } { $year }
month-1 = yanvar
month-2 = fevral
month-3 = mart
month-4 = aprel
month-5 = may
month-6 = iyun
month-7 = iyul
month-8 = avqust
month-9 = sentyabr
month-10 = oktyabr
month-11 = noyabr
month-12 = dekabr
days-count = { $count } gün

fee-basis = Rüsumun əsası
fee-scale-adult = Böyüklər üçün dərəcə
fee-scale-minor = Yetkinlik yaşına çatmayanlar üçün dərəcə (18 yaşadək)
fee-scale-student = Əyani təhsil alanlar üçün dərəcə
fee-basis-periods = { $periods } × { $days } gün
