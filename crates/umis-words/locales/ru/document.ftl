# Печатные слова документа.

document-system = Единая миграционная информационная система
document-holder = Владелец
document-number = Номер документа
document-birth = Дата рождения
document-travel_document = Проездной документ
document-valid_from = Действует с
document-valid_until = Действует до
document-employer = ИНН работодателя
document-issued = Дата выдачи
document-key = Ключ подписи
document-note = Отсканируйте QR-код, чтобы проверить документ: подпись подтверждает данные выше.
document-grounds = Основания
document-grounds_note = Примечание

document-title-temporary_residence = Разрешение на временное проживание
document-title-permanent_residence = Разрешение на постоянное проживание
document-title-work = Разрешение на работу
document-title-refugee = Удостоверение беженца
document-title-stay_extension = Продление срока пребывания
document-title-citizenship_acquisition = Решение о приёме в гражданство
document-title-citizenship_restoration = Решение о восстановлении в гражданстве
document-title-place_of_stay = Регистрация по месту пребывания

document-type-permit = Разрешение
document-type-decision = Решение
document-type-registration = Регистрация
document-type-certificate = Удостоверение
document-title-refusal = Решение об отказе
