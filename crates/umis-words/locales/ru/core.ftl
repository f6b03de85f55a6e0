## The frame of every page
service-name = Миграционные электронные услуги
phase = Демонстрация
phase-text = Это работающая система с демонстрационными данными.
language-name = Русский
language-switcher = Язык
menu = Меню
service-information = О сервисе
skip-to-content = Перейти к основному содержанию
sign-in = Войти
sign-out = Выйти
continue = Продолжить
back = Назад
back-home = На начальную страницу
notice-title = Готово
session-warning-title = Скоро вы выйдете из системы
session-warning-text = Вы давно не были активны. Чтобы защитить ваши данные, через 2 минуты сеанс будет завершён.
session-warning-stay = Остаться в системе
session-notice = В целях безопасности сеанс завершается после 30 минут бездействия.
footer-links = Ссылки поддержки
footer-api = Обмен данными (API)
footer-licence = umis — открытое программное обеспечение под лицензией Apache License 2.0.
error-prefix = Ошибка:
error-summary-title = Есть проблема

## Navigation
nav-home = Главная
nav-status = Статус заявления
nav-stay-calculator = Калькулятор пребывания
nav-registration-deadline = Срок регистрации
nav-verify = Проверить документ
nav-statistics = Статистика
nav-applications = Заявления
nav-services = Подать заявление
nav-host-guests = Гости
nav-host-register = Зарегистрировать гостя
nav-host-upload = Загрузить гостей (CSV)
nav-employer-permits = Разрешения на работу
nav-employer-employees = Иностранные работники
nav-counter = Окно обслуживания
nav-office-queue = Очередь дел
nav-office-findings = Контроль пребывания
nav-office-travellers = Поиск лиц
nav-office-dashboard = Панель отдела

## Roles
role-applicant = Заявитель
role-host = Принимающая сторона
role-employer = Работодатель
role-operator = Оператор центра обслуживания
role-officer = Сотрудник миграционной службы
role-supervisor = Руководитель
role-refugee_officer = Сотрудник по статусу беженца
role-border_officer = Пограничник
role-auditor = Аудитор
role-admin = Администратор
role-border-feed = Пограничный поток данных
role-payment-gateway = Платёжный шлюз
role-partner-agency = Ведомство-партнёр

## Error pages
error-not-found-title = Страница не найдена
error-not-found-text = Если вы ввели адрес вручную, проверьте его. Если вы перешли по ссылке, страница или запись может не существовать или быть вам недоступна.
error-forbidden-title = Вы не можете открыть эту страницу
error-forbidden-text = Ваша учётная запись не даёт доступа к этой странице. Попытка записана.
error-token-title = Срок действия формы истёк
error-token-text = Форма отправлена не с этого сайта или устарела. Вернитесь, обновите страницу и попробуйте снова.
error-sign-in-title = Войдите, чтобы продолжить
error-sign-in-text = Чтобы открыть эту страницу, нужно войти в систему.
error-bad-request-title = Запрос непонятен
error-bad-request-text = Проверьте введённые данные и попробуйте снова.
error-too-large-title = Слишком много данных
error-too-large-text = Отправленные данные больше, чем принимает эта страница.
error-too-many-title = Слишком много запросов
error-too-many-text = Подождите немного и попробуйте снова.
error-internal-title = Извините, в работе сервиса проблема
error-internal-text = Попробуйте позже. Введённые данные не сохранены.
error-timeout-title = Сервис отвечает слишком долго
error-timeout-text = Ваш запрос остановлен после слишком долгого ожидания. Он мог быть сохранён, а мог и не быть: проверьте, прежде чем отправлять его снова.

## Start page
home-title = Миграционные электронные услуги
home-lead = Подавайте заявления на разрешения и регистрацию, следите за ними и проверяйте документы — онлайн, на азербайджанском, английском или русском языке.
home-sign-in-hint = Чтобы подать заявление, войдите или создайте учётную запись. Проверить статус заявления, рассчитать срок пребывания или проверить документ можно без учётной записи.
home-start = Начать
home-create-account = Создать учётную запись
home-your-work = Ваша работа
home-services = Электронные услуги
home-public-tools = Без учётной записи
home-signed-out = Вы вышли из системы.
home-welcome = Учётная запись создана, вы вошли в систему.

## Signing in
sign-in-title = Вход
sign-in-password-required = Введите пароль
sign-in-refused = Неверное имя пользователя или пароль
sign-in-throttled = Слишком много попыток. Повторите через { $seconds } с.
sign-in-expired = Сеанс завершён после 30 минут бездействия. Войдите снова, чтобы продолжить.
sign-in-code-title = Введите код из приложения-аутентификатора
sign-in-code-hint = Шестизначный код меняется каждые 30 секунд.
sign-in-code-format = Введите 6 цифр кода
sign-in-code-refused = Код неверен или уже использован

## Creating an account
account-new-title = Создание учётной записи
account-new-role = Кто вы?
account-new-role-required = Выберите, кто вы
account-new-role-hint-applicant = Иностранец или лицо без гражданства, подающее заявление за себя.
account-new-role-hint-host = Гостиница, арендодатель или другая принимающая сторона, регистрирующая гостей.
account-new-role-hint-employer = Работодатель, подающий заявления на разрешения на работу.
account-new-password-hint = Не менее 15 символов. Фразу из нескольких слов легко запомнить и трудно угадать.
account-new-password-mismatch = Пароли не совпадают
account-new-submit = Создать учётную запись

## Form fields and problems
field-username = Имя пользователя
field-password = Пароль
field-password_again = Пароль ещё раз
field-display_name = Полное имя
field-email = Адрес электронной почты (необязательно)
form-required = Укажите: { $field }
form-too-long = { $field }: не более { $max } символов
form-bad-characters = { $field }: недопустимые символы
form-refused = Это действие невозможно
# A deadline that runs into a year whose public holidays are not loaded yet.
form-beyond-calendar = Календарь рабочих дней охватывает только { $first }–{ $last } гг.: срок по этому заявлению приходится на { $year } г., который нельзя рассчитать, пока не внесены праздничные дни этого года. Повторите попытку позже или обратитесь в отдел.
form-beyond-calendar-date = Пока неизвестно: календарь не охватывает { $year } г.

## Dates and counts
date-long = { $day } { $month } { $year } г.
month-1 = января
month-2 = февраля
month-3 = марта
month-4 = апреля
month-5 = мая
month-6 = июня
month-7 = июля
month-8 = августа
month-9 = сентября
month-10 = октября
month-11 = ноября
month-12 = декабря
days-count = { $count ->
    [one] { $count } день
    [few] { $count } дня
   *[many] { $count } дней
}

fee-basis = Основание пошлины
fee-scale-adult = Ставка для взрослых
fee-scale-minor = Ставка для несовершеннолетних (до 18 лет)
fee-scale-student = Ставка для студентов очной формы
fee-basis-periods = { $periods } × { $days } дн.
