## Сотрудники: очередь дел
officer-queue-title = Очередь дел
officer-queue-lead = Дела вашего управления, ближайший срок — первым.
officer-queue-filters = Отбор дел
officer-queue-service = Услуга
officer-queue-any-service = Любая услуга
officer-queue-state = Статус
officer-queue-any-state = Любой статус
officer-queue-show = Показать только
officer-queue-mine = Дела, назначенные мне
officer-queue-overdue-only = Просроченные дела
officer-queue-apply = Применить отбор
officer-queue-clear = Сбросить отбор
officer-queue-counts = Открытые дела управления
officer-queue-no-open = Открытых дел нет.
officer-queue-total = Все открытые дела
officer-queue-overdue-count = просрочено: { $count }
officer-queue-cases = Дела по срокам
officer-queue-shown = { $count ->
    [one] { $count } дело на этой странице
    [few] { $count } дела на этой странице
   *[many] { $count } дел на этой странице
}
officer-queue-none = В очереди нет дел.
officer-queue-none-filtered = Нет дел, подходящих под отбор.
officer-queue-pages = Страницы очереди
officer-queue-first = Первая страница
officer-queue-next = Следующая страница

## Общие слова
officer-receipt = Номер квитанции
officer-service = Услуга
officer-status = Статус
officer-submitted = Подано
officer-deadline = Срок
officer-overdue = Просрочено
officer-office = Управление
officer-fee = Пошлина
officer-fee-paid = оплачена
officer-fee-unpaid = не оплачена
officer-held-by = Сотрудник
officer-proposal = Предложенное решение
officer-outcome = Результат
officer-grounds = Правовые основания
officer-decided = Дата решения
officer-number = Номер документа
officer-case = Дело
officer-issued-on = Дата выдачи
officer-valid = Действует
officer-yes = Да
officer-no = Нет
officer-warning = Предупреждение
officer-cancel = Отмена

## Статусы
officer-state-draft = Черновик
officer-state-submitted = Подано
officer-state-returned_for_correction = Возвращено на исправление
officer-state-accepted = Принято
officer-state-assigned = Назначено
officer-state-in_review = На рассмотрении
officer-state-information_requested = Запрошены сведения
officer-state-decision_proposed = Предложено решение
officer-state-approved = Одобрено
officer-state-refused = Отказано
officer-state-appealed = Обжаловано
officer-state-closed = Закрыто
officer-state-withdrawn = Отозвано
officer-state-awaiting_payment = Ожидает оплаты
officer-state-lapsed_unpaid = Утратило силу: пошлина не оплачена
officer-state-left_without_consideration = Оставлено без рассмотрения
officer-state-proceedings_terminated = Производство прекращено
officer-state-suspended = Приостановлено
officer-state-forwarded = Направлено для принятия решения

