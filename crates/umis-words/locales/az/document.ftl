# Sənədin çap olunan sözləri.

document-system = Vahid Miqrasiya İnformasiya Sistemi
document-holder = Sənədin sahibi
document-number = Sənədin nömrəsi
document-birth = Doğum tarixi
document-travel_document = Səyahət sənədi
document-valid_from = Qüvvəyə minmə tarixi
document-valid_until = Bitmə tarixi
document-employer = İşəgötürənin VÖEN-i
document-issued = Verilmə tarixi
document-key = İmza açarı
document-note = Sənədi yoxlamaq üçün QR kodu skan edin: imza yuxarıdakı məlumatları təsdiq edir.
document-grounds = Əsaslar
document-grounds_note = Qeyd

document-title-temporary_residence = Müvəqqəti yaşamaq üçün icazə
document-title-permanent_residence = Daimi yaşamaq üçün icazə
document-title-work = İş icazəsi
document-title-refugee = Qaçqın vəsiqəsi
document-title-stay_extension = Müvəqqəti olma müddətinin uzadılması
document-title-citizenship_acquisition = Vətəndaşlığın qəbulu haqqında qərar
document-title-citizenship_restoration = Vətəndaşlığın bərpası haqqında qərar
document-title-place_of_stay = Olduğu yer üzrə qeydiyyat

document-type-permit = İcazə
document-type-decision = Qərar
document-type-registration = Qeydiyyat
document-type-certificate = Vəsiqə
document-title-refusal = İmtina haqqında qərar
