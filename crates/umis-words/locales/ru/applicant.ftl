## Подача заявления на электронную услугу
applicant-services-title = Подать заявление на электронную услугу
applicant-services-lead = Выберите услугу, на которую хотите подать заявление. Ответы можно сохранить и вернуться к ним позже.
applicant-services-none = Для вашей учётной записи нет доступных электронных услуг.
applicant-start-caption = Электронная услуга
applicant-start-lead = С помощью этой услуги можно подать заявление онлайн: { $service }.
applicant-start-who = Кто может подать заявление
applicant-start-conditions = Условия
applicant-start-documents = Необходимые документы
applicant-start-fees = Госпошлина и срок решения
applicant-start-office = Какое управление рассмотрит заявление?
applicant-start-office-hint = Выберите управление, ближайшее к месту вашего проживания или пребывания.
applicant-start-now = Начать
applicant-start-not-for-role = Ваша учётная запись не может подать заявление на эту услугу.
applicant-start-sign-in-hint = Чтобы подать заявление, нужно войти. Ответы сохраняются по ходу заполнения.
applicant-start-sign-in = Войти, чтобы подать заявление
applicant-optional = необязательно
applicant-fee-tier = Вариант
applicant-fee-amount = Госпошлина
applicant-fee-deadline = Решение в течение
applicant-fee-per-days = за каждые { $days } дн. разрешения
applicant-fee-depends = Суммы указаны для взрослых. Пошлина зависит от запрашиваемого срока, от возраста (несовершеннолетние платят меньше), а для некоторых разрешений — от очной формы обучения или работы на освобождённых территориях; ваше заявление покажет свою сумму до подачи.
applicant-deadline-business_days = { $count ->
    [one] { $count } рабочего дня
   *[other] { $count } рабочих дней
}
applicant-deadline-calendar_days = { $count ->
    [one] { $count } дня
   *[other] { $count } дней
}
applicant-deadline-months = { $count ->
    [one] { $count } месяца
   *[other] { $count } месяцев
}
applicant-deadline-years = { $count ->
    [one] { $count } года
   *[other] { $count } лет
}
applicant-tier-standard = Обычный
applicant-tier-urgent = Срочный
applicant-tier-fast = Ускоренный
applicant-tier-faster = Особо ускоренный

## Список задач
applicant-task-list-title = Ваше заявление
applicant-task-list-saved = Ответы сохраняются каждый раз, когда вы продолжаете, поэтому можно уйти и вернуться позже.
applicant-task-list-progress = Заполнено разделов: { $done }
applicant-task-list-of = из { $total }.
applicant-group-form = Ваши данные
applicant-group-evidence = Документы и пошлина
applicant-group-submit = Подача
applicant-section-personal = Личные данные
applicant-section-document = Проездной документ
applicant-section-contact = Контактные данные
applicant-section-details = О заявлении
applicant-status-completed = Заполнено
applicant-status-incomplete = Не заполнено
applicant-status-not-started = Не начато
applicant-status-cannot-start = Пока недоступно
applicant-returned-title = Заявление возвращено для исправления
applicant-back-to-tasks = Назад к заявлению
applicant-back-to-application = Назад к заявлению
applicant-save-continue = Сохранить и продолжить
applicant-come-back-later = Вернуться к заявлению, не сохраняя эту страницу
applicant-date-day = День
applicant-date-month = Месяц
applicant-date-year = Год
applicant-hint-date = Например, 27 3 1990
applicant-hint-country = Трёхбуквенный код страны, например AZE, RUS или TUR
applicant-hint-document_number = Буквы и цифры, как в документе, без пробелов
applicant-hint-phone = В международном формате, например +994501234567
applicant-hint-email = На этот адрес мы будем сообщать о ходе рассмотрения
applicant-hint-tin = 10 цифр
applicant-hint-receipt = Номер квитанции, например BAK1-2026-000123-7
applicant-hint-integer = Целое число
applicant-hint-money = Сумма в гяпиках (1 манат = 100 гяпиков)