## Страница дела
officer-case-title = Дело { $receipt }
officer-back-to-queue = Вернуться к очереди дел
officer-contents = На этой странице
officer-actions = Что вы можете сделать
officer-no-actions = Сейчас по этому делу нечего делать.
officer-waiting-officer = Делом занимается другой сотрудник.
officer-waiting-filer = Дело ждёт заявителя.
officer-application = Заявление
officer-documents = Документы
officer-no-documents = Документы не загружены.
officer-document = Документ
officer-file-type = Файл
officer-uploaded = Загружен
officer-download = Скачать: { $name }
officer-kilobytes = { $size } КБ
officer-eligibility = Соответствие условиям
officer-eligible = Все условия выполнены
officer-not-eligible = Не все условия выполнены
officer-no-rules = У этой услуги нет условий.
officer-milestones = Сроки процедуры
officer-stays = Пребывание в стране
officer-traveller = Проездной документ: { $document }
officer-no-traveller = В заявлении не указан проездной документ, или в контроле пребывания нет записей о нём.
officer-presence = Сегодня
officer-presence-present = В стране
officer-presence-absent = Не в стране
officer-presence-unknown = Пересечения границы не зарегистрированы
officer-lawful-today = Законно находится в стране сегодня
officer-records = Записи
officer-crossings = { $count ->
    [one] { $count } пересечение границы
    [few] { $count } пересечения границы
   *[many] { $count } пересечений границы
}
officer-permits = { $count ->
    [one] { $count } разрешение
    [few] { $count } разрешения
   *[many] { $count } разрешений
}
officer-registrations = { $count ->
    [one] { $count } регистрация
    [few] { $count } регистрации
   *[many] { $count } регистраций
}
officer-stays-table = Периоды пребывания по расчёту системы
officer-entry = Въезд
officer-last-day = Последний день
officer-basis = Основание въезда
officer-limit = { $count ->
    [one] предел { $count } день
    [few] предел { $count } дня
   *[many] предел { $count } дней
}
officer-lawful-days = Законные дни
officer-overstay-days = Дни сверх предела
officer-still-inside = ещё в стране
officer-dropped = не учитывается
officer-trace = Как рассчитано пребывание
officer-earlier = Другие дела этого лица
officer-no-earlier = В вашем управлении нет других дел по этому проездному документу.
officer-issued = Выданные документы
officer-no-issued = По этому делу документы не выдавались.
officer-issued-permit = Разрешение
officer-issued-decision = Решение
officer-issued-registration = Регистрация
officer-issued-certificate = Свидетельство
officer-in-force = Действует
officer-revoke-link = Аннулировать { $number }
officer-revoked-on = Аннулирован { $date }
officer-history = История
officer-when = Когда
officer-what = Что произошло
officer-who = Кто

## Шаги по делу
officer-accept-title = Заявление полное
officer-accept-text = Примите его, если все обязательные документы на месте и пошлина урегулирована.
officer-accept = Принять заявление
officer-return-note = Что заявитель должен исправить?
officer-return-hint = Заявитель увидит этот текст.
officer-return = Вернуть на исправление
officer-assign-to = Назначить дело сотруднику
officer-choose-officer = Выберите сотрудника
officer-assign = Назначить
officer-assign-title = Взять дело
officer-assign-me = Назначить мне
officer-start-review-title = Начать рассмотрение дела
officer-start-review = Начать рассмотрение
officer-propose-title = Предложить решение
officer-decision-approve = Одобрить
officer-decision-refuse = Отказать
officer-outcome-hint = Что устанавливает решение.
officer-outcome-recognised = Признан гражданином
officer-outcome-not_recognised = Не признан гражданином
officer-outcome-undetermined = Не удалось установить (лицо без гражданства)
officer-grounds-hint = Отметьте все основания Кодекса, на которых основан отказ. Обязательно для отказа.
officer-grounds-note = Дополнительные причины (необязательно)
officer-grounds-note-hint = Дополняет отмеченные основания, но не заменяет их.
officer-propose = Предложить решение
officer-request-note = Запросить у заявителя сведения
officer-request-hint = Укажите точно, что нужно. Заявитель увидит этот текст.
officer-request = Запросить сведения
officer-own-proposal = Вы предложили это решение. Второй сотрудник должен его подтвердить или вернуть.
officer-confirm-title = Подтвердить предложенное решение
officer-confirm-text = Как второй сотрудник вы подтверждаете решение; после этого оно вступает в силу.
officer-confirm = Подтвердить решение
officer-send-back-note = Почему вы возвращаете предложение? (необязательно)
officer-send-back = Вернуть на рассмотрение
officer-close-title = Закрыть дело
officer-close = Закрыть дело
officer-reload = Обновить дело

## Сделано
officer-done-accept = Заявление принято.
officer-done-return_for_correction = Заявление возвращено заявителю на исправление.
officer-done-assign = Дело назначено.
officer-done-start_review = Вы начали рассмотрение дела.
officer-done-request_information = Запрос сведений отправлен заявителю.
officer-done-propose = Предложенное вами решение ждёт второго сотрудника.
officer-done-confirm = Решение подтверждено.
officer-done-send_back = Предложение возвращено на рассмотрение.
officer-done-close = Дело закрыто.

