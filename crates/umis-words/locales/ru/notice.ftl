# Уведомления лицу об акте, который его касается.

notice-cancellation-subject = Заявление { $receipt }: ваш документ { $number } аннулирован
notice-cancellation-intro = Ваш документ { $number } аннулирован с { $date } по следующим основаниям:
notice-cancellation-appeal = Аннулирование можно обжаловать в апелляционный совет миграционного органа в течение { $period } со дня получения этого уведомления: в личном кабинете подайте заявление «{ $service }», указав номер квитанции { $receipt }. Решение апелляционного совета можно обжаловать в суде.
notice-period-months = { $count ->
    [one] { $count } месяца
   *[other] { $count } месяцев
}
notice-period-years = { $count ->
    [one] { $count } года
   *[other] { $count } лет
}
notice-period-calendar_days = { $count ->
    [one] { $count } дня
   *[other] { $count } дней
}
notice-period-business_days = { $count ->
    [one] { $count } рабочего дня
   *[other] { $count } рабочих дней
}
