control-findings-title = Выявленные нарушения режима пребывания
control-findings-intro = Превышения срока пребывания, незарегистрированное пребывание и пробелы в пограничных данных, найденные проверкой режима пребывания. Откройте карточку иностранца, чтобы увидеть основания и закрыть нарушение.
control-filter-kind = Вид нарушения
control-filter-status = Состояние
control-filter-any = Все
control-filter-apply = Показать
control-findings-caption = Нарушения
control-findings-none = Нет нарушений с такими условиями отбора.
control-pagination = Страницы списка нарушений
control-first-page = Первая страница
control-next-page = Следующая страница
control-col-traveller = Иностранец
control-col-kind = Вид
control-col-date = Дата
control-col-detail = Подробности
control-col-status = Состояние
control-col-name = Имя
control-col-document = Документ
control-col-nationality = Гражданство
control-col-birth = Дата рождения
control-col-last-entry = Последний въезд
control-col-entry = Въезд
control-col-last-day = Последний день
control-col-basis = Основание въезда
control-col-limit = Предел (дней)
control-col-lawful = Законных дней
control-col-overstay = Дней сверх срока
control-col-direction = Направление
control-col-border-point = Пункт пропуска
control-col-number = Номер
control-col-valid = Действует
control-col-submitted = Подано
control-col-address = Адрес
control-col-stay = Пребывание
control-kind-overstay = Превышение срока
control-kind-unregistered_stay = Пребывание без регистрации
control-kind-anomaly = Несоответствие данных
control-kind-trp_absence = Долгое отсутствие владельца разрешения на временное проживание
control-detail-trp-absence = Разрешение { $permit }: { $days } дн. за пределами страны за { $window } дн. по { $day } (допускается не более { $limit }). Перед аннулированием проверьте, не является ли владелец высококвалифицированным мигрантом.
control-status-open = Открыто
control-status-resolved = Закрыто
control-status-any = Все
control-detail-overstay = { $days ->
    [one] Срок превышен на { $days } день
    [few] Срок превышен на { $days } дня
   *[other] Срок превышен на { $days } дней
}
control-detail-unregistered = Регистрация требовалась до { $deadline }
control-anomaly-exit_without_entry = Выезд без записанного въезда
control-anomaly-entry_without_exit = Въезд без записанного выезда
control-resolution-fined = Наложен штраф
control-resolution-departed = Выехал из страны
control-resolution-registered_late = Зарегистрирован с опозданием
control-resolution-data_error = Ошибка в данных
control-resolution-no_action = Меры не требуются
control-resolution-obsolete = Данные больше не подтверждают
control-search-title = Поиск иностранца
control-search-name = Имя
control-search-name-hint = Фамилия и (или) имя в любом написании: латиницей, кириллицей или по-азербайджански. Небольшие опечатки допускаются.
control-search-document = Или поиск по документу
control-search-document-hint = Номер документа точно как напечатан; государство выдачи сужает поиск.
control-search-document-number = Номер документа
control-search-issuing-state = Государство выдачи (необязательно)
control-search-issuing-state-hint = Трёхбуквенный код, например RUS или DEU
control-search-submit = Найти
control-search-empty = Введите имя или номер документа
control-search-invalid-name = Введите имя, состоящее из букв
control-search-invalid-document_number = Введите номер документа только из латинских букв A–Z и цифр
control-search-invalid-issuing_state = Введите государство выдачи трёхбуквенным кодом и вместе с ним номер документа
control-too-long = Введите не больше { $max } символов
control-search-results = { $count ->
    [one] Найден { $count } иностранец
    [few] Найдено { $count } иностранца
   *[other] Найдено { $count } иностранцев
}
control-search-more = Показаны { $shown } лучших совпадений. Добавьте имя или номер документа, чтобы сузить поиск.
control-search-none = Совпадений нет. Проверьте написание или ищите по номеру документа.
control-search-caption = Найденные иностранцы
control-inside = В стране
control-outside = Не в стране
control-open-findings = { $count ->
    [one] { $count } открытое нарушение
    [few] { $count } открытых нарушения
   *[other] { $count } открытых нарушений
}
control-back-to-search = Назад к поиску
control-traveller-caption = Иностранец
control-other-names = Другие написания
control-as-of = Состояние на
control-findings-heading = Нарушения
control-findings-none-traveller = У этого иностранца нарушений нет.
control-resolve-legend = Как закрыто это нарушение?
control-resolve-note = Примечание
control-resolve-note-hint = Например, номер квитанции штрафа или почему меры не требуются. Не больше { $max } символов.
control-resolve-submit = Закрыть нарушение
control-resolve-choose = Выберите, как закрыто нарушение
control-resolve-note-required = Введите примечание
control-resolve-note-bad = В примечании есть символы, которые нельзя сохранить
control-resolve-already = Это нарушение уже закрыто
control-done = Готово
control-resolved-banner = Нарушение закрыто и записано в карточку иностранца.
control-stays-heading = Периоды пребывания
control-stays-none = Периодов пребывания нет: въезд не записан.
control-dropped = Не оценивался
control-trace = Как рассчитаны периоды пребывания
control-crossings-heading = Пересечения границы
control-permits-heading = Разрешения
control-registrations-heading = Регистрация по месту пребывания
control-none = Записей нет.
control-direction-entry = Въезд
control-direction-exit = Выезд
control-basis-visa_free = Безвизовый
control-basis-e_visa = Электронная виза
control-basis-visa = Виза
control-basis-residence_permit = Вид на жительство
control-basis-other = Другое
control-permit-temporary_residence = Временное проживание
control-permit-permanent_residence = Постоянное проживание
control-permit-work = Разрешение на работу
control-permit-refugee = Статус беженца
control-permit-stay_extension = Продление пребывания
control-permit-status-active = Действует
control-permit-status-revoked = Отозвано
control-kind-registration_not_ended = Регистрация не снята при выезде
control-detail-registration-not-ended = Регистрация { $registration } продолжала действовать после выезда { $day }, и владелец не вернулся до её окончания. Принимающая сторона или иностранец должны были сообщить о выезде для снятия с учёта; срок для этого законом не установлен.
