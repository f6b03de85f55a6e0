# Şəxsə aid akt barədə bildirişlər.

notice-cancellation-subject = Müraciət { $receipt }: { $number } nömrəli sənədiniz ləğv edilib
notice-cancellation-intro = { $number } nömrəli sənədiniz { $date } tarixindən bu əsaslarla ləğv edilib:
notice-cancellation-appeal = Ləğvetmədən bu bildirişi aldığınız gündən { $period } ərzində miqrasiya orqanının apellyasiya şurasına şikayət verə bilərsiniz: hesabınızda "{ $service }" xidmətinə müraciət edin və { $receipt } qəbz nömrəsini göstərin. Apellyasiya şurasının qərarından məhkəməyə şikayət etmək olar.
notice-period-months = { $count } ay
notice-period-years = { $count } il
notice-period-calendar_days = { $count } gün
notice-period-business_days = { $count } iş günü