## Ошибки
officer-error-stale = Дело изменилось после того, как вы его открыли. Обновите дело и попробуйте снова.
officer-error-four-eyes = Вы предложили это решение, поэтому подтвердить или вернуть его должен другой сотрудник.
officer-error-grounds-required = Выберите хотя бы одно из правовых оснований отказа
officer-error-grounds-unknown = Выберите основания из списка этой услуги
officer-error-not-allowed = Этот шаг невозможен в текущем статусе дела. Обновите дело.
officer-error-forbidden = Это может сделать только сотрудник, которому назначено дело.
officer-error-choose-officer = Выберите сотрудника этого управления
officer-error-choose-decision = Выберите: одобрить или отказать
officer-error-choose-outcome = Выберите результат решения
officer-error-note-required = Введите текст
officer-error-too-long = Текст должен быть не длиннее { $max } символов

## История
officer-event-create = Заявление начато
officer-event-edit = Заявление изменено
officer-event-submit = Заявление подано
officer-event-withdraw = Заявление отозвано
officer-event-return_for_correction = Возвращено на исправление
officer-event-accept = Принято
officer-event-assign = Назначено
officer-event-start_review = Начато рассмотрение
officer-event-request_information = Запрошены сведения
officer-event-provide_information = Сведения представлены
officer-event-propose = Предложено решение
officer-event-confirm = Решение подтверждено
officer-event-send_back = Возвращено на рассмотрение
officer-event-close = Закрыто
officer-event-appeal = Обжаловано
officer-event-decide_appeal = Принято решение по жалобе

## Аннулирование документа
officer-revoke-title = Аннулирование документа { $number }
officer-revoke-check-title = Проверьте перед аннулированием { $number }
officer-revoke-reason = Дополнительные причины (необязательно)
officer-revoke-reason-hint = Владелец видит этот текст вместе с основаниями. Не более 1 000 символов.
officer-revoke-warning = После подтверждения вторым сотрудником документ сразу перестаёт действовать: проверка показывает его как аннулированный, разрешение больше не учитывается в контроле пребывания, владелец получает уведомление и может обжаловать.
officer-revoke-confirm = Подтвердить аннулирование
officer-revoke-change = Изменить основания
officer-revoke-already = Документ уже аннулирован.
officer-revoked-notice = Документ { $number } аннулирован.
officer-back-to-case = Вернуться к делу { $receipt }
officer-queue-state-hint = Без выбора статуса в очереди показаны дела, по которым ещё нет решения.
officer-event-identity_check = Личность проверена в окне обслуживания
officer-event-fee_taken = Пошлина оплачена в окне обслуживания
officer-event-register = Зарегистрировано
officer-event-payment_recorded = Госпошлина оплачена
officer-event-lapse_unpaid = Утратило силу: госпошлина не оплачена в срок
officer-event-reply_period_ended = Оставлено без рассмотрения: ответ не поступил в срок
officer-event-suspend = Рассмотрение приостановлено
officer-event-resume = Рассмотрение возобновлено
officer-event-terminate = Производство прекращено
officer-event-extend_deadline = Срок рассмотрения продлён
officer-event-exempt_from_duty = Освобождено от госпошлины
officer-event-forward = Направлено для принятия решения
officer-event-record_decree = Внесён указ
officer-event-duty_refunded = Госпошлина возвращена
officer-cancel-pending-title = Аннулирование { $number } ожидает подтверждения
officer-cancel-grounds = Основания аннулирования
officer-cancel-grounds-hint = Отметьте все основания Кодекса, на которых основано аннулирование.
officer-cancel-grounds-required = Выберите хотя бы одно основание аннулирования
officer-cancel-propose = Предложить аннулирование
officer-cancel-send-back = Вернуть предложение
officer-cancel-own = Это аннулирование предложили вы: его должен подтвердить или вернуть другой сотрудник.
officer-cancel-proposed-notice = Предложено аннулирование документа { $number }; его должен подтвердить второй сотрудник.
officer-event-court_annuls = Отменено судом
officer-event-annul_cancellation = Аннулирование отменено по жалобе