## Ошибки в ответах
applicant-problem-required = Укажите: { $field }
applicant-problem-too_long = Поле «{ $field }» слишком длинное
applicant-problem-control_character = Поле «{ $field }» содержит недопустимые символы
applicant-problem-not_a_date = Поле «{ $field }» должно быть реальной датой
applicant-problem-not_a_country = Поле «{ $field }» должно быть трёхбуквенным кодом страны, например AZE
applicant-problem-not_a_document_number = Поле «{ $field }» может содержать только буквы A–Z и цифры
applicant-problem-already_registered = Вы уже зарегистрировали этот паспорт по месту пребывания с той же даты
applicant-problem-not_a_receipt = Поле «{ $field }» должно быть правильным номером квитанции
applicant-problem-not_in_choices = Выберите один из вариантов: { $field }
applicant-problem-not_a_number = Поле «{ $field }» должно быть целым числом
applicant-problem-out_of_range = Поле «{ $field }» вне допустимого диапазона
applicant-problem-not_an_email = Поле «{ $field }» должно быть адресом электронной почты, например name@example.com
applicant-problem-not_a_phone = Поле «{ $field }» должно быть номером телефона в международном формате, например +994501234567
applicant-problem-not_a_tin = Поле «{ $field }» должно состоять из 10 цифр
applicant-problem-out_of_order = Поле «{ $field }» не может быть раньше предшествующей даты
applicant-problem-unknown_field = Поле «{ $field }» не относится к этой форме
applicant-problem-refused = Заявление не удалось сохранить. Проверьте ответы и попробуйте снова.
applicant-problem-empty = Выбранный файл пуст
applicant-problem-too_large = Выбранный файл слишком большой
applicant-problem-unsupported_type = Выбранный файл должен быть в формате PDF, JPG или PNG
applicant-problem-corrupt = Выбранный файл повреждён или неполон
applicant-problem-too_many_pixels = Выбранное изображение слишком большое; используйте фото или скан меньшего размера
applicant-problem-active_content = Выбранный файл содержит активное содержимое (скрипты, открываемые ссылки или вложенные файлы) и не может быть принят
applicant-problem-encrypted = Выбранный PDF защищён паролем; загрузите незащищённую копию
applicant-problem-quota_exceeded = К этому заявлению уже приложено максимальное количество документов
applicant-problem-unknown_document = Выберите, какой это документ
applicant-problem-no_fee_for_term = Закон не устанавливает пошлину для запрошенного срока: выберите другой срок (1,5 и 2 года — только для работы на освобождённых территориях)
applicant-problem-regime_not_in_force = { $field }: этот режим не действует на день подачи

## Документы
applicant-documents-title = Документы
applicant-documents-count = { $count ->
    [one] загружен { $count } файл
    [few] загружено { $count } файла
   *[other] загружено { $count } файлов
}
applicant-documents-wanted = Документы, которые требует услуга
applicant-documents-document = Документ
applicant-documents-types = Типы файлов
applicant-documents-state = Состояние
applicant-documents-uploaded = Загружен
applicant-documents-missing = Нужен
applicant-documents-none = Не загружен
applicant-documents-your-files = Ваши файлы
applicant-documents-kind = Тип
applicant-documents-file-size = Размер
applicant-documents-size = { $kib } КБ
applicant-documents-when = Дата загрузки
applicant-documents-add = Загрузить документ
applicant-documents-which = Какой это документ?
applicant-documents-choose = Выберите документ
applicant-documents-file = Файл
applicant-documents-file-hint = Файл PDF, JPG или PNG размером не более { $mib } МБ
applicant-documents-upload = Загрузить файл
applicant-documents-type-required = Выберите, какой это документ
applicant-documents-file-required = Выберите файл
applicant-documents-too-large = Выбранный файл должен быть меньше { $mib } МБ

## Пошлина
applicant-fee-title = Государственная пошлина
applicant-fee-hint = От размера пошлины зависит, как быстро будет принято решение.
applicant-fee-required = Выберите вариант

