# İctimai status lüğəti.

status-received = Müraciətiniz qəbul edilib və baxılmaq üçün növbədədir.
status-action_needed = Sizdən əlavə məlumat və ya düzəliş tələb olunur. Hesabınıza daxil olun.
status-in_progress = Müraciətinizə baxılır.
status-approved = Müraciətiniz təmin edilib. Sənədinizi hesabınızdan yükləyə bilərsiniz.
status-refused = Müraciətiniz rədd edilib. Qərar və şikayət qaydası hesabınızdadır.
status-under_appeal = Qərardan verilmiş şikayətə baxılır.
status-withdrawn = Müraciət geri götürülüb.
status-awaiting_payment = Müraciətiniz təmin edilib. Dövlət rüsumunu ödəniş nömrəsi ilə ödəyin: nömrə hesabınızdadır.
status-left_without_consideration = Tələb olunan məlumat vaxtında təqdim edilmədiyi üçün müraciət baxılmadan saxlanılıb.
status-forwarded = Müraciətiniz qərar qəbul edən orqana göndərilib.
status-deadline_extended = Müraciətə baxılma müddəti uzadılıb. Yeni tarix hesabınızdadır.
status-closed = Müraciət üzrə iş başa çatıb.
status-not_found = Bu nömrə və doğum tarixi ilə müraciət tapılmadı.
status-subject = Müraciət { $receipt }: status dəyişib