## Административная процедура по делу
nav-board-appeals = Жалобы
officer-procedure = Процедура
officer-date-day = День
officer-date-month = Месяц
officer-date-year = Год
officer-date-hint = Например, 27 3 2027
officer-suspend-note = Приостановить рассмотрение: какой орган запрошен и почему?
officer-suspend-hint = Установленный законом срок стоит, пока вы не возобновите рассмотрение; дни простоя добавляются к сроку.
officer-suspend = Приостановить рассмотрение
officer-resume-title = Возобновить рассмотрение
officer-resume-text = Срок снова идёт, продлённый на дни простоя.
officer-resume = Возобновить рассмотрение
officer-extend-title = Продлить срок
officer-extend-on = Новый срок
officer-extend-on-hint = Позже текущего срока и в пределах, допускаемых законом. Например, 27 3 2027
officer-extend-reason = Почему нужно больше времени?
officer-extend-reason-hint = Заявителю сообщают новый срок, и он видит эту причину.
officer-extend = Продлить срок
officer-exempt-title = Освободить от государственной пошлины
officer-exempt-note = Документ, освобождающий заявителя
officer-exempt-note-hint = Например, номер предъявленного удостоверения беженца.
officer-exempt = Записать освобождение
officer-exemption = Освобождён от государственной пошлины
officer-exemption-refugee = Признанный беженец
officer-exemption-humanitarian = Гуманитарные основания
officer-forward-title = Направить на решение
officer-forward-text = Решение по этому заявлению принимает Президент; ведомство проверяет и направляет его. Внесите указ, когда он будет издан.
officer-forward-note = Заметка для дела (необязательно)
officer-forward = Направить заявление
officer-decree-title = Внести указ
officer-decree-hint = Внесение подтверждает второй сотрудник, как и предложенное решение.
officer-decree-approve = Указ удовлетворяет заявление
officer-decree-refuse = Указ отказывает в заявлении
officer-decree-number = Номер указа
officer-decree-on = Дата указа
officer-decree-enter = Внести указ
officer-schedule-title = Назначить собеседование
officer-interview-which = Собеседование
officer-choose-interview = Выберите собеседование
officer-interview-on = День собеседования
officer-interpreter = Язык переводчика (необязательно)
officer-interpreter-hint = Код ISO 639, например fa, ar или ru. Оставьте пустым, если переводчик не нужен.
officer-schedule = Назначить собеседование
officer-held-title = Записать проведённое собеседование
officer-held-on = День проведения
officer-held-on-hint = Сегодня или раньше. Следующие шаги отсчитываются от этого дня. Например, 27 3 2026
officer-held = Записать собеседование
officer-terminate-title = Прекратить производство без решения
officer-terminate-hint = Выберите, почему производство прекращается. Заявитель получит уведомление.
officer-terminate-note = Что показывает дело (необязательно)
officer-terminate = Прекратить производство
officer-termination = Производство прекращено
officer-termination-applicant_left = Заявитель покинул страну
officer-termination-applicant_died = Заявитель умер
officer-termination-processing_stopped = Рассмотрение прекращено (отказ от сотрудничества или ложные сведения)
officer-clock-stopped = Срок стоит
officer-clock-stopped-value = с { $date } ({ $days ->
    [one] { $days } день
    [few] { $days } дня
   *[other] { $days } дней
})
officer-reply-by = Заявитель должен ответить до
officer-extended = Срок продлён
officer-extended-value = с { $from } до { $to }: { $reason }
officer-interview = Собеседование
officer-interview-scheduled = назначено на { $date }
officer-interview-interpreter = переводчик: { $language }
officer-interview-held = проведено { $date }
officer-forwarded-on = Направлено на решение
officer-decree = Указ
officer-decree-granted = Удовлетворено указом № { $number } от { $date }
officer-decree-refused = Отказано указом № { $number } от { $date }
officer-duty = Государственная пошлина после решения
officer-duty-value = номер платежа { $number }, { $amount }, оплатить до { $date }
officer-duty-paid = оплачена { $date }
officer-duty-lapsed = не оплачена: разрешение утратило силу { $date }
officer-done-suspend = Рассмотрение приостановлено; срок стоит.
officer-done-resume = Рассмотрение возобновлено; срок снова идёт.
officer-done-terminate = Производство прекращено.
officer-done-extend_deadline = Срок продлён, заявитель уведомлён.
officer-done-exempt_from_duty = Освобождение от государственной пошлины записано.
officer-done-forward = Заявление направлено на решение.
officer-done-record_decree = Указ внесён; его должен подтвердить второй сотрудник.
officer-done-schedule_interview = Собеседование назначено.
officer-done-record_interview = Собеседование записано.
officer-done-court = Судебная стадия записана.
officer-error-date = Введите существующую дату, например 27 3 2027
officer-error-date-future = Дата не может быть в будущем
officer-error-extend-not-later = Новый срок должен быть позже текущего
officer-error-extend-too-late = Новый срок позже, чем закон допускает продление
officer-error-extend-no-deadline = У дела нет срока, который можно продлить
officer-error-choose-interview = Выберите собеседование этой процедуры
officer-error-language = Введите язык кодом ISO 639 из 2 или 3 строчных букв, например fa
officer-error-choose-reason = Выберите, почему производство прекращается
officer-error-choose-exemption = Выберите основание освобождения
officer-error-decree-number = Введите номер указа, не более { $max } символов
officer-error-forbidden-appeal = Вы не можете сделать этот шаг по жалобе: её рассматривает член апелляционного совета, которому она поручена и который не участвовал в обжалуемом акте.
language-az = азербайджанский
language-ru = русский
language-en = английский
language-fa = персидский
language-ar = арабский
language-tr = турецкий
language-ps = пушту
language-ur = урду
language-ka = грузинский
language-hy = армянский
language-uk = украинский
language-fr = французский