## Проверка ответов
applicant-check-title = Проверьте ответы перед подачей
applicant-change = Изменить
applicant-not-given = Не указано
applicant-eligibility-title = Условия услуги
applicant-eligibility-hint = Это лишь подсказка на основе ваших ответов. Решение принимает управление.
applicant-eligibility-met = Выполнено
applicant-eligibility-not-met = Не выполнено
applicant-eligibility-unknown = Проверяет управление
applicant-eligibility-apply-by = подать до { $date }
applicant-declaration-title = Теперь отправьте заявление
applicant-declaration-text = Отправляя заявление, вы подтверждаете, что, насколько вам известно, указанные сведения верны.
applicant-submit = Подтвердить и отправить

## Подтверждение
applicant-confirmation-title = Заявление отправлено
applicant-confirmation-receipt = Номер вашей квитанции
applicant-confirmation-keep = Сохраните номер квитанции. По нему любой может проверить состояние заявления.
applicant-confirmation-next = Что дальше
applicant-confirmation-next-text = Управление проверит заявление и примет решение до { $date }.
applicant-confirmation-requests = Если управлению понадобятся дополнительные сведения, мы сообщим вам, и вы сможете ответить на странице заявления.
applicant-confirmation-follow = Следить за заявлением

## Заявления и их состояние
applicant-list-title = Ваши заявления
applicant-list-new = Подать заявление на электронную услугу
applicant-list-none = У вас пока нет заявлений.
applicant-list-service = Услуга
applicant-receipt = Номер квитанции
applicant-status = Состояние
applicant-submitted = Дата подачи
applicant-deadline = Срок решения
applicant-decided = Дата решения
applicant-grounds = Основания решения
applicant-overdue = Просрочено
applicant-status-caption = Заявление
applicant-request-title = Управление запрашивает дополнительные сведения
applicant-answer-label = Ваш ответ
applicant-answer-hint = Если управление запросило документ, сначала загрузите его и упомяните здесь.
applicant-answer-send = Отправить ответ
applicant-history-title = История
applicant-issued-title = Выданные документы
applicant-issued-number = Номер
applicant-issued-kind = Документ
applicant-issued-valid = Действителен
applicant-issued-file = Файл
applicant-issued-download = Скачать PDF
applicant-issued-revoked = Отозван
applicant-issued-permit = Разрешение
applicant-issued-decision = Решение
applicant-issued-registration = Регистрация
applicant-issued-certificate = Удостоверение
applicant-withdraw-link = Отозвать это заявление
applicant-withdraw-title = Вы уверены, что хотите отозвать это заявление?
applicant-withdraw-hint = Отозванное заявление нельзя отправить снова; придётся подать новое.
applicant-withdraw-required = Выберите «Да», если хотите отозвать заявление
applicant-yes = Да
applicant-no = Нет
applicant-state-draft = Черновик
applicant-state-submitted = Отправлено
applicant-state-returned_for_correction = Возвращено для исправления
applicant-state-accepted = Принято
applicant-state-assigned = На рассмотрении
applicant-state-in_review = На рассмотрении
applicant-state-information_requested = Запрошены сведения
applicant-state-decision_proposed = Решение утверждается
applicant-state-approved = Одобрено
applicant-state-refused = Отказано
applicant-state-appealed = Обжаловано
applicant-state-closed = Закрыто
applicant-state-withdrawn = Отозвано
applicant-state-awaiting_payment = Ожидает оплаты
applicant-state-lapsed_unpaid = Утратило силу: пошлина не оплачена
applicant-state-left_without_consideration = Оставлено без рассмотрения
applicant-state-proceedings_terminated = Производство прекращено
applicant-state-suspended = Приостановлено
applicant-state-forwarded = Направлено для принятия решения
applicant-event-create = Заявление начато
applicant-event-edit = Ответы сохранены
applicant-event-submit = Заявление отправлено
applicant-event-withdraw = Заявление отозвано
applicant-event-return_for_correction = Возвращено для исправления
applicant-event-accept = Принято к рассмотрению
applicant-event-assign = Передано сотруднику
applicant-event-start_review = Рассмотрение начато
applicant-event-request_information = Запрошены дополнительные сведения
applicant-event-provide_information = Сведения представлены
applicant-event-propose = Предложено решение
applicant-event-confirm = Решение принято
applicant-event-send_back = Возвращено на рассмотрение
applicant-event-close = Закрыто
applicant-event-appeal = Обжаловано
applicant-event-decide_appeal = Жалоба рассмотрена
applicant-event-identity_check = Личность проверена в окне обслуживания
applicant-event-fee_taken = Пошлина оплачена в окне обслуживания
applicant-event-register = Зарегистрировано
applicant-event-payment_recorded = Госпошлина оплачена
applicant-event-lapse_unpaid = Утратило силу: госпошлина не оплачена в срок
applicant-event-reply_period_ended = Оставлено без рассмотрения: ответ не поступил в срок
applicant-event-suspend = Рассмотрение приостановлено
applicant-event-resume = Рассмотрение возобновлено
applicant-event-terminate = Производство прекращено
applicant-event-extend_deadline = Срок рассмотрения продлён
applicant-event-exempt_from_duty = Освобождено от госпошлины
applicant-event-forward = Направлено для принятия решения
applicant-event-record_decree = Внесён указ
applicant-event-duty_refunded = Госпошлина возвращена
applicant-reply-by = Ответить до
applicant-payment-number = Номер платежа
applicant-duty-amount = Госпошлина
applicant-duty-pay-by = оплатить до
applicant-stateless-offer = Ваше гражданство не удалось определить: вы документированы как лицо без гражданства и можете подать заявление на разрешение на временное проживание в этом качестве.
applicant-stateless-apply = Подать заявление на разрешение на временное проживание
applicant-next-title = Что будет дальше
applicant-next-awaiting_payment = Ваше заявление удовлетворено. Оплатите государственную пошлину { $amount }, указав номер платежа { $number }, до { $date }. Документ выдаётся после поступления оплаты. Если пошлина не будет оплачена к этому сроку, разрешение утрачивает силу и документ не выдаётся.
applicant-next-lapsed_unpaid = Государственная пошлина не была оплачена вовремя, поэтому разрешение утратило силу { $date } и документ не выдан. Вы можете подать заявление снова.
applicant-next-left_without_consideration = Вы не ответили на запрос ведомства вовремя, поэтому заявление оставлено без рассмотрения. Вы можете подать заявление снова.
applicant-next-forwarded = Ведомство проверило ваше заявление и направило его органу, который принимает решение: решение принимает Президент Республики указом. Об указе вам сообщат здесь.
applicant-next-suspended = Рассмотрение приостановлено, пока запрашивается другой орган. Срок на это время стоит и продлевается на дни простоя.
applicant-next-proceedings_terminated = Производство по вашему заявлению прекращено без решения: { $reason }.
applicant-next-refused = Вы можете обжаловать отказ в апелляционном совете в течение одного месяца со дня уведомления, подав жалобу с номером квитанции этого заявления.
applicant-termination-applicant_left = вы покинули страну
applicant-termination-applicant_died = заявитель умер
applicant-termination-processing_stopped = рассмотрение прекращено (отказ от сотрудничества или ложные сведения)
applicant-extended = Срок продлён
applicant-extended-value = с { $from } до { $to }. Причина: { $reason }
applicant-interview-on = { $date }
applicant-interview-interpreter = с переводчиком: { $language }
applicant-interview-held = проведено { $date }
applicant-forwarded-on = Направлено на решение
applicant-decree = Указ
applicant-decree-granted = Удовлетворено указом № { $number } от { $date }
applicant-decree-refused = Отказано указом № { $number } от { $date }
applicant-event-court_annuls = Отказ отменён судом
applicant-event-annul_cancellation = Аннулирование отменено по жалобе
