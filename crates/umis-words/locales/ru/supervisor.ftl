## Панель руководителя.

supervisor-title = Управление { $office }: панель руководителя
supervisor-open-total = { $n ->
    [one] { $n } открытое дело (дела о предоставлении убежища не учтены).
    [few] { $n } открытых дела (дела о предоставлении убежища не учтены).
    [many] { $n } открытых дел (дела о предоставлении убежища не учтены).
   *[other] { $n } открытых дела (дела о предоставлении убежища не учтены).
}
supervisor-overdue = Дела с истёкшим установленным сроком
supervisor-overdue-none = Открытых дел с истёкшим сроком нет.
supervisor-overdue-more = Просроченных дел больше, чем показано; первыми показаны наиболее просроченные.
supervisor-receipt = Номер квитанции
supervisor-service = Услуга
supervisor-status = Статус
supervisor-officer = Сотрудник
supervisor-due = Срок
supervisor-days-over = Дней просрочки
supervisor-unassigned = Не назначено
supervisor-workload = Нагрузка
supervisor-by-state = Открытые дела по статусам
supervisor-by-state-desc = Столбчатая диаграмма открытых дел управления в каждом статусе. Те же цифры приведены в таблице ниже.
supervisor-by-officer = Открытые дела по сотрудникам
supervisor-cases = Дела
supervisor-overdue-count = Просрочено
supervisor-none = Нет.
supervisor-in-time = Решения в установленный срок за последние 12 месяцев
supervisor-in-time-desc = Столбчатая диаграмма доли решений по каждой услуге, принятых в установленный срок. Те же цифры приведены в таблице ниже.
supervisor-decided = Решений
supervisor-within = В срок
supervisor-share = Доля
supervisor-median = Медианный срок
supervisor-state-submitted = Подано
supervisor-state-accepted = Принято
supervisor-state-returned_for_correction = Возвращено на исправление
supervisor-state-information_requested = Запрошены сведения
supervisor-state-assigned = Назначено
supervisor-state-in_review = На рассмотрении
supervisor-state-decision_proposed = Предложено решение
supervisor-state-suspended = Приостановлено
supervisor-state-appealed = Обжаловано