## Апелляционный совет
board-back = Вернуться к жалобам
board-title = Жалобы
board-lead = Жалобы на акты всех ведомств, ближайший срок первым. Член совета, участвовавший в обжалуемом акте, её не рассматривает.
board-open = Жалобы к рассмотрению
board-decided = Рассмотренные жалобы
board-decided-hint = Здесь записывается иск, поданный в суд по рассмотренной жалобе, а затем решение суда.
board-none-open = Жалоб к рассмотрению нет.
board-none-decided = Рассмотренных жалоб пока нет.
board-appeal = Жалоба
board-act = Обжалуемый акт
board-act-refusal = Отказ
board-act-cancellation = Аннулирование документа
board-act-inaction = Пропуск срока (бездействие)
board-act-receipt = Номер квитанции дела
board-act-grounds = Основания акта
board-claim-filed = Иск подан в суд
board-judgment = Решение суда
board-judgment-upheld = Удовлетворён: акт отменён
board-judgment-dismissed = Отклонён: акт остаётся в силе
board-court-title-claim_filed = Судебная стадия: подан иск
board-court-text-claim_filed = Запишите день, когда иск против акта или решения совета был подан в суд.
board-court-title-judgment = Судебная стадия: решение
board-court-text-judgment = Запишите решение суда. Удовлетворённый иск отменяет акт: дело рассматривается заново с новым сроком.
board-court-on = Дата
board-court-record = Записать судебную стадию
board-error-choose-result = Выберите решение суда
board-error-before-claim = Решение не может быть раньше иска
board-error-no-claim = Сначала запишите иск, затем решение
board-error-recorded = Эта судебная стадия уже записана. Обновите дело.
board-error-court-forbidden = Судебную стадию записывает апелляционный совет после рассмотрения жалобы.
